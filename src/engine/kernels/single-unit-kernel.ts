/**
 * The single unit's epoch kernel (the loop of SingleUnit.accumulateWeightSteps) for one feature count, two
 * records per f64x2 (lane 0 row r, lane 1 row r + 1), a block of records at a time in three phases, each a
 * tight loop: the inputs h = Σ x·w of every pair, then f(h) in one stream, then the error terms and steps.
 * (One loop doing all three per pair waits on each pair's long chain of sums and sigmoid.) Each record's
 * sums run in the reference's order, so with the exact sigmoid the steps are bit for bit the reference's.
 */
import {alignToVector, kernelLayout, kernelModule, kernelParams, type KernelLayout, type KernelSource} from './kernel-layout.js';
import {kernelFunctionName, kernelSigmoids, sigmoidEmitter, type KernelSigmoid} from './kernel-sigmoid.js';
import {emitPairVectors, emitRowGroup} from './row-pair.js';
import {FunctionBuilder, sizes, valueType} from './wasm-assembler.js';

/** Records per block in a kernel's own memory (records resident or copied in by chunks, so in L1 or L2). */
const residentBlockRows = 64;
/**
 * Records per block reading a record memory in place: records then stream from L3 or main memory, and the
 * processor's prefetchers keep up only when each block asks for few lines at a time. Measured, one thread,
 * 16 features: 64 rows → 16 took an epoch over a million rows from 14.0 to 10.4 ms and over 100k from
 * 1.11 to 0.87 ms (8 rows: the same; 32: between). On the small data of a kernel's own memory 16 rows were
 * 5% slower than 64. Also measured and left out: making the next block's inputs before finishing this one
 * (so its loads overlap this block's sigmoids), 6–8% slower at both sizes; 2 MB pages, no change.
 */
const streamingBlockRows = 16;
/** Sigmoids in flight per loop iteration of the second phase. */
const sigmoidWidth = 4;

/**
 * Build the kernels for a single unit on `featureCount` features (every column dense), working in their own
 * memory or, given a `region` of a record memory, in that (reading its records in place).
 */
export function singleUnitKernel(featureCount: number, region?: number): KernelSource {
	const slotCount = Math.ceil(featureCount / 2) * 2;
	const blockRows = region === undefined ? residentBlockRows : streamingBlockRows;
	// the scratch: one f64x2 of inputs (then outputs) per pair of the block, and room for the sigmoid's overrun
	const scratchBytes = alignToVector(((blockRows / 2) + sigmoidWidth) * sizes.v128);
	const layout = kernelLayout({weightSlots: slotCount, scratchBytes, featureCount, rowsPerBlock: blockRows, region});
	const module = kernelModule(layout);
	for (const sigmoid of kernelSigmoids) {
		module.add(kernelFunctionName('accumulate', sigmoid), singleUnitFunction(featureCount, blockRows, layout, sigmoid, false));
		module.add(kernelFunctionName('predict', sigmoid), singleUnitFunction(featureCount, blockRows, layout, sigmoid, true));
	}

	const weightSlots = Int32Array.from({length: featureCount}, (_, index) => index);
	return {module, layout, weightSlots, slotCount, denseColumns: featureCount, columnStride: sizes.f64};
}

function singleUnitFunction(featureCount: number, blockRows: number, layout: KernelLayout, sigmoid: KernelSigmoid, predictOnly: boolean): FunctionBuilder {
	const groups = Math.ceil(featureCount / 2);
	const rowBytes = featureCount * sizes.f64;
	const c = new FunctionBuilder(Object.keys(kernelParams).map(() => valueType.i32));
	const i32 = (): number => c.local(valueType.i32);
	const v128 = (): number => c.local(valueType.v128);
	const {first, last, targets, features} = kernelParams;
	const emitSigmoids = sigmoidEmitter(c, sigmoid, sigmoidWidth, layout.sigmoidTables);
	const blockStart = i32();
	const blockEnd = i32();
	const row = i32();
	const record = i32();
	const second = i32();
	const pair = i32();
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

	/** Loop over the block's pairs (r, r + 1): `row` is r, `record` its features, `pair` its scratch slot. */
	const forEachPair = (body: () => void): void => {
		c.get(blockStart).set(row);
		c.get(blockStart).i32Const(rowBytes).op('i32.mul').get(features).op('i32.add').set(record);
		c.i32Const(layout.scratch).set(pair);
		c.block().loop();
		c.get(row).get(blockEnd).op('i32.ge_u').brIf(1);
		body();
		c.get(row).i32Const(2).op('i32.add').set(row);
		c.get(record).i32Const(2 * rowBytes).op('i32.add').set(record);
		c.get(pair).i32Const(sizes.v128).op('i32.add').set(pair);
		c.br(0).end().end();
	};

	if (!predictOnly) {
		steps.forEach((local, group) => c.i32Const(0).simdMemory('v128.load', stepsAt(group)).set(local));
	}

	c.get(first).set(blockStart);
	c.i32Const(layout.outputs).set(output);
	c.block().loop();
	c.get(blockStart).get(last).op('i32.ge_u').brIf(1);
	c.get(blockStart).i32Const(blockRows).op('i32.add').tee(blockEnd).get(last).op('i32.gt_u').if().get(last).set(blockEnd).end();

	// 1. h = Σ x_f·w_f from 0 in feature order, for both records of each pair (an odd last record twice)
	forEachPair(() => {
		c.get(record).i32Const(rowBytes).op('i32.add').set(second);
		c.get(row).i32Const(1).op('i32.add').get(blockEnd).op('i32.ge_u').if().get(record).set(second).end();
		c.f64x2Const(0).set(input);
		emitPairVectors(c, record, second, featureCount, scratch, (feature, vector) => {
			c.get(input).get(vector).i32Const(0).simdMemory('v128.load64_splat', layout.weights + feature * sizes.f64);
			c.simd('f64x2.mul').simd('f64x2.add').set(input);
		});
		c.get(pair).get(input).simdMemory('v128.store');
	});

	// 2. ŷ = f(h) over the block's pairs, sigmoidWidth at a time (the scratch has room for the overrun)
	c.i32Const(layout.scratch).set(pair);
	c.get(blockEnd).get(blockStart).op('i32.sub').i32Const(1).op('i32.add').i32Const(1).op('i32.shr_u').i32Const(Math.log2(sizes.v128)).op('i32.shl')
		.i32Const(layout.scratch).op('i32.add').set(end);
	c.block().loop();
	c.get(pair).get(end).op('i32.ge_u').brIf(1);
	sigmoidIn.forEach((local, index) => c.get(pair).simdMemory('v128.load', index * sizes.v128).set(local));
	emitSigmoids(sigmoidIn, sigmoidOut);
	sigmoidOut.forEach((local, index) => c.get(pair).get(local).simdMemory('v128.store', index * sizes.v128));
	c.get(pair).i32Const(sigmoidWidth * sizes.v128).op('i32.add').set(pair);
	c.br(0).end().end();

	// 3. predict: store ŷ; accumulate: δ = (y − ŷ)·ŷ·(1 − ŷ), left to right as the reference, and the steps δ·x
	forEachPair(() => {
		if (predictOnly) {
			c.get(output).get(pair).simdMemory('v128.load').simdMemory('v128.store');
			c.get(output).i32Const(sizes.v128).op('i32.add').set(output);
			return;
		}

		c.get(pair).simdMemory('v128.load').set(input);
		c.get(row).i32Const(3).op('i32.shl').get(targets).op('i32.add').simdMemory('v128.load');
		c.get(input).simd('f64x2.sub').get(input).simd('f64x2.mul').f64x2Const(1).get(input).simd('f64x2.sub').simd('f64x2.mul').set(errorTerm);
		const addSteps = (lane: 0 | 1): void => {
			c.get(errorTerm).get(errorTerm).shuffle64(lane, lane).set(rowErrorTerm);
			steps.forEach((local, group) => {
				c.get(local).get(rowErrorTerm);
				emitRowGroup(c, record, lane * rowBytes, group, featureCount);
				c.simd('f64x2.mul').simd('f64x2.add').set(local);
			});
		};

		addSteps(0);
		c.get(row).i32Const(1).op('i32.add').get(blockEnd).op('i32.lt_u').if();
		addSteps(1);
		c.end();
	});

	c.get(blockEnd).set(blockStart);
	c.br(0).end().end();
	if (!predictOnly) {
		steps.forEach((local, group) => c.i32Const(0).get(local).simdMemory('v128.store', stepsAt(group)));
	}

	return c;
}
