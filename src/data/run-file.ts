/**
 * Saved runs: options, seed, the data file's name and SHA-256, setting changes, history and weights,
 * as one JSON file written atomically (a temporary file, then a rename), so an interrupted save never
 * leaves a half-written file behind.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {kernelsFuse} from '../engine/kernels/fast-epoch.js';
import type {KernelSigmoid} from '../engine/kernels/kernel-sigmoid.js';
import type {WeightsJson} from '../engine/model.js';
import type {ConfigChange, SessionConfig, SessionStatus, TrainingSession} from '../engine/training-session.js';
import {checkRunRecord, RecordProblem} from './check-run-record.js';
import {DataError, escapeControl, place} from './data-error.js';
import {maxRunFileBytes} from './data-limits.js';
import {positionAt} from './text-position.js';
import type {DatasetDescription} from './dataset.js';
import {writeFileAtomic, writeFileAtomicInTurns} from './atomic-write.js';
import {checkOutputFile, type OutputKind} from './output-file.js';
import {describeWriteError} from './write-error.js';
import {bundledDataPath} from './load-dataset.js';
import {csvFileKind} from './read-csv-file.js';
import {readUserFile} from './read-user-file.js';

/**
 * One per-epoch figure of a saved run's history: as read from a file (null for a figure that was not
 * finite), or as copied from a session to be saved (a copy of a million figures is quick; as an array it took a third of a second).
 */
export type HistoryFigures = ReadonlyArray<number | null> | Float64Array;

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
	/** --ignore, if given (absent in runs saved before gdlab had it). */
	ignore?: string[] | undefined | null;
	/** --strict. */
	strict: boolean;
	/** Share of rows held out for testing. */
	testRatio: number;
};

/** A saved run, as written to disk. */
export type RunRecord = {
	format: typeof runFormat;
	version: typeof runFormatVersion;
	/**
	 * Whether the kernels fused products into sums (kernel-sigmoid.ts), which moves the last bits of a
	 * hidden-layer run's figures; a replay does as the run did. Absent in runs saved before gdlab could: they
	 * did not.
	 */
	fusedMultiplyAdd?: boolean;
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
	/** Per-epoch figures; null where the figure was NaN or infinite (JSON has no such numbers). */
	history: {train: HistoryFigures; test: HistoryFigures; accuracy: HistoryFigures; learnRate: HistoryFigures};
	/** Weights at the start and at the end. */
	initialWeights: WeightsJson;
	weights: WeightsJson;
};

/** The kernels' arithmetic a saved run trained with, so that its replay rounds as it did. */
export function runKernelSigmoid(record: RunRecord): KernelSigmoid {
	return record.fusedMultiplyAdd === true ? 'fused' : 'fast';
}

/** SHA-256 of a data file's bytes, hex; read with --data's checks, since a saved run may name any path. */
export function sha256File(path: string): string {
	return createHash('sha256').update(readUserFile(path, csvFileKind)).digest('hex');
}

/** Where a saved run's data is read from now, and how it differs from the data the run trained on. */
export type RunDataLocation = {
	/** What --data would say to read it: a file, synthetic:…, or undefined for the bundled data. */
	data: string | undefined;
	/** How the file found differs from the one the run trained on (its SHA-256), if it does. */
	change?: string;
	/** Said when the file was found elsewhere than where it was saved, with the same bytes. */
	moved?: string;
};

/**
 * Find a saved run's data (`runFile` is where the run was read from): where it was saved, a file of the
 * same name beside the run file (both moved together), or the path as given when saving, from here: the
 * first of them with the run's SHA-256, else the first there is; or where `override` (replay --data)
 * says. The bundled data is this install's copy. A file found is held to the run's SHA-256; no file at all
 * is a DataError naming where it was.
 */
export function locateRunData(record: RunRecord, runFile: string, override?: string): RunDataLocation {
	const {sha256, path: savedPath} = record.dataset;
	if ((savedPath === null || sha256 === null) && record.source.data !== null) {
		// synthetic data is made again from its name: there is no file to look for (checkDataOverride)
		return {data: record.source.data};
	}

	const saved = record.source.data === null ? bundledDataPath : savedPath;
	const candidates = override === undefined
		? [saved, ...(saved === null || record.source.data === null ? [] : [join(dirname(runFile), basename(saved)), record.source.data])]
		: [override];
	const unreadable: Array<{path: string; why: string}> = [];
	const present = candidates.filter((candidate): candidate is string => candidate !== null && isThere(candidate, unreadable));
	// each file is read and hashed once, however many of the checks below ask
	const hashes = new Map<string, string>();
	const hashOf = (path: string): string => {
		const key = resolve(path);
		const hash = hashes.get(key) ?? sha256File(path);
		hashes.set(key, hash);
		return hash;
	};
	// the first with the run's bytes (the saved path may hold an edited file while the right one moved with the run)
	const found = (sha256 === null ? undefined : present.find(candidate => hashOf(candidate) === sha256)) ?? present[0];
	if (found === undefined) {
		// a file that may well be there, in a folder this user cannot look into, is not gone
		const [hidden] = unreadable;
		if (hidden !== undefined) {
			throw new DataError(`${place(hidden.path)} cannot be reached: ${hidden.why}`);
		}

		throw new DataError(override === undefined ? `${place(saved ?? '')} is gone; give its new place with --data FILE` : `${place(override)}: no such file`);
	}

	const data = record.source.data === null && override === undefined ? undefined : found;
	if (sha256 === null) {
		return {data};
	}

	const now = hashOf(found);
	if (now !== sha256) {
		const which = found === saved ? `the data file ${place(found)} changed since the run was saved` : `the data file ${place(found)} is not the one the run trained on`;
		return {data, change: `${which} (SHA-256 ${sha256.slice(0, 12)}… then, ${now.slice(0, 12)}… now)`};
	}

	// said only when the file where the run was saved is no longer the run's data (gone, or other bytes)
	const savedIsTheData = saved !== null && (resolve(found) === resolve(saved) || (existsSync(saved) && hashOf(saved) === sha256));
	if (savedIsTheData) {
		return {data};
	}

	const where = saved !== null && existsSync(saved) ? 'has other bytes' : (unreadable.some(({path}) => path === saved) ? 'cannot be reached' : 'is gone');
	return {data, moved: `the data file ${place(saved ?? '')} ${where}; read ${place(found)}, the same bytes as the run's`};
}

/** Whether there is a file at `path`; one that cannot be looked at (a folder without permission) is added to `unreadable`. */
function isThere(path: string, unreadable: Array<{path: string; why: string}>): boolean {
	try {
		statSync(path);
		return true;
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (code !== 'ENOENT' && code !== 'ENOTDIR') {
			unreadable.push({path, why: describeWriteError(error, path)});
		}

		return false;
	}
}

/** Describe a session and its data as a saved run. */
export function buildRunRecord(session: TrainingSession, dataset: DatasetDescription, source: RunSource): RunRecord {
	const snapshot = session.snapshot();
	const path = dataset.path === undefined ? null : resolve(dataset.path);
	return {
		format: runFormat,
		version: runFormatVersion,
		fusedMultiplyAdd: kernelsFuse(),
		savedAt: new Date().toISOString(),
		// the source's own fields only: callers pass their whole options (model, config), which the run says elsewhere
		source: {data: source.data ?? null, splitSeed: source.splitSeed, target: source.target ?? null, categorical: source.categorical ?? null, ignore: source.ignore ?? null, strict: source.strict, testRatio: source.testRatio},
		dataset: {name: dataset.name, path, sha256: dataset.sha256 ?? null, rows: dataset.rows, features: dataset.featureNames},
		config: session.startingConfig,
		changes: [...session.changes],
		epochs: snapshot.epoch,
		status: snapshot.status,
		history: {
			train: session.history.column('train').slice(),
			test: session.history.column('test').slice(),
			accuracy: session.history.column('accuracy').slice(),
			learnRate: session.history.column('learnRate').slice(),
		},
		initialWeights: session.model.weightsJson(snapshot.initialWeights),
		weights: session.model.weightsJson(snapshot.weights),
	};
}

/**
 * A saved run as an output: gdlab's own begins with its format name (JSON.stringify keeps that key first);
 * one whose keys were reordered (`jq -S`) is known by reading it whole.
 */
export const runOutput: OutputKind = {
	option: '--save',
	what: 'a gdlab run',
	isOurs: (head, path) => new RegExp(`^\\uFEFF?\\s*\\{\\s*"format"\\s*:\\s*"${runFormat}"\\s*[,}]`).test(head) || (path !== undefined && isRunJson(path)),
};

/** The largest file read whole to find a reordered run's "format" (read on the thread a screen draws on: a few tens of ms). */
const maxReorderedRunBytes = 16 * 1024 * 1024;

/** Whether the file at `path` is JSON whose top-level "format" is a saved run's (not read past maxReorderedRunBytes). */
function isRunJson(path: string): boolean {
	try {
		if (statSync(path).size > maxReorderedRunBytes) {
			return false;
		}

		const value = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as unknown;
		return value !== null && typeof value === 'object' && (value as {format?: unknown}).format === runFormat;
	} catch {
		return false;
	}
}

/**
 * Save a run as JSON, atomically, after checking again that the path takes it (the file may have
 * appeared since the run began); returns true when it replaced an earlier saved run.
 */
export function writeRunFile(path: string, record: RunRecord): boolean {
	const replaced = checkOutputFile(path, runOutput, record.dataset.path);
	writeFileAtomic(path, runFileText(record));
	return replaced;
}

/** writeRunFile in turns, the screen live meanwhile (writeFileAtomicInTurns); saves are written in the order asked. */
export async function writeRunFileInTurns(path: string, record: RunRecord): Promise<boolean> {
	return writeFileAtomicInTurns(path, runFileText(record), () => checkOutputFile(path, runOutput, record.dataset.path));
}

/** Figures per piece of a saved run's history: a long run's is written a piece at a time, never held whole as text. */
const figuresPerPiece = 8192;

/**
 * A saved run as text, in pieces: the text of JSON.stringify(record, null, 1) and a newline, with the
 * history (a long run's bulk: four figures an epoch) made a piece at a time.
 */
export function * runFileText(record: RunRecord): Generator<string, void, void> {
	if (typeof record.history !== 'object' || record.history === null || Object.keys(record.history).length === 0) { // nothing long to write in pieces
		yield `${JSON.stringify(record, null, 1)}\n`;
		return;
	}

	// the history's place marked by a string JSON has no other reason to hold, then filled in
	const mark = '\u0000history\u0000';
	const [before, after] = JSON.stringify({...record, history: mark}, null, 1).split(JSON.stringify(mark));
	yield `${before!}{\n`;
	const columns = Object.entries(record.history);
	for (const [index, [name, values]] of columns.entries()) {
		yield `  ${JSON.stringify(name)}: ${values.length === 0 ? '[]' : '['}`;
		for (let first = 0; first < values.length; first += figuresPerPiece) {
			// as JSON.stringify writes each (null for a figure that is not finite)
			const piece = Array.from(values.slice(first, first + figuresPerPiece), value => JSON.stringify(value));
			yield `${first === 0 ? '' : ','}\n   ${piece.join(',\n   ')}`;
		}

		yield `${values.length === 0 ? '' : '\n  ]'}${index < columns.length - 1 ? ',' : ''}\n`;
	}

	yield ` }${after!}\n`;
}

/** Read a saved run, checked whole; anything that is not one is a DataError naming the file. */
export function readRunFile(path: string): RunRecord {
	// a byte order mark (an editor's re-save) is not part of the JSON
	const text = readUserFile(path, {noun: 'a saved run', contents: 'the run', maxBytes: maxRunFileBytes}).toString('utf8').replace(/^\uFEFF/, '');
	let record: unknown;
	try {
		record = JSON.parse(text);
	} catch (error) {
		// V8 names the offset ("… in JSON at position 1000"): point to its line and column, as for a CSV file;
		// its quote of the text ("name\n,age"... is not valid JSON) is left out, the rest escaped
		const message = (error as Error).message.replace(/, ".*"(\.\.\.)? is not valid JSON$/s, '');
		const offset = /\s*(?:in JSON )?at position (\d+).*$/s.exec(message);
		const {line, column} = offset ? positionAt(text, Number(offset[1])) : {line: undefined, column: undefined};
		throw new DataError(`${place(path, line, column)}: not a gdlab run file (invalid JSON: ${escapeControl(offset ? message.slice(0, offset.index) : message)})`);
	}

	if (record === null || typeof record !== 'object' || (record as Partial<RunRecord>).format !== runFormat) {
		throw new DataError(`${place(path)}: not a gdlab run file (no "format": "${runFormat}")`);
	}

	const {version} = record as {version?: unknown};
	if (version === undefined) {
		throw new DataError(`${place(path)}: "version" is missing (this gdlab reads format version ${runFormatVersion})`);
	}

	if (typeof version !== 'number') {
		throw new DataError(`${place(path)}: "version" must be a number, got ${escapeControl(JSON.stringify(version) ?? String(version))}`);
	}

	if (version !== runFormatVersion) {
		throw new DataError(`${place(path)}: saved by another version of gdlab (format version ${version}, this gdlab reads ${runFormatVersion})`);
	}

	try {
		return checkRunRecord(record as Record<string, unknown>);
	} catch (error) {
		if (error instanceof RecordProblem) {
			throw new DataError(`${place(path)}: ${error.message}`);
		}

		throw error;
	}
}
