/**
 * The shared control block between the thread running an epoch and its helper worker. A job is posted
 * under a sequence number; whoever claims it first in `owner` runs it (the worker, or the posting thread
 * taking it back), so a worker that is asleep never holds an epoch up; and one that stops part way is
 * taken over from its last published chunk (chunk-handoff.ts).
 */
import type {KernelMemory} from './instantiate.js';

/** Slots of the Int32 control array. */
export const control = {
	/** The sequence number of the latest job posted. */
	posted: 0,
	/** Who runs the latest job: 2·sequence for the worker, 2·sequence + 1 for the posting thread. */
	owner: 1,
	/** The sequence number of the latest job the worker is through with (finished, taken over, or failed). */
	done: 2,
	/** 1 while the worker sleeps in Atomics.wait on `posted` (then posting notifies it). */
	sleeping: 3,
	/** 1 once the worker is waiting for jobs. */
	ready: 4,
	featureCount: 5,
	hiddenCount: 6,
	/** The sigmoid to run, as its index in kernelSigmoids. */
	sigmoid: 7,
	/** The id the record buffers were announced under. */
	buffers: 8,
	/** Where the records start in their buffers, in f64s, and how many there are. */
	featureOffset: 9,
	targetOffset: 10,
	rows: 11,
	/** The records of the job: [start, end) of those. */
	start: 12,
	end: 13,
	/** How many chunks the job is cut into (chunk-handoff.ts). */
	chunks: 14,
	/** The worker's progress word (chunk-handoff.ts). */
	progress: 15,
} as const;

/** The most weights a split epoch carries (the kernels' own limit). */
export const maxSharedWeights = 1024;

/**
 * The shared memory of one worker: control words, the weights in, and the steps out, in two slots of
 * maxSharedWeights each (the running total after an odd or an even number of chunks).
 */
export type SharedBlock = {control: SharedArrayBuffer; weights: SharedArrayBuffer; steps: SharedArrayBuffer};

/**
 * The buffers a dataset's records live in, announced to a worker once, with their record memory when they
 * are in one (record-memory.ts): the worker then reads them through it, so its kernels read them in place.
 */
export type RecordBuffers = {features: SharedArrayBuffer; targets: SharedArrayBuffer; memory?: KernelMemory | undefined};

/** Allocate a worker's shared block. */
export function sharedBlock(): SharedBlock {
	const controlSlots = Object.keys(control).length;
	return {
		control: new SharedArrayBuffer(controlSlots * Int32Array.BYTES_PER_ELEMENT),
		weights: new SharedArrayBuffer(maxSharedWeights * Float64Array.BYTES_PER_ELEMENT),
		steps: new SharedArrayBuffer(2 * maxSharedWeights * Float64Array.BYTES_PER_ELEMENT),
	};
}
