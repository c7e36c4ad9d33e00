/**
 * Big record sets live in a shared WebAssembly memory, a record memory: their features and targets are
 * views of it, so the epoch kernels of every thread read them where they are (no chunk copied in per
 * epoch, nothing held twice), and worker threads receive them without a copy. Each thread's kernels work
 * in a region of the same memory (weights, steps, scratch, the fast sigmoid's table), claimed from a
 * bump pointer in the memory's first word, so regions never overlap whichever thread claims them.
 */
import type {Examples} from '../../data/dataset.js';
import {sharedMemory, type KernelMemory} from './instantiate.js';
import {alignToVector, recordMemoryMaxPages, spareRecords} from './kernel-layout.js';
import {sizes} from './wasm-assembler.js';

/** Records take at most this many pages; the rest is room for the threads' regions. */
const maxRecordPages = recordMemoryMaxPages - 1024;
/** Bytes before the records: the bump pointer (an i32 at byte 0), padded to a cache line. */
const headerBytes = 64;
/** Claimed regions are whole cache lines, so two threads' regions never share one. */
const regionAlignment = 64;

/** The record memory behind each buffer its records are views of (every buffer it has had, in this thread). */
const memories = new WeakMap<ArrayBufferLike, KernelMemory>();

/** Records in a record memory. */
export type RecordMemoryArrays = {memory: KernelMemory; features: Float64Array; targets: Float64Array};

/**
 * Zeroed features (row-major) and targets for `rows` records of `featureCount` in a new record memory, or
 * undefined when they would not fit one or the runtime cannot share WebAssembly memory. Targets and
 * features are followed by spare room, since kernels read a few values past an end.
 */
export function allocateInRecordMemory(rows: number, featureCount: number): RecordMemoryArrays | undefined {
	const targetsAt = headerBytes;
	const featuresAt = alignToVector(targetsAt + ((rows + spareRecords) * sizes.f64));
	const end = alignToVector(featuresAt + (rows * featureCount * sizes.f64) + sizes.v128);
	const pages = Math.ceil(end / sizes.page);
	const memory = pages <= maxRecordPages ? sharedMemory(pages, recordMemoryMaxPages) : undefined;
	if (!memory) {
		return undefined;
	}

	Atomics.store(new Int32Array(memory.buffer, 0, 1), 0, end);
	memories.set(memory.buffer, memory);
	return {memory, features: new Float64Array(memory.buffer, featuresAt, rows * featureCount), targets: new Float64Array(memory.buffer, targetsAt, rows)};
}

/** The record memory both of `examples`' arrays are views of, if they are. */
export function recordMemoryOf(examples: Examples): KernelMemory | undefined {
	const memory = memories.get(examples.features.buffer);
	return memory && memories.get(examples.targets.buffer) === memory ? memory : undefined;
}

/**
 * `examples` as views of `memory` (received from another thread with it, its arrays arrive as views of a
 * buffer this thread cannot tie to the memory): the same bytes, now known to be the memory's.
 */
export function adoptRecordMemory(memory: KernelMemory, examples: Examples): Examples {
	const {buffer} = memory;
	if (!(buffer instanceof SharedArrayBuffer) || examples.features.buffer.byteLength > buffer.byteLength) {
		throw new RangeError('these records are not in this record memory');
	}

	memories.set(buffer, memory);
	const view = (array: Float64Array): Float64Array => new Float64Array(buffer, array.byteOffset, array.length);
	return {...examples, features: view(examples.features), targets: view(examples.targets)};
}

/**
 * Claim `bytes` of `memory` for this thread's kernels, growing it as needed; returns the region's byte
 * offset, or undefined when the memory cannot grow that far.
 */
export function claimRegion(memory: KernelMemory, bytes: number): number | undefined {
	const size = Math.ceil(bytes / regionAlignment) * regionAlignment;
	const at = Atomics.add(new Int32Array(memory.buffer, 0, 1), 0, size);
	const pagesNeeded = Math.ceil((at + size) / sizes.page);
	if (at < 0 || pagesNeeded > recordMemoryMaxPages) {
		return undefined;
	}

	// another thread may be growing it too: grow by what is still missing until it is long enough
	for (let missing = pagesNeeded - (memory.buffer.byteLength / sizes.page); missing > 0; missing = pagesNeeded - (memory.buffer.byteLength / sizes.page)) {
		try {
			memory.grow(missing);
		} catch {
			return undefined;
		}
	}

	memories.set(memory.buffer, memory);
	return at;
}
