/**
 * The shared control block between the thread running an epoch and its helper worker. A job is posted
 * under a sequence number; whoever claims it first in `owner` runs it (the worker, or the posting thread
 * taking it back), so a worker that is late or asleep never holds an epoch up.
 */
import type {KernelMemory} from './instantiate.js';

/** Slots of the Int32 control array. */
export const control = {
	/** The sequence number of the latest job posted. */
	posted: 0,
	/** Who runs the latest job: 2·sequence for the worker, 2·sequence + 1 for the posting thread. */
	owner: 1,
	/** The sequence number of the latest job the worker finished. */
	done: 2,
	/** 1 while the worker sleeps in Atomics.wait on `posted` (then posting notifies it). */
	sleeping: 3,
	/** 1 once the worker is waiting for jobs. */
	ready: 4,
	/** 1 when the job `done` names failed in the worker (its share is then run by the posting thread). */
	failed: 5,
	featureCount: 6,
	hiddenCount: 7,
	/** The sigmoid to run, as its index in kernelSigmoids. */
	sigmoid: 8,
	/** The id the record buffers were announced under. */
	buffers: 9,
	/** Where the records start in their buffers, in f64s, and how many there are. */
	featureOffset: 10,
	targetOffset: 11,
	rows: 12,
	/** The records of the job: [start, end) of those. */
	start: 13,
	end: 14,
} as const;

/** The most weights a split epoch carries (the kernels' own limit). */
export const maxSharedWeights = 1024;

/** The shared memory of one worker: control words, the weights in, the steps out. */
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
		steps: new SharedArrayBuffer(maxSharedWeights * Float64Array.BYTES_PER_ELEMENT),
	};
}
