/**
 * The process around a command: the signals that stop gdlab say where the work stopped; a stdout that fails
 * (a closed pipe, a full disk, a terminal gone) ends it with the right exit code; a terminal that has gone
 * is let go of before Node's exit would trip over it.
 */
import {closeSync} from 'node:fs';
import {isatty} from 'node:tty';
import {removePendingTemporaryFiles} from '../data/atomic-write.js';
import {interruptedLine} from './interrupted.js';
import {programHandlerCount, programHandlesStoppingSignals, stoppingSignals} from './starting-signals.js';
import {handleStdoutError, stdoutFailureSoFar} from './stdout-failure.js';

/** The standard streams that were a terminal when gdlab started. */
const terminalStreams = [0, 1, 2].filter(fd => isatty(fd));
/** Whether the terminal has gone (its window closed, the SSH link dropped): a SIGHUP, or EIO on stdout. */
let terminalGone = false;
/** A SIGTERM the dashboard took to end itself as q would: gdlab then says so and exits 143. */
let dashboardTerminated = false;

/** Before any command runs: handle the stopping signals and failures of stdout and stderr. */
export function guardProcess(): void {
	// a save under way as the process ends (its terminal gone, a stdout error, a crash) leaves the file as it was, and no temporary file
	process.on('exit', removePendingTemporaryFiles);
	// these say where the work stopped; the entry point's, which could only say gdlab was starting, stand aside
	programHandlesStoppingSignals();
	for (const [signal, exitCode] of Object.entries(stoppingSignals)) {
		process.on(signal, () => {
			// the dashboard ends itself on SIGTERM, as q would (run-dashboard.tsx), and its saves are awaited
			if (signal === 'SIGTERM' && programHandlerCount('SIGTERM') > 1) {
				dashboardTerminated = true;
				return;
			}

			terminalGone ||= signal === 'SIGHUP';
			// the work under way says where it stopped (and writes what it can: every write is whole or not at all;
			// one in turns, under way, leaves the file as it was)
			removePendingTemporaryFiles();
			process.stderr.write(interruptedLine(signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`));
			releaseGoneTerminal();
			process.exit(exitCode);
		});
	}

	process.stdout.on('error', error => {
		terminalGone ||= (error as NodeJS.ErrnoException).code === 'EIO';
		// a closed pipe (gdlab train | head) is the reader's choice; anything else lost output and says so
		handleStdoutError(error, ({line, exitCode}) => {
			if (line !== undefined) {
				process.stderr.write(line);
			}

			// a moment later, so that a command that has just ended (its last lines met the closed pipe) keeps its
			// own exit code when that is worse: a diverged run piped to `true` still exits 1
			setImmediate(() => {
				releaseGoneTerminal();
				process.exit(Math.max(exitCode, Number(process.exitCode ?? 0)));
			});
		});
	});

	process.stderr.on('error', () => {
		// stderr is where problems are told: when it cannot be written (its reader gone, a full disk), nothing is
		// left to tell it to, and it must not cost the run or its files; the exit code still says how things went
	});
}

/** After the command: say what stopped it that it could not (a failed stdout, a SIGTERM), and let go of a gone terminal. */
export function settleProcess(): void {
	// stdout failed while a run went on to write its files: say so now
	const failedOutput = stdoutFailureSoFar();
	if (failedOutput !== undefined) {
		if (failedOutput.line !== undefined) {
			process.stderr.write(failedOutput.line);
		}

		process.exitCode = Math.max(Number(process.exitCode ?? 0), failedOutput.exitCode);
	}

	if (dashboardTerminated) {
		process.stderr.write('gdlab: stopped by SIGTERM\n');
		process.exitCode = Math.max(Number(process.exitCode ?? 0), stoppingSignals.SIGTERM);
	}

	releaseGoneTerminal();
}

/**
 * Let go of a terminal that has gone before the process ends: Node 20, restoring the terminal's settings
 * as it exits, aborts with a native stack trace when the terminal is no longer there (nodejs/node#51519),
 * and passes over a stream that is closed.
 */
function releaseGoneTerminal(): void {
	if (!terminalGone) {
		return;
	}

	for (const fd of terminalStreams) {
		try {
			closeSync(fd);
		} catch {
			// closed already
		}
	}
}
