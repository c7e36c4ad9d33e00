import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadDataset} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {createRandom} from '../../src/engine/random.js';
import {ConfigError, TrainingSession, lessonConfig} from '../../src/engine/training-session.js';

const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42));

test('→ a new learning rate applies from the current weights, and history records it', () => {
	const session = new TrainingSession(split, lessonConfig('single'));
	session.advance(10);
	const before = session.snapshot().weights;
	session.setLearnRate(1);
	assert.deepEqual(session.snapshot().weights, before);
	session.advance(1);
	assert.equal(session.epoch, 11);
	assert.equal(session.history.at(9).learnRate, 0.5);
	assert.equal(session.history.at(10).learnRate, 1);
	assert.notDeepEqual(session.snapshot().weights, before);
});

test('changing η mid-run equals a run that used that η from the same epoch', () => {
	const changed = new TrainingSession(split, lessonConfig('single'));
	changed.advance(5);
	changed.setLearnRate(0.05);
	changed.advance(5);
	const manual = new TrainingSession(split, lessonConfig('single'));
	manual.advance(5);
	const weights = manual.model.weights;
	const copy = new TrainingSession(split, {...lessonConfig('single'), learnRate: 0.05});
	copy.model.weights.set(weights);
	copy.advance(5);
	assert.deepEqual(Array.from(changed.model.weights), Array.from(copy.model.weights));
});

test('the run stops at the epoch target and raising the target resumes it', () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), epochs: 20});
	assert.equal(session.advance(100), 20);
	assert.equal(session.status, 'done');
	assert.equal(session.advance(5), 0);
	session.setEpochTarget(30);
	assert.equal(session.status, 'training');
	assert.equal(session.advance(100), 10);
	assert.equal(session.history.length, 30);
});

test('restart returns to the seed\'s initial weights; reseed draws others', () => {
	const session = new TrainingSession(split, lessonConfig('backprop'));
	const initial = session.snapshot().initialWeights;
	session.advance(50);
	session.restart();
	assert.equal(session.epoch, 0);
	assert.equal(session.history.length, 0);
	assert.deepEqual(session.snapshot().weights, initial);
	session.reseed(7);
	assert.notDeepEqual(session.snapshot().weights, initial);
	assert.equal(session.config.seed, 7);
});

test('a huge learning rate ends in the diverged state with finite weights, never NaN', () => {
	const session = new TrainingSession(split, {...lessonConfig('backprop'), learnRate: 1e308, epochs: 100});
	session.advance(100);
	const snapshot = session.snapshot();
	assert.equal(snapshot.status, 'diverged');
	assert.equal(typeof snapshot.divergedAt, 'number');
	assert.ok(snapshot.weights.every(Number.isFinite));
	assert.ok(Number.isFinite(snapshot.trainLoss));
	// the weights are the last epoch kept; the last steps show the one that overflowed
	const kept = new TrainingSession(split, {...lessonConfig('backprop'), learnRate: 1e308, epochs: 100});
	kept.advance(snapshot.divergedAt!);
	assert.deepEqual(snapshot.weights, kept.snapshot().weights);
	assert.ok(!snapshot.lastWeightStep.every(Number.isFinite));
	assert.equal(session.advance(10), 0);
	for (const value of session.history.column('train')) {
		assert.ok(Number.isFinite(value));
	}
});

test('the loss-increasing flag names the latest epoch whose loss rose', () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), learnRate: 50, epochs: 50});
	session.advance(50);
	const increasedAt = session.snapshot().lossIncreasedAt;
	assert.ok(increasedAt !== undefined);
	assert.ok(session.history.at(increasedAt).train > session.history.at(increasedAt - 1).train);
	const calm = new TrainingSession(split, {...lessonConfig('single'), epochs: 50});
	calm.advance(50);
	assert.equal(calm.snapshot().lossIncreasedAt, undefined);
});

test('a mini-batch as large as the training set is the full batch; per-record updates differ', () => {
	const full = new TrainingSession(split, {...lessonConfig('single'), epochs: 5});
	const whole = new TrainingSession(split, {...lessonConfig('single'), epochs: 5, batch: split.train.rows});
	const record = new TrainingSession(split, {...lessonConfig('single'), epochs: 5, batch: 'record'});
	for (const session of [full, whole, record]) {
		session.advance(5);
	}

	assert.deepEqual(Array.from(whole.model.weights), Array.from(full.model.weights));
	assert.notDeepEqual(Array.from(record.model.weights), Array.from(full.model.weights));
	assert.ok(record.snapshot().trainLoss < full.snapshot().trainLoss, 'per-record updates take 360 steps an epoch');
});

test('momentum 0.9 speeds up the lesson\'s slow backprop run', () => {
	const plain = new TrainingSession(split, {...lessonConfig('backprop'), epochs: 200});
	const heavy = new TrainingSession(split, {...lessonConfig('backprop'), epochs: 200, momentum: 0.9});
	plain.advance(200);
	heavy.advance(200);
	assert.ok(heavy.snapshot().trainLoss < plain.snapshot().trainLoss);
});

test('momentum turned on again carries the step just taken, not one from before it was off', () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), momentum: 0.9});
	session.advance(10);
	session.setMomentum(0);
	session.advance(5);
	const before = session.snapshot();
	session.setMomentum(0.5);
	session.advance(1);
	// one full-batch step by hand: η·Δw/m + β·(the previous step)
	const plain = new TrainingSession(split, lessonConfig('single'));
	plain.model.weights.set(before.weights);
	plain.advance(1);
	const after = session.snapshot();
	for (const [index, weight] of after.weights.entries()) {
		assert.equal(weight, before.weights[index]! + (plain.snapshot().lastWeightStep[index]! + (0.5 * before.lastWeightStep[index]!)), `weight ${index}`);
	}
});

test('bad settings are refused with a ConfigError naming the value', () => {
	assert.throws(() => new TrainingSession(split, {...lessonConfig('single'), learnRate: 0}), new ConfigError('learning rate must be a positive number, got 0'));
	assert.throws(() => new TrainingSession(split, {...lessonConfig('single'), epochs: 0}), /epochs must be a whole number from 1 to 1000000, got 0/);
	assert.throws(() => new TrainingSession(split, {...lessonConfig('single'), epochs: 1_000_001}), /epochs must be a whole number from 1 to 1000000, got 1000001/);
	assert.throws(() => new TrainingSession(split, {...lessonConfig('backprop'), hidden: 0}), /hidden units/);
	const session = new TrainingSession(split, lessonConfig('single'));
	assert.throws(() => session.setMomentum(1), /momentum must be at least 0 and below 1, got 1/);
	assert.throws(() => session.setBatch(0), /batch size/);
	assert.equal(session.config.momentum, 0);
});
