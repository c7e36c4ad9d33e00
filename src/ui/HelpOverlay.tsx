import {Box, Text} from 'ink';
import {Footer} from './Footer.js';
import {helpFooterHints, helpKeys, keysFor, type ScreenName} from './key-map.js';
import {displayWidth, truncateToWidth, wrapToWidth} from './text-width.js';

/** Props of HelpOverlay. */
export type HelpOverlayProps = {
	/** The screen it opened on: the keys listed are those that work there. */
	screen: ScreenName;
	/** Lines under the keys: the data, saved runs. */
	about: string[];
	/** Columns available. */
	width: number;
	/** Rows available, its footer included. */
	height: number;
};

/** Spaces between the two columns of keys, so a truncated description never runs into the next key. */
const columnGap = 2;

/** Every key of the screen in full, in place of its panels, then a few lines about the data, and a footer saying how to close it. */
export function HelpOverlay({screen, about, width, height}: HelpOverlayProps) {
	const keyMap = keysFor(screen);
	const keyWidth = Math.max(...keyMap.map(hint => displayWidth(helpKeys(hint)))) + 2;
	// the lines about the data wrap while the keys (in two columns) leave room, the notes and the saved run
	// first and the data's long list of features last; any without room are cut to one line each
	const aboutRoom = height - 1 - Math.ceil(keyMap.length / 2);
	const shown: string[][] = about.map(line => [truncateToWidth(line, width)]);
	let used = about.length;
	for (let index = about.length - 1; index >= 0; index--) {
		const wrapped = wrapToWidth(about[index]!, width);
		if (used - 1 + wrapped.length <= aboutRoom) {
			shown[index] = wrapped;
			used += wrapped.length - 1;
		}
	}

	const aboutLines = shown.flat();

	const listRows = height - 1 - aboutLines.length;
	const columns = keyMap.length <= listRows ? 1 : 2;
	// room for a description: its column less the key and the gap; a long one that does not fit gives way to its brief
	const room = Math.floor(width / columns) - keyWidth - (columns > 1 ? columnGap : 0);
	const describe = (hint: (typeof keyMap)[number]) => (displayWidth(hint.long) <= room || hint.brief === undefined ? hint.long : hint.brief);
	return (
		<Box flexDirection="column" height={height}>
			<Box flexDirection="column" flexWrap="wrap" width={width} height={listRows} overflow="hidden">
				{keyMap.map(hint => (
					<Box key={hint.keys} width={Math.floor(width / columns)} paddingRight={columns > 1 ? columnGap : 0}>
						<Box width={keyWidth} flexShrink={0}><Text bold>{helpKeys(hint)}</Text></Box>
						<Text wrap="truncate">{describe(hint)}</Text>
					</Box>
				))}
			</Box>
			{/* the data's feature names and the saved run's file may be wide (CJK): wrapped or cut here, by columns, not by Ink */}
			{aboutLines.map((line, index) => <Text key={index} dimColor wrap="truncate">{line}</Text>)}
			<Footer hints={helpFooterHints} width={width}/>
		</Box>
	);
}
