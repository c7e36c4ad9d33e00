import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadDataset} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {createRandom} from '../../src/engine/random.js';
import {replayRun} from '../../src/engine/replay.js';
import {TrainingSession, lessonConfig} from '../../src/engine/training-session.js';

const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42));

test('a run with live setting changes replays to the same history and weights, bit for bit', () => {
	const live = new TrainingSession(split, {...lessonConfig('backprop'), epochs: 60});
	live.advance(10);
	live.setLearnRate(0.5);
	live.advance(15);
	live.setMomentum(0.9);
	live.setBatch(64);
	live.advance(100);
	live.setEpochTarget(80);
	live.advance(100);
	assert.equal(live.epoch, 80);
	assert.deepEqual(live.changes.map(change => change.epoch), [10, 25, 25, 60]);

	const again = replayRun(split, live.startingConfig, live.changes, live.epoch);
	assert.deepEqual(Array.from(again.history.column('train')), Array.from(live.history.column('train')));
	assert.deepEqual(Array.from(again.history.column('learnRate')), Array.from(live.history.column('learnRate')));
	assert.deepEqual(Array.from(again.model.weights), Array.from(live.model.weights));
});

test('restart forgets the changes and starts from the settings then in force', () => {
	const session = new TrainingSession(split, lessonConfig('single'));
	session.advance(5);
	session.setLearnRate(0.1);
	session.restart();
	assert.equal(session.changes.length, 0);
	assert.equal(session.startingConfig.learnRate, 0.1);
});

test('a run that diverged and then had η lowered (before r) replays to the same divergence', () => {
	const live = new TrainingSession(split, {...lessonConfig('backprop'), epochs: 100});
	live.advance(10);
	live.setLearnRate(1e308);
	live.advance(100);
	assert.equal(live.status, 'diverged');
	const diverged = live.epoch;
	live.setLearnRate(0.005);
	assert.equal(live.config.learnRate, 0.005, 'the lowered η is in force');
	assert.deepEqual(live.changes.map(change => change.change.learnRate), [1e308], 'the change made after it diverged is not logged');

	const again = replayRun(split, live.startingConfig, live.changes, live.epoch, true);
	assert.equal(again.status, 'diverged');
	assert.equal(again.epoch, diverged);
	assert.deepEqual(Array.from(again.model.weights), Array.from(live.model.weights));

	live.restart();
	assert.equal(live.startingConfig.learnRate, 0.005, 'r starts again from the lowered η');
});
