/** Load and split the data a run names, as train, replay and the dashboard all do. */
import type {SplitDataset} from '../data/dataset.js';
import {bundledDataPath, loadDataset, loadDatasetInSteps} from '../data/load-dataset.js';
import {splitDataset} from '../data/split-dataset.js';
import {parseSyntheticName} from '../data/synthetic-dataset.js';
import {createRandom} from '../engine/random.js';
import type {RunOptions} from './parse-options.js';

/** Read the run's dataset and split it with the run's generator and split seed. */
export function loadRunData(options: RunOptions): SplitDataset {
	const dataset = loadDataset(options.data, {target: options.target, categorical: options.categorical, ignore: options.ignore, strict: options.strict});
	return splitDataset(dataset, createRandom(options.config.rng, options.splitSeed), options.testRatio);
}

/** Read and split it as loadRunData does, telling `progress` what it is doing meanwhile (loadDatasetInSteps). */
export async function loadRunDataInSteps(options: RunOptions, progress: (what: string, done?: number) => void): Promise<SplitDataset> {
	const dataset = await loadDatasetInSteps(options.data, {target: options.target, categorical: options.categorical, ignore: options.ignore, strict: options.strict}, progress);
	return splitDataset(dataset, createRandom(options.config.rng, options.splitSeed), options.testRatio);
}

/** The CSV file a run reads (the bundled one when --data is not given); undefined for synthetic data. */
export function runDataPath(options: RunOptions): string | undefined {
	if (options.data === undefined) {
		return bundledDataPath;
	}

	return parseSyntheticName(options.data) ? undefined : options.data;
}
