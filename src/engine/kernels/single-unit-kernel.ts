/**
 * The single unit's epoch kernel (the loop of SingleUnit.accumulateWeightSteps) for one feature count, two
 * records per f64x2 (lane 0 row r, lane 1 row r + 1), a block of records at a time in three phases, each a
 * tight loop: the inputs h = Σ x·w of every pair, then f(h) in one stream, then the error terms and steps.
 * (One loop doing all three per pair waits on each pair's long chain of sums and sigmoid.) The first and
 * last phases are run as one loop over two blocks: the next block's inputs beside this block's steps, so
 * the records still to come are asked for all along rather than in bursts (see streamingBlockRows). Each
 * record's sums run in the reference's order, so with the exact sigmoid the steps are bit for bit the
 * reference's.
 */
import {alignToVector, kernelLayout, kernelModule, kernelParams, type KernelLayout, type KernelSource} from './kernel-layout.js';
import {kernelFunctionName, kernelSigmoids, sigmoidEmitter, type KernelSigmoid} from './kernel-sigmoid.js';
import {emitPairVectors, emitRowGroup} from './row-pair.js';
import {FunctionBuilder, sizes, valueType} from './wasm-assembler.js';

/** Records per block in a kernel's own memory (records resident or copied in by chunks, so in L1 or L2). */
const residentBlockRows = 64;
/**
 * Records per block reading a record memory in place: records then stream from L3 or main memory, and the
 * processor's prefetchers keep up only when the kernel asks for few lines at a time, and steadily.
 * Measured, one thread, 16 features, with the three phases as separate loops: 64 rows → 16 took an epoch
 * over a million rows from 14.0 to 10.4 ms and over 100k from 1.11 to 0.87 ms. Running the next block's
 * inputs in the loop of this block's steps then took a million rows from 10.2 to 9.1 ms (100k unchanged);
 * with it, blocks of 16 rows were as quick as 8 or 12 and quicker than 20 to 64. Later, on a host whose main
 * memory answered more slowly (a million rows 12.9–13.2 ms at 16 rows), 8 rows took them to 10.7–11.1 ms
 * (100k rows 0.92–1.05 ms either way; 4 rows 12.2–12.4 and 1.14–1.15, 12 rows 11.8 and 0.96, 32 rows 16.9,
 * 64 rows 18.2), and on two threads 6.5–7.0 → 5.7–6.1 ms: 8 it is. Also measured and left out: making the
 * next block's inputs before this block's sigmoids, 6–8% slower; a third stage (the next block's sigmoids
 * in the same loop), slower than two; 2 MB pages, no change.
 */
const streamingBlockRows = 8;
/** Sigmoids in flight per loop iteration of the second phase. */
const sigmoidWidth = 4;

/**
 * Build the kernels for a single unit on `featureCount` features (every column dense), working in their own
 * memory or, given a `region` of a record memory, in that (reading its records in place).
 */
export function singleUnitKernel(featureCount: number, region?: number): KernelSource {
	const slotCount = Math.ceil(featureCount / 2) * 2;
	const blockRows = region === undefined ? residentBlockRows : streamingBlockRows;
	// the scratch: two buffers (this block's and the next's), each one f64x2 of inputs (then outputs) per
	// pair of a block, and room for the sigmoid's overrun
	const bufferBytes = alignToVector(((blockRows / 2) + sigmoidWidth) * sizes.v128);
	const layout = kernelLayout({weightSlots: slotCount, scratchBytes: 2 * bufferBytes, featureCount, rowsPerBlock: blockRows, region});
	const module = kernelModule(layout);
	for (const sigmoid of kernelSigmoids) {
		module.add(kernelFunctionName('accumulate', sigmoid), singleUnitFunction(featureCount, {blockRows, bufferBytes}, layout, sigmoid, false));
		module.add(kernelFunctionName('predict', sigmoid), singleUnitFunction(featureCount, {blockRows, bufferBytes}, layout, sigmoid, true));
	}

	const weightSlots = Int32Array.from({length: featureCount}, (_, index) => index);
	return {module, layout, weightSlots, slotCount, denseColumns: featureCount, columnStride: sizes.f64};
}

/** The kernel function: `blockRows` records a block, each block's scratch buffer `bufferBytes` long. */
function singleUnitFunction(
	featureCount: number,
	{blockRows, bufferBytes}: {blockRows: number; bufferBytes: number},
	layout: KernelLayout,
	sigmoid: KernelSigmoid,
	predictOnly: boolean,
): FunctionBuilder {
	const groups = Math.ceil(featureCount / 2);
	const rowBytes = featureCount * sizes.f64;
	const c = new FunctionBuilder(Object.keys(kernelParams).map(() => valueType.i32));
	const i32 = (): number => c.local(valueType.i32);
	const v128 = (): number => c.local(valueType.v128);
	const {first, last, targets, features} = kernelParams;
	const emitSigmoids = sigmoidEmitter(c, sigmoid, sigmoidWidth, layout.sigmoidTables);
	const block = {start: i32(), end: i32(), scratch: i32()};
	const next = {end: i32(), scratch: i32()};
	/** A walk over a block's pairs (r, r + 1): `row` is r, `record` its features, `pair` its scratch slot. */
	const walk = {row: i32(), record: i32(), second: i32(), pair: i32()};
	const nextWalk = {row: i32(), record: i32(), second: i32(), pair: i32()};
	const swap = i32();
	const end = i32();
	const output = i32();
	const steps = Array.from({length: groups}, v128);
	const scratch = {first: v128(), second: v128(), pair: v128()};
	const input = v128();
	const sigmoidIn = Array.from({length: sigmoidWidth}, v128);
	const sigmoidOut = Array.from({length: sigmoidWidth}, v128);
	const errorTerm = v128();
	const rowErrorTerm = v128();
	const stepsAt = (group: number): number => layout.steps + group * sizes.v128;
	type Walk = typeof walk;

	/** Start `at` on the pair of row `row` (a local), scratch slots from `pairs` (a local). */
	const startWalk = (at: Walk, row: number, pairs: number): void => {
		c.get(row).set(at.row);
		c.get(row).i32Const(rowBytes).op('i32.mul').get(features).op('i32.add').set(at.record);
		c.get(pairs).set(at.pair);
	};

	const stepWalk = (at: Walk): void => {
		c.get(at.row).i32Const(2).op('i32.add').set(at.row);
		c.get(at.record).i32Const(2 * rowBytes).op('i32.add').set(at.record);
		c.get(at.pair).i32Const(sizes.v128).op('i32.add').set(at.pair);
	};

	/** Loop `body` over the pairs of rows [row, end) (locals), scratch slots from `pairs`. */
	const forEachPair = (at: Walk, row: number, endRow: number, pairs: number, body: () => void): void => {
		startWalk(at, row, pairs);
		c.block().loop();
		c.get(at.row).get(endRow).op('i32.ge_u').brIf(1);
		body();
		stepWalk(at);
		c.br(0).end().end();
	};

	/** 1. h = Σ x_f·w_f from 0 in feature order, for both records of the pair (an odd last record, before `endRow`, twice). */
	const emitInputs = (at: Walk, endRow?: number): void => {
		c.get(at.record).i32Const(rowBytes).op('i32.add').set(at.second);
		if (endRow !== undefined) {
			c.get(at.row).i32Const(1).op('i32.add').get(endRow).op('i32.ge_u').if().get(at.record).set(at.second).end();
		}

		c.f64x2Const(0).set(input);
		emitPairVectors(c, at.record, at.second, featureCount, scratch, (feature, vector) => {
			c.get(input).get(vector).i32Const(0).simdMemory('v128.load64_splat', layout.weights + feature * sizes.f64);
			c.simd('f64x2.mul').simd('f64x2.add').set(input);
		});
		c.get(at.pair).get(input).simdMemory('v128.store');
	};

	/** 2. ŷ = f(h) over the block's pairs, sigmoidWidth at a time (the scratch has room for the overrun). */
	const emitOutputs = (): void => {
		c.get(block.scratch).set(walk.pair);
		c.get(block.end).get(block.start).op('i32.sub').i32Const(1).op('i32.add').i32Const(1).op('i32.shr_u').i32Const(Math.log2(sizes.v128)).op('i32.shl')
			.get(block.scratch).op('i32.add').set(end);
		c.block().loop();
		c.get(walk.pair).get(end).op('i32.ge_u').brIf(1);
		sigmoidIn.forEach((local, index) => c.get(walk.pair).simdMemory('v128.load', index * sizes.v128).set(local));
		emitSigmoids(sigmoidIn, sigmoidOut);
		sigmoidOut.forEach((local, index) => c.get(walk.pair).get(local).simdMemory('v128.store', index * sizes.v128));
		c.get(walk.pair).i32Const(sigmoidWidth * sizes.v128).op('i32.add').set(walk.pair);
		c.br(0).end().end();
	};

	/**
	 * 3. predict: store ŷ; accumulate: δ = (y − ŷ)·ŷ·(1 − ŷ), left to right as the reference, and the steps
	 * δ·x (the second record's only when it is before `endRow`).
	 */
	const emitFinish = (endRow?: number): void => {
		if (predictOnly) {
			c.get(output).get(walk.pair).simdMemory('v128.load').simdMemory('v128.store');
			c.get(output).i32Const(sizes.v128).op('i32.add').set(output);
			return;
		}

		c.get(walk.pair).simdMemory('v128.load').set(input);
		c.get(walk.row).i32Const(3).op('i32.shl').get(targets).op('i32.add').simdMemory('v128.load');
		c.get(input).simd('f64x2.sub').get(input).simd('f64x2.mul').f64x2Const(1).get(input).simd('f64x2.sub').simd('f64x2.mul').set(errorTerm);
		const addSteps = (lane: 0 | 1): void => {
			c.get(errorTerm).get(errorTerm).shuffle64(lane, lane).set(rowErrorTerm);
			steps.forEach((local, group) => {
				c.get(local).get(rowErrorTerm);
				emitRowGroup(c, walk.record, lane * rowBytes, group, featureCount);
				c.simd('f64x2.mul').simd('f64x2.add').set(local);
			});
		};

		addSteps(0);
		if (endRow === undefined) {
			addSteps(1);
			return;
		}

		c.get(walk.row).i32Const(1).op('i32.add').get(endRow).op('i32.lt_u').if();
		addSteps(1);
		c.end();
	};

	/** end = min(from + blockRows, last). */
	const blockEndAfter = (from: number, endLocal: number): void => {
		c.get(from).i32Const(blockRows).op('i32.add').tee(endLocal).get(last).op('i32.gt_u').if().get(last).set(endLocal).end();
	};

	const isFull = (start: number, endLocal: number): void => {
		c.get(endLocal).get(start).op('i32.sub').i32Const(blockRows).op('i32.eq');
	};

	if (!predictOnly) {
		steps.forEach((local, group) => c.i32Const(0).simdMemory('v128.load', stepsAt(group)).set(local));
	}

	// two scratch buffers: this block's and the next's
	c.i32Const(layout.scratch).set(block.scratch);
	c.i32Const(layout.scratch + bufferBytes).set(next.scratch);
	c.i32Const(layout.outputs).set(output);
	c.get(first).set(block.start);
	blockEndAfter(block.start, block.end);
	c.get(block.start).get(last).op('i32.lt_u').if();
	forEachPair(walk, block.start, block.end, block.scratch, () => emitInputs(walk, block.end));
	c.end();

	// each turn: this block's inputs are made; its outputs, its steps and the next block's inputs
	c.block().loop();
	c.get(block.start).get(last).op('i32.ge_u').brIf(1);
	emitOutputs();
	blockEndAfter(block.end, next.end);
	isFull(block.start, block.end);
	isFull(block.end, next.end);
	c.op('i32.and').if();
	// both full: one loop, the next block's pair beside this block's
	startWalk(walk, block.start, block.scratch);
	startWalk(nextWalk, block.end, next.scratch);
	c.block().loop();
	c.get(walk.row).get(block.end).op('i32.ge_u').brIf(1);
	emitInputs(nextWalk);
	emitFinish();
	stepWalk(walk);
	stepWalk(nextWalk);
	c.br(0).end().end();
	c.else();
	forEachPair(walk, block.start, block.end, block.scratch, () => emitFinish(block.end));
	c.get(block.end).get(last).op('i32.lt_u').if();
	forEachPair(nextWalk, block.end, next.end, next.scratch, () => emitInputs(nextWalk, next.end));
	c.end();
	c.end();
	c.get(block.scratch).set(swap);
	c.get(next.scratch).set(block.scratch);
	c.get(swap).set(next.scratch);
	c.get(block.end).set(block.start);
	c.get(next.end).set(block.end);
	c.br(0).end().end();
	if (!predictOnly) {
		steps.forEach((local, group) => c.i32Const(0).get(local).simdMemory('v128.store', stepsAt(group)));
	}

	return c;
}
