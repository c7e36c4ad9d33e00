/**
 * What the main thread and a training worker say to each other. Commands carry a sequence number;
 * every update says the last one it has applied, so the main thread knows which of its optimistic
 * changes the worker's figures already include.
 */
import type {DatasetDescription, Examples} from '../../data/dataset.js';
import type {RunRecord, RunSource} from '../../data/run-file.js';
import type {KernelMemory} from '../../engine/kernels/instantiate.js';
import type {KernelSigmoid} from '../../engine/kernels/kernel-sigmoid.js';
import type {ConfigChange, SessionConfig, SessionSnapshot} from '../../engine/training-session.js';
import type {ReplayPlan, ReplayProgress} from '../training-loop.js';

/** What a worker starts from (its workerData); record arrays on SharedArrayBuffers arrive without a copy. */
export type WorkerStart = {
	/** The dataset's description, for a saved run (its records come as train and test, shared). */
	dataset: DatasetDescription;
	/** Training records (a view of the dataset's arrays). */
	train: Examples;
	/** Test records. */
	test: Examples;
	/** How the data was chosen. */
	source: RunSource;
	/** The run's starting configuration. */
	config: SessionConfig;
	/** A saved run to replay first, if any. */
	replay: ReplayPlan | undefined;
	/** The kernels' arithmetic the run trains with (a loaded run's own: a replay rounds as the run did). */
	kernelSigmoid: KernelSigmoid;
	/** The record memory the training and test records are views of, when they are in one (the worker reads them through it). */
	recordMemory: KernelMemory | undefined;
};

/** A change to the run, as the main thread asks for it. */
export type RunCommand =
	| {type: 'run'; running: boolean}
	| {type: 'change'; change: ConfigChange['change']}
	| {type: 'hidden'; hidden: number}
	| {type: 'restart'}
	| {type: 'reseed'; seed: number | string}
	| {type: 'step'};

/** A message to the worker: a numbered command, or a request for the run as a saved-run record. */
export type ToWorker = (RunCommand & {sequence: number}) | {type: 'record'; request: number};

/** New history entries since the last update, column by column. */
export type HistoryEntries = {
	/** Goes up with each restart: entries of another generation replace the mirror's. */
	generation: number;
	/** Epoch of the first entry. */
	from: number;
	/** Training MSE per new epoch. */
	train: Float64Array;
	/** Test MSE per new epoch. */
	test: Float64Array;
	/** Test accuracy per new epoch. */
	accuracy: Float64Array;
	/** η per new epoch. */
	learnRate: Float64Array;
};

/** The run's state after the commands up to `sequence`. */
export type RunUpdate = {
	type: 'update';
	/** The last command applied. */
	sequence: number;
	/** The session's state. */
	snapshot: SessionSnapshot;
	/** History entries since the last update. */
	history: HistoryEntries;
	/** The configuration the run started from (since its last restart). */
	startingConfig: SessionConfig;
	/** Setting changes since the last restart. */
	changes: ConfigChange[];
	/** Epochs per second while training. */
	epochsPerSecond: number;
	/** How far the replay of a saved run has come, while it goes on. */
	loading: ReplayProgress | undefined;
};

/** A message from the worker: the run's state, or the saved-run record asked for (or why it could not be built). */
export type FromWorker =
	| RunUpdate
	| {type: 'record'; request: number; record: RunRecord}
	| {type: 'record-failed'; request: number; message: string};
