/**
 * The lesson's split: `np.random.choice(data.index, size=int(len(data)*0.9), replace=False)` draws the
 * training rows in order; the rest, in file order, are the test set. Rows are reordered in place
 * (training rows first), so train and test are views and big data is never copied.
 */
import {choiceWithoutReplacement, type Random} from '../engine/random.js';
import {DataError, OptionDataError, place} from './data-error.js';
import type {Dataset, Examples, SplitDataset} from './dataset.js';

/** The lesson's share of records held out for testing. */
export const defaultTestRatio = 0.1;

/** Relative rounding error within which rows × (1 − ratio) counts as the whole number it misses. */
const roundingSlack = 1e-9;

/**
 * int(rows × (1 − ratio)) as the lesson takes it, but a product a rounding error short of a whole number
 * counts as that number: 400 × (1 − 0.8) is 79.99999999999999 in floating point, and means 80.
 */
function wholeRows(product: number): number {
	const nearest = Math.round(product);
	return Math.abs(product - nearest) <= roundingSlack * Math.max(1, product) ? nearest : Math.trunc(product);
}

/** Split a dataset into training and test records, drawing with the given generator. */
export function splitDataset(dataset: Dataset, random: Random, testRatio = defaultTestRatio): SplitDataset {
	if (!(testRatio > 0 && testRatio < 1)) {
		throw new DataError(`--test-ratio must be between 0 and 1 (exclusive), got ${testRatio}`);
	}

	const trainSize = wholeRows(dataset.rows * (1 - testRatio));
	if (trainSize < 1 || trainSize >= dataset.rows) {
		const missing = trainSize < 1 ? 'training' : 'test';
		throw new OptionDataError(`${place(dataset.path ?? dataset.name)}: --test-ratio ${testRatio} leaves no ${missing} row from ${dataset.rows} ${dataset.rows === 1 ? 'row' : 'rows'}`);
	}

	const trainIndex = choiceWithoutReplacement(random, dataset.rows, trainSize);
	const inTrain = new Uint8Array(dataset.rows);
	for (const row of trainIndex) {
		inTrain[row] = 1;
	}

	const testIndex: number[] = [];
	for (let row = 0; row < dataset.rows; row++) {
		if (!inTrain[row]) {
			testIndex.push(row);
		}
	}

	reorderRows(dataset, [...trainIndex, ...testIndex]);
	const {featureCount} = dataset;
	const view = (start: number, end: number): Examples => ({
		features: dataset.features.subarray(start * featureCount, end * featureCount),
		targets: dataset.targets.subarray(start, end),
		rows: end - start,
		featureCount,
	});
	return {dataset, train: view(0, trainSize), test: view(trainSize, dataset.rows), trainIndex, testIndex};
}

/** Put row order[k] at position k, in place, following the permutation's cycles. */
function reorderRows(dataset: Dataset, order: number[]): void {
	const {features, targets, featureCount} = dataset;
	const done = new Uint8Array(order.length);
	const saved = new Float64Array(featureCount);
	for (let start = 0; start < order.length; start++) {
		if (done[start] || order[start] === start) {
			done[start] = 1;
			continue;
		}

		saved.set(features.subarray(start * featureCount, (start + 1) * featureCount));
		const savedTarget = targets[start]!;
		let position = start;
		for (;;) {
			done[position] = 1;
			const source = order[position]!;
			if (source === start) {
				features.set(saved, position * featureCount);
				targets[position] = savedTarget;
				break;
			}

			features.copyWithin(position * featureCount, source * featureCount, (source + 1) * featureCount);
			targets[position] = targets[source]!;
			position = source;
		}
	}
}
