/**
 * Records kept sparse: the profile finds the dense leading columns and the dummy columns, and every layout
 * the backprop kernel reads (all dense, dense then sparse entries, dense then unit entries) gives the
 * reference's steps bit for bit with the exact sigmoid — skipping x = 0 adds nothing the reference adds.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Examples} from '../../src/data/dataset.js';
import {loadDataset} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {HiddenLayerNetwork} from '../../src/engine/hidden-layer-network.js';
import {kernelFor, setKernelSigmoid} from '../../src/engine/kernels/fast-epoch.js';
import {recordProfile} from '../../src/engine/kernels/record-profile.js';
import {NumpyRandomState} from '../../src/engine/numpy-random-state.js';
import {createRandom} from '../../src/engine/random.js';
import {referenceHiddenLayerSteps} from '../../src/engine/reference-epoch.js';

const admissions = splitDataset(loadDataset(undefined), createRandom('numpy', 42)).train;

/** `rows` records: `dense` normal columns (with some exact zeros), then `categories` dummy columns, then `sparse` mostly-zero reals. */
function mixedExamples(rows: number, dense: number, categories: number, sparse: number, seed: number): Examples {
	const random = new NumpyRandomState(seed);
	const featureCount = dense + categories + sparse;
	const features = new Float64Array(rows * featureCount);
	for (let row = 0; row < rows; row++) {
		const offset = row * featureCount;
		for (let column = 0; column < dense; column++) {
			features[offset + column] = random.random() < 0.05 ? 0 : random.gauss();
		}

		if (categories > 0) {
			features[offset + dense + Math.floor(random.random() * categories)] = 1;
		}

		for (let column = dense + categories; column < featureCount; column++) {
			features[offset + column] = random.random() < 0.1 ? random.gauss() * 3 : 0;
		}
	}

	const targets = Float64Array.from({length: rows}, () => (random.random() < 0.5 ? 1 : 0));
	return {features, targets, rows, featureCount};
}

function exactSteps(network: HiddenLayerNetwork, examples: Examples, start: number, end: number, denseColumns: number, unitEntries: number): Float64Array {
	const steps = Float64Array.from({length: network.weights.length}, (_, index) => index / 8);
	kernelFor(examples.featureCount, network.hiddenCount, denseColumns, unitEntries).accumulate(network.weights, examples, start, end, steps, 'exact');
	return steps;
}

function referenceSteps(network: HiddenLayerNetwork, examples: Examples, start: number, end: number): Float64Array {
	const steps = Float64Array.from({length: network.weights.length}, (_, index) => index / 8);
	referenceHiddenLayerSteps(network.weights, examples.featureCount, network.hiddenCount, examples, start, end, steps, network);
	return steps;
}

describe('the record profile', () => {
	test('→ finds the lesson\'s gre and gpa dense and its four rank dummies one unit entry per record', () => {
		const profile = recordProfile(admissions);
		assert.equal(profile.denseColumns, 2);
		assert.equal(profile.sparseEntries, admissions.rows);
		assert.equal(profile.unitEntries, 1);
		assert.ok(profile.sparseFitsResident);
		assert.deepEqual(Array.from(profile.columnMax.subarray(2)), [1, 1, 1, 1]);
	});

	test('→ takes sparse reals as entries with values, and a full tail as dense', () => {
		const sparseReals = recordProfile(mixedExamples(300, 2, 0, 4, 1));
		assert.equal(sparseReals.denseColumns, 2);
		assert.ok(sparseReals.sparseEntries > 0 && sparseReals.sparseEntries < 300 * 4 / 2);
		assert.equal(sparseReals.unitEntries, 0);
		const full = mixedExamples(200, 5, 0, 0, 2);
		assert.equal(recordProfile(full).denseColumns, 5);
		assert.equal(recordProfile(full).sparseEntries, 0);
	});

	test('→ is worked out once per features array', () => {
		assert.equal(recordProfile(admissions), recordProfile({...admissions}));
	});
});

describe('the backprop kernel on sparse records', () => {
	const cases: Array<[name: string, examples: Examples]> = [
		['the lesson\'s records', admissions],
		['dense, then dummies', mixedExamples(301, 3, 4, 0, 3)],
		['dense, dummies, then sparse reals', mixedExamples(257, 2, 3, 3, 4)],
		['dummies only', mixedExamples(120, 0, 5, 0, 5)],
	];
	for (const [name, examples] of cases) {
		const profile = recordProfile(examples);
		const layouts: Array<[string, number, number]> = [
			['all dense', examples.featureCount, 0],
			['dense then entries', profile.denseColumns, 0],
			...(profile.unitEntries > 0 ? [['dense then unit entries', profile.denseColumns, profile.unitEntries] as [string, number, number]] : []),
		];
		for (const [layout, denseColumns, unitEntries] of layouts) {
			test(`→ ${name}, ${layout}: the reference's steps bit for bit, full batch and mini-batch`, () => {
				for (const hiddenCount of [1, 4, 16]) {
					const network = HiddenLayerNetwork.initial(examples.featureCount, hiddenCount, createRandom('numpy', hiddenCount));
					for (const [start, end] of [[0, examples.rows], [5, 70], [examples.rows - 17, examples.rows]] as Array<[number, number]>) {
						assert.deepEqual(exactSteps(network, examples, start, end, denseColumns, unitEntries), referenceSteps(network, examples, start, end), `h${hiddenCount} [${start}, ${end})`);
					}
				}
			});
		}
	}

	test('→ sparse reals with the fast sigmoid, fused or not: the reference\'s steps to the fast sigmoid\'s rounding', () => {
		const examples = mixedExamples(257, 2, 3, 3, 4);
		const {denseColumns} = recordProfile(examples);
		assert.ok(denseColumns < examples.featureCount, 'entries with values, read in a loop');
		for (const sigmoid of ['fast', 'fused'] as const) {
			for (const hiddenCount of [1, 4, 16]) {
				const network = HiddenLayerNetwork.initial(examples.featureCount, hiddenCount, createRandom('numpy', hiddenCount));
				const steps = Float64Array.from({length: network.weights.length}, (_, index) => index / 8);
				kernelFor(examples.featureCount, hiddenCount, denseColumns, 0).accumulate(network.weights, examples, 0, examples.rows, steps, sigmoid);
				const reference = referenceSteps(network, examples, 0, examples.rows);
				const largest = Math.max(...reference.map(Math.abs));
				const worst = Math.max(...steps.map((step, index) => Math.abs(step - reference[index]!)));
				assert.ok(worst <= 1e-13 * largest, `${sigmoid} h${hiddenCount}: off by ${worst} (largest step ${largest})`);
			}
		}
	});

	test('→ is what the model runs on the lesson\'s records, bit for bit with the exact sigmoid', () => {
		// 4 hidden units: an epoch light enough to run in one pass (heavier ones split, parallel-epoch.ts)
		const network = HiddenLayerNetwork.initial(admissions.featureCount, 4, createRandom('numpy', 3));
		const previous = setKernelSigmoid('exact');
		try {
			const steps = Float64Array.from({length: network.weights.length}, (_, index) => index / 8);
			network.accumulateWeightSteps(admissions, 0, admissions.rows, steps);
			assert.deepEqual(steps, referenceSteps(network, admissions, 0, admissions.rows));
		} finally {
			setKernelSigmoid(previous);
		}
	});
});
