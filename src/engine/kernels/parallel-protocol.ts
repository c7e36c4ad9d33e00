/**
 * The shared control block between the thread running an epoch and its helper worker. A job (a heavy
 * epoch's records) is posted under a sequence number and cut into chunks, which the worker and the posting
 * thread claim one at a time (chunk-claims.ts), so a worker that is asleep, slow or stalled never holds an
 * epoch up for long.
 */
import {maxChunks} from './chunk-claims.js';
import type {KernelMemory} from './instantiate.js';

/**
 * Int32 slots between words that two threads touch at once, so that they lie on different cache lines
 * (128 bytes apart: two lines, whatever the buffer's alignment). A worker spinning on `posted` then does
 * not pull the line of the job's fields away while the posting thread writes them, nor do the two threads'
 * claims (small epochs take some 10 µs, and every line passed between cores costs a fraction of one).
 */
const lineApart = 32;

/** Slots of the Int32 control array. */
export const control = {
	featureCount: 0,
	hiddenCount: 1,
	/** The sigmoid to run, as its index in kernelSigmoids. */
	sigmoid: 2,
	/** The id the record buffers were announced under. */
	buffers: 3,
	/** Where the records start in their buffers, in f64s, and how many there are. */
	featureOffset: 4,
	targetOffset: 5,
	rows: 6,
	/** The records of the job: [start, end) of those. */
	start: 7,
	end: 8,
	/** How many chunks the job is cut into. */
	chunks: 9,
	/** 1 once the worker is waiting for jobs. */
	ready: 10,
	/** For tests: microseconds the worker waits after claiming each chunk (0: none). */
	stall: 11,
	/** The sequence number of the latest job posted: what a waiting worker watches. */
	posted: lineApart,
	/** 1 while the worker sleeps in Atomics.wait on `posted` (then posting notifies it). */
	sleeping: lineApart + 1,
	/** The claim word: the job's sequence number and its next chunk to claim (chunk-claims.ts). */
	claims: 2 * lineApart,
} as const;

/** The most weights a cut epoch carries (the kernels' own limit). */
export const maxSharedWeights = 1024;

/**
 * The shared memory of one worker: control words, the weights in, the totals of the chunks it ran out (a
 * slot of maxSharedWeights per chunk), and a mark per chunk: the sequence number of the job whose total
 * for that chunk is in its slot.
 */
export type SharedBlock = {control: SharedArrayBuffer; weights: SharedArrayBuffer; totals: SharedArrayBuffer; marks: SharedArrayBuffer};

/**
 * The buffers a dataset's records live in, announced to a worker once, with their record memory when they
 * are in one (record-memory.ts): the worker then reads them through it, so its kernels read them in place.
 */
export type RecordBuffers = {features: SharedArrayBuffer; targets: SharedArrayBuffer; memory?: KernelMemory | undefined};

/** Views of a block's totals, one slot per chunk. */
export function chunkTotals(block: SharedBlock): Float64Array[] {
	return Array.from({length: maxChunks}, (_, chunk) => new Float64Array(block.totals, chunk * maxSharedWeights * Float64Array.BYTES_PER_ELEMENT, maxSharedWeights));
}

/** Allocate a worker's shared block. */
export function sharedBlock(): SharedBlock {
	const controlSlots = Math.max(...Object.values(control)) + 1;
	return {
		control: new SharedArrayBuffer(controlSlots * Int32Array.BYTES_PER_ELEMENT),
		weights: new SharedArrayBuffer(maxSharedWeights * Float64Array.BYTES_PER_ELEMENT),
		totals: new SharedArrayBuffer(maxChunks * maxSharedWeights * Float64Array.BYTES_PER_ELEMENT),
		marks: new SharedArrayBuffer(maxChunks * Int32Array.BYTES_PER_ELEMENT),
	};
}
