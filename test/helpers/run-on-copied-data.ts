/** A run saved on a copy of the admissions data, whose copy a test can then change or remove. */
import assert from 'node:assert/strict';
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {repoRoot} from './fixtures.js';
import {runCli} from './run-cli.js';

/** A run saved with `gdlab train --data COPY --epochs N --save FILE` in `directory`. */
export type RunOnCopiedData = {
	/** The copy of data/binary.csv the run trained on. */
	data: string;
	/** The saved run. */
	file: string;
	/** Change one value of one record in the copy (its SHA-256 then differs from the saved one). */
	changeData: () => void;
};

/** Copy the admissions data into `directory` and save a run of `epochs` epochs on it to `runName` there. */
export function runOnCopiedData(directory: string, runName: string, epochs: number): RunOnCopiedData {
	const data = join(directory, 'admissions.csv');
	copyFileSync(join(repoRoot, 'data/binary.csv'), data);
	const file = join(directory, runName);
	assert.equal(runCli(['train', '--data', data, '--epochs', String(epochs), '--save', file]).status, 0);
	return {
		data,
		file,
		changeData() {
			writeFileSync(data, readFileSync(data, 'utf8').replace('0,380,3.61,3', '0,390,3.61,3'));
		},
	};
}
