/** Big data trains in a worker thread; the main thread's mirror shows it, takes commands, saves, replays and survives a crash. */
import '../helpers/outside-ci.js';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {SplitDataset} from '../../src/data/dataset.js';
import {loadDataset} from '../../src/data/load-dataset.js';
import {readRunFile} from '../../src/data/run-file.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {startParallelEpoch} from '../../src/engine/kernels/parallel-epoch.js';
import {createRandom} from '../../src/engine/random.js';
import {replayRun} from '../../src/engine/replay.js';
import {ConfigError, lessonConfig, type SessionConfig} from '../../src/engine/training-session.js';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../src/ui/App.js';
import {LocalRunSession} from '../../src/ui/local-run-session.js';
import type {RunSession} from '../../src/ui/run-session.js';
import {startRunSession, trainsInWorker, workerMinTrainingRows} from '../../src/ui/start-run-session.js';
import {WorkerRunSession} from '../../src/ui/worker/worker-run-session.js';
import {repoRoot} from '../helpers/fixtures.js';
import {lessonSplit, runContext, waitFor} from './dashboard-harness.js';

/** Just enough synthetic rows that the training records reach the worker threshold. */
const bigData = `synthetic:${Math.ceil(workerMinTrainingRows / 0.9) + 100}:4`;
const split: SplitDataset = splitDataset(loadDataset(bigData), createRandom('numpy', 42));
const directory = mkdtempSync(join(tmpdir(), 'gdlab-worker-'));
const opened: RunSession[] = [];

before(async () => {
	// the worker splits every epoch across threads where it can; the replays here must do the same to match bit for bit
	await startParallelEpoch();
});

after(async () => {
	await Promise.all(opened.map(async session => session.close()));
	rmSync(directory, {recursive: true, force: true});
});

async function start(config: Partial<SessionConfig> = {}, replay?: Parameters<typeof startRunSession>[2]): Promise<RunSession> {
	const session = await startRunSession(runContext(split), {...lessonConfig('single'), epochs: 100_000, ...config}, replay);
	opened.push(session);
	return session;
}

/** Pause and wait until the mirror has the worker's last epoch. */
async function pause(session: RunSession): Promise<number> {
	session.setRunning(false);
	await (session as WorkerRunSession).whenApplied();
	return session.epoch;
}

test('big data trains in a worker, the admissions data on the render thread', async () => {
	assert.equal(trainsInWorker(split, lessonConfig('single')), true);
	assert.equal(trainsInWorker(lessonSplit(), lessonConfig('single')), false);
	assert.equal(trainsInWorker(lessonSplit(), {...lessonConfig('backprop'), hidden: 1024}), false, 'even 1024 hidden units: a few ms an epoch');
	assert.ok(await start() instanceof WorkerRunSession);
	assert.ok(await startRunSession(runContext(lessonSplit()), lessonConfig('single')) instanceof LocalRunSession);
});

test('a wide network on few records trains in a worker too (on a shared copy of the records), so keys are never held up by its epochs', async () => {
	const few = splitDataset(loadDataset('synthetic:2000:100'), createRandom('numpy', 42));
	assert.ok(!(few.train.features.buffer instanceof SharedArrayBuffer), 'records this few are plain arrays');
	const wide = {...lessonConfig('backprop'), hidden: 64, epochs: 100_000};
	assert.equal(trainsInWorker(few, wide), true);
	assert.equal(trainsInWorker(few, lessonConfig('single')), false);
	const session = await startRunSession(runContext(few), wide);
	opened.push(session);
	assert.ok(session instanceof WorkerRunSession);
	session.setRunning(true);
	await waitFor(() => session.epoch >= 3);
	session.setRunning(false);
	await session.whenApplied();
	const local = replayRun(few, {...wide, epochs: session.epoch}, [], session.epoch);
	assert.deepEqual(Array.from(session.snapshot().weights), Array.from(local.model.weights), 'the same weights as on this thread');
});

test('the worker trains while told to run, and the mirror keeps its history epoch for epoch', async () => {
	const session = await start();
	// longer than a publication interval: a worker training on its own would have shown epochs by now
	await new Promise(resolve => {
		setTimeout(resolve, 400);
	});
	await (session as WorkerRunSession).whenApplied();
	assert.equal(session.epoch, 0, 'nothing trains before the screen says run');
	session.setRunning(true);
	await waitFor(() => session.epoch >= 5);
	const epoch = await pause(session);
	assert.equal(session.history.length, epoch);
	const reference = replayRun(split, session.startingConfig, session.changes, epoch);
	assert.deepEqual(session.history.column('train'), reference.history.column('train'));
	assert.deepEqual(session.snapshot().weights, reference.snapshot().weights);
});

test('a setting shows at once, reaches the worker, and is logged at the epoch it took effect', async () => {
	const session = await start();
	session.setRunning(true);
	await waitFor(() => session.epoch >= 2);
	session.setLearnRate(1);
	assert.equal(session.config.learnRate, 1, 'the mirror shows the new η before the worker answers');
	assert.equal(session.snapshot().config.learnRate, 1);
	await waitFor(() => session.changes.length === 1);
	const [change] = session.changes;
	assert.deepEqual(change!.change, {learnRate: 1});
	await waitFor(() => session.history.length > change!.epoch + 1);
	assert.equal(session.history.at(change!.epoch).learnRate, 1);
	assert.equal(session.history.at(change!.epoch - 1).learnRate, 0.5);
});

test('a setting the engine refuses is refused at once, as on the render thread, and never reaches the worker', async () => {
	const session = await start();
	await pause(session);
	assert.throws(() => {
		session.reseed(2 ** 32);
	}, /seed must be a whole number from 0 to 4294967295 with rng numpy, got 4294967296/);
	assert.throws(() => {
		session.setLearnRate(-1);
	}, /learning rate must be a positive number, got -1/);
	await (session as WorkerRunSession).whenApplied();
	assert.equal(session.config.seed, 42);
	assert.equal(session.config.learnRate, 0.5);
	assert.equal(session.changes.length, 0);
	session.saves.end(session.epoch);
	assert.equal(session.saves.unsavedSinceSave, undefined);
	assert.equal((session.saves as unknown as {restarts: number}).restarts, 0, 'a reseed refused is no restart');
});

test('step trains exactly one epoch and leaves the run paused', async () => {
	const session = await start();
	session.setRunning(true);
	await waitFor(() => session.epoch >= 2);
	const epoch = await pause(session);
	assert.equal(session.caughtUp, true);
	session.step();
	// until the worker has taken the step, the epoch on show is not the one it will be
	assert.equal(session.caughtUp, false);
	await waitFor(() => session.epoch === epoch + 1);
	await (session as WorkerRunSession).whenApplied();
	assert.equal(session.caughtUp, true);
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
	assert.equal(session.epoch, epoch + 1);
});

test('restart and new hidden units start the run again; the mirror drops the old history', async () => {
	const session = await start({...lessonConfig('backprop'), epochs: 100_000});
	session.setRunning(true);
	await waitFor(() => session.epoch >= 3);
	session.setHidden(3);
	assert.equal(session.config.hidden, 3);
	assert.equal(session.status, 'training');
	// until the worker has it, the old run on show is said to be restarting, with no speed of its own
	assert.equal(session.restarting, true);
	assert.equal(session.epochsPerSecond, 0);
	// and keys act on the new run meanwhile: none of its epochs is trained (↓ to a target must not end it)
	assert.equal(session.epoch, 0);
	await waitFor(() => session.snapshot().config.hidden === 3);
	assert.equal(session.restarting, false);
	assert.equal(session.snapshot().weights.length, 4 * 3 + 3);
	const epoch = await pause(session);
	assert.equal(session.history.length, epoch);
	session.restart();
	await waitFor(() => session.epoch === 0 && session.history.length === 0);
	assert.deepEqual(session.snapshot().weights, session.snapshot().initialWeights);
});

test('raising the epoch target of a finished run resumes it', async () => {
	const session = await start({epochs: 3});
	session.setRunning(true);
	await waitFor(() => session.status === 'done');
	assert.equal(session.epoch, 3);
	session.setEpochTarget(5);
	assert.equal(session.status, 'training', 'the mirror says training at once');
	await waitFor(() => session.epoch === 5 && session.status === 'done');
});

test('save writes the worker\'s run, which replays to the same figures', async () => {
	const session = await start();
	session.setRunning(true);
	await waitFor(() => session.epoch >= 3);
	session.setMomentum(0.5);
	const path = join(directory, 'worker-run.json');
	const saved = await session.save(path);
	const record = readRunFile(path);
	assert.equal(saved.path, path);
	assert.equal(record.epochs, saved.epochs);
	assert.deepEqual(record.changes.map(change => change.change), [{momentum: 0.5}]);
	assert.equal(record.dataset.name, bigData);
	const replayed = replayRun(split, record.config, record.changes, record.epochs);
	assert.deepEqual(Array.from(replayed.history.column('train')), record.history.train);
});

test('a save to a folder that does not exist fails with one line', async () => {
	const session = await start();
	await assert.rejects(session.save(join(directory, 'missing', 'run.json')), {message: `${join(directory, 'missing', 'run.json')}: cannot write: no such directory`});
});

test('a saved run is replayed in the worker to its epoch, with its changes, and stays there', async () => {
	const session = await start();
	session.setRunning(true);
	await waitFor(() => session.epoch >= 2);
	session.setLearnRate(0.2);
	await waitFor(() => session.epoch >= 5);
	const epoch = await pause(session);
	const {changes, startingConfig} = session;
	const snapshot = session.snapshot();

	const resumed = await start(startingConfig, {changes, epochs: epoch});
	await waitFor(() => resumed.loading === undefined && resumed.epoch === epoch);
	assert.deepEqual(resumed.snapshot().weights, snapshot.weights);
	assert.deepEqual(resumed.changes, changes);
	assert.equal(resumed.config.learnRate, 0.2);
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
	assert.equal(resumed.epoch, epoch, 'a replayed run waits to be told to run');
});

test('a worker that dies leaves a one-line reason and ignores further commands', async () => {
	const crashing = new URL('../fixtures/crashing-session-worker.js', import.meta.url);
	const session = await WorkerRunSession.start(runContext(split), lessonConfig('single'), undefined, crashing);
	opened.push(session);
	session.setRunning(true);
	await waitFor(() => session.failure !== undefined);
	assert.equal(session.failure, 'training stopped: the training thread broke down');
	session.setLearnRate(1);
	assert.equal(session.config.learnRate, 0.5);
	await assert.rejects(session.save(join(directory, 'never.json')), {message: 'training stopped: the training thread broke down'});
});

test('on screen, a dead worker is one red line and a stopped run; the keyboard still answers', async () => {
	const crashing = new URL('../fixtures/crashing-session-worker.js', import.meta.url);
	const session = await WorkerRunSession.start(runContext(split), {...lessonConfig('single'), epochs: 100_000}, undefined, crashing);
	opened.push(session);
	const backprop = await start(lessonConfig('backprop'));
	const app = render(<App split={split} sessions={{single: session, backprop}} initialModel="single" forwardSeed={42} color={false}/>);
	try {
		await waitFor(() => (app.lastFrame() ?? '').includes('training stopped: the training thread broke down'));
		const frame = app.lastFrame()!;
		assert.match(frame, /Single unit {2}stopped /);
		assert.doesNotMatch(frame, /at somewhere/, 'no stack on screen');
		app.stdin.write('?');
		await waitFor(() => (app.lastFrame() ?? '').includes('? esc close help'));
	} finally {
		cleanup();
	}
});

test('a worker that cannot start is one line, not a stack', async () => {
	const broken = new URL('../fixtures/broken-session-worker.js', import.meta.url);
	await assert.rejects(WorkerRunSession.start(runContext(split), lessonConfig('single'), undefined, broken), {message: 'the training thread could not start: no data here'});
});

test('the worker gets the dataset\'s description alone, not a second copy of its records', async () => {
	const describing = new URL('../fixtures/describing-session-worker.js', import.meta.url);
	await assert.rejects(WorkerRunSession.start(runContext(split), lessonConfig('single'), undefined, describing), {message: 'the training thread could not start: dataset fields: featureNames name path rows sha256'});
});

test('a network too big for the data is refused as the engine refuses it (a usage error), before any worker starts', async () => {
	// five columns of 1,000 values one-hot encoded, 5,000 features, and 1,000 hidden units: 5,001,000 weights, and an epoch heavy enough for a worker
	const columns = ['a', 'b', 'c', 'd', 'e'];
	const csv = join(directory, 'wide.csv');
	const rows = Array.from({length: 1000}, (_, index) => `${columns.map(() => `l${index}`).join(',')},${index % 2}`);
	writeFileSync(csv, `${columns.join(',')},y\n${rows.join('\n')}\n`);
	const wide = splitDataset(loadDataset(csv, {categorical: columns}), createRandom('numpy', 42));
	const config = {...lessonConfig('backprop'), hidden: 1000};
	assert.equal(trainsInWorker(wide, config), true);
	await assert.rejects(startRunSession(runContext(wide), config), (error: unknown) => error instanceof ConfigError && /1000 hidden units on 5,000 features make 5,001,000 weights/.test(error.message));
});

test('close ends the worker, so nothing keeps the process alive', async () => {
	const session = await start();
	session.setRunning(true);
	await session.close();
	assert.equal(session.failure, undefined, 'closing is not a failure');
	// a process that trained in a worker and closed it ends on its own (a live worker or timer would hold it)
	const script = `
		import {loadDataset} from './dist/src/data/load-dataset.js';
		import {splitDataset} from './dist/src/data/split-dataset.js';
		import {createRandom} from './dist/src/engine/random.js';
		import {lessonConfig} from './dist/src/engine/training-session.js';
		import {WorkerRunSession} from './dist/src/ui/worker/worker-run-session.js';
		const split = splitDataset(loadDataset('${bigData}'), createRandom('numpy', 42));
		const source = {data: '${bigData}', splitSeed: 42, target: undefined, categorical: undefined, strict: false, testRatio: 0.1};
		const session = await WorkerRunSession.start({data: split, dataset: split.dataset, source}, {...lessonConfig('single'), epochs: 100000});
		session.setRunning(true);
		await new Promise(resolve => setTimeout(resolve, 200));
		await session.close();
		console.log('closed');`;
	const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {cwd: repoRoot, encoding: 'utf8', timeout: 30_000});
	assert.equal(result.stdout.trim(), 'closed', result.stderr);
	assert.equal(result.status, 0, `the process did not end on its own (status ${result.status}, ${result.signal ?? 'no signal'})`);
});

test('hidden units too many for the data\'s columns are refused at the key, as the engine would refuse them', async () => {
	// 4,000 columns: 1,000 hidden units make over 4,000,000 weights
	const file = join(directory, 'wide.csv');
	const columns = Array.from({length: 4000}, (_, column) => `x${column}`);
	writeFileSync(file, `y,${columns.join(',')}\n${Array.from({length: 30}, (_, row) => [row % 2, ...columns.map((_, column) => ((row * (column + 3)) % 17) + row)].join(',')).join('\n')}\n`);
	const wide = splitDataset(loadDataset(file, {target: 'y'}), createRandom('numpy', 42));
	const session = await WorkerRunSession.start(runContext(wide), {...lessonConfig('backprop'), hidden: 990, epochs: 10});
	opened.push(session);
	assert.throws(() => {
		session.setHidden(1000);
	}, {name: 'ConfigError', message: /^1000 hidden units on 4,000 features make 4,001,000 weights/});
	assert.equal(session.config.hidden, 990);
	assert.equal(session.restarting, false);
});

/** The App on two training threads' runs, the single unit's (on show) with a long epoch target. */
async function renderOnThreads() {
	const session = await start({...lessonConfig('single'), epochs: 100_000});
	const backprop = await start(lessonConfig('backprop'));
	const app = render(<App split={split} sessions={{single: session, backprop}} initialModel="single" forwardSeed={42} color={false}/>);
	return {session, app};
}

test('on screen, . typed several times at once on a training thread\'s paused run names the epoch the last one trains', async () => {
	const {session, app} = await renderOnThreads();
	try {
		await waitFor(() => session.epoch >= 2);
		app.stdin.write(' ');
		await waitFor(() => (app.lastFrame() ?? '').includes(' paused '));
		await (session as WorkerRunSession).whenApplied();
		const epoch = session.epoch;
		app.stdin.write('...');
		await waitFor(() => session.epoch === epoch + 3 && (session as WorkerRunSession).caughtUp);
		const notices = (app.lastFrame() ?? '').split('\n').filter(line => /one epoch: epoch \d+|after .* more epochs?/.test(line));
		assert.equal(notices.length, 1, app.lastFrame());
		// the first . names the next epoch; the others, typed before the thread took it, count on from it
		assert.match(notices[0]!, new RegExp(`one epoch: epoch ${epoch + 3}$`));
	} finally {
		cleanup();
	}
});

test('on screen, . typed several times at once on a training thread\'s running run names, once the screen has caught up, the epoch it paused at', async () => {
	const {session, app} = await renderOnThreads();
	try {
		await waitFor(() => session.epoch >= 2);
		// (what the line says before the screen catches up, a count, is step-notice.test.ts's)
		app.stdin.write('...');
		await waitFor(() => (session as WorkerRunSession).caughtUp && new RegExp(`paused at epoch ${session.epoch}$`, 'm').test(app.lastFrame() ?? ''), () => app.lastFrame() ?? '');
	} finally {
		cleanup();
	}
});
