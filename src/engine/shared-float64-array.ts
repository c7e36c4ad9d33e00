/**
 * Record storage that worker threads and the epoch kernels read without a copy: once there are enough
 * records for an epoch to be shared across threads, features and targets live in a record memory
 * (kernels/record-memory.ts), or on plain SharedArrayBuffers where that cannot be had; fewer records
 * stay ordinary arrays.
 */
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
