/** Waiting for a child process to be ready for a signal, so a test never kills it before it listens. */
import {existsSync, readFileSync} from 'node:fs';

const signalNumbers = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15} as const;

/**
 * Resolve once gdlab's process `pid` has its own signal handlers (Linux: its SigCgt mask in /proc shows
 * SIGHUP caught: Node itself catches SIGINT and SIGTERM from the start, and gdlab installs its handlers for
 * all three at once), polling every few milliseconds for at most `timeoutMs`; without /proc, after a pause.
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
