/**
 * Stands in for restore-cursor in the bundle. Ink hides the cursor on a terminal, and restore-cursor then
 * writes the show-cursor escape to stderr as the process exits, even when stderr is a file
 * (`gdlab 2> notes.txt` found it at the end of the notes). This one writes it to whichever of stderr and
 * stdout is a terminal, and nowhere when neither is.
 */
import process from 'node:process';
import signalExit from 'signal-exit';

const showCursor = '\u001B[?25h';
let registered = false;

export default function restoreCursor() {
	if (registered) {
		return;
	}

	registered = true;
	signalExit(() => {
		const terminal = [process.stderr, process.stdout].find(stream => stream.isTTY);
		terminal?.write(showCursor);
	}, {alwaysLast: true});
}
