/**
 * `gdlab train`: the lesson's training run, headless. Text output is the lesson's own lines
 * (`Train loss:  …` every epochs/10 epochs, then `Prediction accuracy: …`); `--json` prints one document.
 */
import type {SplitDataset} from '../data/dataset.js';
import {TrainingSession} from '../engine/training-session.js';
import {parseOptions, refuseOtherCommandsOptions, resolveRunOptions, runOptionSpec, type RunOptions} from './parse-options.js';
import {pythonFixed3, pythonRepr} from './python-format.js';
import {letEventsIn, runInSlices} from './in-slices.js';
import {loadRunDataInSteps} from './run-data.js';
import {reportDataNotes} from './report-data-notes.js';
import {checkRunOutputs, writeRunOutputs, type RunOutputs} from './run-outputs.js';
import {noteOnInterrupt} from './interrupted.js';
import {despiteStdoutFailure} from './stdout-failure.js';
import {writeStdout, writeStdoutWhole} from './write-stdout.js';
import {UsageError} from './usage-error.js';

/** Usage of `gdlab train`. */
export const trainUsage = `Usage: gdlab train [options]

Train a model headless and print the lesson's figures.

Options:
  --model single|backprop   the single sigmoid unit or the one-hidden-layer
                            network (default single)
  --epochs N                epochs to train, up to 1000000 (lesson: single
                            1000, backprop 900)
  --lr X                    learning rate η (lesson: single 0.5, backprop 0.005)
  --hidden H                hidden units for backprop, 1 to 1024 (default 2)
  --seed N                  seed of the initial weights (lesson: single 42,
                            backprop 21)
  --split-seed N            seed of the train/test split (default 42)
  --rng numpy|seedrandom    random generator (default numpy: NumPy's legacy
                            RandomState; seedrandom takes any text seed)
  --batch full|record|SIZE  records per weight update (default full, the
                            lesson's)
  --momentum B              momentum from 0 to <1 (default 0, the lesson's)
  --data FILE               a CSV file, or synthetic:ROWS:FEATURES (10 to
                            10000000 rows, 1 to 1000 features, at most 10^8
                            values) (default: the bundled admissions data)
  --target COLUMN           the target column, of two values (default admit,
                            label, target, class or y, else the first)
  --categorical A,B         columns to one-hot encode (default rank, if present)
  --ignore A,B              columns to leave out (an id, say)
  --test-ratio R            share of rows held out for testing (default 0.1)
  --strict                  refuse rows with missing values (default: drop them)
  --json                    print one JSON document instead of text
  --save FILE               save the run (options, data SHA-256, history,
                            weights) as JSON for gdlab replay
  --export-history FILE     write epoch, training MSE, test MSE, test
                            accuracy and learning rate as CSV
  -h, --help                show this help`;

/** One reported epoch: the lesson prints the loss when epoch % (epochs/10) == 0. */
export type ReportedLoss = {
	/** The epoch (0-based, after that epoch's update). */
	epoch: number;
	/** Training MSE over the whole training set. */
	train: number;
	/** Test MSE. */
	test: number;
	/** The lesson's `last_loss and last_loss < loss` warning. */
	increasing: boolean;
};

/** A finished run: the session and the losses the lesson would print. */
export type TrainResult = {
	/** The run's options. */
	options: RunOptions;
	/** The data it trained and tested on. */
	split: SplitDataset;
	/** The trained session. */
	session: TrainingSession;
	/** Losses at the lesson's reporting epochs. */
	losses: ReportedLoss[];
};

/** Run `gdlab train` with the arguments after `train`; resolves to the exit code. */
export async function runTrain(argv: string[], write: (text: string) => void = writeStdout): Promise<number> {
	refuseOtherCommandsOptions(argv, {load: '--load is the dashboard\'s (gdlab --load FILE opens a saved run); gdlab replay FILE re-runs one headless'}, trainUsage);
	const {values} = parseOptions(argv, {...runOptionSpec, json: {type: 'boolean'}, save: {type: 'string'}, 'export-history': {type: 'string'}}, trainUsage);
	if (values.help) {
		write(`${trainUsage}\n`);
		return 0;
	}

	const options = resolveRunOptions(values, trainUsage);
	if (values.hidden !== undefined && options.model !== 'backprop') { // the dashboard gives it to its backprop screen; train has none
		throw new UsageError('--hidden is for --model backprop; the single unit has no hidden layer', trainUsage);
	}

	return printRun(options, {json: values.json ?? false, save: values.save, exportHistory: values['export-history']}, write);
}

/**
 * Check the outputs, train, save or export as asked, and print the run; resolves to the exit code (1 when
 * it diverged or a write failed). Text is printed as training reaches each line, and a write that fails
 * after training still lets the figures be printed first.
 */
export async function printRun(options: RunOptions, outputs: RunOutputs, write: (text: string) => void = writeStdout): Promise<number> {
	checkRunOutputs(options, outputs);
	// files asked for are written even when the reader of stdout goes away (gdlab train --save run.json | head)
	return outputs.save === undefined && outputs.exportHistory === undefined ? trainAndReport(options, outputs, write) : despiteStdoutFailure(async () => trainAndReport(options, outputs, write));
}

/** Train, write the files asked for, and print the run; resolves to the exit code. */
async function trainAndReport(options: RunOptions, outputs: RunOutputs, write: (text: string) => void): Promise<number> {
	const files = [outputs.save, outputs.exportHistory].filter((path): path is string => path !== undefined);
	const were = files.length === 1 ? 'was' : 'were';
	// an interrupt while training writes the run so far (its status "training": it replays, and --load goes on
	// from it); one while the data loads has nothing to write yet
	let training: Pick<TrainResult, 'split' | 'session'> | undefined;
	let failures: string[] | undefined;
	const unwritten = noteOnInterrupt(() => {
		// the run so far: --json prints it, text its accuracy after the losses it printed (as --json has it);
		// whole, as gdlab exits right after
		if (failures === undefined && training !== undefined && training.session.epoch > 0) {
			const {split, session} = training;
			(write === writeStdout ? writeStdoutWhole : write)(outputs.json ? `${JSON.stringify({...trainJson({options, split, session, losses: reportedLosses(session)}), status: 'interrupted'}, null, 1)}\n` : endLines(training));
		}

		if (files.length === 0 || failures !== undefined) {
			return undefined;
		}

		// no epoch trained yet: nothing worth a file
		if (training === undefined || training.session.epoch === 0) {
			return `before ${files.join(' and ')} ${were} written`;
		}

		const failed = writeRunOutputs(options, training.split, training.session, outputs);
		return failed.length === 0 ? `the run so far written to ${files.join(' and ')}` : failed.join('; ');
	});
	let result: TrainResult;
	try {
		result = await train(options, outputs.json ? undefined : loss => {
			write(`${lossLine(loss)}\n`);
		}, started => {
			training = started;
		});
		// an interrupt just as training ends stops here, not after seconds of writing; one during the (atomic)
		// writes is taken right after them, before the last lines
		await letEventsIn();
		failures = writeRunOutputs(options, result.split, result.session, outputs);
	} finally {
		unwritten();
	}

	const written = noteOnInterrupt(() => (files.length === 0 || failures!.length > 0 ? undefined : `after ${files.join(' and ')} ${were} written`));
	try {
		await letEventsIn();
	} finally {
		written();
	}

	write(outputs.json ? `${JSON.stringify(trainJson(result), null, 1)}\n` : endLines(result));
	const snapshot = result.session.snapshot();
	if (snapshot.status === 'diverged') {
		// stdout keeps the lesson's figures; stderr says why the exit code is 1, for scripts and --json alike
		process.stderr.write(`gdlab: the run diverged at epoch ${snapshot.divergedAt} (the loss or weights stopped being finite); exit code 1\n`);
	}

	// one line, however many writes failed (a folder removed under both files)
	if (failures.length > 0) {
		process.stderr.write(`gdlab: ${failures.join('; ')}\n`);
	}

	return snapshot.status === 'diverged' || failures.length > 0 ? 1 : 0;
}

/**
 * Load the data, train to the epoch target, and collect the lesson's reported losses, handing each to
 * `onLoss` as training reaches it (and the session to `onStart` as it begins). Loading and training let
 * the event loop in every few dozen milliseconds, so Ctrl+C stops a long run at once, before another line
 * is printed.
 */
export async function train(options: RunOptions, onLoss?: (loss: ReportedLoss) => void, onStart?: (started: Pick<TrainResult, 'split' | 'session'>) => void): Promise<TrainResult> {
	// an interrupt before training says what it stopped: the data being read or made, or the run about to start
	// (a file is read in one go, and a big network's first loss takes seconds: both are told after them)
	let stage = 'while loading the data';
	const loading = noteOnInterrupt(() => stage);
	let split: SplitDataset;
	let session: TrainingSession;
	try {
		split = await loadRunDataInSteps(options, what => {
			stage = `while ${what}`;
		});
		stage = 'before the first epoch';
		// the session first: a network too big for the data is refused in one line, without the data's notes before it
		session = new TrainingSession(split, options.config);
		reportDataNotes(split.dataset);
		await letEventsIn();
	} finally {
		loading();
	}

	const losses: ReportedLoss[] = [];
	const report = () => {
		for (const loss of reportedLosses(session, losses.length === 0 ? 0 : losses.at(-1)!.epoch + 1, losses.at(-1)?.train)) {
			losses.push(loss);
			onLoss?.(loss);
		}
	};

	const reached = noteOnInterrupt(() => `after ${session.epoch} of ${session.config.epochs} epochs`);
	onStart?.({split, session});
	try {
		await runInSlices(() => session.advance(1) > 0 && session.status === 'training', report);
	} finally {
		reached();
	}

	return {options, split, session, losses};
}

/**
 * The lesson's reporting epochs from `from` on: e % (epochs / 10) == 0, compared as Python compares floats,
 * with the loss reported before them (`lastLoss`) for the warning.
 */
export function reportedLosses(session: TrainingSession, from = 0, lastLoss?: number): ReportedLoss[] {
	const interval = session.config.epochs / 10;
	const losses: ReportedLoss[] = [];
	let last = lastLoss;
	for (let epoch = from; epoch < session.history.length; epoch++) {
		if (epoch % interval !== 0) {
			continue;
		}

		const {train, test} = session.history.at(epoch);
		// Python's `if last_loss and last_loss < loss`: a last loss of 0.0 is falsy too
		losses.push({epoch, train, test, increasing: last !== undefined && last !== 0 && last < train});
		last = train;
	}

	return losses;
}

/** One of the lesson's `Train loss:` lines. */
function lossLine(loss: ReportedLoss): string {
	return `Train loss:  ${pythonRepr(loss.train)}${loss.increasing ? '   WARNING - Loss Increasing' : ''}`;
}

/** The lines after the losses: where it diverged, if it did, and the test accuracy. */
function endLines({session}: Pick<TrainResult, 'session'>): string {
	const snapshot = session.snapshot();
	const lines: string[] = [];
	if (snapshot.status === 'diverged') {
		const weights = snapshot.epoch === 0 ? 'the initial ones' : `those after ${snapshot.epoch} ${snapshot.epoch === 1 ? 'epoch' : 'epochs'}`;
		lines.push(`Diverged at epoch ${snapshot.divergedAt}: the loss or weights stopped being finite; lower --lr (the weights are ${weights})`);
	}

	lines.push(`Prediction accuracy: ${pythonFixed3(snapshot.testAccuracy)}`);
	return `${lines.join('\n')}\n`;
}

/** The `--json` document of a run. */
export function trainJson({options, split, session, losses}: TrainResult) {
	const snapshot = session.snapshot();
	const {config} = snapshot;
	return {
		model: config.model,
		config: {
			epochs: config.epochs,
			learnRate: config.learnRate,
			hidden: config.model === 'backprop' ? config.hidden : null,
			seed: config.seed,
			splitSeed: options.splitSeed,
			rng: config.rng,
			batch: config.batch,
			momentum: config.momentum,
		},
		data: split.dataset.name,
		features: split.dataset.featureNames,
		trainSize: session.data.train.rows,
		testSize: session.data.test.rows,
		initialWeights: session.model.weightsJson(snapshot.initialWeights),
		weights: session.model.weightsJson(snapshot.weights),
		losses: losses.map(({epoch, train, test}) => ({epoch, train, test})),
		// the last epoch's figures (those replay confirms), printed or not: null before the first epoch
		final: session.history.length === 0 ? null : {epoch: session.history.length - 1, train: session.history.at(session.history.length - 1).train, test: session.history.at(session.history.length - 1).test},
		accuracy: snapshot.testAccuracy,
		status: snapshot.status,
		epochsTrained: snapshot.epoch,
	};
}

