/**
 * An epoch over big data split across two threads. The records [start, end), in shared memory, are cut in
 * half: this thread accumulates the first half into the steps while a worker reads the second in place and
 * accumulates it from zero, and that is added in. The worker only helps: if it has not claimed the job
 * when this thread is done with its half, or is late finishing it, this thread runs the second half
 * itself, the same way, so the result never depends on which thread ran what (and a descheduled worker
 * never holds an epoch up). Splitting regroups the sum, so the steps match one pass to rounding
 * (test/engine/parallel-epoch.test.ts holds them within a named tolerance); the lesson's 360 records
 * never come near the threshold, so its figures stay exact.
 *
 * Small data is not split: an epoch of the lesson's records takes microseconds, a worker has to spin to
 * answer that fast, and when the other core is busy the spinning worker takes time from this thread
 * (measured: up to a third faster on an idle second core, slower whenever it was not).
 */
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import type {Examples} from '../../data/dataset.js';
import {kernelSigmoids, type KernelSigmoid} from './kernel-sigmoid.js';
import {control, maxSharedWeights, sharedBlock, type RecordBuffers, type SharedBlock} from './parallel-protocol.js';
import {recordMemoryOf} from './record-memory.js';

/** Records from which an epoch is split across threads (below, waking a worker costs more than it saves). */
export const minParallelRows = 32_768;
/**
 * Past its own half, this thread waits for the worker's at most this share of the time its own half took,
 * then runs that half itself: a worker sharing its core still finishes in time (at half speed it needs
 * about as long again), one descheduled by a busy machine may be gone for many milliseconds.
 */
const takeoverShare = 1;
/**
 * After the worker fails to take a half or to deliver it in time (its core is busy elsewhere, and a spinning
 * worker would only take time from this thread), split epochs run without it for a while: this many at
 * first, twice as many after each further failure up to maxBackOffEpochs, half as many after each success.
 */
const minBackOffEpochs = 4;
const maxBackOffEpochs = 256;
/**
 * A sleeping worker is woken this long before it is asked again, so that it is spinning by then (a wake
 * from Atomics.wait took 100 µs at the median here, and an epoch over the smallest split data about as long).
 */
const wakeAheadMilliseconds = 0.3;

type Helper = {
	worker: Worker;
	block: SharedBlock;
	started: Promise<void>;
	state: Int32Array;
	weights: Float64Array;
	steps: Float64Array;
	/** The sequence number of the last job posted. */
	sequence: number;
	/** Split epochs still to run without the worker (it failed the last half it was asked for). */
	backOff: number;
	/** How long the next back-off lasts. */
	backOffLength: number;
	/** How long the last split epoch took on this thread, in milliseconds (both halves' worth of records). */
	epochMilliseconds: number;
	/** The dataset the worker knows now (it keeps only the latest). */
	announced: (RecordBuffers & {id: number}) | undefined;
};

let helper: Helper | undefined;
let enabled = availableParallelism() > 1;
let nextBufferId = 1;
/** Steps of the second half when this thread runs it (grown as needed). */
let secondHalf = new Float64Array(0);

/** Turn splitting across threads on or off; returns the previous setting. */
export function setParallelEpoch(on: boolean): boolean {
	const previous = enabled;
	enabled = on && availableParallelism() > 1;
	return previous;
}

/** Whether `records` records of `examples` would be split across threads, for a model with `weightCount` weights. */
export function takesParallelPath(examples: Examples, weightCount: number, records: number): boolean {
	return enabled
		&& records >= minParallelRows
		&& weightCount <= maxSharedWeights
		&& examples.features.buffer instanceof SharedArrayBuffer
		&& examples.targets.buffer instanceof SharedArrayBuffer;
}

/** Runs the kernel over records [first, last) of the epoch's records, adding into `into`. */
export type RunRecords = (first: number, last: number, into: Float64Array) => void;

/**
 * Add the steps of records [start, end) into `steps`, split in halves as described above; returns false
 * (having done nothing) when the records do not take the parallel path.
 */
export function accumulateInParallel(
	weights: Float64Array,
	featureCount: number,
	hiddenCount: number,
	examples: Examples,
	start: number,
	end: number,
	steps: Float64Array,
	sigmoid: KernelSigmoid,
	run: RunRecords,
): boolean {
	if (!takesParallelPath(examples, weights.length, end - start)) {
		return false;
	}

	const split = start + Math.floor((end - start) / 2);
	const work = startHelper();
	const sequence = askWorker(work) ? post(work, weights, featureCount, hiddenCount, examples, split, end, sigmoid) : undefined;
	const began = performance.now();
	run(start, split, steps);
	const ownHalf = performance.now() - began;
	work.epochMilliseconds = 2 * ownHalf;
	if (sequence !== undefined && workerRan(work, sequence, ownHalf)) {
		work.backOffLength = Math.max(minBackOffEpochs, work.backOffLength / 2);
		for (let index = 0; index < weights.length; index++) {
			steps[index]! += work.steps[index]!;
		}

		return true;
	}

	if (sequence !== undefined) {
		work.backOff = work.backOffLength;
		work.backOffLength = Math.min(2 * work.backOffLength, maxBackOffEpochs);
	}

	if (secondHalf.length < weights.length) {
		secondHalf = new Float64Array(weights.length);
	}

	const other = secondHalf.subarray(0, weights.length);
	other.fill(0);
	run(split, end, other);
	for (let index = 0; index < weights.length; index++) {
		steps[index]! += other[index]!;
	}

	return true;
}

/** Whether to ask the worker for this epoch's second half (it is ready and not backed off), counting the back-off down. */
function askWorker(work: Helper): boolean {
	if (Atomics.load(work.state, control.ready) !== 1) {
		return false;
	}

	if (work.backOff === 0) {
		return true;
	}

	work.backOff--;
	const wakeNow = work.backOff <= 1 || work.backOff * work.epochMilliseconds <= wakeAheadMilliseconds;
	if (wakeNow && Atomics.load(work.state, control.sleeping) === 1) {
		Atomics.notify(work.state, control.posted);
	}

	return false;
}

/** Post the second half to the worker; returns the job's sequence number. */
function post(work: Helper, weights: Float64Array, featureCount: number, hiddenCount: number, examples: Examples, start: number, end: number, sigmoid: KernelSigmoid): number {
	const {state} = work;
	work.weights.set(weights);
	state[control.featureCount] = featureCount;
	state[control.hiddenCount] = hiddenCount;
	state[control.sigmoid] = kernelSigmoids.indexOf(sigmoid);
	state[control.buffers] = announce(work, examples);
	state[control.featureOffset] = examples.features.byteOffset / Float64Array.BYTES_PER_ELEMENT;
	state[control.targetOffset] = examples.targets.byteOffset / Float64Array.BYTES_PER_ELEMENT;
	state[control.rows] = examples.rows;
	state[control.start] = start;
	state[control.end] = end;
	const sequence = ++work.sequence;
	Atomics.store(state, control.posted, sequence);
	if (Atomics.load(state, control.sleeping) === 1) {
		Atomics.notify(state, control.posted);
	}

	return sequence;
}

/**
 * Whether the worker ran job `sequence` (its steps are then in work.steps): claim the job back if the
 * worker has not taken it, else wait for it a little longer than this thread's own half took.
 */
function workerRan(work: Helper, sequence: number, ownHalf: number): boolean {
	const {state} = work;
	for (;;) {
		const owner = Atomics.load(state, control.owner);
		if (owner === 2 * sequence) {
			break;
		}

		if (Atomics.compareExchange(state, control.owner, owner, (2 * sequence) + 1) === owner) {
			return false;
		}
	}

	const deadline = performance.now() + (takeoverShare * ownHalf);
	while (Atomics.load(state, control.done) !== sequence) {
		if (performance.now() > deadline) {
			return false;
		}
	}

	return Atomics.load(state, control.failed) === 0;
}

/**
 * Start the worker now rather than on the first split epoch (which runs on one thread while it starts);
 * resolves to whether epochs can be split (false on one core or when the worker could not start).
 */
export async function startParallelEpoch(): Promise<boolean> {
	if (!enabled) {
		return false;
	}

	const work = startHelper();
	// hold the process open while the worker starts; once waiting for jobs it must not keep it alive
	work.worker.ref();
	await work.started;
	work.worker.unref();
	return Atomics.load(work.state, control.ready) === 1;
}

/** The worker, started on first use; it never keeps the process alive. */
function startHelper(): Helper {
	if (!helper) {
		const block = sharedBlock();
		const worker = new Worker(new URL('epoch-worker.js', import.meta.url), {workerData: {block}, execArgv: []});
		const started = new Promise<void>(resolve => {
			worker.once('message', () => resolve());
			worker.once('error', () => resolve());
			worker.once('exit', () => resolve());
		});
		worker.unref();
		const state = new Int32Array(block.control);
		helper = {worker, block, started, state, weights: new Float64Array(block.weights), steps: new Float64Array(block.steps), sequence: 0, backOff: 0, backOffLength: minBackOffEpochs, epochMilliseconds: 0, announced: undefined};
	}

	return helper;
}

/** The id the worker knows the buffers of `examples` by, announcing them (and their record memory) when they are not the ones it has. */
function announce(work: Helper, examples: Examples): number {
	const features = examples.features.buffer as SharedArrayBuffer;
	const targets = examples.targets.buffer as SharedArrayBuffer;
	const known = work.announced;
	if (known && known.features === features && known.targets === targets) {
		return known.id;
	}

	const buffers = {id: nextBufferId++, features, targets, memory: recordMemoryOf(examples)};
	work.worker.postMessage(buffers);
	work.announced = buffers;
	return buffers.id;
}
