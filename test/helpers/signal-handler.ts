/** Waiting for a child process to be ready for a signal, so a test never kills it before it listens. */
import {existsSync, readFileSync} from 'node:fs';

const signalNumbers = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15} as const;

/**
 * Resolve once gdlab's process `pid` has its own signal handlers (Linux: its SigCgt mask in /proc shows
 * SIGHUP caught: gdlab's entry catches SIGINT and SIGTERM before the program loads, to say it stopped while
 * starting, and the program catches all three at once), polling every few milliseconds for at most
 * `timeoutMs`; without /proc, after a pause.
 */
export async function waitUntilListening(pid: number, timeoutMs = 30_000): Promise<void> {
	const signal = 'SIGHUP';
	const status = `/proc/${pid}/status`;
	if (!existsSync('/proc/self/status')) {
		await sleep(1000);
		return;
	}

	const bit = 1n << BigInt(signalNumbers[signal] - 1);
	const started = Date.now();
	for (;;) {
		const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(existsSync(status) ? readFileSync(status, 'utf8') : '')?.[1];
		if (mask !== undefined && (BigInt(`0x${mask}`) & bit) !== 0n) {
			return;
		}

		if (Date.now() - started > timeoutMs) {
			throw new Error(`process ${pid} never caught ${signal}`);
		}

		await sleep(5);
	}
}

async function sleep(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

/**
 * Resolve once process `pid` has used `milliseconds` of processor time (Linux: utime + stime in its /proc
 * stat, in clock ticks of 10 ms), so a test interrupts a run only once it is surely training; without
 * /proc, after a pause of that long and a second more.
 */
export async function waitForProcessorTime(pid: number, milliseconds: number, timeoutMs = 60_000): Promise<void> {
	const stat = `/proc/${pid}/stat`;
	if (!existsSync('/proc/self/stat')) {
		await sleep(milliseconds + 1000);
		return;
	}

	const started = Date.now();
	for (;;) {
		// the fields after the command name (which may hold spaces) in brackets: utime and stime are 14th and 15th
		const fields = existsSync(stat) ? readFileSync(stat, 'utf8').replace(/^.*\) /s, '').split(' ') : [];
		if ((Number(fields[11]) + Number(fields[12])) * 10 >= milliseconds) {
			return;
		}

		if (Date.now() - started > timeoutMs) {
			throw new Error(`process ${pid} never used ${milliseconds} ms of processor time`);
		}

		await sleep(20);
	}
}
