import {Text} from 'ink';
import {packKeyHints, type KeyHint} from './key-map.js';

/** Props of Footer. */
export type FooterProps = {
	/** The keys of the screen, in order of importance. */
	hints: readonly KeyHint[];
	/** Columns available. */
	width: number;
};

/** The key line at the bottom: as many keys as fit, always ? help and q quit. */
export function Footer({hints, width}: FooterProps) {
	return <Text dimColor wrap="truncate">{packKeyHints(hints, width)}</Text>;
}
