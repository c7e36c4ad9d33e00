/**
 * Every key of the dashboard, written once: the footer shows the short labels that fit, the help
 * overlay shows them all in full.
 */
import {interruptKey, namedKeyNames, type KeyName} from './read-keys.js';
import {cutToWidth, displayWidth} from './text-width.js';

/** Which screens a key works on. */
export type ScreenName = 'single' | 'forward' | 'backprop';

/** One key (or pair of keys) and what it does. */
export type KeyHint = {
	/** The key as the footer writes it. */
	keys: string;
	/** Other keys that do the same, listed after `keys` in the help only (the footer has no room for them). */
	aliases?: string;
	/** A word or two for the footer. */
	short: string;
	/** The full description for the help overlay. */
	long: string;
	/** The help's description when the long one does not fit (a 60-column terminal), at most 21 columns. */
	brief?: string;
	/** Screens where the key does something. */
	screens: readonly ScreenName[];
};

const trainingScreens = ['single', 'backprop'] as const;
const allScreens = ['single', 'forward', 'backprop'] as const;

/** The keys, in the order the footer and the help list them. */
export const keyMap: readonly KeyHint[] = [
	{keys: '←→', short: 'η', long: 'η down / up the ladder; the run keeps its weights', brief: 'η down / up, same run', screens: trainingScreens},
	{keys: '↑↓', short: 'epochs', long: 'epoch target up / down; raising resumes a done run', brief: 'epochs up / down', screens: trainingScreens},
	{keys: '+-', aliases: '=_', short: 'hidden', long: 'backprop: hidden units ± (1 … 8), restarts', brief: 'hidden units ± (1…8)', screens: ['backprop']},
	{keys: 'space', short: 'pause', long: 'pause / resume training', brief: 'pause / resume', screens: trainingScreens},
	{keys: '.', short: 'step', long: 'train one epoch, then stay paused', brief: 'one epoch, then pause', screens: trainingScreens},
	{keys: 'w', short: 'save', long: 'save the run to --save FILE or a new gdlab-run-….json', brief: 'save the run', screens: trainingScreens},
	{keys: 'r', short: 'restart', long: 'restart, same seed (forward: the seed it opened with)', brief: 'restart, same seed', screens: allScreens},
	{keys: 's', short: 'seed', long: 'new seed, new initial weights (forward: new values)', brief: 'new seed, restart', screens: allScreens},
	{keys: 'b', short: 'batch', long: 'batch: full → per record → mini-batch 32', brief: 'full / record / 32', screens: trainingScreens},
	{keys: 'm', short: 'momentum', long: 'momentum β: 0 → 0.5 → 0.9', brief: 'momentum 0/0.5/0.9', screens: trainingScreens},
	{keys: 'c', short: 'pin', long: 'pin this training curve to compare (grey, or dotted)', brief: 'pin the curve', screens: trainingScreens},
	{keys: 'v', short: 'view', long: 'panel: weights → one step → chart only', brief: 'weights/step/chart', screens: trainingScreens},
	{keys: '[]', short: 'record', long: 'one step: previous / next example or record', brief: 'one step: prev / next', screens: trainingScreens},
	{keys: 'tab', short: 'model', long: 'next model, shift+tab back (1 2 3 pick); others pause', brief: 'next model (1 2 3)', screens: allScreens},
	{keys: '?', short: 'help', long: 'this help; ? or esc closes it', brief: 'this help', screens: allScreens},
	{keys: 'q', short: 'quit', long: 'quit (ctrl+c too), terminal restored', brief: 'quit (ctrl+c too)', screens: allScreens},
];

/** A key as the help writes it: with its aliases (`+- =_`: = and _ are + and − without shift). */
export function helpKeys(hint: KeyHint): string {
	return hint.aliases === undefined ? hint.keys : `${hint.keys} ${hint.aliases}`;
}

/** Keys the App handles on every screen (pick a model, the help, quit); a screen handles the rest. */
export const appKeys: readonly string[] = ['1', '2', '3', 'tab', 'backtab', '?', 'escape', 'q'];

/** The key names (read-keys.ts) a hint's keys stand for: `←→` is left and right, `+-` is + and -. */
function keyNamesOf(keys: string): string[] {
	const arrows: Record<string, string> = {'←': 'left', '→': 'right', '↑': 'up', '↓': 'down'};
	return keys === 'space' || keys === 'tab' ? [keys] : [...keys].map(character => arrows[character] ?? character);
}

/** Every key the dashboard acts on somewhere: on a screen, or on all of them. */
const boundKeys: ReadonlySet<KeyName> = new Set([...keyMap.flatMap(hint => [...keyNamesOf(hint.keys), ...keyNamesOf(hint.aliases ?? '')]), ...appKeys, interruptKey]);

/**
 * What the message line says of a key the dashboard does not act on anywhere (x, Enter), or undefined for
 * one it does, or one that has no name to show (a control character).
 */
export function notAKeyNotice(name: KeyName): string | undefined {
	if (boundKeys.has(name)) {
		return undefined;
	}

	const label = name === '\r' || name === '\n' ? 'Enter' : (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(name) || namedKeyNames.has(name) ? name : undefined);
	return label === undefined ? undefined : `${label} is not a gdlab key: ? lists them`;
}

/** Keys the footer always keeps, however narrow the terminal. */
export const essentialKeys: readonly string[] = ['?', 'q'];

/** The keys that work on a screen. */
export function keysFor(screen: ScreenName): KeyHint[] {
	return keyMap.filter(hint => hint.screens.includes(screen));
}

/** The footer line: as many key hints as fit in `width`, always ending with help and quit. */
export function packKeyHints(hints: readonly KeyHint[], width: number): string {
	const render = (hint: KeyHint) => `${hint.keys} ${hint.short}`;
	const separator = '  ';
	const essential = hints.filter(hint => essentialKeys.includes(hint.keys)).map(render);
	const essentialLength = displayWidth(essential.join(separator));
	const chosen: string[] = [];
	let length = 0;
	for (const hint of hints) {
		if (essentialKeys.includes(hint.keys)) {
			continue;
		}

		const text = render(hint);
		const added = (chosen.length > 0 ? displayWidth(separator) : 0) + displayWidth(text);
		if (length + added + displayWidth(separator) + essentialLength > width) {
			break;
		}

		chosen.push(text);
		length += added;
	}

	return cutToWidth([...chosen, ...essential].join(separator), width);
}

/** The footer while the help is open. */
export const helpFooterHints: readonly KeyHint[] = [
	{keys: '? esc', short: 'close help', long: 'close this help', screens: allScreens},
	{keys: 'q', short: 'quit', long: 'quit', screens: allScreens},
];
