import {Box, Text} from 'ink';
import type {SplitDataset} from '../data/dataset.js';
import {describeDataShort} from './describe-data.js';
import {useTheme} from './hooks/use-theme.js';
import type {ScreenName} from './key-map.js';
import {displayWidth} from './text-width.js';

/** The tabs in order, with the number key that picks each. */
export const screenTabs: ReadonlyArray<{screen: ScreenName; key: string; title: string}> = [
	{screen: 'single', key: '1', title: 'Single unit'},
	{screen: 'forward', key: '2', title: 'Forward 4×3×2'},
	{screen: 'backprop', key: '3', title: 'Backprop'},
];

/** Props of TabsLine. */
export type TabsLineProps = {
	/** The screen on show. */
	active: ScreenName;
	/** The data and its split, named with its size at the right. */
	split: SplitDataset;
	/** Columns available. */
	width: number;
};

/** Spaces between the last tab and the data's name. */
const dataGap = '  ';

/** The top line: the app, the three models (the active one highlighted) and the data with its size. */
export function TabsLine({active, split, width}: TabsLineProps) {
	const theme = useTheme();
	const tabsWidth = displayWidth('gdlab ') + screenTabs.reduce((sum, tab) => sum + displayWidth(` ${tab.key} ${tab.title} `), 0) + displayWidth(dataGap);
	return (
		<Box>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>gdlab </Text>
				{screenTabs.map(tab => (
					<Text key={tab.screen} inverse={tab.screen === active} bold={tab.screen === active}>{` ${tab.key} ${tab.title} `}</Text>
				))}
				<Text dimColor>{`${dataGap}${describeDataShort(split, width - tabsWidth)}`}</Text>
			</Text>
		</Box>
	);
}
