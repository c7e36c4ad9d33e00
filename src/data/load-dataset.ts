/** Resolve a `--data` value (a CSV path, `synthetic:ROWS:FEATURES`, or nothing) into a Dataset. */
import {join} from 'node:path';
import {packageRoot} from '../package-root.js';
import {DataError, quote, unquotedName} from './data-error.js';
import type {Dataset} from './dataset.js';
import {prepareDataset, type PrepareOptions} from './prepare-dataset.js';
import {readCsvFile} from './read-csv-file.js';
import {parseSyntheticName, syntheticDataset, syntheticDatasetInSteps} from './synthetic-dataset.js';

/** The admissions data bundled with gdlab (data/binary.csv). */
export const bundledDataPath = join(packageRoot, 'data', 'binary.csv');

/** Load the dataset a `--data` value names; the bundled admissions data when it is undefined. */
export function loadDataset(source: string | undefined, options: PrepareOptions = {}): Dataset {
	const synthetic = source === undefined ? undefined : parseSyntheticName(source);
	if (synthetic) {
		const dataset = syntheticDataset(synthetic.rows, synthetic.features);
		checkSyntheticOptions(dataset, options);
		return dataset;
	}

	const path = source ?? bundledDataPath;
	const dataset = prepareDataset(readCsvFile(path), options);
	return source === undefined ? {...dataset, name: 'admissions (binary.csv)'} : dataset;
}

/**
 * Load it as loadDataset does, telling `progress` what it is doing (and, for synthetic data, generated a step
 * at a time, the share done) so a screen can show it; the event loop turns while synthetic data is made.
 */
export async function loadDatasetInSteps(source: string | undefined, options: PrepareOptions, progress: (what: string, done?: number) => void): Promise<Dataset> {
	const synthetic = source === undefined ? undefined : parseSyntheticName(source);
	if (synthetic) {
		const what = `generating ${source} (${(synthetic.rows * synthetic.features).toLocaleString('en-US')} values)`;
		progress(what, 0);
		const dataset = await syntheticDatasetInSteps(synthetic.rows, synthetic.features, done => {
			progress(what, done);
		});
		checkSyntheticOptions(dataset, options);
		return dataset;
	}

	progress(`reading ${source ?? 'the admissions data'}`);
	// let the screen show that before the file is read in one go
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	return loadDataset(source, options);
}

/** Synthetic data has numeric features x1… and the target y; options naming other columns are mistakes. */
function checkSyntheticOptions(dataset: Dataset, options: PrepareOptions): void {
	if (options.target !== undefined && (unquotedName(options.target) ?? options.target) !== dataset.targetName) {
		throw new DataError(`--data ${dataset.name}: unknown target column ${quote(options.target)}; synthetic data's target is ${dataset.targetName}`);
	}

	for (const [flag, columns] of [['--categorical', options.categorical], ['--ignore', options.ignore]] as const) {
		if (columns !== undefined && columns.length > 0) {
			throw new DataError(`--data ${dataset.name}: ${flag} does not apply to synthetic data (its features are all numeric)`);
		}
	}
}
