/**
 * Seeded synthetic binary-classification data (`--data synthetic:ROWS:FEATURES`): standard normal
 * features, labels drawn from a logistic model with random true weights. Generated straight into
 * one Float64Array, so a million rows cost only their own bytes.
 */
import {NumpyRandomState} from '../engine/numpy-random-state.js';
import {allocateRecordArrays} from '../engine/shared-float64-array.js';
import {DataError} from './data-error.js';
import {maxFeatureValues} from './data-limits.js';
import type {Dataset} from './dataset.js';

/** The seed of every synthetic dataset, so a name always means the same data. */
export const syntheticSeed = 0;
/** The most rows a synthetic dataset may have. */
export const maxSyntheticRows = 10_000_000;
/** The most features a synthetic dataset may have. */
export const maxSyntheticFeatures = 1000;

/** Parse `synthetic:ROWS:FEATURES` into its sizes, or undefined when the text is not of that form. */
export function parseSyntheticName(text: string): {rows: number; features: number} | undefined {
	if (!text.startsWith('synthetic:')) {
		return undefined;
	}

	const match = /^synthetic:(\d+):(\d+)$/.exec(text.replaceAll('_', ''));
	if (!match) {
		throw new DataError(`--data ${text}: expected synthetic:ROWS:FEATURES, e.g. synthetic:100000:16`);
	}

	const rows = Number(match[1]);
	const features = Number(match[2]);
	if (rows < 10 || rows > maxSyntheticRows) {
		throw new DataError(`--data ${text}: rows must be from 10 to ${maxSyntheticRows}`);
	}

	if (features < 1 || features > maxSyntheticFeatures) {
		throw new DataError(`--data ${text}: features must be from 1 to ${maxSyntheticFeatures}`);
	}

	if (rows * features > maxFeatureValues) {
		throw new DataError(`--data ${text}: ${rows} rows × ${features} features is over the limit of ${maxFeatureValues} feature values`);
	}

	return {rows, features};
}

/** Generate a seeded synthetic dataset of the given size. */
export function syntheticDataset(rows: number, featureCount: number): Dataset {
	const random = new NumpyRandomState(syntheticSeed);
	const trueWeights = new Float64Array(featureCount);
	for (let feature = 0; feature < featureCount; feature++) {
		trueWeights[feature] = random.gauss();
	}

	const {features, targets} = allocateRecordArrays(rows, featureCount);
	for (let row = 0; row < rows; row++) {
		let h = 0;
		for (let feature = 0; feature < featureCount; feature++) {
			const value = random.gauss();
			features[row * featureCount + feature] = value;
			h += value * trueWeights[feature]!;
		}

		targets[row] = random.random() < 1 / (1 + Math.exp(-h)) ? 1 : 0;
	}

	return {
		name: `synthetic:${rows}:${featureCount}`,
		featureNames: Array.from({length: featureCount}, (_, index) => `x${index + 1}`),
		targetName: 'y',
		targetMapping: [['0', 0], ['1', 1]],
		droppedRows: 0,
		features,
		targets,
		rows,
		featureCount,
	};
}
