/** The training loop: slices that stop when told, and a step-by-step replay identical to replayRun. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {replayRun} from '../../src/engine/replay.js';
import {lessonConfig, TrainingSession, type ConfigChange, type SessionConfig} from '../../src/engine/training-session.js';
import {TrainingLoop} from '../../src/ui/training-loop.js';
import {lessonSplit, waitFor} from './dashboard-harness.js';

const split = lessonSplit();
const pacing = {sliceBudgetMs: 5, publishIntervalMs: 100};

/** Replay with the loop, to the end. */
async function loopReplay(config: SessionConfig, changes: ConfigChange[], epochs: number): Promise<TrainingSession> {
	const session = new TrainingSession(split, config);
	const loop = new TrainingLoop(session, () => {}, pacing);
	loop.startReplay({changes, epochs});
	assert.deepEqual(loop.loading, {epoch: 0, epochs});
	await waitFor(() => loop.loading === undefined);
	return session;
}

function assertSameRun(actual: TrainingSession, expected: TrainingSession): void {
	assert.equal(actual.epoch, expected.epoch);
	assert.equal(actual.status, expected.status);
	assert.deepEqual(actual.config, expected.config);
	assert.deepEqual(actual.changes, expected.changes);
	assert.deepEqual(actual.history.column('train'), expected.history.column('train'));
	assert.deepEqual(actual.snapshot(), expected.snapshot());
}

test('a replay in slices applies each change at its epoch and ends where replayRun does', async () => {
	const config = {...lessonConfig('backprop'), epochs: 200};
	const changes: ConfigChange[] = [
		{epoch: 0, change: {momentum: 0.5}},
		{epoch: 40, change: {learnRate: 0.05}},
		{epoch: 40, change: {batch: 'record'}},
		{epoch: 200, change: {epochs: 500}},
		{epoch: 350, change: {batch: 32}},
	];
	assertSameRun(await loopReplay(config, changes, 420), replayRun(split, config, changes, 420));
});

test('a replay of a run that diverged stops where it did, with the changes made after', async () => {
	const config = {...lessonConfig('single'), epochs: 1000};
	const changes: ConfigChange[] = [{epoch: 30, change: {learnRate: 1e308}}, {epoch: 31, change: {learnRate: 0.5}}];
	const expected = replayRun(split, config, changes, 31);
	assert.equal(expected.status, 'diverged');
	assertSameRun(await loopReplay(config, changes, 31), expected);
});

test('the loop trains only while told to run, and publishes when it stops', async () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), epochs: 100_000});
	let published = 0;
	const loop = new TrainingLoop(session, () => {
		published++;
	}, pacing);
	await new Promise(resolve => {
		setTimeout(resolve, 20);
	});
	assert.equal(session.epoch, 0);
	loop.setRunning(true);
	await waitFor(() => session.epoch > 100);
	const before = published;
	loop.setRunning(false);
	assert.equal(published, before + 1, 'stopping publishes the state it stopped at');
	const epoch = session.epoch;
	await new Promise(resolve => {
		setTimeout(resolve, 20);
	});
	assert.equal(session.epoch, epoch);
	assert.equal(loop.epochsPerSecond, 0);
	loop.dispose();
});

test('a replay running (space pressed meanwhile) publishes the run at the saved epoch before it trains on', async () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), epochs: 100_000});
	const published: Array<{epoch: number; loading: boolean}> = [];
	// a long slice budget: the slice that ends the replay would go on for many epochs past it
	const loop = new TrainingLoop(session, () => {
		published.push({epoch: session.epoch, loading: loop.loading !== undefined});
	}, {sliceBudgetMs: 200, publishIntervalMs: 1000});
	loop.startReplay({changes: [], epochs: 50});
	loop.setRunning(true);
	await waitFor(() => session.epoch > 50);
	loop.dispose();
	const firstAfter = published.find(entry => !entry.loading);
	assert.deepEqual(firstAfter, {epoch: 50, loading: false}, JSON.stringify(published.slice(0, 5)));
});

test('a restarted run\'s speed is measured afresh: the old run\'s epochs per second are not shown for it', async () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), epochs: 1_000_000});
	const loop = new TrainingLoop(session, () => {}, pacing);
	loop.setRunning(true);
	await waitFor(() => loop.epochsPerSecond > 0);
	session.restart();
	loop.restarted();
	assert.equal(loop.epochsPerSecond, 0, 'no speed until the new run has one of its own');
	assert.ok(session.epoch < 1000);
	await waitFor(() => loop.epochsPerSecond > 0);
	loop.dispose();
});

test('the speed is measured from the first slice: a stall before it (start-up, a first frame) is not counted as training time', async () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), epochs: 1_000_000});
	const loop = new TrainingLoop(session, () => {}, pacing);
	loop.setRunning(true);
	// the thread busy elsewhere for 600 ms before the first slice can run
	const stalled = performance.now();
	while (performance.now() - stalled < 600) {
		// busy
	}

	const firstSlice = performance.now();
	await waitFor(() => loop.epochsPerSecond > 0);
	const trueRate = (session.epoch * 1000) / (performance.now() - firstSlice);
	const shown = loop.epochsPerSecond;
	loop.dispose();
	// counted from the stall, the first window (about 500 ms of training) would show under half the speed
	assert.ok(shown > 0.7 * trueRate, `shown ${shown.toFixed(0)} epochs/s, trained at ${trueRate.toFixed(0)}`);
});
