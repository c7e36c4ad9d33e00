/**
 * Heavy epochs are cut into chunks of records, each summed from zero and added into the steps in chunk
 * order. Cutting regroups the sum, so the steps match one pass to rounding; how an epoch is cut depends only
 * on its size (epochChunks), never on the cores or on which thread ran which chunk, so a run gives the same
 * bits on one core or two, and a saved run replays on either.
 *
 * Where a second core is free, a worker thread and this one claim the chunks one at a time (chunk-claims.ts):
 * the worker reads the records in place (big data lives in shared memory) or a shared copy made once
 * (small data). So a thread that is slow runs fewer chunks, a worker that never woke runs none, and a chunk
 * held by a worker that stalled is run again here after a while: an epoch is never held up for long, and
 * the bits never depend on who ran what.
 *
 * Big data (from minParallelRows records) is always cut, into chunks of at least minChunkRows. Smaller data
 * is cut in two when an epoch is heavy (records × weights from minParallelWork: the admissions data with 7
 * or more hidden units); a lighter epoch takes a few microseconds, less than handing half of it to another
 * thread saves. The lesson's own runs (2 hidden units, or the single unit) stay in one pass, so its figures
 * stay exact.
 */
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import type {Examples} from '../../data/dataset.js';
import {chunkStart, claimChunk, claimWord, maxChunks, minChunkRows} from './chunk-claims.js';
import {kernelSigmoids, type KernelSigmoid} from './kernel-sigmoid.js';
import {chunkTotals, control, maxSharedWeights, sharedBlock, type RecordBuffers} from './parallel-protocol.js';
import {recordMemoryOf} from './record-memory.js';
import {inSharedMemory, isShared} from '../shared-float64-array.js';

/** Records from which data is big: kept in shared memory, and every epoch over it cut into chunks. */
export const minParallelRows = 32_768;
/**
 * Smaller data is cut in two when records × weights reach this. Measured on the admissions data: 16 hidden units
 * (360 × 112 weights) went from 13 to about 10 µs an epoch with the worker; 2 hidden units (360 × 14, 3 µs)
 * would not gain.
 */
export const minParallelWork = 16_384;
/**
 * Once no chunk is left to claim, this thread waits for each chunk the worker holds at most this share of
 * the time its own chunks took on average, plus graceMilliseconds, then runs it itself: a worker a little
 * slower still delivers, one held up by an interrupt is worth a few microseconds' wait, and one descheduled
 * by a busy machine may be gone for many milliseconds.
 */
const takeoverShare = 1;
const graceMilliseconds = 0.05;
/**
 * After the worker fails to deliver its chunk of a small epoch (half of it) in time (its core is busy
 * elsewhere, and a spinning worker would only take time from this thread), cut epochs run without it for a
 * while: this many at first, twice as many after each further failure up to maxBackOffEpochs, half as many
 * after each success. An epoch it took no chunk of cost nothing (this thread claimed them all): it sits out
 * one epoch and is asked again (a host that takes the worker's core away for a while gives it back at any
 * moment; asking costs little). A big epoch's chunk run again costs one small chunk: it is asked again next epoch.
 */
const minBackOffEpochs = 4;
const maxBackOffEpochs = 256;
/**
 * A sleeping worker is woken this long before it is asked again, so that it is spinning by then (a wake
 * from Atomics.wait took 100 µs at the median here, and an epoch over the smallest big data about as long).
 */
const wakeAheadMilliseconds = 0.3;

type Helper = {
	worker: Worker;
	started: Promise<void>;
	state: Int32Array;
	weights: Float64Array;
	/** The slots of the chunks' totals the worker ran, and their marks (parallel-protocol.ts). */
	totals: Float64Array[];
	marks: Int32Array;
	/** The sequence number of the last job posted. */
	sequence: number;
	/** Cut epochs still to run without the worker (it failed to deliver the last time it was asked). */
	backOff: number;
	/** How long the next back-off lasts. */
	backOffLength: number;
	/** How long the last cut epoch would have taken on this thread alone, in milliseconds. */
	epochMilliseconds: number;
	/** The dataset the worker knows now (it keeps only the latest). */
	announced: (RecordBuffers & {id: number}) | undefined;
};

let helper: Helper | undefined;
let enabled = availableParallelism() > 1;
/** Scales how long this thread waits on a chunk the worker holds (tests set 0: run it again at once). */
let patienceScale = 1;
/** Microseconds the worker waits after claiming each chunk (tests set it, so that chunks are held for sure). */
let workerStall = 0;
/**
 * How the cut epochs so far turned out: the worker ran some of the chunks; was not asked; took none; or
 * held a chunk too long, which this thread then ran again.
 */
const outcomes = {shared: 0, 'not asked': 0, 'not taken': 0, late: 0};
let nextBufferId = 1;
/** The totals of the chunks this thread runs, one view per chunk of the current weight count (remade when it changes). */
let ownTotals: Float64Array[] = [];
/** 1 for each chunk of the epoch in hand that this thread ran. */
const ranHere = new Uint8Array(maxChunks);

/**
 * Let a worker thread run chunks of cut epochs, or not; returns the previous setting. Either way epochs are
 * cut the same (epochChunks), so the steps are the same bits.
 */
export function setParallelEpoch(on: boolean): boolean {
	const previous = enabled;
	enabled = on && availableParallelism() > 1;
	return previous;
}

/**
 * Scale how long this thread waits for a chunk the worker holds before running it again itself (0: at
 * once, as soon as no chunk is left to claim); returns the previous scale. For tests: the bits never depend on it.
 */
export function setWorkerPatience(scale: number): number {
	const previous = patienceScale;
	patienceScale = scale;
	return previous;
}

/**
 * Make the worker wait `microseconds` after claiming each chunk of the epochs posted from now on (0: not at
 * all); returns the previous setting. For tests: with no patience, every chunk it claims is then run again
 * here, however busy the machine. The bits never depend on it.
 */
export function setWorkerStall(microseconds: number): number {
	const previous = workerStall;
	workerStall = microseconds;
	return previous;
}

/** How many cut epochs the worker shared, was not asked for, took no chunk of, or was late with, since the start. */
export function workerOutcomes(): Readonly<typeof outcomes> {
	return {...outcomes};
}

/**
 * How many chunks an epoch over records [start, end) of a model with `weightCount` weights is cut into, or
 * undefined when it runs in one pass. A function of the sizes alone.
 */
export function epochChunks(weightCount: number, start: number, end: number): number | undefined {
	const records = end - start;
	if (weightCount > maxSharedWeights) {
		return undefined;
	}

	if (records >= minParallelRows) {
		return Math.min(maxChunks, Math.floor(records / minChunkRows));
	}

	return records * weightCount >= minParallelWork ? 2 : undefined;
}

/** Whether the worker can read `examples`: in shared memory, or small enough to copy there once. */
const workerCanRead = (examples: Examples): boolean => isShared(examples) || examples.rows < minParallelRows;

/** Runs the kernel over records [first, last) of the epoch's records, adding into `into`. */
export type RunRecords = (first: number, last: number, into: Float64Array) => void;

/**
 * Add the steps of records [start, end) into `steps`, cut into chunks as described above (the worker running
 * some where it can); returns false (having done nothing) when the epoch is not cut.
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
	const chunks = epochChunks(weights.length, start, end);
	if (chunks === undefined) {
		return false;
	}

	const work = enabled && workerCanRead(examples) ? startHelper() : undefined;
	const sequence = work && askWorker(work) ? post(work, weights, featureCount, hiddenCount, inSharedMemory(examples), start, end, chunks, sigmoid) : undefined;
	if (ownTotals[0]?.length !== weights.length) {
		const room = new Float64Array(maxChunks * maxSharedWeights);
		ownTotals = Array.from({length: maxChunks}, (_, chunk) => room.subarray(chunk * maxSharedWeights, (chunk * maxSharedWeights) + weights.length));
	}

	// claim chunks until none is left, then take those the worker holds (waiting a while for each) or never had
	ranHere.fill(0, 0, chunks);
	let ownChunks = 0;
	let patience = 0;
	const asked = work !== undefined && sequence !== undefined;
	if (asked) {
		const began = performance.now();
		for (let chunk = claimChunk(work.state, control.claims, sequence, chunks); chunk !== undefined; chunk = claimChunk(work.state, control.claims, sequence, chunks)) {
			runOwnChunk(run, start, end, chunks, chunk);
			ownChunks++;
		}

		const ownMilliseconds = performance.now() - began;
		patience = patienceScale * (((takeoverShare * ownMilliseconds) / Math.max(1, ownChunks)) + graceMilliseconds);
		if (ownChunks > 0) {
			work.epochMilliseconds = (ownMilliseconds * chunks) / ownChunks;
		}
	}

	let late = 0;
	let workerChunks = 0;
	for (let chunk = 0; chunk < chunks; chunk++) {
		if (ranHere[chunk] === 1) {
			continue;
		}

		if (asked && awaitChunk(work, sequence, chunk, patience)) {
			workerChunks++;
			continue;
		}

		late += asked ? 1 : 0;
		runOwnChunk(run, start, end, chunks, chunk);
	}

	if (work) {
		const outcome = asked ? (late > 0 ? 'late' : (workerChunks === 0 ? 'not taken' : 'shared')) : 'not asked';
		outcomes[outcome]++;
		if (outcome === 'shared') {
			work.backOffLength = Math.max(minBackOffEpochs, work.backOffLength / 2);
		} else if (outcome === 'not taken') {
			work.backOff = 1;
		} else if (outcome === 'late' && end - start < minParallelRows) {
			work.backOff = work.backOffLength;
			work.backOffLength = Math.min(2 * work.backOffLength, maxBackOffEpochs);
		}
	}

	for (let chunk = 0; chunk < chunks; chunk++) {
		const total = ranHere[chunk] === 1 ? ownTotals[chunk]! : work!.totals[chunk]!;
		for (let index = 0; index < weights.length; index++) {
			steps[index]! += total[index]!;
		}
	}

	return true;
}

/** Run chunk `chunk` of records [start, end) on this thread, from zero, into its own total. */
function runOwnChunk(run: RunRecords, start: number, end: number, chunks: number, chunk: number): void {
	const total = ownTotals[chunk]!;
	total.fill(0);
	run(chunkStart(start, end, chunks, chunk), chunkStart(start, end, chunks, chunk + 1), total);
	ranHere[chunk] = 1;
}

/** Wait at most `patience` ms for the worker's total of chunk `chunk` of job `sequence`; whether it came. */
function awaitChunk(work: Helper, sequence: number, chunk: number, patience: number): boolean {
	if (Atomics.load(work.marks, chunk) === sequence) {
		return true;
	}

	const deadline = performance.now() + patience;
	while (Atomics.load(work.marks, chunk) !== sequence) {
		if (performance.now() > deadline) {
			return false;
		}
	}

	return true;
}

/** Whether to ask the worker for chunks of this epoch (it is ready and not backed off), counting the back-off down. */
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

/** Post records [start, end), in `chunks` chunks, to the worker; returns the job's sequence number. */
function post(work: Helper, weights: Float64Array, featureCount: number, hiddenCount: number, examples: Examples, start: number, end: number, chunks: number, sigmoid: KernelSigmoid): number {
	const {state} = work;
	work.weights.set(weights);
	setSlot(state, control.featureCount, featureCount);
	setSlot(state, control.hiddenCount, hiddenCount);
	setSlot(state, control.sigmoid, kernelSigmoids.indexOf(sigmoid));
	setSlot(state, control.buffers, announce(work, examples));
	setSlot(state, control.featureOffset, examples.features.byteOffset / Float64Array.BYTES_PER_ELEMENT);
	setSlot(state, control.targetOffset, examples.targets.byteOffset / Float64Array.BYTES_PER_ELEMENT);
	setSlot(state, control.rows, examples.rows);
	setSlot(state, control.start, start);
	setSlot(state, control.end, end);
	setSlot(state, control.chunks, chunks);
	setSlot(state, control.stall, workerStall);
	const sequence = ++work.sequence;
	Atomics.store(state, control.claims, claimWord(sequence, 0));
	Atomics.store(state, control.posted, sequence);
	if (Atomics.load(state, control.sleeping) === 1) {
		Atomics.notify(state, control.posted);
	}

	return sequence;
}

/** Write `value` into `slot` unless it is there already: an unchanged field then costs no cache line taken back from the worker's core. */
function setSlot(state: Int32Array, slot: number, value: number): void {
	if (state[slot] !== value) {
		state[slot] = value;
	}
}

/**
 * Start the worker now rather than on the first cut epoch (which runs on one thread while it starts);
 * resolves to whether a second thread can share cut epochs (false on one core or when the worker could not start).
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
		helper = {worker, started, state, weights: new Float64Array(block.weights), totals: chunkTotals(block), marks: new Int32Array(block.marks), sequence: 0, backOff: 0, backOffLength: minBackOffEpochs, epochMilliseconds: 0, announced: undefined};
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
