/**
 * The epoch split across threads equals one pass to rounding: the second half is summed apart and added
 * in, so each step may differ in its last bits (tolerance relative to the largest step). Which thread ran
 * the second half never shows in the result.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {availableParallelism} from 'node:os';
import {describe, test} from 'node:test';
import type {Examples} from '../../src/data/dataset.js';
import {HiddenLayerNetwork} from '../../src/engine/hidden-layer-network.js';
import {minParallelRows, setParallelEpoch, startParallelEpoch, takesParallelPath} from '../../src/engine/kernels/parallel-epoch.js';
import type {Model} from '../../src/engine/model.js';
import {NumpyRandomState} from '../../src/engine/numpy-random-state.js';
import {createRandom} from '../../src/engine/random.js';
import {allocateRecordArrays} from '../../src/engine/shared-float64-array.js';
import {SingleUnit} from '../../src/engine/single-unit.js';

/** Regrouping a sum of n terms moves it by a few ulps of its largest partial sums. */
const tolerance = 1e-12;
const rows = minParallelRows + 1001;
const featureCount = 5;

function sharedExamples(seed = 21): Examples {
	const random = new NumpyRandomState(seed);
	const {features, targets} = allocateRecordArrays(rows, featureCount);
	for (let index = 0; index < features.length; index++) {
		features[index] = random.gauss();
	}

	for (let row = 0; row < rows; row++) {
		targets[row] = random.random() < 0.5 ? 1 : 0;
	}

	return {features, targets, rows, featureCount};
}

function steps(model: Model, examples: Examples, parallel: boolean): Float64Array {
	const previous = setParallelEpoch(parallel);
	try {
		const result = new Float64Array(model.weights.length).fill(0.5);
		model.accumulateWeightSteps(examples, 0, examples.rows, result);
		return result;
	} finally {
		setParallelEpoch(previous);
	}
}

function assertClose(parallel: Float64Array, single: Float64Array, what: string): void {
	const scale = Math.max(...single.map(Math.abs));
	for (let index = 0; index < single.length; index++) {
		assert.ok(Math.abs(parallel[index]! - single[index]!) <= tolerance * scale, `${what} step ${index}: ${parallel[index]} vs ${single[index]}`);
	}
}

describe('an epoch split across threads', {skip: availableParallelism() < 2 ? 'one core' : false}, () => {
	const examples = sharedExamples();
	const models: Array<[string, Model]> = [
		['single unit', SingleUnit.initial(featureCount, createRandom('numpy', 3))],
		['backprop, 3 hidden', HiddenLayerNetwork.initial(featureCount, 3, createRandom('numpy', 4))],
	];
	for (const [name, model] of models) {
		test(`→ ${name}: the steps equal one pass's to rounding, the same bits every epoch`, async () => {
			assert.equal(await startParallelEpoch(), true);
			assert.ok(takesParallelPath(examples, model.weights.length, rows));
			const first = steps(model, examples, true);
			assertClose(first, steps(model, examples, false), name);
			for (let epoch = 0; epoch < 20; epoch++) {
				assert.deepEqual(steps(model, examples, true), first, `epoch ${epoch}`);
			}
		});
	}

	test('→ gives the same bits whether the worker or this thread ran the second half', () => {
		// before the worker is ready this thread runs both halves; after, the worker takes the second
		const script = `
			import {allocateRecordArrays} from './dist/src/engine/shared-float64-array.js';
			import {createRandom} from './dist/src/engine/random.js';
			import {HiddenLayerNetwork} from './dist/src/engine/hidden-layer-network.js';
			import {startParallelEpoch} from './dist/src/engine/kernels/parallel-epoch.js';
			const rows = ${rows}, featureCount = 3, {features, targets} = allocateRecordArrays(rows, featureCount);
			features.forEach((_, index) => { features[index] = Math.sin(index); });
			targets.forEach((_, index) => { targets[index] = index % 3 === 0 ? 1 : 0; });
			const train = {features, targets, rows, featureCount};
			const network = HiddenLayerNetwork.initial(featureCount, 4, createRandom('numpy', 1));
			const epoch = () => { const steps = new Float64Array(network.weights.length); network.accumulateWeightSteps(train, 0, rows, steps); return Array.from(steps); };
			const alone = epoch();
			await startParallelEpoch();
			const helped = Array.from({length: 50}, epoch);
			console.log(helped.every(steps => steps.every((value, index) => Object.is(value, alone[index]))) ? 'same' : 'different');`;
		const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', timeout: 30_000});
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stdout.trim(), 'same');
	});

	test('→ switching between datasets gives each one\'s own steps', async () => {
		assert.equal(await startParallelEpoch(), true);
		const other = sharedExamples(22);
		const unit = SingleUnit.initial(featureCount, createRandom('numpy', 9));
		for (const data of [examples, other, examples, other]) {
			assertClose(steps(unit, data, true), steps(unit, data, false), `${data.rows} rows`);
		}
	});

	test('→ is taken only for big data in shared memory', () => {
		const plain = {...examples, features: examples.features.slice(), targets: examples.targets.slice()};
		assert.equal(takesParallelPath(plain, 6, rows), false);
		assert.equal(takesParallelPath(examples, 6, minParallelRows - 1), false);
		assert.equal(allocateRecordArrays(minParallelRows - 1, 2).features.buffer instanceof SharedArrayBuffer, false);
	});

	test('→ lets the process exit on its own when the work is done', () => {
		const script = `
			import {allocateRecordArrays} from './dist/src/engine/shared-float64-array.js';
			import {SingleUnit} from './dist/src/engine/single-unit.js';
			const rows = ${rows}, {features, targets} = allocateRecordArrays(rows, 2);
			features.fill(0.5);
			targets.fill(1);
			const unit = new SingleUnit(new Float64Array([0.1, -0.2]));
			const steps = new Float64Array(2);
			unit.accumulateWeightSteps({features, targets, rows, featureCount: 2}, 0, rows, steps);
			console.log(steps.every(Number.isFinite) ? 'done' : 'bad');`;
		const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', timeout: 30_000});
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stdout.trim(), 'done');
	});
});
