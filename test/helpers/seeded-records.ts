/** Seeded records in a shared record memory (allocateRecordArrays puts this many there), for the kernels' tests. */
import type {Examples} from '../../src/data/dataset.js';
import {NumpyRandomState} from '../../src/engine/numpy-random-state.js';
import {allocateRecordArrays} from '../../src/engine/shared-float64-array.js';

/** `rows` records of `featureCount` standard normal features, each target 1 with probability `positiveShare`. */
export function seededRecords(rows: number, featureCount: number, seed: number, positiveShare: number): Examples {
	const random = new NumpyRandomState(seed);
	const {features, targets} = allocateRecordArrays(rows, featureCount);
	for (let index = 0; index < features.length; index++) {
		features[index] = random.gauss();
	}

	for (let row = 0; row < rows; row++) {
		targets[row] = random.random() < positiveShare ? 1 : 0;
	}

	return {features, targets, rows, featureCount};
}
