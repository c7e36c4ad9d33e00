/**
 * Big records live in a shared record memory and the kernels read them in place: the steps and outputs
 * are the reference's bit for bit with the exact sigmoid (the same sums in the same order) over any range
 * of records, views included; regions claimed for kernels never overlap the records or each other.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Examples} from '../../src/data/dataset.js';
import {HiddenLayerNetwork} from '../../src/engine/hidden-layer-network.js';
import {kernelForRecords, setKernelSigmoid} from '../../src/engine/kernels/fast-epoch.js';
import {kernelSigmoids} from '../../src/engine/kernels/kernel-sigmoid.js';
import {minParallelRows, setParallelEpoch} from '../../src/engine/kernels/parallel-epoch.js';
import {adoptRecordMemory, allocateInRecordMemory, claimRegion, recordMemoryOf} from '../../src/engine/kernels/record-memory.js';
import type {Model} from '../../src/engine/model.js';
import {createRandom} from '../../src/engine/random.js';
import {referenceHiddenLayerOutput, referenceHiddenLayerSteps, referenceSingleUnitSteps} from '../../src/engine/reference-epoch.js';
import {allocateRecordArrays} from '../../src/engine/shared-float64-array.js';
import {sigmoid} from '../../src/engine/sigmoid.js';
import {SingleUnit} from '../../src/engine/single-unit.js';
import {seededRecords} from '../helpers/seeded-records.js';

const featureCount = 7;
const rows = minParallelRows + 1003;

/** Seeded records in a record memory. */
function recordsInMemory(seed: number): Examples {
	return seededRecords(rows, featureCount, seed, 0.4);
}

/** Records [first, last) of `examples` as a view, the way a split's training records are. */
function view(examples: Examples, first: number, last: number): Examples {
	return {
		features: examples.features.subarray(first * featureCount, last * featureCount),
		targets: examples.targets.subarray(first, last),
		rows: last - first,
		featureCount,
	};
}

function referenceSteps(model: Model, examples: Examples, start: number, end: number): Float64Array {
	const steps = new Float64Array(model.weights.length).fill(0.25);
	if (model instanceof HiddenLayerNetwork) {
		referenceHiddenLayerSteps(model.weights, featureCount, model.hiddenCount, examples, start, end, steps, model);
	} else {
		referenceSingleUnitSteps(model.weights, examples, start, end, steps);
	}

	return steps;
}

function kernelSteps(model: Model, examples: Examples, start: number, end: number): Float64Array {
	const steps = new Float64Array(model.weights.length).fill(0.25);
	kernelForRecords(featureCount, model.hiddenCount, examples).accumulate(model.weights, examples, start, end, steps, 'exact');
	return steps;
}

describe('records in a record memory', () => {
	const examples = recordsInMemory(5);
	const models: Array<[string, Model]> = [
		['single unit', SingleUnit.initial(featureCount, createRandom('numpy', 2))],
		['backprop, 3 hidden', HiddenLayerNetwork.initial(featureCount, 3, createRandom('numpy', 3))],
		['backprop, 16 hidden', HiddenLayerNetwork.initial(featureCount, 16, createRandom('numpy', 4))],
	];

	test('→ big data is allocated there, zeroed, on shared memory; small data is not', () => {
		const fresh = allocateRecordArrays(rows, featureCount);
		assert.ok(recordMemoryOf({...fresh, rows, featureCount}));
		assert.ok(fresh.features.buffer instanceof SharedArrayBuffer);
		assert.ok(fresh.features.every(value => value === 0) && fresh.targets.every(value => value === 0));
		const small = allocateRecordArrays(minParallelRows - 1, featureCount);
		assert.equal(recordMemoryOf({...small, rows: minParallelRows - 1, featureCount}), undefined);
		assert.ok(recordMemoryOf(examples));
		assert.ok(recordMemoryOf(view(examples, 10, 20)), 'views are still in it');
		assert.equal(recordMemoryOf({...examples, features: examples.features.slice()}), undefined, 'a copy is not');
	});

	test('→ the kernels read it in place', () => {
		for (const [, model] of models) {
			assert.equal((kernelForRecords(featureCount, model.hiddenCount, examples) as unknown as {source: {layout: {inRecordMemory: boolean}}}).source.layout.inRecordMemory, true);
		}

		const plain = {...examples, features: examples.features.slice(), targets: examples.targets.slice()};
		assert.equal((kernelForRecords(featureCount, 0, plain) as unknown as {source: {layout: {inRecordMemory: boolean}}}).source.layout.inRecordMemory, false);
	});

	for (const [name, model] of models) {
		test(`→ ${name}: steps read in place equal the reference's bit for bit, over any range`, () => {
			// all of them; ranges ending inside a block; one record; one, two and three blocks of 16 exactly, and
			// with one record over or short (the single unit runs two full blocks in one loop, partial ones apart)
			const ranges: Array<[number, number]> = [
				[0, rows], [1, rows - 1], [37, 37 + 64 * 3], [1000, 1001], [rows - 200, rows], [5, 5 + (64 * 3) - 1],
				[0, 16], [3, 3 + 32], [3, 3 + 33], [8, 8 + 31], [0, 48], [1, 50], [rows - 17, rows],
			];
			for (const [start, end] of ranges) {
				assert.deepEqual(kernelSteps(model, examples, start, end), referenceSteps(model, examples, start, end), `records ${start}–${end}`);
			}
		});

		test(`→ ${name}: a view's records are read where the view starts`, () => {
			const part = view(examples, 999, rows - 7);
			assert.deepEqual(kernelSteps(model, part, 0, part.rows), referenceSteps(model, part, 0, part.rows));
		});
	}

	test('→ predictions read in place equal the reference\'s outputs bit for bit', () => {
		const network = models[1]![1] as HiddenLayerNetwork;
		const outputs = new Float64Array(rows - 3);
		kernelForRecords(featureCount, 3, examples).predict(network.weights, examples, 3, rows, outputs, 'exact');
		for (let row = 3; row < rows; row += 997) {
			assert.equal(outputs[row - 3], referenceHiddenLayerOutput(network.weights, featureCount, 3, examples.features, row * featureCount, network.hiddenOutput));
		}

		const unit = models[0]![1];
		kernelForRecords(featureCount, 0, examples).predict(unit.weights, examples, 3, rows, outputs, 'exact');
		for (let row = 3; row < rows; row++) {
			let h = 0;
			for (let feature = 0; feature < featureCount; feature++) {
				h += examples.features[(row * featureCount) + feature]! * unit.weights[feature]!;
			}

			assert.equal(outputs[row - 3], sigmoid(h));
		}
	});

	test('→ a model trains the same on it as on a plain copy, with either sigmoid, split across threads or not', () => {
		const plain = {...examples, features: examples.features.slice(), targets: examples.targets.slice()};
		const previousParallel = setParallelEpoch(false);
		try {
			for (const sigmoidChoice of kernelSigmoids) {
				const previous = setKernelSigmoid(sigmoidChoice);
				try {
					for (const [name, model] of models) {
						const inPlace = new Float64Array(model.weights.length);
						const copied = new Float64Array(model.weights.length);
						model.accumulateWeightSteps(examples, 0, rows, inPlace);
						model.accumulateWeightSteps(plain, 0, rows, copied);
						assert.deepEqual(inPlace, copied, `${name}, ${sigmoidChoice} sigmoid`);
					}
				} finally {
					setKernelSigmoid(previous);
				}
			}
		} finally {
			setParallelEpoch(previousParallel);
		}
	});

	test('→ regions claimed for kernels lie past the records and never overlap', () => {
		const arrays = allocateInRecordMemory(100, 3)!;
		const recordsEnd = arrays.features.byteOffset + arrays.features.byteLength;
		const first = claimRegion(arrays.memory, 100_000)!;
		const second = claimRegion(arrays.memory, 3 << 20)!;
		const third = claimRegion(arrays.memory, 10)!;
		assert.ok(first >= recordsEnd);
		assert.ok(second >= first + 100_000 && third >= second + (3 << 20));
		assert.ok(arrays.memory.buffer.byteLength >= third + 10, 'the memory grew to hold them');
		assert.equal(claimRegion(arrays.memory, 3 * 1024 * 1024 * 1024), undefined, 'past 2 GiB there is no room');
	});

	test('→ records received by another thread are adopted through the memory, the same bytes', () => {
		const memory = recordMemoryOf(examples)!;
		const arrived = {...examples, features: new Float64Array(examples.features.buffer, examples.features.byteOffset, examples.features.length)};
		const adopted = adoptRecordMemory(memory, arrived);
		assert.equal(recordMemoryOf(adopted), memory);
		assert.equal(adopted.features.byteOffset, examples.features.byteOffset);
		assert.deepEqual(adopted.features, examples.features);
		const elsewhere = allocateInRecordMemory(10, 1)!;
		assert.throws(() => adoptRecordMemory(elsewhere.memory, examples), /not in this record memory/);
	});
});
