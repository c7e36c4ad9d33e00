/** Leaving the dashboard: q and Ctrl+C end runDashboard; without a terminal for keys it still draws and trains. */
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {test} from 'node:test';
import {render} from 'ink';
import {lessonConfig, TrainingSession} from '../../src/engine/training-session.js';
import {App} from '../../src/ui/App.js';
import {runDashboard} from '../../src/ui/run-dashboard.js';
import {lessonSplit, waitFor} from './dashboard-harness.js';

/** A terminal-like output stream that keeps what is written. */
class FakeStdout extends EventEmitter {
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
class FakeStdin extends EventEmitter {
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

function startDashboard(stdin: FakeStdin, stdout: FakeStdout) {
	return runDashboard({
		split: lessonSplit(),
		configs: {single: {...lessonConfig('single'), epochs: 100_000}, backprop: lessonConfig('backprop')},
		initialModel: 'single',
		forwardSeed: 42,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	});
}

test('q ends runDashboard', async () => {
	const stdin = new FakeStdin(true);
	const stdout = new FakeStdout();
	const done = startDashboard(stdin, stdout);
	await waitFor(() => stdout.output.includes('Single unit'));
	stdin.type('q');
	await done;
	assert.equal(stdin.listenerCount('readable'), 0, 'the keyboard is let go');
});

test('Ctrl+C ends runDashboard', async () => {
	const stdin = new FakeStdin(true);
	const stdout = new FakeStdout();
	const done = startDashboard(stdin, stdout);
	await waitFor(() => stdout.output.includes('Single unit'));
	stdin.type('\u0003');
	await done;
});

test('with stdin not a terminal the dashboard draws and trains, and never asks for raw mode', async () => {
	const stdin = new FakeStdin(false);
	stdin.setRawMode = () => {
		throw new Error('raw mode asked of a stdin that is not a terminal');
	};

	const stdout = new FakeStdout();
	const split = lessonSplit();
	const sessions = {single: new TrainingSession(split, {...lessonConfig('single'), epochs: 100_000}), backprop: new TrainingSession(split, lessonConfig('backprop'))};
	const instance = render(<App split={split} sessions={sessions} initialModel="single" forwardSeed={42} color={false}/>, {
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		patchConsole: false,
	});
	try {
		await waitFor(() => sessions.single.epoch > 10);
		await waitFor(() => stdout.output.includes('running'));
	} finally {
		instance.unmount();
	}
});
