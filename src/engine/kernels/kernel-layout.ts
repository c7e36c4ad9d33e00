/**
 * How an epoch kernel lays out its memory, and the loop over a chunk of records that every kernel shares.
 * Records are copied into the kernel a chunk at a time (the copy streams through the cache, so the data is
 * never duplicated in memory), two rows per f64x2: lane 0 is row r, lane 1 is row r + 1.
 */
import {sizes, type FunctionBuilder} from './wasm-assembler.js';

/** Bytes of records per chunk: small enough to stay in L2 while the kernel reads it. */
export const chunkBytes = 1 << 17;

/** Byte offsets of a kernel's regions, and the rows one chunk holds. */
export type KernelLayout = {
	/** The model's weights, flat as the model keeps them. */
	weights: number;
	/** The accumulated weight steps, in the kernel's (possibly padded) order. */
	steps: number;
	/** One target per row of the chunk. */
	targets: number;
	/** The chunk's features, row-major. */
	features: number;
	/** Rows per chunk (a multiple of the rows the kernel takes per block). */
	chunkRows: number;
	/** Memory pages the layout needs. */
	pages: number;
};

const align = (bytes: number): number => Math.ceil(bytes / sizes.v128) * sizes.v128;

/** Lay out a kernel for `weightCount` weights, `stepCount` step slots and rows of `featureCount` features. */
export function kernelLayout(weightCount: number, stepCount: number, featureCount: number, rowsPerBlock: number): KernelLayout {
	const rowBytes = featureCount * sizes.f64;
	const chunkRows = Math.max(rowsPerBlock, Math.floor(chunkBytes / rowBytes / rowsPerBlock) * rowsPerBlock);
	const weights = 0;
	const steps = align(weights + weightCount * sizes.f64);
	const targets = align(steps + stepCount * sizes.f64);
	const features = align(targets + chunkRows * sizes.f64);
	const end = features + chunkRows * rowBytes + sizes.v128;
	return {weights, steps, targets, features, chunkRows, pages: Math.ceil(end / sizes.page)};
}

/** Locals the row loop keeps: the chunk's row count (parameter 0) and pointers to the current rows. */
export type RowPointers = {rows: number; features: number; targets: number; end: number};

/**
 * Emit the loop over a chunk of `rows` records (parameter 0): blocks of `pairsPerBlock` row pairs, then
 * single pairs, then an odd last row. `body(pairs, oddRow)` emits the work for rows at offsets from
 * the pointers: pair i is rows 2i and 2i + 1 (for the odd last row, row 0 only).
 */
export function emitRowLoops(
	c: FunctionBuilder,
	layout: KernelLayout,
	pointers: RowPointers,
	featureCount: number,
	pairsPerBlock: number,
	body: (pairs: number, oddRow: boolean) => void,
): void {
	const rowBytes = featureCount * sizes.f64;
	c.i32Const(layout.features).set(pointers.features);
	c.i32Const(layout.targets).set(pointers.targets);
	const loopOver = (pairs: number): void => {
		// end = features + (rows rounded down to whole blocks) · rowBytes
		c.get(pointers.rows).i32Const(-2 * pairs).op('i32.and').i32Const(rowBytes).op('i32.mul').i32Const(layout.features).op('i32.add').set(pointers.end);
		c.block().loop();
		c.get(pointers.features).get(pointers.end).op('i32.ge_u').brIf(1);
		body(pairs, false);
		c.get(pointers.features).i32Const(2 * pairs * rowBytes).op('i32.add').set(pointers.features);
		c.get(pointers.targets).i32Const(2 * pairs * sizes.f64).op('i32.add').set(pointers.targets);
		c.br(0).end().end();
	};

	if (pairsPerBlock > 1) {
		loopOver(pairsPerBlock);
	}

	loopOver(1);
	c.get(pointers.rows).i32Const(1).op('i32.and').if();
	body(1, true);
	c.end();
}
