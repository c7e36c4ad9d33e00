/** The engine at the edges a curious user reaches: enormous and tiny rates, wide networks, long runs. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadDataset} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {createRandom} from '../../src/engine/random.js';
import {TrainingSession, lessonConfig} from '../../src/engine/training-session.js';

const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42));

function assertFiniteState(session: TrainingSession): void {
	const snapshot = session.snapshot();
	for (const value of [snapshot.trainLoss, snapshot.testLoss, snapshot.testAccuracy, ...snapshot.weights, ...snapshot.gradient, ...snapshot.lastWeightStep]) {
		assert.ok(Number.isFinite(value), `non-finite value in ${snapshot.status} state`);
	}
}

test('η = 1000 saturates or diverges cleanly, in every model and batch mode', () => {
	for (const model of ['single', 'backprop'] as const) {
		for (const batch of ['full', 'record', 16] as const) {
			const session = new TrainingSession(split, {...lessonConfig(model), learnRate: 1000, epochs: 200, batch});
			session.advance(200);
			assert.ok(['done', 'diverged'].includes(session.status));
			assertFiniteState(session);
		}
	}
});

test('η = 1e-9 barely moves the weights but still trains every epoch', () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), learnRate: 1e-9, epochs: 100});
	const initial = session.snapshot().weights;
	session.advance(100);
	assert.equal(session.history.length, 100);
	const moved = Math.max(...session.snapshot().weights.map((value, index) => Math.abs(value - initial[index]!)));
	assert.ok(moved > 0 && moved < 1e-6);
	assertFiniteState(session);
});

test('256 hidden units train and keep their shapes', () => {
	const session = new TrainingSession(split, {...lessonConfig('backprop'), hidden: 256, epochs: 5});
	session.advance(5);
	const weights = session.model.weightsJson() as {inputHidden: number[][]; hiddenOutput: number[]};
	assert.equal(weights.inputHidden.length, 6);
	assert.equal(weights.inputHidden[0]!.length, 256);
	assert.equal(weights.hiddenOutput.length, 256);
	assertFiniteState(session);
});

test('a target of a million epochs advances in slices without holding anything per epoch but the history', () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), epochs: 1_000_000});
	assert.equal(session.advance(2000), 2000);
	assert.equal(session.status, 'training');
	assert.equal(session.history.length, 2000);
	assertFiniteState(session);
});
