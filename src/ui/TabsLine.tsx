import {Box, Text} from 'ink';
import type {SplitDataset} from '../data/dataset.js';
import {describeDataShort} from './describe-data.js';
import {useTheme} from './hooks/use-theme.js';
import type {ScreenName} from './key-map.js';
import {displayWidth} from './text-width.js';

/** The tabs in order, with the number key that picks each, and a shorter title for a narrow terminal. */
export const screenTabs: ReadonlyArray<{screen: ScreenName; key: string; title: string; short: string}> = [
	{screen: 'single', key: '1', title: 'Single unit', short: 'Single'},
	{screen: 'forward', key: '2', title: 'Forward 4×3×2', short: 'Forward'},
	{screen: 'backprop', key: '3', title: 'Backprop', short: 'Backprop'},
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

/** The top line's tabs and the gap after them, in columns, with the tabs' full or short titles. */
function tabsWidth(short: boolean): number {
	return displayWidth('gdlab ') + screenTabs.reduce((sum, tab) => sum + displayWidth(` ${tab.key} ${short ? tab.short : tab.title} `), 0) + displayWidth(dataGap);
}

/**
 * The top line: the app, the three models (the active one highlighted) and the data with its size. Where the
 * data's name would be cut beside the tabs' full titles (60 columns), the tabs take their short ones.
 */
export function TabsLine({active, split, width}: TabsLineProps) {
	const theme = useTheme();
	const short = width - tabsWidth(false) < displayWidth(split.dataset.name);
	return (
		<Box>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>gdlab </Text>
				{screenTabs.map(tab => (
					<Text key={tab.screen} inverse={tab.screen === active} bold={tab.screen === active}>{` ${tab.key} ${short ? tab.short : tab.title} `}</Text>
				))}
				<Text dimColor>{`${dataGap}${describeDataShort(split, width - tabsWidth(short))}`}</Text>
			</Text>
		</Box>
	);
}
