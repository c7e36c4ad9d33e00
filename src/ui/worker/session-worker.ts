/**
 * A training worker: owns one model's TrainingSession on big data, trains it continuously while told to
 * run, applies the main thread's commands between epochs, and posts compact updates (the snapshot and
 * the history entries since the last update) at the stats cadence and after every command.
 */
import {getPriority, setPriority} from 'node:os';
import {parentPort, workerData, type MessagePort} from 'node:worker_threads';
import {buildRunRecord} from '../../data/run-file.js';
import {setKernelSigmoid} from '../../engine/kernels/fast-epoch.js';
import {startParallelEpoch} from '../../engine/kernels/parallel-epoch.js';
import {adoptRecordMemory} from '../../engine/kernels/record-memory.js';
import {TrainingSession} from '../../engine/training-session.js';
import {sliceBudgetMs, statsIntervalMs} from '../training-cadence.js';
import {TrainingLoop} from '../training-loop.js';
import type {FromWorker, HistoryEntries, RunCommand, ToWorker, WorkerStart} from './training-messages.js';

/**
 * How much nicer than the render thread training threads run, once the first state is posted. On Linux a
 * thread's niceness is its own (and threads it starts inherit it): the render thread gets a core as soon
 * as a key arrives, however busy training keeps both. Elsewhere this may lower the whole process, which
 * costs nothing either.
 */
export const trainingNicenessStep = 10;
/** The nicest a thread can be. */
const lowestPriority = 19;

const start = workerData as WorkerStart;
setKernelSigmoid(start.kernelSigmoid);
const port = parentPort as MessagePort;
const {recordMemory} = start;
const data = recordMemory
	? {train: adoptRecordMemory(recordMemory, start.train), test: adoptRecordMemory(recordMemory, start.test)}
	: {train: start.train, test: start.test};
const session = new TrainingSession(data, start.config);
const loop = new TrainingLoop(session, postUpdate, {sliceBudgetMs, publishIntervalMs: statsIntervalMs});
/** A saved run to replay once the helper thread is up. */
let replayPending = start.replay;
/** Restarts so far: history entries of an older generation are stale. */
let generation = 0;
/** The generation and length of history the main thread has. */
let postedGeneration = -1;
let postedEntries = 0;
/** The last command applied. */
let applied = 0;

function post(message: FromWorker): void {
	port.postMessage(message);
}

function postUpdate(): void {
	const from = postedGeneration === generation ? postedEntries : 0;
	const column = (name: 'train' | 'test' | 'accuracy' | 'learnRate') => session.history.column(name).slice(from);
	const history: HistoryEntries = {generation, from, train: column('train'), test: column('test'), accuracy: column('accuracy'), learnRate: column('learnRate')};
	post({
		type: 'update',
		sequence: applied,
		snapshot: session.snapshot(),
		history,
		startingConfig: session.startingConfig,
		changes: [...session.changes],
		epochsPerSecond: loop.epochsPerSecond,
		loading: loop.loading ?? (replayPending && {epoch: 0, epochs: replayPending.epochs}),
	});
	postedGeneration = generation;
	postedEntries = session.history.length;
}

function apply(command: RunCommand): void {
	switch (command.type) {
		case 'run': {
			loop.setRunning(command.running);
			break;
		}

		case 'change': {
			session.change(command.change);
			break;
		}

		case 'hidden': {
			session.setHidden(command.hidden);
			generation++;
			loop.restarted();
			break;
		}

		case 'restart': {
			session.restart();
			generation++;
			loop.restarted();
			break;
		}

		case 'reseed': {
			session.reseed(command.seed);
			generation++;
			loop.restarted();
			break;
		}

		case 'step': {
			// "one epoch, then paused": the screen pauses too, but its word may come after this
			loop.setRunning(false);
			session.advance(1);
			break;
		}
	}
}

function receive(message: ToWorker): void {
	if (message.type === 'record') {
		try {
			post({type: 'record', request: message.request, record: buildRunRecord(session, start.dataset, start.source)});
		} catch (error) {
			post({type: 'record-failed', request: message.request, message: (error as Error).message});
		}

		return;
	}

	try {
		apply(message);
	} catch {
		// a setting the engine refuses (the keys only offer valid ones) leaves the run as it was, as the update below shows
	}

	applied = message.sequence;
	loop.resume();
	postUpdate();
}

// the first state goes out at the render thread's priority, so the first frame does not wait on a busy machine
postUpdate();
try {
	setPriority(Math.min(lowestPriority, getPriority() + trainingNicenessStep));
} catch {
	// not allowed here: train at the render thread's priority
}

// the helper thread that runs the second half of heavy epochs is up before the first epoch (the steps
// are the same bits without it, parallel-epoch.ts, but the first epochs would run on this thread alone)
await startParallelEpoch();
port.on('message', receive);
if (replayPending) {
	loop.startReplay(replayPending);
	replayPending = undefined;
}
