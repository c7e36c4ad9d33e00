/**
 * What gdlab does when its standard output fails: a reader that closed the pipe (gdlab train | head)
 * made a choice, so exit 0 quietly; any other failure (a full disk, a broken terminal) lost output the
 * user asked for, so say so in one line on stderr and exit non-zero.
 */

/** The exit code when standard output could not be written. */
export const outputFailureExitCode = 1;

/** How the process ends after an error on stdout: the line for stderr (none for a closed pipe) and the exit code. */
export function stdoutFailure(error: Error): {line: string | undefined; exitCode: number} {
	const {code} = error as NodeJS.ErrnoException;
	if (code === 'EPIPE') {
		return {line: undefined, exitCode: 0};
	}

	const reason = code === 'ENOSPC' ? 'no space left on device' : code === 'EBADF' ? 'standard output is closed' : code === 'EIO' ? 'input/output error' : error.message;
	return {line: `gdlab: cannot write output: ${reason}\n`, exitCode: outputFailureExitCode};
}

/** Work under way that must finish even when stdout fails: a run whose --save is still to be written. */
let holds = 0;
/** The failure stdout met, once it has. */
let failure: {line: string | undefined; exitCode: number} | undefined;
/** Whether the failure was handed to `end` (reported then), not kept for the command's end. */
let ended = false;

/**
 * Run `work` to its end even if stdout fails meanwhile (the reader of `gdlab train --save run.json | head`
 * closing the pipe must not cost the save): the failure is then reported when the command ends.
 */
export async function despiteStdoutFailure<T>(work: () => Promise<T>): Promise<T> {
	holds++;
	try {
		return await work();
	} finally {
		holds--;
	}
}

/**
 * Take an error on stdout: with no work held, `end` the process with it now; else keep it for
 * stdoutFailureSoFar. Errors after the first are its echoes (writes to a closed stream) and are ignored.
 */
export function handleStdoutError(error: Error, end: (failed: {line: string | undefined; exitCode: number}) => void): void {
	if (failure !== undefined) {
		return;
	}

	failure = stdoutFailure(error);
	if (holds === 0) {
		ended = true;
		end(failure);
	}
}

/** The failure stdout met while work was held, if it did and was not reported then: to report once the command has ended. */
export function stdoutFailureSoFar(): {line: string | undefined; exitCode: number} | undefined {
	return ended ? undefined : failure;
}
