/**
 * A worker thread's side of a cut epoch (see parallel-epoch.ts): wait for a job in the shared control
 * block, then claim its chunks one at a time (chunk-claims.ts) until none is left, running the kernel over
 * each chunk's records from zero and leaving the total in the chunk's slot with its mark; repeat. Between
 * jobs it spins for a while (the next epoch's job usually follows within microseconds, quicker than a wake
 * from Atomics.wait), then sleeps.
 */
import {parentPort, receiveMessageOnPort, workerData, type MessagePort} from 'node:worker_threads';
import type {Examples} from '../../data/dataset.js';
import {chunkStart, claimChunk} from './chunk-claims.js';
import type {EpochKernel} from './epoch-kernel.js';
import {kernelForRecords} from './fast-epoch.js';
import {kernelSigmoids} from './kernel-sigmoid.js';
import {chunkTotals, control, maxSharedWeights, type RecordBuffers, type SharedBlock} from './parallel-protocol.js';
import {adoptRecordMemory} from './record-memory.js';

/** How long the worker spins for the next job before it sleeps. */
const spinMilliseconds = 0.5;
/** Polls of the job slot between looks at the clock. */
const pollsPerClockRead = 64;

const {block} = workerData as {block: SharedBlock};
const state = new Int32Array(block.control);
const weights = new Float64Array(block.weights);
const totals = chunkTotals(block);
const marks = new Int32Array(block.marks);
/** The total of the chunk in hand. */
const running = new Float64Array(maxSharedWeights);
const port = parentPort as MessagePort;
const buffers = new Map<number, RecordBuffers>();
/**
 * The record set of the latest job (and where it came from), kept so the kernels find it resident again,
 * and its kernel with the views of the weights and the total it reads and writes.
 */
let latest: {source: Int32Array; examples: Examples; kernel?: {hiddenCount: number; kernel: EpochKernel; weights: Float64Array; total: Float64Array}} | undefined;
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
	if (!latest || !sameSource(latest.source)) {
		// the slots are read once, and the view made from what was read: a job posted meanwhile (this one was
		// late) may change them, and a view must never be kept under another job's key
		const source = Int32Array.from(sourceSlots, slot => state[slot]!);
		const [id = 0, featureOffset = 0, targetOffset = 0, rows = 0, featureCount = 0] = source;
		const {features, targets, memory} = buffersFor(id);
		const examples = {
			features: new Float64Array(features, featureOffset * Float64Array.BYTES_PER_ELEMENT, rows * featureCount),
			targets: new Float64Array(targets, targetOffset * Float64Array.BYTES_PER_ELEMENT, rows),
			rows,
			featureCount,
		};
		latest = {source, examples: memory ? adoptRecordMemory(memory, examples) : examples};
	}

	return latest.examples;
}

/** Whether the posted job's records are those of `source` (a loop: this runs every job, within microseconds of the post). */
function sameSource(source: Int32Array): boolean {
	for (let index = 0; index < sourceSlots.length; index++) {
		if (source[index] !== state[sourceSlots[index]!]) {
			return false;
		}
	}

	return true;
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

/** Run the chunks of posted job `sequence` that are still unclaimed, one at a time, each from zero. */
function runJob(sequence: number): void {
	const hiddenCount = state[control.hiddenCount]!;
	const sigmoid = kernelSigmoids[state[control.sigmoid]!]!;
	const start = state[control.start]!;
	const end = state[control.end]!;
	const chunks = state[control.chunks]!;
	const stall = state[control.stall]!;
	const examples = jobRecords();
	const {featureCount} = examples;
	// the kernel is looked up once per record set and shape: a small epoch's chunk takes microseconds
	if (latest!.kernel?.hiddenCount !== hiddenCount) {
		const weightCount = featureCount * Math.max(1, hiddenCount) + hiddenCount;
		latest!.kernel = {hiddenCount, kernel: kernelForRecords(featureCount, hiddenCount, examples), weights: weights.subarray(0, weightCount), total: running.subarray(0, weightCount)};
	}

	const {kernel, weights: jobWeights, total} = latest!.kernel;
	for (let chunk = claimChunk(state, control.claims, sequence, chunks); chunk !== undefined; chunk = claimChunk(state, control.claims, sequence, chunks)) {
		if (stall > 0) { // a test holding the chunk a while (setWorkerStall)
			const until = performance.now() + (stall / 1000);
			while (performance.now() < until) {
				// hold the chunk
			}
		}

		total.fill(0);
		kernel.accumulate(jobWeights, examples, chunkStart(start, end, chunks, chunk), chunkStart(start, end, chunks, chunk + 1), total, sigmoid);
		totals[chunk]!.set(total);
		Atomics.store(marks, chunk, sequence);
	}
}

Atomics.store(state, control.ready, 1);
port.postMessage('ready');
// the process exits around this loop: the worker is unref'd and holds nothing that needs closing
for (let seen = 0; ;) {
	const sequence = nextJob(seen);
	seen = sequence;
	try {
		runJob(sequence);
	} catch {
		// a chunk it claimed is never marked: the posting thread runs it again after a while
	}
}
