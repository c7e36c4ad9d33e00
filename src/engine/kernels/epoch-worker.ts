/**
 * A worker thread's side of a split epoch (see parallel-epoch.ts): wait for a job in the shared control
 * block, run the kernel over its share of the records, post the steps back, repeat.
 */
import {parentPort, receiveMessageOnPort, workerData, type MessagePort} from 'node:worker_threads';
import {kernelFor} from './fast-epoch.js';
import {control, jobState, type SharedBlock, type RecordBuffers} from './parallel-protocol.js';

const {block} = workerData as {block: SharedBlock};
const state = new Int32Array(block.control);
const weights = new Float64Array(block.weights);
const steps = new Float64Array(block.steps);
const port = parentPort as MessagePort;
const buffers = new Map<number, RecordBuffers>();

/**
 * Buffers are announced before the first job that uses them; take announcements until `id` is known.
 * Only the latest dataset is kept, so a dataset the program has dropped is not held alive here.
 */
function buffersFor(id: number): RecordBuffers {
	while (!buffers.has(id)) {
		const message = receiveMessageOnPort(port);
		if (!message) {
			throw new Error(`epoch worker: record buffers ${id} were never announced`);
		}

		const announced = message.message as RecordBuffers & {id: number};
		buffers.clear();
		buffers.set(announced.id, announced);
	}

	return buffers.get(id)!;
}

Atomics.store(state, control.ready, 1);
port.postMessage('ready');
for (;;) {
	let current = Atomics.load(state, control.state);
	while (current !== jobState.posted && current !== jobState.stop) {
		Atomics.wait(state, control.state, current);
		current = Atomics.load(state, control.state);
	}

	if (current === jobState.stop) {
		break;
	}

	try {
		runJob();
		state[control.failed] = 0;
	} catch {
		state[control.failed] = 1;
	}

	Atomics.store(state, control.state, jobState.done);
	Atomics.notify(state, control.state);
}

/** Run the posted job: the kernel over records [start, end) of the announced buffers, steps from zero. */
function runJob(): void {
	const featureCount = state[control.featureCount]!;
	const hiddenCount = state[control.hiddenCount]!;
	const rows = state[control.end]! - state[control.start]!;
	const {features, targets} = buffersFor(state[control.buffers]!);
	const firstFeature = state[control.featureOffset]! + state[control.start]! * featureCount;
	const firstTarget = state[control.targetOffset]! + state[control.start]!;
	const examples = {
		features: new Float64Array(features, firstFeature * Float64Array.BYTES_PER_ELEMENT, rows * featureCount),
		targets: new Float64Array(targets, firstTarget * Float64Array.BYTES_PER_ELEMENT, rows),
		rows,
		featureCount,
	};
	const weightCount = featureCount * hiddenCount + (hiddenCount === 0 ? featureCount : hiddenCount);
	const result = steps.subarray(0, weightCount);
	result.fill(0);
	kernelFor(featureCount, hiddenCount).accumulate(weights.subarray(0, weightCount), examples, 0, rows, result);
}
