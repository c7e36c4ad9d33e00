/** Writing to standard output: as commands print as they go, and whole before an exit that cannot wait. */
import {writeSync} from 'node:fs';

/** How commands print by default: through process.stdout, which queues what a slow reader has not taken yet. */
export function writeStdout(text: string): void {
	process.stdout.write(text);
}

/**
 * Write `text` to standard output whole before returning, for what must be out before the process exits
 * at once (a signal's handler): a pipe takes 64 KiB at a time, and process.stdout would queue the rest,
 * which the exit then drops. A write the pipe cannot take yet is tried again a millisecond later; a reader
 * gone (or any other failure) ends it, as there is no one left to write to.
 */
export function writeStdoutWhole(text: string): void {
	const bytes = Buffer.from(text);
	const pause = new Int32Array(new SharedArrayBuffer(4));
	for (let offset = 0; offset < bytes.length;) {
		try {
			offset += writeSync(1, bytes, offset);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
				return;
			}

			Atomics.wait(pause, 0, 0, 1);
		}
	}
}
