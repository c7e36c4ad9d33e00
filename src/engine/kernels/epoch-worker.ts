/**
 * A worker thread's side of a split epoch (see parallel-epoch.ts): wait for a job in the shared control
 * block, claim it unless the posting thread took it back, run the kernel over its records chunk by chunk,
 * publishing the running total after each (chunk-handoff.ts) until it is done or taken over, mark it done,
 * repeat. Between jobs it spins for a while (the next epoch's job usually follows within microseconds,
 * quicker than a wake from Atomics.wait), then sleeps.
 */
import {parentPort, receiveMessageOnPort, workerData, type MessagePort} from 'node:worker_threads';
import type {Examples} from '../../data/dataset.js';
import type {EpochKernel} from './epoch-kernel.js';
import {kernelForRecords} from './fast-epoch.js';
import {chunkStart, publishChunk, totalSlot} from './chunk-handoff.js';
import {kernelSigmoids} from './kernel-sigmoid.js';
import {control, maxSharedWeights, type RecordBuffers, type SharedBlock} from './parallel-protocol.js';
import {adoptRecordMemory} from './record-memory.js';

/** How long the worker spins for the next job before it sleeps. */
const spinMilliseconds = 0.5;
/** Polls of the job slot between looks at the clock. */
const pollsPerClockRead = 64;

const {block} = workerData as {block: SharedBlock};
const state = new Int32Array(block.control);
const weights = new Float64Array(block.weights);
/** The two slots of published running totals. */
const totals = [0, 1].map(slot => new Float64Array(block.steps, slot * maxSharedWeights * Float64Array.BYTES_PER_ELEMENT, maxSharedWeights));
/** The running total of the job in hand. */
const running = new Float64Array(maxSharedWeights);
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

/** Run posted job `sequence`: the kernel over its records [start, end), from zero, a chunk at a time, publishing each total until done or taken over. */
function runJob(sequence: number): void {
	const featureCount = state[control.featureCount]!;
	const hiddenCount = state[control.hiddenCount]!;
	const sigmoid = kernelSigmoids[state[control.sigmoid]!]!;
	const [start, end, chunks] = [state[control.start]!, state[control.end]!, state[control.chunks]!];
	const examples = jobRecords();
	const weightCount = featureCount * Math.max(1, hiddenCount) + hiddenCount;
	const total = running.subarray(0, weightCount);
	const jobWeights = weights.subarray(0, weightCount);
	total.fill(0);
	// the kernel is looked up once per record set and shape: a small epoch's half takes microseconds
	if (latest!.kernel?.hiddenCount !== hiddenCount) {
		latest!.kernel = {hiddenCount, kernel: kernelForRecords(featureCount, hiddenCount, examples)};
	}

	const {kernel} = latest!.kernel;
	for (let chunk = 0; chunk < chunks; chunk++) {
		kernel.accumulate(jobWeights, examples, chunkStart(start, end, chunks, chunk), chunkStart(start, end, chunks, chunk + 1), total, sigmoid);
		totals[totalSlot(chunk + 1)]!.set(total);
		if (!publishChunk(state, control.progress, sequence, chunk + 1)) {
			return;
		}
	}
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
		runJob(sequence);
	} catch {
		// the posting thread sees the job through with chunks unpublished, and takes it over
	}

	Atomics.store(state, control.done, sequence);
}
