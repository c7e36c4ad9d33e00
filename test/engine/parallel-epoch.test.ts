/**
 * A heavy epoch is cut into chunks: it equals one pass to rounding (each chunk is summed apart and added in,
 * so each step may differ in its last bits: tolerance relative to the largest step). How it is cut depends
 * on its size alone, and which thread ran which chunk never shows in the result: the same bits with the
 * worker or without it.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {availableParallelism} from 'node:os';
import {describe, test} from 'node:test';
import type {Examples} from '../../src/data/dataset.js';
import {HiddenLayerNetwork} from '../../src/engine/hidden-layer-network.js';
import {epochChunks, minParallelRows, minParallelWork, setParallelEpoch, setWorkerPatience, setWorkerStall, startParallelEpoch, workerOutcomes} from '../../src/engine/kernels/parallel-epoch.js';
import {maxChunks, minChunkRows} from '../../src/engine/kernels/chunk-claims.js';
import {setFastEpoch, setKernelSigmoid} from '../../src/engine/kernels/fast-epoch.js';
import {loadDataset} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import type {Model} from '../../src/engine/model.js';
import {createRandom} from '../../src/engine/random.js';
import {allocateRecordArrays} from '../../src/engine/shared-float64-array.js';
import {SingleUnit} from '../../src/engine/single-unit.js';
import {seededRecords} from '../helpers/seeded-records.js';

/** Regrouping a sum of n terms moves it by a few ulps of its largest partial sums. */
const tolerance = 1e-12;
const rows = minParallelRows + 1001;
const featureCount = 5;

function sharedExamples(seed = 21): Examples {
	return seededRecords(rows, featureCount, seed, 0.5);
}

/** The lesson's 360 training records (plain arrays, not shared). */
function lessonTraining(): Examples {
	return splitDataset(loadDataset(undefined), createRandom('numpy', 42)).train;
}

/** The steps of every record from 0.5 each, with `setting` switched to `on` for the while. */
function stepsWith(setting: (on: boolean) => boolean, on: boolean, model: Model, examples: Examples): Float64Array {
	const previous = setting(on);
	try {
		const result = new Float64Array(model.weights.length).fill(0.5);
		model.accumulateWeightSteps(examples, 0, examples.rows, result);
		return result;
	} finally {
		setting(previous);
	}
}

/** The steps with the worker sharing cut epochs, or without it. */
const steps = (model: Model, examples: Examples, parallel: boolean): Float64Array => stepsWith(setParallelEpoch, parallel, model, examples);

/** The plain reference loop's steps: one pass, no split. */
const onePass = (model: Model, examples: Examples): Float64Array => stepsWith(setFastEpoch, false, model, examples);

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
			assert.notEqual(epochChunks(model.weights.length, 0, rows), undefined);
			const first = steps(model, examples, true);
			assertClose(first, onePass(model, examples), name);
			assert.deepEqual(steps(model, examples, false), first, 'without the worker, the same bits');
			for (let epoch = 0; epoch < 20; epoch++) {
				assert.deepEqual(steps(model, examples, true), first, `epoch ${epoch}`);
			}
		});
	}

	test('→ gives the same bits when this thread runs again the chunks the worker still holds', async () => {
		assert.equal(await startParallelEpoch(), true);
		// with no patience, and the worker holding each chunk it claims for 20 ms, this thread runs every chunk
		// the worker claims again as soon as no chunk is left to claim, however busy the machine
		const previous = {patience: setWorkerPatience(0), stall: setWorkerStall(20_000)};
		try {
			for (const [name, model] of models) {
				const alone = steps(model, examples, false);
				const before = workerOutcomes().late;
				for (let epoch = 0; epoch < 2000 && (epoch < 20 || workerOutcomes().late === before); epoch++) {
					assert.deepEqual(steps(model, examples, true), alone, `${name}, epoch ${epoch}`);
				}

				assert.ok(workerOutcomes().late > before, `${name}: no chunk was run again (${JSON.stringify(workerOutcomes())})`);
			}
		} finally {
			setWorkerPatience(previous.patience);
			setWorkerStall(previous.stall);
		}
	});

	test('→ shares the chunks of a big epoch between the worker and this thread, the same bits', async () => {
		assert.equal(await startParallelEpoch(), true);
		const model = models[1]![1];
		const alone = steps(model, examples, false);
		const before = workerOutcomes();
		// a busy machine may keep the worker from its core for a while: go on until it has delivered
		for (let epoch = 0; epoch < 2000 && (epoch < 50 || workerOutcomes().shared === before.shared); epoch++) {
			assert.deepEqual(steps(model, examples, true), alone, `epoch ${epoch}`);
		}

		const after = workerOutcomes();
		assert.ok(after.shared > before.shared, `the worker delivered no chunk (${JSON.stringify(after)})`);
	});

	test('→ gives the same bits whether the worker or this thread ran the chunks', () => {
		// before the worker is ready this thread runs every chunk; after, the worker takes some
		const script = `
			import {allocateRecordArrays} from './dist/src/engine/shared-float64-array.js';
			import {createRandom} from './dist/src/engine/random.js';
			import {HiddenLayerNetwork} from './dist/src/engine/hidden-layer-network.js';
			import {startParallelEpoch, workerOutcomes} from './dist/src/engine/kernels/parallel-epoch.js';
			const rows = ${rows}, featureCount = 3, {features, targets} = allocateRecordArrays(rows, featureCount);
			features.forEach((_, index) => { features[index] = Math.sin(index); });
			targets.forEach((_, index) => { targets[index] = index % 3 === 0 ? 1 : 0; });
			const train = {features, targets, rows, featureCount};
			const network = HiddenLayerNetwork.initial(featureCount, 4, createRandom('numpy', 1));
			const epoch = () => { const steps = new Float64Array(network.weights.length); network.accumulateWeightSteps(train, 0, rows, steps); return Array.from(steps); };
			const alone = epoch();
			await startParallelEpoch();
			// a busy machine may keep the worker from its core for a while: go on until it has run chunks
			const helped = [];
			while (helped.length < 50 || (workerOutcomes().shared === 0 && helped.length < 5000)) helped.push(epoch());
			const same = helped.every(steps => steps.every((value, index) => Object.is(value, alone[index])));
			console.log(same ? 'same' : 'different', workerOutcomes().shared > 0 ? 'shared' : 'never shared');`;
		const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', timeout: 30_000});
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stdout.trim(), 'same shared');
	});

	test('→ switching between datasets gives each one\'s own steps', async () => {
		assert.equal(await startParallelEpoch(), true);
		const other = sharedExamples(22);
		const unit = SingleUnit.initial(featureCount, createRandom('numpy', 9));
		for (const data of [examples, other, examples, other]) {
			assertClose(steps(unit, data, true), onePass(unit, data), `${data.rows} rows`);
		}
	});

	test('→ cuts big data into chunks, and small data in two only when an epoch is heavy, by size alone', () => {
		assert.equal(epochChunks(6, 0, minParallelRows), minParallelRows / minChunkRows, 'big data, any model: chunks of minChunkRows');
		assert.equal(epochChunks(6, 10, 10 + 100_000), 24);
		assert.equal(epochChunks(6, 0, 1_000_000), maxChunks, 'at most maxChunks');
		assert.equal(epochChunks(6 * 16 + 16, 0, 360), 2, '16 hidden units on the admissions data: halves');
		assert.equal(epochChunks(6 * 2 + 2, 0, 360), undefined, 'the lesson\'s 2 hidden units');
		assert.equal(epochChunks(6, 0, 360), undefined, 'the single unit');
		assert.equal(epochChunks(6 * 16 + 16, 0, 100), undefined, 'a mini-batch');
		assert.ok(360 * 112 >= minParallelWork && 360 * 14 < minParallelWork);
		assert.equal(allocateRecordArrays(minParallelRows - 1, 2).features.buffer instanceof SharedArrayBuffer, false);
	});

	test('→ on big data in plain (unshared) arrays, gives the same bits, this thread running every chunk', () => {
		const plain = {...examples, features: examples.features.slice(), targets: examples.targets.slice()};
		const unit = SingleUnit.initial(featureCount, createRandom('numpy', 3));
		assert.deepEqual(steps(unit, plain, true), steps(unit, examples, true));
	});

	test('→ on small data (a shared copy for the worker), steps equal one pass\'s to rounding, the same bits every epoch', async () => {
		assert.equal(await startParallelEpoch(), true);
		const admissions = lessonTraining();
		const network = HiddenLayerNetwork.initial(6, 16, createRandom('numpy', 7));
		const first = steps(network, admissions, true);
		assertClose(first, onePass(network, admissions), 'admissions, 16 hidden');
		assert.deepEqual(steps(network, admissions, false), first, 'without the worker, the same bits');
		for (let epoch = 0; epoch < 200; epoch++) {
			assert.deepEqual(steps(network, admissions, true), first, `epoch ${epoch}`);
		}
	});

	test('→ leaves the lesson\'s own runs in one pass: its figures stay exact', () => {
		const admissions = lessonTraining();
		for (const model of [HiddenLayerNetwork.initial(6, 2, createRandom('numpy', 7)), SingleUnit.initial(6, createRandom('numpy', 7))]) {
			const previous = setKernelSigmoid('exact');
			try {
				assert.deepEqual(steps(model, admissions, true), onePass(model, admissions), model.kind);
			} finally {
				setKernelSigmoid(previous);
			}
		}
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
