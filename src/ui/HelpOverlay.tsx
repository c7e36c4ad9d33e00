import {Box, Text} from 'ink';
import {Footer} from './Footer.js';
import {helpFooterHints, keyMap} from './key-map.js';

/** Props of HelpOverlay. */
export type HelpOverlayProps = {
	/** Columns available. */
	width: number;
	/** Rows available, its footer included. */
	height: number;
};

/** Every key in full, in place of a screen's panels, with a footer saying how to close it. */
export function HelpOverlay({width, height}: HelpOverlayProps) {
	const keyWidth = Math.max(...keyMap.map(hint => hint.keys.length)) + 2;
	const listRows = height - 1;
	const columns = keyMap.length <= listRows ? 1 : 2;
	return (
		<Box flexDirection="column" height={height}>
			<Box flexDirection="column" flexWrap="wrap" width={width} height={listRows} overflow="hidden">
				{keyMap.map(hint => (
					<Box key={hint.keys} width={Math.floor(width / columns)}>
						<Box width={keyWidth} flexShrink={0}><Text bold>{hint.keys}</Text></Box>
						<Text wrap="truncate">{hint.long}</Text>
					</Box>
				))}
			</Box>
			<Footer hints={helpFooterHints} width={width}/>
		</Box>
	);
}
