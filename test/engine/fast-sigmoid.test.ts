/**
 * The fast sigmoid's accuracy: its e^(−h) against Math.exp and its f(h) against 1/(1 + Math.exp(−h)), in
 * ulps, over millions of inputs across its range, and its table of 2^(j/2048) against correctly rounded values.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {fastSigmoidInputBound, fractionalPowersOfTwo} from '../../src/engine/kernels/fast-sigmoid.js';
import {fusedMultiplyAdd} from '../../src/engine/kernels/fused-multiply-add.js';
import {simdApplyAll} from '../../src/engine/kernels/sigmoid-kernel.js';
import {NumpyRandomState} from '../../src/engine/numpy-random-state.js';
import {sigmoid} from '../../src/engine/sigmoid.js';

/** e^(−h) is within an ulp of Math.exp (both nearly correctly rounded, so they may part by one). */
const exponentialUlps = 1;
/**
 * f(h) = 1/(1 + e^(−h)) may part by a few ulps more: where e^(−h) ≥ 2^53 its ulp is 2 or more, and one ulp
 * there can turn the rounding of 1 + e^(−h) the other way.
 */
const sigmoidUlps = 4;
/** Inputs per range tested. */
const inputsPerRange = 1_000_000;

/** |a − b| in ulps of b. */
function ulpsApart(actual: number, expected: number): number {
	if (actual === expected) {
		return 0;
	}

	const ulp = 2 ** (Math.floor(Math.log2(Math.abs(expected))) - 52);
	return Math.abs(actual - expected) / Math.max(ulp, Number.MIN_VALUE);
}

/** The largest distance in ulps between `actual` and `expected`, and an input where it occurs. */
function worst(inputs: Float64Array, actual: Float64Array, expected: (h: number) => number): {ulps: number; at: number} {
	let result = {ulps: 0, at: Number.NaN};
	for (let index = 0; index < inputs.length; index++) {
		const ulps = ulpsApart(actual[index]!, expected(inputs[index]!));
		if (ulps > result.ulps) {
			result = {ulps, at: inputs[index]!};
		}
	}

	return result;
}

function inputs(seed: number, draw: (random: NumpyRandomState) => number): Float64Array {
	const random = new NumpyRandomState(seed);
	return Float64Array.from({length: inputsPerRange}, () => draw(random));
}

const bound = fastSigmoidInputBound;
const ranges: Array<[name: string, values: Float64Array]> = [
	['uniform over ±700', inputs(1, random => (random.random() - 0.5) * 2 * bound)],
	['uniform over ±40, where f is neither 0 nor 1', inputs(2, random => (random.random() - 0.5) * 80)],
	['log-uniform from 1e-20 to 700, either sign', inputs(3, random => (random.random() < 0.5 ? -1 : 1) * Math.exp(-46 + (random.random() * (46 + Math.log(bound)))))],
	['the ends and the middle', Float64Array.from([0, -0, 1, -1, 2 ** -1074, -(2 ** -1074), 1e-300, bound, -bound, 36.7, -36.7, 37.5, -37.5, Math.LN2, -Math.LN2])],
];

describe('the fast sigmoid', () => {
	for (const variant of ['fast', 'fused'] as const) {
		const kernels = {exponential: `${variant}Exponential`, sigmoid: `${variant}Sigmoid`} as const;
		for (const [name, values] of ranges) {
			test(`→ has e^(−h) within ${exponentialUlps} ulp of Math.exp, ${name} (${variant} kernels)`, () => {
				const {ulps, at} = worst(values, simdApplyAll(kernels.exponential, values), h => Math.exp(-h));
				assert.ok(ulps <= exponentialUlps, `${ulps} ulps at h = ${at}`);
			});

			test(`→ has f(h) within ${sigmoidUlps} ulps of 1/(1 + Math.exp(−h)), ${name} (${variant} kernels)`, () => {
				const {ulps, at} = worst(values, simdApplyAll(kernels.sigmoid, values), sigmoid);
				assert.ok(ulps <= sigmoidUlps, `${ulps} ulps at h = ${at}`);
			});
		}

		test(`→ keeps f(0) = 1/2 and f(−0) = 1/2 exactly (${variant} kernels)`, () => {
			assert.deepEqual(Array.from(simdApplyAll(kernels.sigmoid, Float64Array.from([0, -0]))), [0.5, 0.5]);
		});
	}

	test('→ rounds differently in the fused kernels where the processor fuses (the sigmoid\'s products are fused there)', () => {
		const [, values] = ranges[1]!;
		const separate = simdApplyAll('fastExponential', values);
		const fused = simdApplyAll('fusedExponential', values);
		const differing = separate.filter((value, index) => value !== fused[index]).length;
		assert.ok(fusedMultiplyAdd ? differing > 0 : differing === 0, `${differing} of ${values.length} differ`);
	});

	test('→ takes 2^(j/2048) correctly rounded from its table (values from mpmath)', () => {
		const powers = fractionalPowersOfTwo();
		const correctlyRounded: Array<[number, number]> = [
			[0, 1], [1, 1.0003385080526823], [2, 1.0006771306930664], [3, 1.001015867959941], [511, 1.1888046950403834],
			[512, 1.189207115002721], [1024, Math.SQRT2], [1535, 1.6812237227389215], [2047, 1.9993232129924874],
		];
		for (const [index, value] of correctlyRounded) {
			assert.equal(powers[index], value, `2^(${index}/2048)`);
		}

		powers.forEach((power, index) => assert.ok(ulpsApart(power, 2 ** (index / 2048)) <= 1, `2^(${index}/2048) = ${power}`));
	});
});
