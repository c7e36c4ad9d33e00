/** The shared control block between the main thread and an epoch worker. */

/** Slots of the Int32 control array. */
export const control = {
	state: 0,
	featureCount: 1,
	hiddenCount: 2,
	buffers: 3,
	featureOffset: 4,
	targetOffset: 5,
	start: 6,
	end: 7,
	/** 1 once the worker is waiting for jobs. */
	ready: 8,
	/** 1 when the last job failed in the worker (its share is then run on the main thread). */
	failed: 9,
} as const;

/** Values of the state slot. */
export const jobState = {idle: 0, posted: 1, done: 2, stop: 3} as const;

/** The most weights a split epoch carries (the kernels' own limit). */
export const maxSharedWeights = 1024;

/** The shared memory of one worker: control words, the weights in, the steps out. */
export type SharedBlock = {control: SharedArrayBuffer; weights: SharedArrayBuffer; steps: SharedArrayBuffer};

/** The buffers a dataset's records live in, announced to a worker once. */
export type RecordBuffers = {features: SharedArrayBuffer; targets: SharedArrayBuffer};

/** Allocate a worker's shared block. */
export function sharedBlock(): SharedBlock {
	const controlSlots = Object.keys(control).length;
	return {
		control: new SharedArrayBuffer(controlSlots * Int32Array.BYTES_PER_ELEMENT),
		weights: new SharedArrayBuffer(maxSharedWeights * Float64Array.BYTES_PER_ELEMENT),
		steps: new SharedArrayBuffer(maxSharedWeights * Float64Array.BYTES_PER_ELEMENT),
	};
}
