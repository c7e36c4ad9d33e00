/**
 * Reading big records where they lie (record-memory.ts), a kernel would stall on memory at every block.
 * WebAssembly has no prefetch instruction, so before each block the kernel loads one value from every
 * cache line of the block `aheadBlocks` further on (its features, then its targets): those lines are on
 * their way while this block is worked. Measured on a million rows of 16 features, one thread: an epoch of
 * the single unit went from 14.7 to 13.4 ms; on data that fits the cache it changes nothing. The touches
 * go out together: spread a few per row through the block, each miss held the core up on its own
 * (20.8 ms), and touching every second or fourth line only was slower too (17–18 ms). Touching the
 * targets too gained about 1%.
 */
import {kernelParams} from './kernel-layout.js';
import {sizes, valueType, type FunctionBuilder} from './wasm-assembler.js';

/** How many blocks ahead lines are touched (2 to 8 measured the same). */
const aheadBlocks = 2;
const cacheLineBytes = 64;
/** The touches' sums (independent, so no load waits on another's add). */
const touchSums = 4;

/** Emits the touches of one block's records, and the store that keeps their loads alive. */
export type TouchAhead = {
	/** Emit, at the start of the block beginning at record `blockStart`: touch the lines of the block `aheadBlocks` on, if it is before `last`. */
	block(blockStart: number): void;
	/** Emit, at the end of the function: store what was touched at byte `sink` (nothing reads it). */
	finish(sink: number): void;
};

/**
 * Declare the touches' locals in `c` for blocks of `blockRows` records of `rowBytes` bytes read from the
 * `features` parameter. The touches are unrolled: a loop of them measured 15% slower than none at all.
 */
export function touchAhead(c: FunctionBuilder, blockRows: number, rowBytes: number): TouchAhead {
	const at = c.local(valueType.i32);
	const sums = Array.from({length: touchSums}, () => c.local(valueType.f64));
	const lines = Math.ceil((blockRows * rowBytes) / cacheLineBytes);
	const targetLines = Math.ceil((blockRows * sizes.f64) / cacheLineBytes);
	return {
		block(blockStart) {
			const ahead = aheadBlocks * blockRows;
			c.get(blockStart).i32Const(ahead + blockRows).op('i32.add').get(kernelParams.last).op('i32.le_u').if();
			c.get(blockStart).i32Const(ahead).op('i32.add').i32Const(rowBytes).op('i32.mul').get(kernelParams.features).op('i32.add').set(at);
			for (let line = 0; line < lines; line++) {
				const sum = sums[line % touchSums]!;
				c.get(sum).get(at).memory('f64.load', line * cacheLineBytes).op('f64.add').set(sum);
			}

			// and the lines of those records' targets, a second stream
			c.get(blockStart).i32Const(ahead).op('i32.add').i32Const(sizes.f64).op('i32.mul').get(kernelParams.targets).op('i32.add').set(at);
			for (let line = 0; line < targetLines; line++) {
				const sum = sums[line % touchSums]!;
				c.get(sum).get(at).memory('f64.load', line * cacheLineBytes).op('f64.add').set(sum);
			}

			c.end();
		},
		finish(sink) {
			c.i32Const(0).get(sums[0]!);
			for (const sum of sums.slice(1)) {
				c.get(sum).op('f64.add');
			}

			c.memory('f64.store', sink);
		},
	};
}
