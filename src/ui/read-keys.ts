/**
 * Turn what useInput hands over into key names, one per key press. A terminal may deliver several
 * typed characters in one chunk (a fast typist, tmux send-keys, a paste): each still counts.
 */
import type {Key} from 'ink';

/** A key by name: 'left', 'right', 'up', 'down', 'tab', 'backtab', 'escape', 'space', or the character typed. */
export type KeyName = string;

/** The name of Ctrl+C read amid other keys: it ends the dashboard at once, as Ctrl+C alone does (q may warn first). */
export const interruptKey = 'ctrl+c';

/** The name of a key gdlab cannot name (a function key: Ink hands it over as no text). */
export const unnamedKey = 'that key';

/**
 * Keys Ink flags but gives no text, by the names the message line uses. Ink reads Backspace (DEL, as most
 * terminals send it) and Delete alike, as delete.
 */
const namedKeys: ReadonlyArray<[keyof Key, KeyName]> = [['home', 'Home'], ['end', 'End'], ['pageUp', 'PgUp'], ['pageDown', 'PgDn'], ['delete', 'Backspace/Delete'], ['backspace', 'Backspace']];

/** The names readKeys gives keys that have no text (Home, that key): each one the message line may name. */
export const namedKeyNames: ReadonlySet<KeyName> = new Set([...namedKeys.map(([, name]) => name), unnamedKey]);

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

	// keys with a name but no text, which gdlab binds nowhere: named, so the message line can say so
	const named = namedKeys.find(([flag]) => key[flag] === true);
	if (named) {
		return [named[1]];
	}

	if (input === '') { // a function key (F1–F12) or another Ink reads as no text
		return [unnamedKey];
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
