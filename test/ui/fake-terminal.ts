/** A keyboard and a screen for runDashboard, without a terminal. */
import {EventEmitter} from 'node:events';

/** A terminal-like output stream that keeps what is written. */
export class FakeStdout extends EventEmitter {
	readonly columns = 80;
	readonly rows = 24;
	readonly isTTY = false;
	output = '';
	write(chunk: string): boolean {
		this.output += chunk;
		return true;
	}
}

/** A keyboard: readable chunks, raw mode when it is a terminal. */
export class FakeStdin extends EventEmitter {
	readonly isTTY?: boolean;
	private pending: string | null = null;
	constructor(isTTY: boolean) {
		super();
		// like a file or a pipe, a stdin that is no terminal has no isTTY property at all
		if (isTTY) {
			this.isTTY = true;
		}
	}

	type(text: string): void {
		this.pending = text;
		this.emit('readable');
	}

	read(): string | null {
		const text = this.pending;
		this.pending = null;
		return text;
	}

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}
