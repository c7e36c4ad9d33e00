/**
 * Record storage that worker threads and the epoch kernels read without a copy: once there are enough
 * records for an epoch to be shared across threads, features and targets live in a record memory
 * (kernels/record-memory.ts), or on plain SharedArrayBuffers where that cannot be had; fewer records
 * stay ordinary arrays.
 */
import type {Examples} from '../data/dataset.js';
import {minParallelRows} from './kernels/parallel-epoch.js';
import {allocateInRecordMemory} from './kernels/record-memory.js';

/** A dataset's storage: features row-major, one target per row, zeroed. */
export type RecordArrays = {features: Float64Array; targets: Float64Array};

/** Zeroed storage for `rows` records of `featureCount` features, shared when an epoch over them could be shared across threads. */
export function allocateRecordArrays(rows: number, featureCount: number): RecordArrays {
	if (rows < minParallelRows) {
		return {features: new Float64Array(rows * featureCount), targets: new Float64Array(rows)};
	}

	const inMemory = allocateInRecordMemory(rows, featureCount);
	if (inMemory) {
		return {features: inMemory.features, targets: inMemory.targets};
	}

	const shared = (length: number): Float64Array => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
	return {features: shared(rows * featureCount), targets: shared(rows)};
}

/** Whether both arrays of `examples` are in shared memory (a worker thread reads them without a copy). */
export const isShared = (examples: Examples): boolean => examples.features.buffer instanceof SharedArrayBuffer && examples.targets.buffer instanceof SharedArrayBuffer;

/** Shared copies of record sets, made once each (records never change once made, as the kernels' resident copies assume too). */
const sharedCopies = new WeakMap<Float64Array, Examples>();

/** `examples` where a worker thread can read them: themselves when shared, else a shared copy made once. */
export function inSharedMemory(examples: Examples): Examples {
	if (isShared(examples)) {
		return examples;
	}

	let copy = sharedCopies.get(examples.features);
	if (!copy || copy.targets.length !== examples.targets.length) {
		const shared = (values: Float64Array): Float64Array => {
			const array = new Float64Array(new SharedArrayBuffer(values.byteLength));
			array.set(values);
			return array;
		};

		copy = {...examples, features: shared(examples.features), targets: shared(examples.targets)};
		sharedCopies.set(examples.features, copy);
	}

	return copy;
}
