/**
 * Turn what useInput hands over into key names, one per key press. A terminal may deliver several
 * typed characters in one chunk (a fast typist, tmux send-keys, a paste): each still counts.
 */
import type {Key} from 'ink';

/** A key by name: 'left', 'right', 'up', 'down', 'tab', 'backtab', 'escape', 'space', or the character typed. */
export type KeyName = string;

/** The name of Ctrl+C read amid other keys: it ends the dashboard at once, as Ctrl+C alone does (q may warn first). */
export const interruptKey = 'ctrl+c';

/** The key presses in one input event. */
export function readKeys(input: string, key: Key): KeyName[] {
	if (key.meta && !key.ctrl && (key.leftArrow || key.rightArrow || key.upArrow || key.downArrow)) {
		// Esc and an arrow in one chunk read as Alt+arrow: gdlab binds no Alt keys, so it is the two keys
		return ['escape', ...readKeys(input, {...key, meta: false})];
	}

	if (key.leftArrow) {
		return ['left'];
	}

	if (key.rightArrow) {
		return ['right'];
	}

	if (key.upArrow) {
		return ['up'];
	}

	if (key.downArrow) {
		return ['down'];
	}

	if (key.tab) {
		return [key.shift ? 'backtab' : 'tab'];
	}

	if (key.escape) {
		return ['escape'];
	}

	if (key.meta && !key.ctrl && input !== '') {
		// Esc and the key after it in one chunk (typed quickly, or sent together over SSH) read as Alt+key:
		// gdlab binds no Alt keys, so it is the two keys
		return ['escape', ...readKeys(input, {...key, meta: false})];
	}

	if (key.ctrl || key.meta) {
		return [];
	}

	return [...input].map(character => {
		if (character === ' ') {
			return 'space';
		}

		// Ctrl+C typed right after another key comes in the same chunk (Ink ends the app only on a chunk of
		// it alone): it ends the app as it does alone, once the keys before it have done their work
		if (character === '\u0003') {
			return interruptKey;
		}

		if (character === '\t') {
			return 'tab';
		}

		// no key is a capital letter: W is w, so that keys work as they say with Caps Lock on
		return /^[A-Z]$/.test(character) ? character.toLowerCase() : character;
	});
}
