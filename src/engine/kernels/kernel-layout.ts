/**
 * How an epoch kernel lays out its memory. Fixed regions first: the fast sigmoid's table, the weights, the
 * steps, the kernel's own scratch, the outputs of `predict`, and a chunk that big data is streamed through
 * (copied in a chunk at a time, so it is never duplicated whole). After them, small record sets live for
 * good (resident-records.ts): an epoch on them copies nothing but the weights.
 */
import {fastSigmoidBytes} from './fast-sigmoid.js';
import {ModuleBuilder, sizes} from './wasm-assembler.js';

/** Bytes of records per streamed chunk: small enough to stay in L2 while the kernel reads it. */
export const chunkBytes = 1 << 17;

/** Byte offsets of a kernel's regions. */
export type KernelLayout = {
	/** The fast sigmoid's constants and table (fast-sigmoid.ts). */
	sigmoidTables: number;
	/** The model's weights in the kernel's order. */
	weights: number;
	/** The accumulated weight steps, in the same order as the weights. */
	steps: number;
	/** The kernel's own scratch. */
	scratch: number;
	/** Where `predict` writes one output per record of a chunk. */
	outputs: number;
	/** One target per record of a streamed chunk. */
	chunkTargets: number;
	/** A streamed chunk's features, row-major. */
	chunkFeatures: number;
	/** Records per chunk (a multiple of the rows the kernel takes per block). */
	chunkRows: number;
	/** Where resident records start (everything from here on is theirs). */
	records: number;
	/** Memory pages of the fixed regions. */
	pages: number;
	/** Whether the kernel works in a region of a shared record memory (record-memory.ts), reading records in place. */
	inRecordMemory: boolean;
};

/** Records' worth of room kept after the outputs and targets: kernels may run a few records past an end. */
export const spareRecords = 4;

/** Round a byte count up to whole v128s. */
export const alignToVector = (bytes: number): number => Math.ceil(bytes / sizes.v128) * sizes.v128;

/** What a kernel needs room for. */
export type LayoutNeeds = {
	/** Slots of weights (and as many of steps). */
	weightSlots: number;
	/** Bytes of the kernel's own scratch. */
	scratchBytes: number;
	/** Features per record. */
	featureCount: number;
	/** Rows the kernel takes per block (chunks hold a multiple). */
	rowsPerBlock: number;
	/** Byte offset of the region claimed in a record memory, when the kernel is to work in one. */
	region?: number;
};

/** Lay out a kernel's fixed regions. */
export function kernelLayout({weightSlots, scratchBytes, featureCount, rowsPerBlock, region}: LayoutNeeds): KernelLayout {
	const rowBytes = featureCount * sizes.f64;
	const chunkRows = Math.max(rowsPerBlock, Math.floor(chunkBytes / rowBytes / rowsPerBlock) * rowsPerBlock);
	const sigmoidTables = region ?? 0;
	const weights = alignToVector(sigmoidTables + fastSigmoidBytes);
	const steps = alignToVector(weights + weightSlots * sizes.f64);
	const scratch = alignToVector(steps + weightSlots * sizes.f64);
	const outputs = alignToVector(scratch + scratchBytes);
	// spare room after the outputs, targets and features, for kernels that read or write a few records past the end
	const chunkTargets = alignToVector(outputs + (chunkRows + spareRecords) * sizes.f64);
	const chunkFeatures = alignToVector(chunkTargets + (chunkRows + spareRecords) * sizes.f64);
	const records = alignToVector(chunkFeatures + chunkRows * rowBytes + sizes.v128);
	return {sigmoidTables, weights, steps, scratch, outputs, chunkTargets, chunkFeatures, chunkRows, records, pages: Math.ceil(records / sizes.page), inRecordMemory: region !== undefined};
}

/** Bytes a kernel's fixed regions take from where they start (what a region in a record memory must hold). */
export const layoutBytes = (layout: KernelLayout): number => layout.records - layout.sigmoidTables;

/** An empty module for a kernel of this layout: with its own memory, or importing the shared record memory. */
export function kernelModule(layout: KernelLayout): ModuleBuilder {
	return layout.inRecordMemory ? new ModuleBuilder(layout.pages, recordMemoryMaxPages, true) : new ModuleBuilder(layout.pages, maxKernelPages);
}

/**
 * A kernel's module and where it keeps things. Its functions `accumulate_<sigmoid>` and `predict_<sigmoid>`
 * take (first, last, targets, features, rowStarts, columns, values): records [first, last) of a record set
 * at those byte offsets (resident-records.ts); accumulate adds their steps into the steps region, predict
 * writes record r's output ŷ to outputs[r − first].
 */
export type KernelSource = {
	module: ModuleBuilder;
	layout: KernelLayout;
	/** The kernel's weight (and step) slot of each model weight, in the model's order. */
	weightSlots: Int32Array;
	/** Weight slots the kernel has (padding included). */
	slotCount: number;
	/** Leading feature columns the kernel reads as dense rows; the rest come as (column, value) entries. */
	denseColumns: number;
	/** Bytes between the weight rows of two features (the entries' columns are stored as feature × this). */
	columnStride: number;
};

/** The kernel functions' parameters, in order. */
export const kernelParams = {first: 0, last: 1, targets: 2, features: 3, rowStarts: 4, columns: 5, values: 6} as const;

/** The most memory a kernel may grow to: 1 GiB of 64 KiB pages (resident records stay far below it). */
export const maxKernelPages = 16_384;

/** Pages a shared record memory (record-memory.ts) may grow to: 2 GiB, so every address the kernels compute fits an i32. */
export const recordMemoryMaxPages = 32_768;
