/** Resolve a `--data` value (a CSV path, `synthetic:ROWS:FEATURES`, or nothing) into a Dataset. */
import {fileURLToPath} from 'node:url';
import type {Dataset} from './dataset.js';
import {prepareDataset, type PrepareOptions} from './prepare-dataset.js';
import {readCsvFile} from './read-csv-file.js';
import {parseSyntheticName, syntheticDataset} from './synthetic-dataset.js';

/** The admissions data bundled with gdlab (data/binary.csv). */
export const bundledDataPath = fileURLToPath(new URL('../../../data/binary.csv', import.meta.url));

/** Load the dataset a `--data` value names; the bundled admissions data when it is undefined. */
export function loadDataset(source: string | undefined, options: PrepareOptions = {}): Dataset {
	const synthetic = source === undefined ? undefined : parseSyntheticName(source);
	if (synthetic) {
		return syntheticDataset(synthetic.rows, synthetic.features);
	}

	const path = source ?? bundledDataPath;
	const dataset = prepareDataset(readCsvFile(path), options);
	return source === undefined ? {...dataset, name: 'admissions (binary.csv)'} : dataset;
}
