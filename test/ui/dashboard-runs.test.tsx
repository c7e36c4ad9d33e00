/** Saving and loading runs from the dashboard, and the dashboard at the extremes of its settings. */
import '../helpers/outside-ci.js';
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {readRunFile} from '../../src/data/run-file.js';
import {replayRun} from '../../src/engine/replay.js';
import {lessonConfig} from '../../src/engine/training-session.js';
import {LocalRunSession} from '../../src/ui/local-run-session.js';
import {runDashboard} from '../../src/ui/run-dashboard.js';
import {initialSaveOwners, modelSavePath, newRunFileName, nextSavePath, savePathFor} from '../../src/ui/run-file-name.js';
import {keys, lessonSource, lessonSplit, linesOf, renderDashboard, runContext, waitFor} from './dashboard-harness.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

/** An epoch target the tests never reach, so runs keep going until paused. */
const longRun = 100_000;
const directory = mkdtempSync(join(tmpdir(), 'gdlab-runs-'));

afterEach(() => {
	cleanup();
});

after(() => {
	rmSync(directory, {recursive: true, force: true});
});

test('w saves the run on screen to --save\'s file and says so; the file replays to the same figures', async () => {
	const path = join(directory, 'saved.json');
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}, props: {savePath: path}});
	const session = dashboard.sessions.single;
	await waitFor(() => session.epoch > 20);
	dashboard.press(keys.right);
	await waitFor(() => session.epoch > 40);
	dashboard.press(' ');
	await dashboard.waitForFrame(/ paused /);
	const epoch = session.epoch;
	dashboard.press('w');
	await dashboard.waitForFrame(`saved run to ${path} (epoch ${epoch})`);
	const record = readRunFile(path);
	assert.equal(record.epochs, epoch);
	assert.equal(record.changes.length, 1);
	assert.deepEqual(record.source.splitSeed, 42);
	const replayed = replayRun(dashboard.split, record.config, record.changes, record.epochs);
	assert.deepEqual(Array.from(replayed.snapshot().weights), Array.from(session.snapshot().weights));
	assert.deepEqual(readdirSync(directory).filter(name => name.endsWith('.tmp')), [], 'no temporary file left');
});

test('w typed together with a model switch (w2) saves the run on screen, then switches', async () => {
	const path = join(directory, 'before-switch.json');
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}, props: {savePath: path}});
	await waitFor(() => dashboard.sessions.single.epoch > 5);
	dashboard.press('w2');
	await dashboard.waitForFrame('Forward pass 4 → 3 → 2');
	await waitFor(() => existsSync(path), () => `${path} was never written`);
	assert.equal(readRunFile(path).config.model, 'single');
});

test('w and r in one burst save the run as it stood, not the restarted one', async () => {
	const path = join(directory, 'before-restart.json');
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}, props: {savePath: path}});
	const session = dashboard.sessions.single;
	await waitFor(() => session.epoch > 30);
	dashboard.press(' ');
	await dashboard.waitForFrame(/ paused /);
	const epoch = session.epoch;
	const weights = Array.from(session.snapshot().weights);
	dashboard.press('wr');
	await dashboard.waitForFrame(`saved run to ${path} (epoch ${epoch})`);
	const record = readRunFile(path);
	assert.equal(record.epochs, epoch);
	assert.equal(record.history.train.length, epoch);
	const replayed = replayRun(dashboard.split, record.config, record.changes, record.epochs);
	assert.deepEqual(Array.from(replayed.snapshot().weights), weights);
	assert.equal(session.epoch, 0, 'r restarted the run after the save');
});

test('with one --save file, the other model\'s w saves beside it (-backprop) and never replaces the first model\'s run', async () => {
	const path = join(directory, 'both.json');
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}, backprop: {epochs: longRun}}, props: {savePath: path}});
	await waitFor(() => dashboard.sessions.single.epoch > 5);
	dashboard.press('w');
	await dashboard.waitForFrame(`saved run to ${path} (epoch`);
	dashboard.press('3');
	await dashboard.waitForFrame('Backprop 6×2×1');
	dashboard.press('w');
	const beside = join(directory, 'both-backprop.json');
	await dashboard.waitForFrame(`saved run to ${beside} (epoch`);
	assert.equal(readRunFile(path).config.model, 'single');
	assert.equal(readRunFile(beside).config.model, 'backprop');
	dashboard.press('w');
	await dashboard.waitForFrame(`replaced the earlier save in ${beside}`);
});

test('--save naming an earlier run: both screens say w replaces it, until a w does (the other model\'s then saves beside it)', async () => {
	const path = join(directory, 'earlier.json');
	const warning = `${path} holds an earlier run: w replaces it`;
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}, backprop: {epochs: longRun}}, size: {columns: 160, rows: 30}, props: {savePath: path, earlierRuns: [path]}});
	await dashboard.waitForFrame(warning, 'the warning on the single unit\'s screen');
	dashboard.press(keys.right);
	await dashboard.waitForFrame(frame => frame.includes('η 0.5 → 1') && frame.includes(warning), 'a key\'s notice beside the warning, which stays');
	dashboard.press('3');
	await dashboard.waitForFrame(frame => frame.includes('Backprop 6×2×1') && frame.includes(warning), 'the warning on the backprop screen too');
	dashboard.press('w');
	await dashboard.waitForFrame(`saved run to ${path} (epoch`);
	assert.doesNotMatch(dashboard.frame(), /holds an earlier run/);
	dashboard.press('1');
	await dashboard.waitForFrame(/^Single unit /m);
	assert.doesNotMatch(dashboard.frame(), /holds an earlier run/, 'the single unit\'s w now saves beside it');
});

test('--save naming an earlier run, at 60 columns beside a finished run: the warning is read, not cut off', async () => {
	const path = join(directory, 'narrow.json');
	const dashboard = renderDashboard({configs: {single: {epochs: 50}}, size: {columns: 60, rows: 24}, props: {savePath: path, earlierRuns: [path]}});
	await dashboard.waitForFrame(frame => frame.includes('w replaces narrow.json') && frame.includes('done after 50 epochs'), 'the warning and the run\'s end, both whole');
});

test('a file beside --save that holds an earlier run: the screen whose w would save there says so, once it would', async () => {
	const path = join(directory, 'pair.json');
	const beside = modelSavePath(path, 'backprop');
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}, backprop: {epochs: longRun}}, size: {columns: 160, rows: 30}, props: {savePath: path, earlierRuns: [beside]}});
	await waitFor(() => dashboard.sessions.single.epoch > 5);
	assert.doesNotMatch(dashboard.frame(), /holds an earlier run/, 'the single unit\'s w saves to pair.json, a new file');
	dashboard.press('3');
	await dashboard.waitForFrame('Backprop 6×2×1');
	assert.doesNotMatch(dashboard.frame(), /holds an earlier run/, 'nor does the network\'s, while pair.json holds no run of this dashboard');
	dashboard.press('1');
	await dashboard.waitForFrame(/^Single unit /m);
	dashboard.press('w');
	await dashboard.waitForFrame(`saved run to ${path} (epoch`);
	dashboard.press('3');
	await dashboard.waitForFrame(`${beside} holds an earlier run: w replaces it`, 'the network\'s w now goes beside it, where the earlier run is');
	dashboard.press('w');
	await dashboard.waitForFrame(`saved run to ${beside} (epoch`);
	assert.doesNotMatch(dashboard.frame(), /holds an earlier run/);
});

test('--save naming the run loaded (--load run.json --save run.json) says nothing of an earlier run: w saves the run on', async () => {
	const path = join(directory, 'loaded.json');
	const dashboard = renderDashboard({size: {columns: 160, rows: 30}, props: {savePath: path, earlierRuns: [path], loadCheck: {model: 'single', epochs: 0, weights: [], file: path}}});
	await dashboard.waitForFrame(/^Single unit /m);
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
	assert.doesNotMatch(dashboard.frame(), /holds an earlier run|w replaces/);
});

test('after one model\'s save there failed, the other model\'s w saves to --save\'s file itself', async () => {
	const folder = join(directory, 'made-later');
	const path = join(folder, 'run.json');
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}, backprop: {epochs: longRun}}, props: {savePath: path}});
	dashboard.press('w');
	await dashboard.waitForFrame(`could not save: ${path}: cannot write: no such directory`);
	mkdirSync(folder);
	dashboard.press('3');
	await dashboard.waitForFrame('Backprop 6×2×1');
	dashboard.press('w');
	await dashboard.waitForFrame(`saved run to ${path} (epoch`);
	assert.equal(readRunFile(path).config.model, 'backprop');
	assert.equal(existsSync(join(folder, 'run-backprop.json')), false);
});

test('a save that cannot be written says why in one line and the run goes on', async () => {
	const path = join(directory, 'no-such-folder', 'run.json');
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}, props: {savePath: path}});
	dashboard.press('w');
	await dashboard.waitForFrame(`could not save: ${path}: cannot write: no such directory`);
	const epoch = dashboard.sessions.single.epoch;
	await waitFor(() => dashboard.sessions.single.epoch > epoch);
	assert.equal(existsSync(path), false);
});

test('space then w at once saves the epoch the run pauses at, the one the screen then shows', async () => {
	const path = join(directory, 'paused.json');
	const dashboard = renderDashboard({configs: {single: {epochs: 1_000_000}}, props: {savePath: path}});
	await waitFor(() => dashboard.sessions.single.epoch > 200);
	dashboard.press(' ', 'w');
	const frame = await dashboard.waitForFrame(/saved run to .*paused\.json \(epoch \d+\)/);
	const saved = Number(/\(epoch (\d+)\)/.exec(frame)![1]);
	assert.equal(readRunFile(path).epochs, saved);
	await new Promise(resolve => setTimeout(resolve, 100));
	assert.match(dashboard.frame(), new RegExp(`Single unit {2}paused .* epoch ${saved}/1000000`), 'the screen shows the saved epoch, paused');
	assert.equal(dashboard.sessions.single.epoch, saved);
});

test('a pause and resume in one burst (two spaces, or . then space) go on training', async () => {
	for (const burst of ['  ', '. ']) {
		const dashboard = renderDashboard({configs: {single: {epochs: 1_000_000}}});
		await waitFor(() => dashboard.sessions.single.epoch > 50);
		dashboard.press(burst);
		await new Promise(resolve => setTimeout(resolve, 100));
		const after = dashboard.sessions.single.epoch;
		await waitFor(() => dashboard.sessions.single.epoch > after + 200, () => `${JSON.stringify(burst)} in one write: the run stopped at epoch ${dashboard.sessions.single.epoch}\n${dashboard.frame()}`);
		assert.match(dashboard.frame(), /Single unit {2}running /);
		dashboard.unmount();
	}
});

test('at 60 columns a save\'s long path gives way to its file name, so the reason or the epoch still shows', async () => {
	const folder = join(directory, 'a-folder-whose-name-alone-takes-most-of-a-narrow-line');
	const path = join(folder, 'run.json');
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}, size: {columns: 60, rows: 18}, props: {savePath: path}});
	dashboard.press('w');
	const failed = await dashboard.waitForFrame('not saved: cannot write: no such directory (run.json)');
	assert.ok(!failed.includes(folder), 'the path gives way to the name');
	mkdirSync(folder);
	dashboard.press('w');
	await dashboard.waitForFrame(/saved epoch \d+ to run\.json/);
	assert.equal(readRunFile(path).config.model, 'single');
});

test('w never writes over a file gdlab did not write, nor over the data: it says why and keeps the file', async () => {
	const notes = join(directory, 'notes.txt');
	writeFileSync(notes, 'my notes\n');
	// wide enough for the whole message line with a long temporary path
	const size = {columns: 200, rows: 40};
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}, size, props: {savePath: notes}});
	dashboard.press('w');
	await dashboard.waitForFrame(`could not save: ${notes}: exists and is not a gdlab run; remove it or choose another name`);
	assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');
	cleanup();
	const data = dashboard.split.dataset.path!;
	const before = readFileSync(data, 'utf8');
	const onData = renderDashboard({configs: {single: {epochs: longRun}}, size, props: {savePath: data}});
	onData.press('w');
	await onData.waitForFrame(`could not save: ${data}: cannot write: it is the data file; choose another name`);
	assert.equal(readFileSync(data, 'utf8'), before);
});

test('without --save, w names a new file by model and time in the working directory, never one taken', () => {
	const at = new Date(2026, 0, 2, 3, 4, 5);
	const onDisk = new Set(['gdlab-run-backprop-20260102-030405.json']);
	const exists = (name: string) => onDisk.has(name);
	assert.equal(newRunFileName('single', at, exists), 'gdlab-run-single-20260102-030405.json');
	assert.equal(newRunFileName('backprop', at, exists), 'gdlab-run-backprop-20260102-030405-2.json');
	assert.equal(newRunFileName('backprop', at, exists), 'gdlab-run-backprop-20260102-030405-3.json', 'a name handed out to a save still in flight is taken too');
});

test('--save\'s file goes to the model saved first; the other model\'s saves go beside it, before the extension', () => {
	const owners = new Map<string, 'single' | 'backprop'>();
	const at = new Date(2026, 0, 2, 3, 4, 5);
	assert.equal(savePathFor('runs/both.json', 'backprop', owners, at), 'runs/both.json');
	assert.equal(savePathFor('runs/both.json', 'single', owners, at), 'runs/both-single.json');
	assert.equal(savePathFor('runs/both.json', 'backprop', owners, at), 'runs/both.json', 'the first model keeps its file');
	assert.equal(savePathFor('run', 'single', new Map([['run', 'backprop']]), at), 'run-single', 'no extension: at the end');
	assert.equal(modelSavePath('my.runs/x.tar.json', 'backprop'), 'my.runs/x.tar-backprop.json');
	assert.equal(nextSavePath('runs/both.json', 'single', owners), 'runs/both-single.json', 'where the next w would go');
	assert.equal(nextSavePath(undefined, 'single', owners), undefined, 'without --save: a new file each time');
});

test('a file beside --save that is --save\'s own by another name (a symbolic link) is passed over: the other model saves to -2', () => {
	const path = join(directory, 'linked.json');
	writeFileSync(path, '{}');
	symlinkSync(path, modelSavePath(path, 'backprop'));
	const owners = new Map<string, 'single' | 'backprop'>([[path, 'single']]);
	assert.equal(nextSavePath(path, 'backprop', owners), join(directory, 'linked-backprop-2.json'));
	assert.equal(savePathFor(path, 'backprop', owners, new Date()), join(directory, 'linked-backprop-2.json'));
});

test('--load and --save naming one file through a symbolic link: the loaded model holds it from the start', () => {
	const real = join(directory, 'real-run.json');
	const link = join(directory, 'link-run.json');
	writeFileSync(real, '{}');
	symlinkSync(real, link);
	assert.deepEqual([...initialSaveOwners(real, {model: 'backprop', file: link})], [[real, 'backprop']]);
	assert.deepEqual([...initialSaveOwners(join(directory, 'other.json'), {model: 'backprop', file: link})], []);
});

/** A single-unit run of 300 epochs with η changed after the first, as a session to load. */
function runToLoad(epochTarget = 1000): LocalRunSession {
	const original = new LocalRunSession(runContext(lessonSplit()), {...lessonConfig('single'), epochs: epochTarget});
	original.step();
	original.setLearnRate(1);
	for (let epoch = 1; epoch < 300; epoch++) {
		original.step();
	}

	return original;
}

/** The dashboard opened on `original` as --load opens a saved run with these final weights; resolves to what it wrote by the time `shown` appears. */
async function loadInDashboard(original: LocalRunSession, weights: readonly number[], shown: string, diverged = false): Promise<string> {
	const stdin = new FakeStdin(true);
	const stdout = new FakeStdout();
	const done = runDashboard({
		split: lessonSplit(),
		configs: {single: original.startingConfig, backprop: lessonConfig('backprop')},
		initialModel: 'single',
		forwardSeed: 42,
		source: lessonSource,
		resume: {model: 'single', changes: original.changes, epochs: original.epoch, path: join(directory, 'gdlab-run-single.json'), weights, diverged},
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	});
	try {
		await waitFor(() => stdout.output.includes(shown), () => `never showed ${shown}:\n${stdout.output.slice(-2000)}`);
		return stdout.output;
	} finally {
		stdin.type('q');
		await done;
	}
}

test('a loaded run is replayed to its epoch with its changes, then waits paused, saying where it stands', async () => {
	const original = runToLoad();
	const output = await loadInDashboard(original, Array.from(original.snapshot().weights), 'loaded gdlab-run-single.json at epoch 300/1000: space resumes');
	assert.match(output, /Single unit {2}paused {2}η 1 {2}β 0 {2}full batch {2}epoch 300\/1000/);
	const weights = original.snapshot().weights[0]!.toPrecision(4);
	assert.ok(output.includes(` ${weights} `), `the replayed weight ${weights} is on screen`);
	assert.ok(!output.includes('replay differs'));
});

test('a loaded run saved at its epoch target says it is done and how to go on, not "space resumes"', async () => {
	const original = runToLoad(300);
	await loadInDashboard(original, Array.from(original.snapshot().weights), 'loaded gdlab-run-single.json at epoch 300/300: done, ↑ goes on');
});

test('a loaded run saved diverged is diverged again where it was saved, and says how to go on, not "space resumes"', async () => {
	// its first epoch overflows, and the run stays at its initial weights
	const original = new LocalRunSession(runContext(lessonSplit()), {...lessonConfig('single'), learnRate: 1e308, epochs: 1000});
	original.step();
	assert.equal(original.status, 'diverged');
	const {epoch} = original;
	const output = await loadInDashboard(original, Array.from(original.snapshot().weights), `diverged at epoch ${epoch + 1}: lower η and press r  ·  loaded at epoch ${epoch}/1000`, true);
	assert.match(output, new RegExp(`Single unit {2}diverged {2}η 1e\\+308 .*epoch ${epoch}/1000`));
	assert.ok(!output.includes('replay differs'), 'the replay matches the saved weights');
});

test('--load and --save naming one file: the other model\'s w saves beside it, never over the loaded run', async () => {
	const original = runToLoad();
	const path = join(directory, 'loaded-and-saved.json');
	writeFileSync(path, '{"format": "gdlab-run"}');
	const stdin = new FakeStdin(true);
	const stdout = new FakeStdout();
	const done = runDashboard({
		split: lessonSplit(),
		configs: {single: original.startingConfig, backprop: {...lessonConfig('backprop'), epochs: longRun}},
		initialModel: 'single',
		forwardSeed: 42,
		source: lessonSource,
		savePath: path,
		resume: {model: 'single', changes: original.changes, epochs: 300, path, weights: Array.from(original.snapshot().weights), diverged: false},
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	});
	const beside = join(directory, 'loaded-and-saved-backprop.json');
	try {
		await waitFor(() => stdout.output.includes('space resumes'), () => stdout.output.slice(-2000));
		stdin.type('3');
		await waitFor(() => stdout.output.includes('Backprop 6×2×1'), () => stdout.output.slice(-2000));
		stdin.type('w');
		await waitFor(() => existsSync(beside), () => `${beside} was never written:\n${stdout.output.slice(-2000)}`);
	} finally {
		stdin.type('q');
		await done;
	}

	assert.equal(readFileSync(path, 'utf8'), '{"format": "gdlab-run"}', 'the loaded file is untouched');
	assert.equal(readRunFile(beside).config.model, 'backprop');
});

test('a loaded run whose file saved other weights than its replay gives says so, on the message line', async () => {
	const original = runToLoad();
	const edited = Array.from(original.snapshot().weights);
	edited[2] = edited[2]! + 1e-9;
	await loadInDashboard(original, edited, 'replay differs from the saved weights: gdlab replay gdlab-run-single.json');
});
test('while a saved run replays, keys that would change it do nothing', async () => {
	const dashboard = renderDashboard({
		configs: {single: {epochs: longRun}},
		replay: {model: 'single', changes: [{epoch: 10, change: {learnRate: 1}}], epochs: 60_000},
		props: {startControls: {single: {paused: true}}},
	});
	await dashboard.waitForFrame(/loading the saved run: epoch \d+ of 60000/);
	assert.match(dashboard.frame(), /Single unit {2}loading /);
	const savedBefore = readdirSync('.').filter(name => name.startsWith('gdlab-run-'));
	dashboard.press(keys.left, 'r', 'w', ' ');
	// c once there is a curve to pin: half a replay's
	await waitFor(() => dashboard.sessions.single.history.length > 0);
	assert.ok(dashboard.sessions.single.loading !== undefined, 'still replaying');
	dashboard.press('c');
	await waitFor(() => dashboard.sessions.single.loading === undefined, () => 'the replay never ended');
	const {single} = dashboard.sessions;
	const frame = await dashboard.waitForFrame(/Single unit {2}paused .*epoch 60000\/100000/, 'space was dropped too: it stays paused where it was saved');
	assert.doesNotMatch(frame, /pinned/, 'c pinned nothing: the curve was the replay\'s, half made');
	assert.equal(single.epoch, 60_000);
	assert.equal(single.config.learnRate, 1, 'the keys pressed meanwhile were dropped: ← did not lower η');
	assert.equal(single.history.length, 60_000, 'r did not restart the run');
	assert.deepEqual(single.changes, [{epoch: 10, change: {learnRate: 1}}], 'nothing changed but the replay\'s own change');
	assert.deepEqual(readdirSync('.').filter(name => name.startsWith('gdlab-run-')), savedBefore, 'w saved nothing');
});

test('η changed on a diverged run is for the restart, and says so; space says which key goes on', async () => {
	const dashboard = renderDashboard({configs: {single: {learnRate: 1e308, epochs: longRun}}});
	await dashboard.waitForFrame('diverged at epoch 1');
	dashboard.press(keys.left);
	await dashboard.waitForFrame('η 1e+308 → 10 once r restarts the run');
	dashboard.press(' ');
	// the η the restart takes: the one lowered, not the one that diverged
	const frame = await dashboard.waitForFrame('r restarts it with η 10 (← lowers it first)');
	assert.equal(frame.split('lower η and press r').length, 2, 'the diverged line once, not said again');
});

test('. on a diverged run whose η is as it was names that η for the restart', async () => {
	const dashboard = renderDashboard({configs: {single: {learnRate: 1e308, epochs: longRun}}});
	await dashboard.waitForFrame('diverged at epoch 1');
	dashboard.press('.');
	await dashboard.waitForFrame('r restarts it with η 1e+308 (← lowers it first)');
});

test('at 80 columns a diverged run\'s η change keeps its numbers beside "lower η and press r"', async () => {
	const dashboard = renderDashboard({configs: {single: {learnRate: 1e308, epochs: longRun}}, size: {columns: 80, rows: 24}});
	await dashboard.waitForFrame('diverged at epoch 1');
	dashboard.press(keys.left);
	await dashboard.waitForFrame(/diverged at epoch 1: lower η and press r .*η 1e\+308 → 10 for the restart$/m, 'the short form, whole');
});

test('at 80 columns → on a diverged run past the ladder says, whole, which key steps back onto it', async () => {
	const dashboard = renderDashboard({configs: {single: {learnRate: 1e308, epochs: longRun}}, size: {columns: 80, rows: 24}});
	await dashboard.waitForFrame('diverged at epoch 1');
	dashboard.press(keys.right);
	await dashboard.waitForFrame(/diverged at epoch 1: lower η and press r .*η 1e\+308: ← steps onto the ladder$/m, 'the short form, whole');
});

test('at 60×18 the notice of a key pressed on a diverged run has a line of its own, whole, and every view still fits', async () => {
	const size = {columns: 60, rows: 18};
	const dashboard = renderDashboard({configs: {single: {learnRate: 1e308, epochs: longRun}}, size});
	await dashboard.waitForFrame('diverged at epoch 1');
	dashboard.press(keys.left);
	const advice = /^diverged at epoch 1: lower η and press r\nη 1e\+308 → 10 once r restarts the run$/m;
	await dashboard.waitForFrame(advice, 'the advice, then the notice whole on the line below');
	const views = {
		weights: (frame: string) => frame.includes('│ rank_4 '),
		step: (frame: string) => /^One step\b/m.test(frame),
		chart: (frame: string) => !frame.includes('│ rank_4 ') && !/^One step\b/m.test(frame),
	};
	for (const [view, shows] of Object.entries(views)) {
		const frame = await dashboard.waitForFrame(current => shows(current) && advice.test(current), `the ${view} view with both lines`);
		assert.ok(linesOf(frame).length <= size.rows - 1, `${view}: ${linesOf(frame).length} lines\n${frame}`);
		assert.ok(linesOf(frame).every(line => [...line].length <= size.columns), `${view}: a line wider than the terminal\n${frame}`);
		assert.match(linesOf(frame).at(-1)!, /\? help {2}q quit$/, `${view}: the key line still last\n${frame}`);
		dashboard.press('v');
	}

	dashboard.press('m');
	await dashboard.waitForFrame(/^diverged at epoch 1: lower η and press r\nmomentum β 0 → 0\.5 once r restarts the run$/m, 'the next key\'s notice, whole too, and for the restart');
	dashboard.press('b');
	await dashboard.waitForFrame(/^diverged at epoch 1: lower η and press r\nbatch: .* once r restarts the run$/m, 'the batch, for the restart too');
});

test('η far above and below the ladder (--lr 1000, 1e-9): ← / → step back onto it, never off its ends', async () => {
	const high = renderDashboard({configs: {single: {learnRate: 1000, epochs: longRun}}});
	await high.waitForFrame('η 1000  β 0');
	high.press(keys.right);
	await high.waitForFrame('η 1000 is above the ladder (0.0001 … 10); ← steps onto it');
	high.press(keys.left);
	await high.waitForFrame('η 1000 → 10 from the next epoch');
	cleanup();
	const low = renderDashboard({configs: {single: {learnRate: 1e-9, epochs: longRun}}});
	low.press(keys.left);
	await low.waitForFrame('η 1e-9 is below the ladder (0.0001 … 10); → steps onto it');
	low.press(keys.right);
	await low.waitForFrame('η 1e-9 → 0.0001 from the next epoch');
	low.press('?');
	await low.waitForFrame('? esc close help');
});

test('after divergence the tables show — where a step overflowed, never ∞ or NaN', async () => {
	const dashboard = renderDashboard({configs: {single: {learnRate: 1e308}}});
	const frame = await dashboard.waitForFrame('diverged at epoch 1');
	assert.doesNotMatch(frame, /∞|NaN/);
	assert.match(frame, /│ gre +│ +-?\d[.\de-]* │ +— │/);
});

test('256 hidden units (--hidden 256): the table fits, + keeps the count, − steps down one', async () => {
	const dashboard = renderDashboard({model: 'backprop', configs: {backprop: {hidden: 256, epochs: longRun}}, size: {columns: 80, rows: 24}});
	const fits = (frame: string) => linesOf(frame).every(line => [...line].length <= 80);
	const frame = await dashboard.waitForFrame(frame => frame.includes('Backprop 6×256×1') && fits(frame), 'the 256-unit network in 80 columns');

	assert.match(frame, /│ … \+763 │/, 'the 763 of its 768 columns (w, Δw and ∇ of each unit) not shown are counted');
	dashboard.press('+');
	await dashboard.waitForFrame('+ stops at 8 hidden units (256 came from --hidden); − steps down');
	dashboard.press('-');
	await dashboard.waitForFrame('hidden units 256 → 255: restarted');
	await dashboard.waitForFrame('Backprop 6×255×1');
});

test('an epoch target of a million (--epochs 1000000), the ladder\'s top: ↑ stops at it, ↓ and ↑ step down and back', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 1_000_000}}});
	await dashboard.waitForFrame(/epoch [1-9]\d*\/1000000/);
	dashboard.press(keys.up);
	await dashboard.waitForFrame('epoch target 1000000 is the top of the ladder');
	dashboard.press(keys.down);
	await dashboard.waitForFrame('epoch target 1000000 → 500000');
	dashboard.press(keys.up);
	await dashboard.waitForFrame('epoch target 500000 → 1000000');
});

test('a run started again (r, s, + or −) after its save is known to its save log; a number of hidden units or a seed refused is not a restart', async () => {
	const session = new LocalRunSession(runContext(lessonSplit()), {...lessonConfig('backprop'), epochs: 50});
	session.setRunning(false);
	session.step();
	await session.save(join(directory, 'restarted.json'));
	session.restart();
	session.step();
	session.saves.end(session.epoch);
	assert.equal(session.saves.unsavedSinceSave?.restarted, true);
	const other = new LocalRunSession(runContext(lessonSplit()), {...lessonConfig('backprop'), epochs: 50});
	other.setRunning(false);
	other.step();
	await other.save(join(directory, 'refused.json'));
	assert.throws(() => {
		other.setHidden(100_000);
	});
	assert.throws(() => {
		other.reseed(-1);
	});
	other.saves.end(other.epoch);
	assert.equal(other.saves.unsavedSinceSave, undefined);
	await Promise.all([session.close(), other.close()]);
});
