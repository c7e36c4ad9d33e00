/** A keyboard and a screen for runDashboard, without a terminal. */
import {EventEmitter} from 'node:events';

/** A terminal-like output stream that keeps what is written. */
export class FakeStdout extends EventEmitter {
	columns = 80;
	rows = 24;
	readonly isTTY = false;
	output = '';
	write(chunk: string): boolean {
		this.output += chunk;
		return true;
	}

	/** Take a new size and say so, as a terminal does on SIGWINCH. */
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
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
