/** Leaving the dashboard: q and Ctrl+C end runDashboard; without a terminal for keys it still draws and trains. */
import '../helpers/outside-ci.js';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {render} from 'ink';
import {lessonConfig} from '../../src/engine/training-session.js';
import {App, unsavedRunNotice} from '../../src/ui/App.js';
import {LocalRunSession} from '../../src/ui/local-run-session.js';
import {runDashboard} from '../../src/ui/run-dashboard.js';
import {summarizeSaves} from '../../src/ui/save-log.js';
import {lessonSource, lessonSplit, runContext, waitFor} from './dashboard-harness.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

/** The dashboard on the single unit, a run too long to end by itself, with w saving to `savePath` if given. */
function startDashboard(stdin: FakeStdin, stdout: FakeStdout, savePath?: string) {
	return runDashboard({
		split: lessonSplit(),
		configs: {single: {...lessonConfig('single'), epochs: 1_000_000}, backprop: lessonConfig('backprop')},
		initialModel: 'single',
		forwardSeed: 42,
		source: lessonSource,
		...(savePath === undefined ? {} : {savePath}),
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
	const sessions = {single: new LocalRunSession(runContext(split), {...lessonConfig('single'), epochs: 100_000}), backprop: new LocalRunSession(runContext(split), lessonConfig('backprop'))};
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

test('Ctrl+C typed right after another key, in one chunk, still ends runDashboard', async () => {
	const stdin = new FakeStdin(true);
	const stdout = new FakeStdout();
	const done = startDashboard(stdin, stdout);
	await waitFor(() => stdout.output.includes('Single unit'));
	stdin.type(' \u0003');
	await done;
});

/** The dashboard saving to run.json in a folder of its own, drawn and ready for keys; the folder goes after `body`. */
async function withDashboardSaving(prefix: string, body: (dashboard: {stdin: FakeStdin; stdout: FakeStdout; path: string; done: ReturnType<typeof startDashboard>}) => Promise<void>): Promise<void> {
	const folder = mkdtempSync(join(tmpdir(), prefix));
	try {
		const stdin = new FakeStdin(true);
		const stdout = new FakeStdout();
		const path = join(folder, 'run.json');
		const done = startDashboard(stdin, stdout, path);
		await waitFor(() => stdout.output.includes('Single unit'));
		await body({stdin, stdout, path, done});
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}

test('a run that trained on after its save: once the dashboard closes, the summary says the epochs after it were not saved', async () => {
	await withDashboardSaving('gdlab-trained-on-', async ({stdin, stdout, path, done}) => {
		stdin.type('w');
		await waitFor(() => /saved (run to|epoch)/.test(stdout.output));
		// trains on a while, then quits
		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
		stdin.type('q');
		const lines = summarizeSaves(await done).lines.map(line => line.text);
		assert.equal(lines.length, 2, lines.join('\n'));
		assert.match(lines[1]!, new RegExp(`^${path.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')} holds epoch \\d+; the run trained on to epoch \\d+, which was not saved$`));
		const [saved, ended] = [...lines[1]!.matchAll(/epoch (\d+)/g)].map(match => Number(match[1]));
		assert.ok(ended! > saved!, lines[1]);
	});
});

test('w and q typed together save, then quit: the summary names the save alone (the epochs trained while it was written are not "unsaved")', async () => {
	await withDashboardSaving('gdlab-wq-', async ({stdin, done}) => {
		stdin.type('wq');
		const lines = summarizeSaves(await done).lines.map(line => line.text);
		assert.equal(lines.length, 1, lines.join('\n'));
		assert.match(lines[0]!, /^saved run to .* \(epoch \d+\)$/);
	});
});

test('--save naming a run saved earlier: the message line says that w replaces it', async () => {
	const stdin = new FakeStdin(true);
	const stdout = new FakeStdout();
	const done = runDashboard({split: lessonSplit(), configs: {single: {...lessonConfig('single'), epochs: 100_000}, backprop: lessonConfig('backprop')}, initialModel: 'backprop', forwardSeed: 42, source: lessonSource, savePath: 'earlier.json', earlierRuns: ['earlier.json'], stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream});
	await waitFor(() => stdout.output.includes('Backprop'));
	await waitFor(() => stdout.output.includes('earlier.json holds an earlier run: w replaces it'), () => stdout.output.slice(-1500));
	stdin.type('q');
	await done;
});

/** The dashboard with --save in a folder that is not there (every w fails), and whether it has ended. */
function failingSaveDashboard(name: string) {
	const stdin = new FakeStdin(true);
	const stdout = new FakeStdout();
	const state = {ended: false};
	const done = runDashboard({
		split: lessonSplit(),
		configs: {single: {...lessonConfig('single'), epochs: 100_000}, backprop: lessonConfig('backprop')},
		initialModel: 'single',
		forwardSeed: 42,
		source: lessonSource,
		savePath: join(tmpdir(), `gdlab-no-such-folder-${process.pid}-${name}`, 'run.json'),
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	}).then(saves => {
		state.ended = true;
		return saves;
	});
	return {stdin, stdout, state, done};
}

test('after a save that failed, the first q says so and keeps the run; q again quits, saying the save failed', async () => {
	const {stdin, stdout, state, done} = failingSaveDashboard('later');
	await waitFor(() => stdout.output.includes('Single unit'));
	stdin.type('w');
	await waitFor(() => /could not save|not saved/.test(stdout.output));
	stdin.type('2q');
	await waitFor(() => stdout.output.includes(unsavedRunNotice), () => stdout.output.slice(-1500));
	assert.equal(state.ended, false, 'the first q keeps the run');
	assert.match(stdout.output.slice(stdout.output.lastIndexOf('Single unit')), /Single unit {2}(running|paused)/, 'back on the run that was not saved');
	stdin.type('q');
	const saves = await done;
	assert.equal(saves.flatMap(log => log.outcomes).at(-1)?.failure !== undefined, true);
});

test('after a save that failed, Ctrl+C ends the dashboard at once, amid other keys as alone (only q warns first)', {timeout: 30_000}, async () => {
	for (const typed of ['\u0003', '2\u0003']) {
		const {stdin, stdout, done} = failingSaveDashboard(`interrupt-${typed.length}`);
		await waitFor(() => stdout.output.includes('Single unit'));
		stdin.type('w');
		await waitFor(() => /could not save|not saved/.test(stdout.output));
		stdin.type(typed);
		const saves = await done;
		assert.equal(stdout.output.includes(unsavedRunNotice), false, JSON.stringify(typed));
		assert.equal(saves.flatMap(log => log.outcomes).at(-1)?.failure !== undefined, true);
	}
});

test('after a save that failed, q then Ctrl+C, or q twice, typed in one burst end the dashboard: the keys after a q that warned still count', {timeout: 30_000}, async () => {
	for (const typed of ['q\u0003', 'qq']) {
		const {stdin, stdout, done} = failingSaveDashboard(`burst-${typed.length}-${typed.charCodeAt(1)}`);
		await waitFor(() => stdout.output.includes('Single unit'));
		stdin.type('w');
		await waitFor(() => /could not save|not saved/.test(stdout.output));
		stdin.type(typed);
		const saves = await done;
		assert.equal(saves.flatMap(log => log.outcomes).at(-1)?.failure !== undefined, true, JSON.stringify(typed));
	}
});

test('w and q in one burst, the save failing: q waits for it, then keeps the run and says so', async () => {
	const {stdin, stdout, state, done} = failingSaveDashboard('burst');
	await waitFor(() => stdout.output.includes('Single unit'));
	stdin.type('wq');
	await waitFor(() => stdout.output.includes(unsavedRunNotice), () => stdout.output.slice(-1500));
	assert.equal(state.ended, false, 'the q waited for the save, which failed, and kept the run');
	stdin.type('q');
	await done;
});

test('q pressed again while the first waits for a save is the same quit: the failed save is still shown first', async () => {
	// a save held until the test fails it, so the second q surely comes while the first waits
	let failSave: ((error: Error) => void) | undefined;
	const prototype = LocalRunSession.prototype as unknown as {write: (path: string) => Promise<unknown>};
	const write = prototype.write;
	prototype.write = async () => new Promise((_resolve, reject) => {
		failSave = reject;
	});
	try {
		const {stdin, stdout, state, done} = failingSaveDashboard('twice');
		await waitFor(() => stdout.output.includes('Single unit'));
		stdin.type('w');
		await waitFor(() => failSave !== undefined);
		stdin.type('q');
		await waitFor(() => stdout.output.includes('quitting once the save is written'));
		stdin.type('q');
		// keys are handled as they arrive: let the second q be taken before the save fails
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
		failSave!(new Error('disk full'));
		await waitFor(() => stdout.output.includes(unsavedRunNotice) || state.ended, () => stdout.output.slice(-1500));
		assert.equal(state.ended, false, 'the second q did not pass over the failure');
		stdin.type('q');
		await done;
	} finally {
		prototype.write = write;
	}
});

test('keys typed after a q that waits for a save (w q r w) leave the run as the q found it: no restart, no second save', async () => {
	// saves held until the test lets them end, so the keys surely come while the q waits (later ones then end at once)
	const held: Array<() => void> = [];
	let released = false;
	const prototype = LocalRunSession.prototype as unknown as {write: (path: string, record: {epochs: number}) => Promise<unknown>};
	const write = prototype.write;
	prototype.write = async (path, record) => new Promise(resolve => {
		held.push(() => {
			resolve({path, epochs: record.epochs, replaced: false});
		});
		if (released) {
			held.shift()!();
		}
	});
	const release = () => {
		released = true;
		for (const finish of held.splice(0)) {
			finish();
		}
	};

	try {
		const {stdin, stdout, done} = failingSaveDashboard('after-q');
		await waitFor(() => stdout.output.includes('Single unit'));
		stdin.type('w');
		await waitFor(() => held.length > 0);
		stdin.type('q');
		await waitFor(() => stdout.output.includes('quitting once the save is written'));
		stdin.type('rw');
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
		release();
		const saves = await done;
		assert.equal(saves.flatMap(log => log.outcomes).length, 1, 'the w after the q saved nothing');
		assert.deepEqual(summarizeSaves(saves).lines.filter(line => /started again|trained on/.test(line.text)), [], 'the run was not started again');
	} finally {
		prototype.write = write;
	}
});

test('q with the help open, after a save that failed, closes the help to show the warning', async () => {
	const {stdin, stdout, state, done} = failingSaveDashboard('help');
	await waitFor(() => stdout.output.includes('Single unit'));
	stdin.type('w');
	await waitFor(() => /could not save|not saved/.test(stdout.output));
	stdin.type('?');
	await waitFor(() => stdout.output.includes('pin this training curve to compare'));
	const helpShown = stdout.output.length;
	stdin.type('q');
	await waitFor(() => stdout.output.slice(helpShown).includes(unsavedRunNotice), () => stdout.output.slice(-1500));
	assert.equal(state.ended, false);
	stdin.type('q');
	await done;
});
