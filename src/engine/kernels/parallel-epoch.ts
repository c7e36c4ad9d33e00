/**
 * An epoch split across threads for big data: the main thread runs the kernel over the first share of the
 * records while a worker runs it over the rest, reading the same SharedArrayBuffer (no copy), then the
 * worker's steps are added in. The sum is regrouped, so the steps match the reference to rounding
 * (test/engine/parallel-epoch.test.ts holds them within a named tolerance), not bit for bit; the lesson's
 * 360 records never come near the threshold, so its golden figures stay exact.
 */
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import type {Examples} from '../../data/dataset.js';
import {control, jobState, maxSharedWeights, sharedBlock, type RecordBuffers, type SharedBlock} from './parallel-protocol.js';

/** Records from which an epoch is split across threads (below, waking a worker costs more than it saves). */
export const minParallelRows = 32_768;

type Helper = {
	worker: Worker;
	block: SharedBlock;
	started: Promise<void>;
	state: Int32Array;
	weights: Float64Array;
	steps: Float64Array;
	/** The dataset the worker knows now (it keeps only the latest). */
	announced: (RecordBuffers & {id: number}) | undefined;
};

let helper: Helper | undefined;
let enabled = availableParallelism() > 1;
let nextBufferId = 1;

/** Turn splitting across threads on or off; returns the previous setting. */
export function setParallelEpoch(on: boolean): boolean {
	const previous = enabled;
	enabled = on && availableParallelism() > 1;
	return previous;
}

/** Whether records [start, end) of `examples` would be split across threads. */
export function takesParallelPath(examples: Examples, weightCount: number, records: number): boolean {
	return enabled
		&& records >= minParallelRows
		&& weightCount <= maxSharedWeights
		&& examples.features.buffer instanceof SharedArrayBuffer
		&& examples.targets.buffer instanceof SharedArrayBuffer;
}

/**
 * Add the steps of records [start, end) into `steps`, the first share on this thread with `runHere` and the
 * rest on the worker; returns false (having done nothing) when the records do not take the parallel path.
 */
export function accumulateInParallel(
	weights: Float64Array,
	featureCount: number,
	hiddenCount: number,
	examples: Examples,
	start: number,
	end: number,
	steps: Float64Array,
	runHere: (start: number, end: number) => void,
): boolean {
	if (!takesParallelPath(examples, weights.length, end - start)) {
		return false;
	}

	const work = startHelper();
	if (Atomics.load(work.state, control.ready) !== 1) {
		// still starting: this epoch runs on one thread
		return false;
	}

	const split = start + Math.floor((end - start) / 2);
	const features = examples.features.buffer as SharedArrayBuffer;
	const targets = examples.targets.buffer as SharedArrayBuffer;
	work.weights.set(weights);
	const {state} = work;
	state[control.featureCount] = featureCount;
	state[control.hiddenCount] = hiddenCount;
	state[control.buffers] = announce(work, features, targets);
	state[control.featureOffset] = examples.features.byteOffset / Float64Array.BYTES_PER_ELEMENT;
	state[control.targetOffset] = examples.targets.byteOffset / Float64Array.BYTES_PER_ELEMENT;
	state[control.start] = split;
	state[control.end] = end;
	Atomics.store(state, control.state, jobState.posted);
	Atomics.notify(state, control.state);
	try {
		runHere(start, split);
	} finally {
		while (Atomics.load(state, control.state) === jobState.posted) {
			Atomics.wait(state, control.state, jobState.posted);
		}
	}

	if (state[control.failed] === 1) {
		runHere(split, end);
	} else {
		for (let index = 0; index < weights.length; index++) {
			steps[index]! += work.steps[index]!;
		}
	}

	Atomics.store(state, control.state, jobState.idle);
	return true;
}

/**
 * Start the worker now rather than on the first big epoch (which runs on one thread while it starts);
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
		helper = {worker, block, started, state: new Int32Array(block.control), weights: new Float64Array(block.weights), steps: new Float64Array(block.steps), announced: undefined};
	}

	return helper;
}

/** The id the worker knows a dataset's buffers by, announcing them when they are not the ones it has. */
function announce(work: Helper, features: SharedArrayBuffer, targets: SharedArrayBuffer): number {
	const known = work.announced;
	if (known && known.features === features && known.targets === targets) {
		return known.id;
	}

	const id = nextBufferId++;
	work.worker.postMessage({id, features, targets});
	work.announced = {id, features, targets};
	return id;
}
