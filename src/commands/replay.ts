/** `gdlab replay FILE`: re-run a saved run and confirm its figures are identical, or say what changed. */
import {existsSync} from 'node:fs';
import {readRunFile, sha256File, type RunRecord} from '../data/run-file.js';
import {replayRun} from '../engine/replay.js';
import type {TrainingSession} from '../engine/training-session.js';
import {parseOptions, type RunOptions} from './parse-options.js';
import {pythonFixed3, pythonRepr} from './python-format.js';
import {loadRunData} from './run-data.js';
import {UsageError} from './usage-error.js';

/** Usage of `gdlab replay`. */
export const replayUsage = `Usage: gdlab replay FILE [--json]

Re-run a run saved with --save (or w in the dashboard) and check that every figure comes out identical.
Exit code 0 when identical, 1 when something differs (the data file, a loss, a weight).

Options:
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

/** Run `gdlab replay` with the arguments after `replay`; returns the exit code. */
export function runReplay(argv: string[], write: (text: string) => void = text => process.stdout.write(text)): number {
	const files = argv.filter(argument => !argument.startsWith('-'));
	const {values} = parseOptions(argv.filter(argument => argument.startsWith('-')), {json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}}, replayUsage);
	if (values.help) {
		write(`${replayUsage}\n`);
		return 0;
	}

	if (files.length !== 1) {
		throw new UsageError(files.length === 0 ? 'replay needs the saved run file' : `replay takes one file, got ${files.length}`, replayUsage);
	}

	const record = readRunFile(files[0]!);
	const report = replay(record);
	if (values.json) {
		write(`${JSON.stringify(report, null, 1)}\n`);
	} else {
		const what = `${report.epochs} epochs of ${record.config.model} on ${record.dataset.name}`;
		const lines = report.identical
			? [`Replayed ${what}: identical (training MSE ${pythonRepr(record.history.train.at(-1) ?? Number.NaN)}, test accuracy ${pythonFixed3(record.history.accuracy.at(-1) ?? Number.NaN)})`]
			: [`Replayed ${what}: differs`, ...report.differences.map(line => `  ${line}`)];
		write(`${lines.join('\n')}\n`);
	}

	return report.identical ? 0 : 1;
}

/** The run options that load a record's data again. */
export function recordRunOptions(record: RunRecord): RunOptions {
	const path = record.dataset.path !== null && existsSync(record.dataset.path) ? record.dataset.path : record.source.data ?? undefined;
	return {
		model: record.config.model,
		config: record.config,
		splitSeed: record.source.splitSeed,
		data: path,
		target: record.source.target ?? undefined,
		categorical: record.source.categorical ?? undefined,
		strict: record.source.strict,
		testRatio: record.source.testRatio,
	};
}

/** Replay a saved run and compare every figure. */
export function replay(record: RunRecord): ReplayReport {
	const differences: string[] = [];
	const {path, sha256} = record.dataset;
	if (path !== null && sha256 !== null) {
		if (!existsSync(path)) {
			differences.push(`the data file ${path} is gone; replaying with ${record.source.data ?? 'the bundled data'}`);
		} else {
			const now = sha256File(path);
			if (now !== sha256) {
				differences.push(`the data file ${path} changed since the run was saved (SHA-256 ${sha256.slice(0, 12)}… then, ${now.slice(0, 12)}… now)`);
			}
		}
	}

	const session = replayRun(loadRunData(recordRunOptions(record)), record.config, record.changes, record.epochs);
	differences.push(...compare(record, session));
	return {identical: differences.length === 0, epochs: session.epoch, differences};
}

function compare(record: RunRecord, session: TrainingSession): string[] {
	const differences: string[] = [];
	if (session.epoch !== record.epochs) {
		differences.push(`trained ${session.epoch} epochs, the saved run ${record.epochs} (status now ${session.status})`);
	}

	for (const column of ['train', 'test', 'accuracy', 'learnRate'] as const) {
		const saved = record.history[column];
		const now = session.history.column(column);
		const epoch = saved.findIndex((value, index) => !Object.is(value, now[index]));
		if (epoch !== -1 && epoch < now.length) {
			differences.push(`${column} at epoch ${epoch}: ${pythonRepr(saved[epoch]!)} saved, ${pythonRepr(now[epoch]!)} now`);
		}
	}

	const savedWeights = JSON.stringify(record.weights);
	const nowWeights = JSON.stringify(session.model.weightsJson());
	if (savedWeights !== nowWeights) {
		differences.push('the final weights differ');
	}

	return differences;
}
