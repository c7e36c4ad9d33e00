/** `gdlab replay FILE`: re-run a saved run and confirm its figures are identical, or say what changed. */
import {historyColumns} from '../data/check-run-record.js';
import {DataError, escapeControl, listedName, place} from '../data/data-error.js';
import type {Dataset, SplitDataset} from '../data/dataset.js';
import {chooseTargetHint} from '../data/prepare-dataset.js';
import {locateRunData, readRunFile, runKernelSigmoid, type RunRecord} from '../data/run-file.js';
import {setKernelSigmoid} from '../engine/kernels/fast-epoch.js';
import {fusedMultiplyAdd} from '../engine/kernels/fused-multiply-add.js';
import {flatWeights} from '../engine/model.js';
import {replaySteps} from '../engine/replay.js';
import {noteOnInterrupt} from './interrupted.js';
import {ConfigError, type TrainingSession} from '../engine/training-session.js';
import {parseOptions, type RunOptions} from './parse-options.js';
import {pythonFixed3, pythonRepr} from './python-format.js';
import {runInSlices} from './in-slices.js';
import {loadRunData} from './run-data.js';
import {UsageError} from './usage-error.js';
import {writeStdout} from './write-stdout.js';

/** Usage of `gdlab replay`. */
export const replayUsage = `Usage: gdlab replay FILE [--data DATA] [--json]

Re-run a run saved with --save (or w in the dashboard) and check that every
figure comes out identical. Exit code 0 when identical, 3 when something
differs (the data file, a loss, a weight), 1 when the run cannot be replayed
(a file that is not a saved run, data that cannot be read).

The data file is looked for where it was saved, beside FILE, then at the path
given when saving: the first with the SHA-256 the run trained on is read.

Options:
  --data DATA  where the run's data file is now
  --json       print one JSON document instead of text
  -h, --help   show this help`;

/** What a replay found. */
export type ReplayReport = {
	/** True when every loss and weight is bit-for-bit the saved one. */
	identical: boolean;
	/** Epochs replayed. */
	epochs: number;
	/** One line per difference found, in order. */
	differences: string[];
};

/** The exit code of a replay that differs: not 1, which says the run could not be replayed at all. */
export const exitDiffers = 3;

/** Run `gdlab replay` with the arguments after `replay`; returns the exit code. */
export async function runReplay(argv: string[], write: (text: string) => void = writeStdout): Promise<number> {
	const {values, positionals: files} = parseOptions(argv, {data: {type: 'string'}, json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}}, replayUsage, true);
	if (values.help) {
		write(`${replayUsage}\n`);
		return 0;
	}

	if (files.length !== 1 || files[0]!.trim() === '') {
		throw new UsageError(files.length === 1 || files.length === 0 ? 'replay needs the saved run file' : `replay takes one file, got ${files.length}`, replayUsage);
	}

	const record = readRunFile(files[0]!);
	checkDataOverride(record, values.data, replayUsage);
	const report = await replay(record, files[0]!, values.data);
	if (values.json) {
		// what the text says too: the run's model and data, and the figures it was saved with (null: not finite or no epoch)
		const {identical, epochs, differences} = report;
		const saved = {train: record.history.train.at(-1) ?? null, accuracy: record.history.accuracy.at(-1) ?? null};
		write(`${JSON.stringify({model: record.config.model, data: record.dataset.name, status: record.status, epochs, identical, differences, ...saved}, null, 1)}\n`);
	} else {
		const what = `${report.epochs} ${report.epochs === 1 ? 'epoch' : 'epochs'} of ${record.config.model} on ${record.dataset.name}`;
		const lines = report.identical
			? [`Replayed ${what}: identical (${savedFigures(record)})`]
			: [`Replayed ${what}: differs`, ...report.differences.map(line => `  ${line}`)];
		// names from the file (the data's, its features') are shown, never obeyed: control characters escaped
		write(`${lines.map(line => escapeControl(line)).join('\n')}\n`);
	}

	return report.identical ? 0 : exitDiffers;
}

/**
 * The figures a run was saved with, as an identical replay confirms them: its last losses and accuracy (a
 * figure saved as null was not finite), or only its initial weights before a first epoch, and where it
 * diverged if it did.
 */
function savedFigures(record: RunRecord): string {
	const figure = (value: number | null | undefined, format: (value: number) => string) => (value === null || value === undefined ? 'not finite' : format(value));
	const diverged = record.status === 'diverged';
	if (record.epochs === 0) {
		return diverged ? 'the initial weights: it diverged in its first epoch again, as saved' : 'the initial weights; no epoch trained yet';
	}

	const figures = `training MSE ${figure(record.history.train.at(-1), pythonRepr)}, test accuracy ${figure(record.history.accuracy.at(-1), pythonFixed3)}`;
	return diverged ? `${figures}; it diverged at epoch ${record.epochs} again, as saved` : figures;
}

/** The run options that load a record's data again, from `data` (where locateRunData found it). */
export function recordRunOptions(record: RunRecord, data: string | undefined): RunOptions {
	return {
		model: record.config.model,
		config: record.config,
		splitSeed: record.source.splitSeed,
		data,
		target: record.source.target ?? undefined,
		categorical: record.source.categorical ?? undefined,
		ignore: record.source.ignore ?? undefined,
		strict: record.source.strict,
		testRatio: record.source.testRatio,
	};
}

/** --data given with a saved run (replay, --load): the new place of the file it trained on, never synthetic data. */
export function checkDataOverride(record: RunRecord, data: string | undefined, usage: string): void {
	if (data === undefined) {
		return;
	}

	if (data.trim() === '') {
		throw new UsageError('--data needs the new place of the run\'s data file', usage);
	}

	const synthetic = record.dataset.path === null && record.source.data !== null;
	if (synthetic) {
		throw new UsageError(`--data: this run's data is made from ${record.source.data}, not read from a file; leave --data out`, usage);
	}

	if (data.startsWith('synthetic:')) {
		throw new UsageError(`--data ${data}: this run trained on ${record.source.data === null ? 'the bundled data' : 'a file'}; give that file's place`, usage);
	}
}

/** A problem with a saved run's data, naming the run file too: the user never typed the data's path. */
export function runDataError(file: string, error: unknown): unknown {
	return error instanceof DataError ? new DataError(`${place(file)}: the run's data file ${error.message}`) : error;
}

/** Replay a saved run (read from `file`, its data from `data` if given) and compare every figure. */
export async function replay(record: RunRecord, file: string, data?: string): Promise<ReplayReport> {
	const differences: string[] = [];
	let split: SplitDataset;
	let location: ReturnType<typeof locateRunData> | undefined;
	try {
		location = locateRunData(record, file, data);
		if (location.change) {
			differences.push(location.change);
		}

		if (location.moved) {
			process.stderr.write(`gdlab: ${location.moved}\n`);
		}

		split = loadRunData(recordRunOptions(record, location.data));
	} catch (error) {
		// other bytes than the run's that cannot be read as its data: the other bytes are the news, then why
		if (location?.change && error instanceof DataError) {
			throw new DataError(`${place(file)}: ${location.change}, and it cannot be read as the run's data: ${error.message.replace(chooseTargetHint, '')}`);
		}

		throw runDataError(file, error);
	}

	// rounding as the run did: fused or not (on a processor that cannot fuse, a fused run's last bits differ)
	const previousSigmoid = setKernelSigmoid(runKernelSigmoid(record));
	let session: TrainingSession;
	try {
		session = await replayInSlices(split, record, file);
	} finally {
		setKernelSigmoid(previousSigmoid);
	}

	differences.push(...compareDataset(record, split.dataset), ...compare(record, session));
	if (differences.length > 0 && record.fusedMultiplyAdd === true && !fusedMultiplyAdd) {
		differences.push('the run was saved where the kernels fuse multiply-adds (one rounding for a·b + c); this processor cannot, so the last bits can differ');
	}

	return {identical: differences.length === 0, epochs: session.epoch, differences};
}

/** Train the run again epoch by epoch, with the event loop let in between, so Ctrl+C stops a long replay at once. */
async function replayInSlices(split: SplitDataset, record: RunRecord, file: string): Promise<TrainingSession> {
	const steps = replaySteps(split, record.config, record.changes, record.epochs, record.status === 'diverged');
	let step: IteratorResult<number, TrainingSession>;
	try {
		step = steps.next();
	} catch (error) {
		// the run's network on data other than its own (--data, or a changed file): the run file's problem
		throw error instanceof ConfigError ? new DataError(`${place(file)}: ${error.message}`) : error;
	}

	const reached = noteOnInterrupt(() => (step.done ? undefined : `after ${step.value} of ${record.epochs} epochs`));
	try {
		await runInSlices(() => {
			step = step.done ? step : steps.next();
			return !step.done;
		});
	} finally {
		reached();
	}

	return step.value as TrainingSession;
}

/** A saved figure as JSON holds it: NaN and ±Infinity are written as null, −0 as 0. */
function asSaved(value: number): number | null {
	return Number.isFinite(value) ? value : null;
}

/** Where `now` first parts from `saved` (index), and at how many places in all; undefined where it never does. */
function difference(saved: ArrayLike<number | null>, now: ArrayLike<number>): {first: number; count: number} | undefined {
	let first: number | undefined;
	let count = 0;
	for (let index = 0; index < Math.max(saved.length, now.length); index++) {
		const value = now[index];
		if (index >= saved.length || index >= now.length || saved[index] !== asSaved(value!)) {
			first ??= index;
			count++;
		}
	}

	return first === undefined ? undefined : {first, count};
}

/** ", and N more …" after the first difference shown, when there are more. */
function more(count: number, one: string, many: string): string {
	return count > 1 ? ` (and ${count - 1} more ${count === 2 ? one : many})` : '';
}

/** Names as a list, the first few of a long one and how many there are in all. */
function nameList(names: readonly string[]): string {
	const shown = 8;
	const listed = names.slice(0, shown).map(name => listedName(name)).join(', ');
	return names.length <= shown ? listed : `${listed}, … (${names.length} in all)`;
}

function shownFigure(value: number | null | undefined): string {
	return value === undefined ? 'nothing' : value === null ? 'null' : pythonRepr(value);
}

function compareDataset(record: RunRecord, dataset: Dataset): string[] {
	const differences: string[] = [];
	if (dataset.rows !== record.dataset.rows) {
		differences.push(`the data has ${dataset.rows} rows, the saved run ${record.dataset.rows}`);
	}

	if (JSON.stringify(dataset.featureNames) !== JSON.stringify(record.dataset.features)) {
		differences.push(`the features are ${nameList(dataset.featureNames)}, the saved run's ${nameList(record.dataset.features)}`);
	}

	return differences;
}

function compare(record: RunRecord, session: TrainingSession): string[] {
	const differences: string[] = [];
	if (session.epoch !== record.epochs) {
		differences.push(`trained ${session.epoch} ${session.epoch === 1 ? 'epoch' : 'epochs'}, the saved run ${record.epochs} (status now ${session.status})`);
	}

	if (session.status !== record.status) {
		differences.push(`status ${session.status} now, ${record.status} saved`);
	}

	for (const column of historyColumns) {
		const saved = record.history[column];
		const now = session.history.column(column);
		const found = difference(saved, now);
		if (found !== undefined) {
			const epoch = found.first;
			differences.push(`${column} at epoch ${epoch}: ${shownFigure(saved[epoch])} saved, ${shownFigure(epoch < now.length ? asSaved(now[epoch]!) : undefined)} now${more(found.count, 'epoch', 'epochs')}`);
		}
	}

	const {model} = session;
	const names = model.weightNames(record.dataset.features);
	const weights = [['initial', record.initialWeights, session.snapshot().initialWeights], ['final', record.weights, model.weights]] as const;
	for (const [which, saved, now] of weights) {
		const savedFlat = flatWeights(saved);
		if (savedFlat.length !== now.length) {
			// other features (the data differs): no weight now stands where a saved one did
			differences.push(`the ${which} weights are ${now.length} now, ${savedFlat.length} saved (the features differ)`);
			continue;
		}

		const found = difference(savedFlat, now);
		if (found !== undefined) {
			const index = found.first;
			differences.push(`the ${which} weights differ at ${names[index] ?? `weight ${index}`}: ${shownFigure(savedFlat[index])} saved, ${shownFigure(index < now.length ? now[index] : undefined)} now${more(found.count, 'weight', 'weights')}`);
		}
	}

	return differences;
}
