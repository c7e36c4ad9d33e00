/**
 * A worker thread's side of a split epoch (see parallel-epoch.ts): wait for a job in the shared control
 * block, claim it unless the posting thread took it back, run the kernel over its records into the
 * shared steps, mark it done, repeat. Between jobs it spins for a while (the next epoch's job usually
 * follows within microseconds, quicker than a wake from Atomics.wait), then sleeps.
 */
import {parentPort, receiveMessageOnPort, workerData, type MessagePort} from 'node:worker_threads';
import type {Examples} from '../../data/dataset.js';
import type {EpochKernel} from './epoch-kernel.js';
import {kernelForRecords} from './fast-epoch.js';
import {kernelSigmoids} from './kernel-sigmoid.js';
import {control, type RecordBuffers, type SharedBlock} from './parallel-protocol.js';
import {adoptRecordMemory} from './record-memory.js';

/** How long the worker spins for the next job before it sleeps. */
const spinMilliseconds = 0.5;
/** Polls of the job slot between looks at the clock. */
const pollsPerClockRead = 64;

const {block} = workerData as {block: SharedBlock};
const state = new Int32Array(block.control);
const weights = new Float64Array(block.weights);
const steps = new Float64Array(block.steps);
const port = parentPort as MessagePort;
const buffers = new Map<number, RecordBuffers>();
/** The record set of the latest job (and where it came from), kept so the kernels find it resident again, and its kernel. */
let latest: {source: Int32Array; examples: Examples; kernel?: {hiddenCount: number; kernel: EpochKernel}} | undefined;
/** The control slots that say where a job's records are. */
const sourceSlots = [control.buffers, control.featureOffset, control.targetOffset, control.rows, control.featureCount] as const;

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

/** The records of the posted job, the same object as the last job's when they are the same records. */
function jobRecords(): Examples {
	const featureCount = state[control.featureCount]!;
	const rows = state[control.rows]!;
	if (!latest || sourceSlots.some((slot, index) => latest!.source[index] !== state[slot])) {
		const {features, targets, memory} = buffersFor(state[control.buffers]!);
		const examples = {
			features: new Float64Array(features, state[control.featureOffset]! * Float64Array.BYTES_PER_ELEMENT, rows * featureCount),
			targets: new Float64Array(targets, state[control.targetOffset]! * Float64Array.BYTES_PER_ELEMENT, rows),
			rows,
			featureCount,
		};
		latest = {source: Int32Array.from(sourceSlots, slot => state[slot]!), examples: memory ? adoptRecordMemory(memory, examples) : examples};
	}

	return latest.examples;
}

/** The sequence number of the next job after `seen`, spinning a while before sleeping. */
function nextJob(seen: number): number {
	let spinUntil = performance.now() + spinMilliseconds;
	for (let polls = 1; ; polls++) {
		const posted = Atomics.load(state, control.posted);
		if (posted !== seen) {
			return posted;
		}

		if (polls % pollsPerClockRead === 0 && performance.now() > spinUntil) {
			// woken by a post, or ahead of one (parallel-epoch.ts wakes a backed-off worker before asking it again)
			Atomics.store(state, control.sleeping, 1);
			Atomics.wait(state, control.posted, seen);
			Atomics.store(state, control.sleeping, 0);
			spinUntil = performance.now() + spinMilliseconds;
		}
	}
}

/** Claim job `sequence` unless the posting thread (or nobody, being too late) can no longer give it away. */
function claim(sequence: number): boolean {
	const owner = Atomics.load(state, control.owner);
	return owner < 2 * sequence && Atomics.compareExchange(state, control.owner, owner, 2 * sequence) === owner;
}

/** Run the posted job: the kernel over its records [start, end), steps from zero. */
function runJob(): void {
	const featureCount = state[control.featureCount]!;
	const hiddenCount = state[control.hiddenCount]!;
	const sigmoid = kernelSigmoids[state[control.sigmoid]!]!;
	const examples = jobRecords();
	const weightCount = featureCount * Math.max(1, hiddenCount) + hiddenCount;
	const result = steps.subarray(0, weightCount);
	result.fill(0);
	// the kernel is looked up once per record set and shape: a small epoch's half takes microseconds
	if (latest!.kernel?.hiddenCount !== hiddenCount) {
		latest!.kernel = {hiddenCount, kernel: kernelForRecords(featureCount, hiddenCount, examples)};
	}

	latest!.kernel.kernel.accumulate(weights.subarray(0, weightCount), examples, state[control.start]!, state[control.end]!, result, sigmoid);
}

Atomics.store(state, control.ready, 1);
port.postMessage('ready');
// the process exits around this loop: the worker is unref'd and holds nothing that needs closing
for (let seen = 0; ;) {
	const sequence = nextJob(seen);
	seen = sequence;
	if (!claim(sequence)) {
		continue;
	}

	try {
		runJob();
		state[control.failed] = 0;
	} catch {
		state[control.failed] = 1;
	}

	Atomics.store(state, control.done, sequence);
}
