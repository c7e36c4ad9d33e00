/**
 * Record storage that worker threads can read without a copy: features and targets on SharedArrayBuffers
 * once there are enough records for an epoch to be split across threads (fewer stay ordinary arrays).
 */
import {minParallelRows} from './kernels/parallel-epoch.js';

/** A dataset's storage: features row-major, one target per row, zeroed. */
export type RecordArrays = {features: Float64Array; targets: Float64Array};

/** Zeroed storage for `rows` records of `featureCount` features, shared when an epoch over them could be split. */
export function allocateRecordArrays(rows: number, featureCount: number): RecordArrays {
	const array = (length: number): Float64Array => rows >= minParallelRows
		? new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT))
		: new Float64Array(length);
	return {features: array(rows * featureCount), targets: array(rows)};
}
