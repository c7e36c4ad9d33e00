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
