import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {PairwiseSum, pairwiseSum} from '../../src/engine/pairwise-sum.js';

/** NumPy's pairwise_sum (numpy/_core/src/umath/loops_utils.h.src) for float64, written out as NumPy has it. */
function numpySum(values: number[], start: number, length: number): number {
	if (length < 8) {
		let sum = 0;
		for (let index = 0; index < length; index++) {
			sum += values[start + index]!;
		}

		return sum;
	}

	if (length <= 128) {
		const r = values.slice(start, start + 8);
		let index = 8;
		for (; index < length - (length % 8); index += 8) {
			for (let lane = 0; lane < 8; lane++) {
				r[lane]! += values[start + index + lane]!;
			}
		}

		let sum = ((r[0]! + r[1]!) + (r[2]! + r[3]!)) + ((r[4]! + r[5]!) + (r[6]! + r[7]!));
		for (; index < length; index++) {
			sum += values[start + index]!;
		}

		return sum;
	}

	let half = Math.floor(length / 2);
	half -= half % 8;
	return numpySum(values, start, half) + numpySum(values, start + half, length - half);
}

const values = fc.array(fc.double({min: -1e6, max: 1e6, noNaN: true}), {maxLength: 1500});

test('pairwiseSum adds as NumPy\'s add.reduce does, and not in plain order', () => {
	fc.assert(fc.property(values, array => Object.is(pairwiseSum(array), numpySum(array, 0, array.length))));
	// np.sum([0.1] * 360) is 36.0; in plain order the sum is 36.00000000000024
	const tenths = Array.from({length: 360}, () => 0.1);
	assert.equal(pairwiseSum(tenths), 36);
	assert.notEqual(tenths.reduce((sum, value) => sum + value, 0), pairwiseSum(tenths));
});

test('PairwiseSum fed in runs of any lengths gives pairwiseSum\'s bits', () => {
	fc.assert(fc.property(values, fc.array(fc.integer({min: 1, max: 300}), {minLength: 1}), (array, runs) => {
		const sum = new PairwiseSum(array.length);
		for (let at = 0, run = 0; at < array.length; run++) {
			const end = Math.min(array.length, at + runs[run % runs.length]!);
			sum.add(array, at, end);
			at = end;
		}

		return Object.is(sum.total(), pairwiseSum(array)) || (array.length === 0 && sum.total() === 0);
	}));
});

test('PairwiseSum says so when given more or fewer values than it was made for', () => {
	const sum = new PairwiseSum(3);
	sum.add([1, 2], 0, 2);
	assert.throws(() => sum.total(), /made for 3 values and has fewer/);
	assert.throws(() => sum.add([3, 4], 0, 2), /more than the 3 values/);
});
