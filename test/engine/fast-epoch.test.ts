/**
 * Every fast path equals the plain reference: the bit-exact SIMD sigmoid value for value, and the epoch
 * kernels step for step, bit for bit with the exact sigmoid (tolerance 0) and to the fast sigmoid's
 * rounding with it (fastSigmoidTolerance), on random and admissions data, full batch and mini-batch.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Examples} from '../../src/data/dataset.js';
import {loadDataset} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {HiddenLayerNetwork} from '../../src/engine/hidden-layer-network.js';
import {kernelSigmoidFor, kernelsFuse, minKernelRows, setFastEpoch, setKernelSigmoid, takesFastPath} from '../../src/engine/kernels/fast-epoch.js';
import {fusedMultiplyAdd} from '../../src/engine/kernels/fused-multiply-add.js';
import {kernelSigmoids, type KernelSigmoid} from '../../src/engine/kernels/kernel-sigmoid.js';
import {chunkStart} from '../../src/engine/kernels/chunk-claims.js';
import {epochChunks} from '../../src/engine/kernels/parallel-epoch.js';
import {simdSigmoidAll} from '../../src/engine/kernels/sigmoid-kernel.js';
import {NumpyRandomState} from '../../src/engine/numpy-random-state.js';
import {evaluate} from '../../src/engine/model.js';
import {createRandom} from '../../src/engine/random.js';
import {referenceHiddenLayerSteps, referenceSingleUnitSteps} from '../../src/engine/reference-epoch.js';
import {sigmoid} from '../../src/engine/sigmoid.js';
import {SingleUnit} from '../../src/engine/single-unit.js';
import {TrainingSession, lessonConfig, type BatchMode} from '../../src/engine/training-session.js';

/** With the exact sigmoid the kernels repeat the reference's roundings exactly, so the allowed difference is none. */
const tolerance = 0;
/**
 * With the fast sigmoid each activation may differ from the reference's by a few ulps (its e^(−h) is within
 * one ulp of Math.exp, test/engine/fast-sigmoid.test.ts), and the `fused` kernels round each product with
 * its sum, so a step, a sum of such terms, may differ in its last bits: relative to the largest step, this much.
 */
const fastSigmoidTolerance = 1e-13;
/** The difference allowed with each sigmoid, relative to the largest value compared (0: none at all). */
const tolerances: Record<KernelSigmoid, number> = {exact: tolerance, fast: fastSigmoidTolerance, fused: fastSigmoidTolerance};

/** Inputs where fdlibm's exp branches or rounds specially, and their neighbours. */
const specialInputs = [
	0, -0, 1, -1, 2 ** -28, -(2 ** -28), 2 ** -29, 5e-324, -5e-324, 0.34657359027997264, -0.34657359027997264, 1.0397207708399179,
	-1.0397207708399179, 36, -36, 37.5, -37.5, 700, -700, 708.3964185322641, -708.3964185322641, 709.78, -709.78,
	709.782712893384, -709.782712893384, 745.1332191019411, -745.1332191019411, 800, -800, 1e300, -1e300,
	Number.MAX_VALUE, -Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN,
];

function assertSameValues(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, relative = tolerance): void {
	assert.equal(actual.length, expected.length, `${what}: length`);
	let scale = 0;
	for (let index = 0; index < expected.length; index++) {
		scale = Math.max(scale, Math.abs(expected[index]!));
	}

	for (let index = 0; index < expected.length; index++) {
		const difference = Math.abs(actual[index]! - expected[index]!);
		const same = Object.is(actual[index], expected[index]) || difference <= relative * scale;
		assert.ok(same, `${what}[${index}]: ${actual[index]} ≠ ${expected[index]}`);
	}
}

/** Run `body` with the kernels' sigmoid set to `sigmoid`. */
function withSigmoid<T>(sigmoid: KernelSigmoid, body: () => T): T {
	const previous = setKernelSigmoid(sigmoid);
	try {
		return body();
	} finally {
		setKernelSigmoid(previous);
	}
}

/** Seeded normal features and 0/1 targets. */
function randomExamples(rows: number, featureCount: number, seed: number, scale = 1): Examples {
	const random = new NumpyRandomState(seed);
	const features = Float64Array.from({length: rows * featureCount}, () => scale * random.gauss());
	const targets = Float64Array.from({length: rows}, () => (random.random() < 0.5 ? 1 : 0));
	return {features, targets, rows, featureCount};
}

function randomValues(count: number, seed: number, draw: (random: NumpyRandomState) => number): Float64Array {
	const random = new NumpyRandomState(seed);
	return Float64Array.from({length: count}, () => draw(random));
}

describe('the bit-exact SIMD sigmoid', () => {
	test('→ equals 1/(1 + Math.exp(−h)) bit for bit at fdlibm\'s special inputs and beside them', () => {
		const beside = specialInputs.flatMap(value => [value * (1 + 2 ** -52), value * (1 - 2 ** -52), value + 1e-9, value - 1e-9]);
		const inputs = Float64Array.from([...specialInputs, ...beside]);
		assertSameValues(simdSigmoidAll(inputs), inputs.map(sigmoid), 'sigmoid');
	});

	test('→ equals it on a million inputs spread over every scale', () => {
		const ordinary = randomValues(400_000, 1, random => (random.random() - 0.5) * 40);
		const wide = randomValues(300_000, 2, random => (random.random() - 0.5) * 1600);
		const logarithmic = randomValues(300_000, 3, random => (random.random() < 0.5 ? -1 : 1) * Math.exp((random.random() - 0.5) * 100));
		for (const [name, inputs] of [['ordinary', ordinary], ['wide', wide], ['logarithmic', logarithmic]] as const) {
			assertSameValues(simdSigmoidAll(inputs), inputs.map(sigmoid), name);
		}
	});

	test('→ handles an odd count', () => {
		const inputs = Float64Array.from([0.5, -3, 12]);
		assertSameValues(simdSigmoidAll(inputs), inputs.map(sigmoid), 'odd count');
	});
});

const admissions = splitDataset(loadDataset(undefined), createRandom('numpy', 42)).train;
/** Shapes: the lesson's, odd features and rows, wide and narrow, and the bench's. */
const datasets: Array<[name: string, examples: Examples]> = [
	['admissions (360×6)', admissions],
	['random 1001×7', randomExamples(1001, 7, 11)],
	['random 257×1', randomExamples(257, 1, 12)],
	['random 3000×16', randomExamples(3000, 16, 13)],
	['random 97×3, large inputs', randomExamples(97, 3, 14, 300)],
];
/**
 * [start, end) ranges: everything, a mini-batch at odd offsets, the smallest batch the kernels take, and two
 * and three blocks of 64 exactly or one record over (a kernel may run two full blocks in one loop).
 */
const ranges = (rows: number): Array<[number, number]> => [
	[0, rows], [3, Math.min(rows, 3 + 45)], [rows - minKernelRows - 1, rows],
	[1, Math.min(rows, 1 + 128)], [2, Math.min(rows, 2 + 129)], [0, Math.min(rows, 192)],
];

/**
 * The reference's steps of records [start, end) added into `steps`, grouped as the fast path groups a heavy
 * epoch (parallel-epoch.ts: cut into chunks, each summed from zero, added in order).
 */
function referenceGrouped(steps: Float64Array, start: number, end: number, reference: (first: number, last: number, into: Float64Array) => void): Float64Array {
	const chunks = epochChunks(steps.length, start, end);
	if (chunks === undefined) {
		reference(start, end, steps);
		return steps;
	}

	for (let chunk = 0; chunk < chunks; chunk++) {
		const total = new Float64Array(steps.length);
		reference(chunkStart(start, end, chunks, chunk), chunkStart(start, end, chunks, chunk + 1), total);
		for (let index = 0; index < steps.length; index++) {
			steps[index]! += total[index]!;
		}
	}

	return steps;
}

describe('the single unit kernel', () => {
	for (const sigmoid of kernelSigmoids) {
		for (const [name, examples] of datasets) {
			test(`→ gives the reference's steps on ${name} with the ${sigmoid} sigmoid, full batch and mini-batch`, () => {
				const unit = SingleUnit.initial(examples.featureCount, createRandom('numpy', 5));
				for (const [start, end] of ranges(examples.rows)) {
					assert.ok(takesFastPath(examples.featureCount, 0, end - start));
					const fast = Float64Array.from({length: examples.featureCount}, (_, index) => index * 0.25);
					const reference = fast.slice();
					withSigmoid(sigmoid, () => unit.accumulateWeightSteps(examples, start, end, fast));
					referenceGrouped(reference, start, end, (first, last, into) => {
						referenceSingleUnitSteps(unit.weights, examples, first, last, into);
					});
					assertSameValues(fast, reference, `${name} [${start}, ${end})`, tolerances[sigmoid]);
				}
			});
		}
	}
});

describe('the backprop kernel', () => {
	for (const sigmoid of kernelSigmoids) {
		for (const [name, examples] of datasets) {
			for (const hiddenCount of [1, 2, 3, 16]) {
				test(`→ gives the reference's steps on ${name} with ${hiddenCount} hidden and the ${sigmoid} sigmoid, full batch and mini-batch`, () => {
					const network = HiddenLayerNetwork.initial(examples.featureCount, hiddenCount, createRandom('numpy', 6));
					const scratch = {hiddenOutput: new Float64Array(hiddenCount), hiddenErrorTerm: new Float64Array(hiddenCount)};
					for (const [start, end] of ranges(examples.rows)) {
						const fast = Float64Array.from({length: network.weights.length}, (_, index) => -index * 0.125);
						const reference = fast.slice();
						withSigmoid(sigmoid, () => network.accumulateWeightSteps(examples, start, end, fast));
						referenceGrouped(reference, start, end, (first, last, into) => {
							referenceHiddenLayerSteps(network.weights, examples.featureCount, hiddenCount, examples, first, last, into, scratch);
						});
						assertSameValues(fast, reference, `${name} h${hiddenCount} [${start}, ${end})`, tolerances[sigmoid]);
					}
				});
			}
		}
	}
});

describe('the choice of sigmoid', () => {
	test('→ is the fast one, in the fused kernels unless asked otherwise, when the weights keep every sigmoid input within its range', () => {
		const network = HiddenLayerNetwork.initial(admissions.featureCount, 16, createRandom('numpy', 6));
		assert.equal(kernelSigmoidFor(network.weights, admissions.featureCount, 16, admissions), 'fused');
		assert.equal(kernelsFuse(), fusedMultiplyAdd);
		assert.equal(withSigmoid('fast', () => kernelSigmoidFor(network.weights, admissions.featureCount, 16, admissions)), 'fast');
		assert.equal(withSigmoid('fast', kernelsFuse), false);
		assert.equal(withSigmoid('exact', () => kernelSigmoidFor(network.weights, admissions.featureCount, 16, admissions)), 'exact');
	});

	test('→ fused, rounds the backprop kernel\'s steps otherwise than with every product rounded (where the processor fuses)', () => {
		const network = HiddenLayerNetwork.initial(admissions.featureCount, 16, createRandom('numpy', 6));
		const steps = (sigmoid: KernelSigmoid): Float64Array => {
			const into = new Float64Array(network.weights.length);
			withSigmoid(sigmoid, () => network.accumulateWeightSteps(admissions, 0, admissions.rows, into));
			return into;
		};

		const fused = steps('fused');
		const separate = steps('fast');
		const differing = fused.filter((value, index) => value !== separate[index]).length;
		assert.ok(fusedMultiplyAdd ? differing > 0 : differing === 0, `${differing} of ${fused.length} steps differ`);
	});

	test('→ is the exact one when weights could push an input past the fast range, and none when a weight is not finite', () => {
		const network = HiddenLayerNetwork.initial(admissions.featureCount, 2, createRandom('numpy', 6));
		const large = network.weights.map(weight => weight * 1e3);
		assert.equal(kernelSigmoidFor(large, admissions.featureCount, 2, admissions), 'exact');
		const broken = network.weights.slice();
		broken[3] = Number.NaN;
		assert.equal(kernelSigmoidFor(broken, admissions.featureCount, 2, admissions), undefined);
		broken[3] = Number.POSITIVE_INFINITY;
		assert.equal(kernelSigmoidFor(broken, admissions.featureCount, 2, admissions), undefined);
	});

	test('→ leaves non-finite weights to the reference loop', () => {
		const network = HiddenLayerNetwork.initial(admissions.featureCount, 3, createRandom('numpy', 6));
		network.weights[0] = Number.POSITIVE_INFINITY;
		const fast = new Float64Array(network.weights.length);
		const reference = fast.slice();
		network.accumulateWeightSteps(admissions, 0, admissions.rows, fast);
		referenceHiddenLayerSteps(network.weights, admissions.featureCount, 3, admissions, 0, admissions.rows, reference, network);
		assertSameValues(fast, reference, 'non-finite weights');
	});
});

describe('records kept in a kernel', () => {
	test('→ give the reference\'s steps as record sets come and go, more than the kernel keeps at once', () => {
		// five sets of about 1.8 MB each: resident one by one, and the room (twice maxResidentBytes) fills
		const sets = Array.from({length: 5}, (_, index) => randomExamples(25_000, 8, 30 + index));
		const unit = SingleUnit.initial(8, createRandom('numpy', 31));
		withSigmoid('exact', () => {
			for (const examples of [...sets, sets[0]!, sets[3]!]) {
				const fast = new Float64Array(8);
				const reference = new Float64Array(8);
				unit.accumulateWeightSteps(examples, 0, examples.rows, fast);
				referenceGrouped(reference, 0, examples.rows, (first, last, into) => {
					referenceSingleUnitSteps(unit.weights, examples, first, last, into);
				});
				assertSameValues(fast, reference, `${examples.rows} records`);
			}
		});
	});
});

describe('evaluation with the kernels', () => {
	for (const sigmoid of kernelSigmoids) {
		for (const [name, examples] of datasets) {
			test(`→ gives the reference's MSE and accuracy on ${name} with the ${sigmoid} sigmoid`, () => {
				for (const model of [SingleUnit.initial(examples.featureCount, createRandom('numpy', 7)), HiddenLayerNetwork.initial(examples.featureCount, 3, createRandom('numpy', 8))]) {
					const fast = withSigmoid(sigmoid, () => evaluate(model, examples));
					const previous = setFastEpoch(false);
					const reference = evaluate(model, examples);
					setFastEpoch(previous);
					assertSameValues([fast.meanSquaredError], [reference.meanSquaredError], `${name} ${model.kind} MSE`, tolerances[sigmoid]);
					assert.equal(fast.accuracy, reference.accuracy, `${name} ${model.kind} accuracy`);
				}
			});
		}
	}
});

describe('training with the kernels', () => {
	const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42));
	const train = (model: 'single' | 'backprop', batch: BatchMode, fast: boolean): TrainingSession => {
		const previous = setFastEpoch(fast);
		try {
			const session = new TrainingSession(split, {...lessonConfig(model), epochs: 60, batch, hidden: 3});
			session.advance(Number.POSITIVE_INFINITY);
			return session;
		} finally {
			setFastEpoch(previous);
		}
	};

	for (const sigmoid of kernelSigmoids) {
		for (const model of ['single', 'backprop'] as const) {
			for (const batch of ['full', 50, 7] as BatchMode[]) {
				test(`→ ${model} with batch ${batch} and the ${sigmoid} sigmoid ends on the reference's weights and losses`, () => {
					const fast = withSigmoid(sigmoid, () => train(model, batch, true));
					const reference = train(model, batch, false);
					assertSameValues(fast.model.weights, reference.model.weights, 'weights', tolerances[sigmoid]);
					assertSameValues(fast.history.column('train'), reference.history.column('train'), 'training losses', tolerances[sigmoid]);
				});
			}
		}
	}

	test('→ tiny batches and oversized layers fall back to the reference loop', () => {
		assert.equal(takesFastPath(6, 2, minKernelRows - 1), false);
		assert.equal(takesFastPath(6, 1024, 360), false);
		assert.equal(takesFastPath(6, 2, 360), true);
	});
});
