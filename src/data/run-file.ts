/**
 * Saved runs: options, seed, the data file's name and SHA-256, setting changes, history and weights,
 * as one JSON file written atomically (a temporary file, then a rename), so an interrupted save never
 * leaves a half-written file behind.
 */
import {createHash} from 'node:crypto';
import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import type {WeightsJson} from '../engine/model.js';
import type {ConfigChange, SessionConfig, SessionStatus, TrainingSession} from '../engine/training-session.js';
import {DataError} from './data-error.js';
import type {Dataset} from './dataset.js';
import {checkOutputFile, describeWriteError, type OutputKind} from './output-file.js';

/** The format name and version written in every saved run. */
export const runFormat = 'gdlab-run';
export const runFormatVersion = 1;

/** How the run's data was chosen, enough to load and split it again. */
export type RunSource = {
	/** --data as given (a path or synthetic:ROWS:FEATURES), null for the bundled data. */
	data: string | undefined | null;
	/** Seed of the train/test split. */
	splitSeed: number | string;
	/** --target, if given. */
	target: string | undefined | null;
	/** --categorical, if given. */
	categorical: string[] | undefined | null;
	/** --strict. */
	strict: boolean;
	/** Share of rows held out for testing. */
	testRatio: number;
};

/** A saved run, as written to disk. */
export type RunRecord = {
	format: typeof runFormat;
	version: typeof runFormatVersion;
	/** When it was saved (ISO 8601). */
	savedAt: string;
	/** How the data was chosen. */
	source: RunSource & {data: string | null; target: string | null; categorical: string[] | null};
	/** The dataset as it was: name, absolute path, SHA-256 of the file, size. */
	dataset: {name: string; path: string | null; sha256: string | null; rows: number; features: string[]};
	/** The configuration the run started from. */
	config: SessionConfig;
	/** Settings changed while it ran, with the epoch of each. */
	changes: ConfigChange[];
	/** Epochs trained. */
	epochs: number;
	/** training, done or diverged. */
	status: SessionStatus;
	/** Per-epoch figures. */
	history: {train: number[]; test: number[]; accuracy: number[]; learnRate: number[]};
	/** Weights at the start and at the end. */
	initialWeights: WeightsJson;
	weights: WeightsJson;
};

/** SHA-256 of a file's bytes, hex. */
export function sha256File(path: string): string {
	return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Describe a session and its data as a saved run. */
export function buildRunRecord(session: TrainingSession, dataset: Dataset, source: RunSource): RunRecord {
	const snapshot = session.snapshot();
	const path = dataset.path === undefined ? null : resolve(dataset.path);
	return {
		format: runFormat,
		version: runFormatVersion,
		savedAt: new Date().toISOString(),
		source: {...source, data: source.data ?? null, target: source.target ?? null, categorical: source.categorical ?? null},
		dataset: {name: dataset.name, path, sha256: path === null ? null : sha256File(path), rows: dataset.rows, features: dataset.featureNames},
		config: session.startingConfig,
		changes: [...session.changes],
		epochs: snapshot.epoch,
		status: snapshot.status,
		history: {
			train: Array.from(session.history.column('train')),
			test: Array.from(session.history.column('test')),
			accuracy: Array.from(session.history.column('accuracy')),
			learnRate: Array.from(session.history.column('learnRate')),
		},
		initialWeights: session.model.weightsJson(snapshot.initialWeights),
		weights: session.model.weightsJson(snapshot.weights),
	};
}

const pendingTemporaryFiles = new Set<string>();

/** Write text to `path` atomically: a temporary file beside it, then a rename over it. */
export function writeFileAtomic(path: string, text: string): void {
	const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
	pendingTemporaryFiles.add(temporary);
	try {
		writeFileSync(temporary, text);
		renameSync(temporary, path);
	} catch (error) {
		removeQuietly(temporary);
		throw new DataError(`${path}: cannot write: ${describeWriteError(error, path)}`);
	} finally {
		pendingTemporaryFiles.delete(temporary);
	}
}

/** Remove a temporary file if it is there; failing to (something else took its name) must not hide why the write failed. */
function removeQuietly(path: string): void {
	try {
		rmSync(path, {force: true});
	} catch {
		// the write's own error says what went wrong
	}
}

/** Remove temporary files of writes still under way (for an interrupt handler). */
export function removePendingTemporaryFiles(): void {
	for (const file of pendingTemporaryFiles) {
		rmSync(file, {force: true});
	}
}

/** A saved run as an output: gdlab's own begins with its format name (JSON.stringify keeps that key first). */
export const runOutput: OutputKind = {
	option: '--save',
	what: 'a gdlab run',
	isOurs: head => new RegExp(`^\\uFEFF?\\s*\\{\\s*"format"\\s*:\\s*"${runFormat}"\\s*[,}]`).test(head),
};

/**
 * Save a run as JSON, atomically, after checking again that the path takes it (the file may have
 * appeared since the run began); returns true when it replaced an earlier saved run.
 */
export function writeRunFile(path: string, record: RunRecord): boolean {
	const replaced = checkOutputFile(path, runOutput, record.dataset.path);
	writeFileAtomic(path, `${JSON.stringify(record, null, 1)}\n`);
	return replaced;
}

/** Read a saved run; anything that is not one is a DataError naming the file. */
export function readRunFile(path: string): RunRecord {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new DataError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a saved run' : (error as Error).message}`);
	}

	let record: Partial<RunRecord>;
	try {
		record = JSON.parse(text) as Partial<RunRecord>;
	} catch (error) {
		throw new DataError(`${path}: not a gdlab run file (invalid JSON: ${(error as Error).message})`);
	}

	if (record === null || typeof record !== 'object' || record.format !== runFormat) {
		throw new DataError(`${path}: not a gdlab run file (no "format": "${runFormat}")`);
	}

	if (record.version !== runFormatVersion) {
		throw new DataError(`${path}: saved by another version of gdlab (format version ${String(record.version)}, this gdlab reads ${runFormatVersion})`);
	}

	for (const key of ['source', 'dataset', 'config', 'changes', 'epochs', 'history', 'weights'] as const) {
		if (record[key] === undefined) {
			throw new DataError(`${path}: the saved run has no "${key}"`);
		}
	}

	return record as RunRecord;
}
