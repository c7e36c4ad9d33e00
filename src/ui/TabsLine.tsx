import {Box, Text} from 'ink';
import {useTheme} from './hooks/use-theme.js';
import type {ScreenName} from './key-map.js';

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
	/** The data's name, shown at the right. */
	dataName: string;
};

/** The top line: the app, the three models (the active one highlighted) and the data. */
export function TabsLine({active, dataName}: TabsLineProps) {
	const theme = useTheme();
	return (
		<Box>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>gdlab </Text>
				{screenTabs.map(tab => (
					<Text key={tab.screen} inverse={tab.screen === active} bold={tab.screen === active}>{` ${tab.key} ${tab.title} `}</Text>
				))}
				<Text dimColor>{`  ${dataName}`}</Text>
			</Text>
		</Box>
	);
}
