/**
 * The files a headless run writes besides its printed figures (--save, --export-history): checked
 * before training starts, so a mistake costs nothing, and written after it without losing the figures
 * when a write still fails.
 */
import {UsageError} from './usage-error.js';
import {DataError} from '../data/data-error.js';
import {checkOutputFile, writtenFile} from '../data/output-file.js';
import {buildRunRecord, runOutput, writeRunFile} from '../data/run-file.js';
import type {SplitDataset} from '../data/dataset.js';
import type {TrainingSession} from '../engine/training-session.js';
import {exportHistory, historyOutput} from './export-history.js';
import type {RunOptions} from './parse-options.js';
import {runDataPath} from './run-data.js';

/** What to do with a finished run besides printing it. */
export type RunOutputs = {
	/** Print JSON instead of the lesson's text. */
	json: boolean;
	/** Save the run to this file. */
	save?: string;
	/** Export the history to this CSV file. */
	exportHistory?: string;
};

/**
 * Refuse, as a DataError, outputs that could not be written or would destroy a file: the data, each other, a
 * file gdlab did not write. Returns whether --save names a run saved earlier, which a save replaces.
 */
export function checkRunOutputs(options: RunOptions, {save, exportHistory}: RunOutputs): {saveReplacesRun: boolean} {
	// mistakes in the flags themselves: usage errors (exit 2), like any other bad value
	for (const [flag, path] of [['--save', save], ['--export-history', exportHistory]] as const) {
		if (path?.trim() === '') {
			throw new UsageError(`${flag} needs a file name`);
		}

		// - is standard output to many tools: here it would be a file named -
		if (path === '-') {
			throw new UsageError(`${flag} - would make a file named "-", not write to standard output: give a file name (./- if that is meant)`);
		}
	}

	if (save !== undefined && exportHistory !== undefined && writtenFile(save) === writtenFile(exportHistory)) {
		throw new UsageError(`--save and --export-history both name ${save}; give each its own file`);
	}

	const dataPath = runDataPath(options);
	const saveReplacesRun = save !== undefined && checkOutputFile(save, runOutput, dataPath);
	if (exportHistory !== undefined) {
		checkOutputFile(exportHistory, historyOutput, dataPath);
	}

	return {saveReplacesRun};
}

/** Save and export a trained run as asked; returns one line for each write that failed (the others are still made). */
export function writeRunOutputs(options: RunOptions, split: SplitDataset, session: TrainingSession, {save, exportHistory: historyPath}: RunOutputs): string[] {
	const failures: string[] = [];
	const attempt = (path: string, write: () => void) => {
		try {
			write();
		} catch (error) {
			failures.push(error instanceof DataError ? error.message : `${path}: cannot write: ${(error as Error).message}`);
		}
	};

	if (save !== undefined) {
		attempt(save, () => writeRunFile(save, buildRunRecord(session, split.dataset, options)));
	}

	if (historyPath !== undefined) {
		attempt(historyPath, () => exportHistory(historyPath, session.history, split.dataset.path));
	}

	return failures;
}
