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
/** The target column of synthetic data (its features are x1, x2 …). */
export const syntheticTarget = 'y';

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

/** Rows generated between progress reports (and turns of the event loop) when generating in steps. */
const rowsPerStep = 32_768;

/** Generate a seeded synthetic dataset of the given size. */
export function syntheticDataset(rows: number, featureCount: number): Dataset {
	const generator = new SyntheticGenerator(rows, featureCount);
	generator.generate(rows);
	return generator.dataset;
}

/**
 * Generate it a step at a time, calling `progress` with the share done after each and letting the event
 * loop turn between steps (a million rows of 16 take a second or two: a screen stays responsive meanwhile).
 * The same data as syntheticDataset, value for value.
 */
export async function syntheticDatasetInSteps(rows: number, featureCount: number, progress: (done: number) => void): Promise<Dataset> {
	const generator = new SyntheticGenerator(rows, featureCount);
	while (generator.rowsDone < rows) {
		generator.generate(rowsPerStep);
		progress(generator.rowsDone / rows);
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	return generator.dataset;
}

/** The generator behind both: one seeded stream, drawn row by row into the dataset's arrays. */
class SyntheticGenerator {
	readonly dataset: Dataset;
	rowsDone = 0;
	private readonly random = new NumpyRandomState(syntheticSeed);
	private readonly trueWeights: Float64Array;

	constructor(rows: number, featureCount: number) {
		this.trueWeights = new Float64Array(featureCount);
		for (let feature = 0; feature < featureCount; feature++) {
			this.trueWeights[feature] = this.random.gauss();
		}

		const {features, targets} = allocateRecordArrays(rows, featureCount);
		this.dataset = {
			name: `synthetic:${rows}:${featureCount}`,
			featureNames: Array.from({length: featureCount}, (_, index) => `x${index + 1}`),
			targetName: syntheticTarget,
			targetMapping: [['0', 0], ['1', 1]],
			droppedRows: 0,
			features,
			targets,
			rows,
			featureCount,
		};
	}

	/** Draw up to `count` more rows. */
	generate(count: number): void {
		const {random, trueWeights} = this;
		const {features, targets, featureCount, rows} = this.dataset;
		const last = Math.min(rows, this.rowsDone + count);
		for (let row = this.rowsDone; row < last; row++) {
			let h = 0;
			for (let feature = 0; feature < featureCount; feature++) {
				const value = random.gauss();
				features[row * featureCount + feature] = value;
				h += value * trueWeights[feature]!;
			}

			targets[row] = random.random() < 1 / (1 + Math.exp(-h)) ? 1 : 0;
		}

		this.rowsDone = last;
	}
}
