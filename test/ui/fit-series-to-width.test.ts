import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {createRandom} from '../../src/engine/random.js';
import {chartColumns, columnOfEpoch, fitSeriesToWidth} from '../../src/ui/fit-series-to-width.js';

test('a short series keeps one column per epoch', () => {
	assert.deepEqual(fitSeriesToWidth([3, 2, 1], 10), [3, 2, 1]);
});

test('a long series is averaged into at most width columns', () => {
	const values = Array.from({length: 1000}, (_, epoch) => epoch);
	const fitted = fitSeriesToWidth(values, 10);
	assert.equal(fitted.length, 10);
	assert.equal(fitted[0], 49.5);
	assert.equal(fitted[9], 949.5);
});

test('the domain fixes the columns, so a growing run fills them from the left', () => {
	const values = Array.from({length: 250}, () => 1);
	assert.equal(fitSeriesToWidth(values, 10, 1000).length, 3, '250 of 1000 epochs reach the third of 10 columns');
	assert.equal(columnOfEpoch(249, 1000, 10), 2);
	assert.equal(chartColumns(80, 50), 50);
});

test('non-finite values are dropped and a column left empty takes its neighbour\'s value', () => {
	assert.deepEqual(fitSeriesToWidth([Number.NaN, 4, Number.POSITIVE_INFINITY, 2], 4), [4, 4, 4, 2]);
	assert.deepEqual(fitSeriesToWidth([Number.NaN, Number.NaN], 4), []);
});

test('empty input or no room gives nothing', () => {
	assert.deepEqual(fitSeriesToWidth([], 10), []);
	assert.deepEqual(fitSeriesToWidth([1, 2], 0), []);
});

test('whatever the series, the result fits the width and holds only finite numbers within the data\'s range', () => {
	const value = fc.oneof(fc.double({min: -1e6, max: 1e6, noNaN: true}), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));
	fc.assert(fc.property(fc.array(value, {maxLength: 500}), fc.integer({min: 1, max: 200}), (values, width) => {
		const fitted = fitSeriesToWidth(values, width);
		const finite = values.filter(Number.isFinite);
		assert.ok(fitted.length <= width);
		assert.ok(fitted.every(Number.isFinite));
		if (finite.length > 0) {
			const low = Math.min(...finite);
			const high = Math.max(...finite);
			assert.ok(fitted.every(point => point >= low - 1e-9 * Math.abs(low) && point <= high + 1e-9 * Math.abs(high)));
		}
	}));
});

test('a column where the series swings back and forth shows the band it swings in (high, low, high …), not its flat middle', () => {
	const swinging = Float64Array.from({length: 1000}, (_, epoch) => (epoch % 2 === 0 ? 0.212 : 0.2076));
	const points = fitSeriesToWidth(swinging, 80, 1000);
	assert.equal(points.length, 80);
	assert.deepEqual(new Set(points.filter((_, column) => column % 2 === 0)), new Set([0.212]));
	assert.deepEqual(new Set(points.filter((_, column) => column % 2 === 1)), new Set([0.2076]));
	// a curve that only falls, however steeply, keeps each column's mean
	const falling = Float64Array.from({length: 1000}, (_, epoch) => 1 / (1 + epoch));
	const means = fitSeriesToWidth(falling, 80, 1000);
	const firstColumn = Array.from(falling.subarray(0, 13)).reduce((sum, value) => sum + value, 0) / 13;
	assert.ok(Math.abs(means[0]! - firstColumn) < 1e-15);
	// noise on a falling curve (mini-batches) turns often, but not at every epoch: it keeps its means too
	const random = createRandom('numpy', 7);
	const noisy = Float64Array.from({length: 1000}, (_, epoch) => 0.2 + (0.05 / (1 + (epoch / 50))) + (2e-3 * (random.random() - 0.5)));
	const noisyMeans = fitSeriesToWidth(noisy, 60, 1000);
	for (let column = 0; column < 60; column++) {
		const first = Math.ceil((column * 1000) / 60);
		const end = Math.ceil(((column + 1) * 1000) / 60);
		const mean = Array.from(noisy.subarray(first, end)).reduce((sum, value) => sum + value, 0) / (end - first);
		assert.ok(Math.abs(noisyMeans[column]! - mean) < 1e-12, `column ${column}`);
	}
});
