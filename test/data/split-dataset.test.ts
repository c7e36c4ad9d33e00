import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadDataset} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {createRandom} from '../../src/engine/random.js';
import {readFixture} from '../helpers/fixtures.js';

for (const [file, seed] of [['lesson-default.json', 42], ['lesson-alternate.json', 7]] as const) {
	test(`→ draws the lesson's 360 training and 40 test rows for seed ${seed}`, () => {
		const reference = readFixture(file);
		const split = splitDataset(loadDataset(undefined), createRandom('numpy', seed));
		assert.equal(split.train.rows, 360);
		assert.equal(split.test.rows, 40);
		assert.deepEqual(split.trainIndex, reference.data.train_index);
		assert.deepEqual(split.testIndex, reference.data.test_index);
		assert.deepEqual(Array.from(split.train.features.subarray(0, 6)), reference.data.first_train_row);
	});
}

test('→ moves each row with its target: the test rows keep file order', () => {
	const original = loadDataset(undefined);
	const targets = Array.from(original.targets);
	const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42));
	assert.deepEqual(Array.from(split.test.targets), split.testIndex.map(row => targets[row]));
	assert.deepEqual(Array.from(split.train.targets), split.trainIndex.map(row => targets[row]));
});

test('→ holds out the share --test-ratio asks for', () => {
	const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42), 0.25);
	assert.equal(split.train.rows, 300);
	assert.equal(split.test.rows, 100);
	assert.deepEqual([...split.trainIndex, ...split.testIndex].sort((a, b) => a - b), Array.from({length: 400}, (_, row) => row));
});

test('→ counts a share a rounding error short of whole rows as those rows (400 × (1 − 0.8) is 80, not 79)', () => {
	for (const [ratio, train] of [[0.8, 80], [0.9, 40], [0.9975, 1], [0.1, 360], [0.3, 280], [0.123, 350]] as const) {
		assert.equal(splitDataset(loadDataset(undefined), createRandom('numpy', 42), ratio).train.rows, train, `--test-ratio ${ratio}`);
	}
});

test('→ refuses a test ratio outside (0, 1)', () => {
	for (const ratio of [0, 1, -0.1, 1.5, Number.NaN]) {
		assert.throws(() => splitDataset(loadDataset('synthetic:100:2'), createRandom('numpy', 42), ratio), {name: 'DataError', message: `--test-ratio must be between 0 and 1 (exclusive), got ${ratio}`});
	}
});

test('→ refuses a ratio that leaves no training row', () => {
	assert.throws(() => splitDataset(loadDataset('synthetic:10:2'), createRandom('numpy', 42), 0.95), {message: 'synthetic:10:2: --test-ratio 0.95 leaves no training row from 10 rows'});
});

test('→ refuses a ratio that leaves no test row', () => {
	assert.throws(() => splitDataset(loadDataset('synthetic:10:2'), createRandom('numpy', 42), 1e-17), {message: 'synthetic:10:2: --test-ratio 1e-17 leaves no test row from 10 rows'});
});
