/**
 * The dashboard's screen before and around Ink: the terminal's alternate screen (as full-screen programs
 * use, so the shell's scrollback is left as it was), and the one line shown while the data loads, so a
 * frame is on screen at once even when a million rows take seconds to make. Plain text: nothing here
 * waits for React or Ink to load.
 */
import {transformWrites} from './correct-ink-rewind.js';
import {cutWithinWidth} from './narrow-text.js';

/** Switch the terminal to its alternate screen and back. */
export const enterAlternateScreen = '\u001B[?1049h';
export const leaveAlternateScreen = '\u001B[?1049l';
/** Clear the screen and put the cursor top left. */
export const clearScreen = '\u001B[2J\u001B[H';
const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';
/**
 * The terminal's automatic wrap off and back on. Off, a line wider than the terminal is cut at its edge
 * rather than wrapped onto the next row: a frame laid out for a wider terminal (a resize not yet rendered
 * for) would otherwise push the screen up with its wrapped lines, leaving rows Ink never erases.
 */
const noAutoWrap = '\u001B[?7l';
const autoWrap = '\u001B[?7h';
/**
 * One line of Ink's incremental redraw: to the first column, the line (text and colours), erase to its end.
 * (Ink writes `\u001B[1G` + line + `\u001B[K`; see ink/build/log-update.js.)
 */
const inkLine = /\u001B\[1G((?:[^\n\u001B]|\u001B\[[\d;]*m)*)\u001B\[K/g;
/** Back to the first line, cleared. */
const rewriteFirstLine = '\u001B[H\u001B[2K';

/** Open the alternate screen on `stdout`; the returned function leaves it (as does the process exiting). */
export function openFullScreen(stdout: NodeJS.WriteStream): () => void {
	let open = true;
	const leave = (): void => {
		if (open) {
			open = false;
			stdout.write(autoWrap + showCursor + leaveAlternateScreen);
		}
	};

	stdout.write(enterAlternateScreen + clearScreen + hideCursor + noAutoWrap);
	process.once('exit', leave);
	return () => {
		process.off('exit', leave);
		leave();
	};
}

/**
 * Ink's lines with the erase first, then the text. With auto-wrap off, a line as wide as the terminal leaves
 * the cursor on its last character, and Ink's erase after the line would take that character away (the
 * "s" of "epochs/s" at 80 columns).
 */
export function eraseBeforeLines(chunk: string): string {
	return chunk.replace(inkLine, '\u001B[1G\u001B[K$1');
}

/** A write of terminal modes alone (synchronized output begun, the cursor hidden), which shows nothing. */
const modesOnly = /^(?:\u001B\[\?[\d;]*[hl])+$/;

/**
 * `stdout` that clears the screen in the first write that draws (Ink's first frame), not in those before it
 * that only set modes: the screen then goes from what it shows straight to the first frame, with no blank in
 * between, also where the terminal does not hold a synchronized update back (tmux).
 */
export function clearedBeforeFirstWrite(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	let cleared = false;
	return transformWrites(stdout, chunk => {
		if (cleared || modesOnly.test(chunk)) {
			return chunk;
		}

		cleared = true;
		return clearScreen + chunk;
	});
}

/** `stdout` for Ink on the full screen opened here (auto-wrap off): full-width lines keep their last character. */
export function fullScreenStdout(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	return transformWrites(stdout, eraseBeforeLines);
}

/**
 * The loading line's text: what is happening, and how far it has got when that is known; its versions from
 * the fullest to the shortest (without the size in brackets, then without the hint), so that a narrow
 * terminal still shows the share done.
 */
export function loadingText(what: string, done?: number): string[] {
	const share = done === undefined ? '' : ` ${Math.floor(done * 100)}%`;
	const brief = what.replace(/ \([^)]*\)$/, '');
	const hint = '  (q or Ctrl+C stops)';
	// and for a narrow terminal, the share alone: cut short, the longer forms would lose it first
	return [`gdlab · ${what}…${share}${hint}`, `gdlab · ${brief}…${share}${hint}`, `gdlab · ${brief}…${share}`, `gdlab · loading…${share}`];
}

/**
 * Write the loading line on the first line of the screen: the fullest version that fits the terminal's
 * width, else the shortest cut to it (a wider line would wrap and scroll).
 */
export function writeLoadingLine(stdout: NodeJS.WriteStream, versions: readonly string[]): void {
	const width = Math.max(1, stdout.columns ?? 80);
	const line = versions.find(version => cutWithinWidth(version, width) === version) ?? cutWithinWidth(versions.at(-1)!, width);
	stdout.write(rewriteFirstLine + line);
}

/** The keyboard while the data loads: handed over to Ink when it draws, released when the dashboard ends. */
export type LoadingKeys = {
	/** Give the keys to Ink once it reads them: raw mode stays on (nothing is echoed in between), and keys typed until then go to it. */
	handOver(): void;
	/** Stop reading keys and leave raw mode (after the dashboard, or when it never opened). */
	release(): void;
};

/** A terminal's escape sequence for a key: CSI (ESC [ … final byte: arrows, F5 on) or SS3 (ESC O and one character: F1–F4). */
const keySequence = /\u001B\[[0-?]*[ -/]*[@-~]|\u001BO./g;

/** Whether keys typed while the data loads hold q (or Q, as in the dashboard) or Ctrl+C; a function key's or an arrow's sequence is not its letters (F2 is ESC O Q). */
export function quitsWhileLoading(typed: string): boolean {
	const keys = typed.replaceAll(keySequence, '');
	return keys.includes('\u0003') || /q/i.test(keys);
}

/**
 * While the data loads, take keys raw (so they are not echoed over the screen): q and Ctrl+C (also amid
 * other keys typed at once) quit, with status 0, as they do in the dashboard once it is drawn (nothing is
 * lost: no run has started); any other key is kept, and the dashboard takes it once drawn (3 typed at once
 * opens the backprop screen).
 */
export function watchLoadingKeys(stdin: NodeJS.ReadStream): LoadingKeys {
	if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
		return {handOver: () => undefined, release: () => undefined};
	}

	const held: Buffer[] = [];
	let handingOver = false;
	const onKey = (key: Buffer): void => {
		// once handed over, q and Ctrl+C are the dashboard's too: it quits on them as it does
		if (!handingOver && quitsWhileLoading(key.toString('utf8'))) {
			process.exit(0);
		}

		held.push(key);
	};

	let watching = true;
	const stopWatching = (): void => {
		if (watching) {
			watching = false;
			stdin.off('data', onKey);
			stdin.off('newListener', onListener);
		}
	};

	// Ink reads keys on 'readable': as it starts to, this stops reading them and gives it those kept so far
	// (reading until then keeps stdin flowing, so the process waits for Ink, and no key is lost in between)
	const onListener = (event: string | symbol): void => {
		if (handingOver && event === 'readable') {
			stopWatching();
			if (held.length > 0) {
				stdin.unshift(Buffer.concat(held.splice(0)));
			}
		}
	};

	stdin.setRawMode(true);
	stdin.on('data', onKey);
	stdin.on('newListener', onListener);
	return {
		handOver() {
			handingOver = true;
		},
		release() {
			stopWatching();
			stdin.setRawMode(false);
		},
	};
}
