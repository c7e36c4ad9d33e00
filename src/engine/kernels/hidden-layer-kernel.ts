/**
 * The backprop network's epoch kernel (the loop of HiddenLayerNetwork.accumulateWeightSteps) for one
 * shape. Hidden units sit in the lanes (units 2v and 2v + 1 in vector v), records are taken a block at a
 * time, and the work runs in phases over the block, each a tight loop:
 *
 *   1. hidden inputs h = x·W: the leading dense columns, then the record's nonzero sparse entries
 *   2. activations a = f(h), every hidden unit of the block in one stream
 *   3. output inputs a·W_ho, two records at a time (records in the lanes)
 *   4. outputs ŷ = f(a·W_ho) and output error terms δᵒ = (y − ŷ)·ŷ(1 − ŷ), in one stream
 *   5. output steps δᵒ·a (kept in registers across the block) and hidden error terms δʰ = δᵒ·W_ho·a(1 − a)
 *   6. steps δʰ·x of the dense columns (kept in registers across the block)
 *   7. steps δʰ·x of the sparse entries
 *
 * Every sum runs in the reference's order and every product is the reference's, and skipping a zero
 * feature adds nothing the reference would not add as ±0, so with the exact sigmoid the steps are bit for
 * bit the reference's (for finite weights: 0·∞ would be NaN there). The `fused` kernels fuse the products
 * of phases 1, 5, 6 and 7 into their sums where the processor can (fused-multiply-add.ts): one rounding
 * instead of two, and a tenth less time on the admissions data with 16 hidden units.
 *
 * Slots: input→hidden weight (f, j) in f·Hp + j, hidden→output weight j in F·Hp + j, Hp the hidden units
 * rounded up to even (the padding unit has zero weights and its steps are dropped).
 */
import {fastSigmoidOneOffset} from './fast-sigmoid.js';
import {emitMulAdd} from './fused-multiply-add.js';
import {alignToVector, kernelLayout, kernelModule, kernelParams, type KernelLayout, type KernelSource} from './kernel-layout.js';
import {kernelFunctionName, kernelSigmoids, sigmoidEmitter, type KernelSigmoid} from './kernel-sigmoid.js';
import {FunctionBuilder, sizes, valueType} from './wasm-assembler.js';

/** Bytes of activations a block keeps (it stays in L1 between the phases). */
const blockActivationBytes = 16_384;
/** Most records per block in a kernel's own memory (records resident or copied in by chunks). */
const maxResidentBlockRows = 64;
/**
 * Most records per block reading a record memory in place, where records stream from L3 or main memory
 * and the prefetchers keep up only when a block asks for few lines at a time. Measured, one thread, 16
 * features, 2 hidden units: 64 rows → 16 took an epoch over a million rows from 23.8 to 21.2 ms, over
 * 100k from 2.06 to 1.73 ms. (On the admissions data, in a kernel's own memory, the size made no difference.)
 * 8 or 32 rows then made no difference; later, on a host whose main memory answered more slowly, 16 rows →
 * 8 took a million rows from 24.5–25.5 to 21.7–22.2 ms (100k rows 1.95–2.08 ms either way; 4 rows 26.1 and
 * 2.53, 32 rows 27.9 and 2.33), and on two threads 12.8–12.9 → 11.3–12.2 ms: 8 it is. Measured and left
 * out: making the next block's hidden inputs in the loops of this block's dense steps, as the single unit's
 * kernel does with its phases, 5% slower on 100k rows and no faster on a million; touching the next
 * block's lines in those loops, 14% slower on a million.
 */
const maxStreamingBlockRows = 8;
/** Accumulators a phase keeps in registers at once (x64 has 16 vector registers). */
const registerAccumulators = 8;
/** Hidden-unit vectors phase 1 sums at a time: with the record's values and the weights, more would spill (measured). */
const forwardTileVectors = 4;
/** Sigmoids in flight per loop iteration of phase 2. */
const sigmoidWidth = 4;
const i32Bytes = 4;

/** The hidden units rounded up to even, as the kernel lays out its weights and steps. */
export function paddedHiddenCount(hiddenCount: number): number {
	return hiddenCount + (hiddenCount % 2);
}

/** A kernel shape: the network's, and how the records it reads are laid out (record-profile.ts). */
export type HiddenLayerShape = {
	featureCount: number;
	hiddenCount: number;
	/** Leading columns held densely; the rest come as sparse entries. */
	denseColumns: number;
	/**
	 * When positive, every record has exactly this many sparse entries, each a 1 (dummy columns): they are
	 * read without a loop, and x·w = w, δ·x = δ need no multiplication. 0: any entries, in a loop.
	 */
	unitEntries: number;
};

/**
 * Build the kernels for a network of this shape, working in their own memory or, given a `region` of a
 * record memory, in that (reading its records in place; every column dense).
 */
export function hiddenLayerKernel({featureCount, hiddenCount, denseColumns, unitEntries}: HiddenLayerShape, region?: number): KernelSource {
	if (region !== undefined && denseColumns !== featureCount) {
		throw new RangeError('a kernel reading records in place reads every column densely');
	}

	const paddedHidden = paddedHiddenCount(hiddenCount);
	const rowBytes = paddedHidden * sizes.f64;
	const maxBlockRows = region === undefined ? maxResidentBlockRows : maxStreamingBlockRows;
	const blockRows = Math.max(2, Math.min(maxBlockRows, 2 * Math.floor(blockActivationBytes / rowBytes / 2)));
	// activations of the block, one spare row (a pair past an odd end) and room for phase 2's overrun
	const activationBytes = alignToVector((blockRows + 1) * rowBytes + sigmoidWidth * sizes.v128);
	// the output error terms, with room for phase 4's overrun of sigmoidWidth pairs
	const errorTermBytes = alignToVector((blockRows + 2 * sigmoidWidth) * sizes.f64);
	const slotCount = (featureCount + 1) * paddedHidden;
	const layout = kernelLayout({weightSlots: slotCount, scratchBytes: activationBytes + errorTermBytes, featureCount, rowsPerBlock: blockRows, region});
	const spec: Spec = {
		featureCount,
		hiddenCount,
		denseColumns,
		unitEntries,
		vectors: paddedHidden / 2,
		rowBytes,
		blockRows,
		layout,
		activations: layout.scratch,
		errorTerms: layout.scratch + activationBytes,
		outputWeights: layout.weights + featureCount * rowBytes,
		outputSteps: layout.steps + featureCount * rowBytes,
	};
	const module = kernelModule(layout);
	for (const sigmoid of kernelSigmoids) {
		module.add(kernelFunctionName('accumulate', sigmoid), hiddenLayerFunction(spec, sigmoid, false));
		module.add(kernelFunctionName('predict', sigmoid), hiddenLayerFunction(spec, sigmoid, true));
	}

	const weightSlots = new Int32Array(featureCount * hiddenCount + hiddenCount);
	for (let row = 0; row <= featureCount; row++) {
		for (let hidden = 0; hidden < hiddenCount; hidden++) {
			weightSlots[row * hiddenCount + hidden] = row * paddedHidden + hidden;
		}
	}

	return {module, layout, weightSlots, slotCount, denseColumns, columnStride: rowBytes};
}

type Spec = HiddenLayerShape & {
	/** f64x2 vectors of hidden units per record. */
	vectors: number;
	/** Bytes of one record's hidden units (and of one weight row). */
	rowBytes: number;
	blockRows: number;
	layout: KernelLayout;
	/** Byte offsets of the block's activations (then hidden error terms) and output error terms. */
	activations: number;
	errorTerms: number;
	/** Byte offsets of the hidden→output weights and their steps. */
	outputWeights: number;
	outputSteps: number;
};

/** Split 0 … count − 1 into consecutive tiles of at most `size`. */
function tiles(count: number, size: number): number[][] {
	const result: number[][] = [];
	for (let first = 0; first < count; first += size) {
		result.push(Array.from({length: Math.min(size, count - first)}, (_, index) => first + index));
	}

	return result;
}

function hiddenLayerFunction(spec: Spec, sigmoid: KernelSigmoid, predictOnly: boolean): FunctionBuilder {
	const {featureCount, hiddenCount, denseColumns, unitEntries, vectors, rowBytes, blockRows, layout, activations, errorTerms, outputWeights, outputSteps} = spec;
	const c = new FunctionBuilder(Object.keys(kernelParams).map(() => valueType.i32));
	const i32 = (): number => c.local(valueType.i32);
	const v128 = (): number => c.local(valueType.v128);
	const {first, last, targets, features, rowStarts, columns, values} = kernelParams;
	const emitSigmoids = sigmoidEmitter(c, sigmoid, sigmoidWidth, layout.sigmoidTables);
	const mulAdd = (a: () => void, b: () => void, addend: () => void): void => emitMulAdd(c, a, b, addend, sigmoid === 'fused');
	const one = v128();
	c.i32Const(0).simdMemory('v128.load', layout.sigmoidTables + fastSigmoidOneOffset).set(one);
	const blockStart = i32();
	const blockEnd = i32();
	const row = i32();
	const activation = i32();
	const entry = i32();
	const entryEnd = i32();
	const column = i32();
	const end = i32();
	const output = i32();
	const target = i32();
	const value = v128();
	const denseValue = Array.from({length: denseColumns}, v128);
	const sigmoidIn = Array.from({length: sigmoidWidth}, v128);
	const sigmoidOut = Array.from({length: sigmoidWidth}, v128);
	const denseRowBytes = denseColumns * sizes.f64;

	/** Loop over the block's records (`step` at a time), `row` the record and `activation` its activations. */
	const forEachRow = (body: () => void, step = 1): void => {
		c.get(blockStart).set(row);
		c.i32Const(activations).set(activation);
		c.block().loop();
		c.get(row).get(blockEnd).op('i32.ge_u').brIf(1);
		body();
		c.get(activation).i32Const(step * rowBytes).op('i32.add').set(activation);
		c.get(row).i32Const(step).op('i32.add').set(row);
		c.br(0).end().end();
	};

	/**
	 * Emit `body(unit)` for each sparse entry of `row`, `column` holding the byte offset of its weight row and,
	 * unless the entries are units (then every value is 1), `value` its value splat.
	 */
	const forEachEntry = (body: (unit: boolean) => void): void => {
		if (unitEntries > 0) {
			for (let index = 0; index < unitEntries; index++) {
				c.get(row).i32Const(unitEntries * i32Bytes).op('i32.mul').get(columns).op('i32.add').memory('i32.load', index * i32Bytes).set(column);
				body(true);
			}

			return;
		}

		c.get(row).i32Const(2).op('i32.shl').get(rowStarts).op('i32.add').tee(entry).memory('i32.load', i32Bytes).set(entryEnd);
		c.get(entry).memory('i32.load').set(entry);
		c.block().loop();
		c.get(entry).get(entryEnd).op('i32.ge_u').brIf(1);
		c.get(entry).i32Const(3).op('i32.shl').get(values).op('i32.add').simdMemory('v128.load64_splat').set(value);
		c.get(entry).i32Const(2).op('i32.shl').get(columns).op('i32.add').memory('i32.load').set(column);
		body(false);
		c.get(entry).i32Const(1).op('i32.add').set(entry);
		c.br(0).end().end();
	};

	/** Splat dense columns `columnsToLoad` of `row` into denseValue. */
	const loadDense = (columnsToLoad: readonly number[]): void => {
		for (const feature of columnsToLoad) {
			c.get(row).i32Const(denseRowBytes).op('i32.mul').get(features).op('i32.add').simdMemory('v128.load64_splat', feature * sizes.f64).set(denseValue[feature]!);
		}
	};

	const allDense = Array.from({length: denseColumns}, (_, index) => index);
	c.get(first).set(blockStart);
	c.block().loop();
	c.get(blockStart).get(last).op('i32.ge_u').brIf(1);
	c.get(blockStart).i32Const(blockRows).op('i32.add').tee(blockEnd).get(last).op('i32.gt_u').if().get(last).set(blockEnd).end();

	// 1. hidden inputs h_j = Σ x_f·w_fj in feature order (the reference's 0 + x₀w₀ is x₀w₀ but for the sign
	// of a zero, which f ignores)
	for (const tile of tiles(vectors, forwardTileVectors)) {
		const hiddenInput = tile.map(() => v128());
		forEachRow(() => {
			loadDense(allDense);
			tile.forEach((vector, index) => {
				if (denseColumns === 0) {
					c.f64x2Const(0).set(hiddenInput[index]!);
					return;
				}

				const weight = (feature: number) => (): void => {
					c.i32Const(0).simdMemory('v128.load', layout.weights + feature * rowBytes + vector * sizes.v128);
				};

				c.get(denseValue[0]!);
				weight(0)();
				c.simd('f64x2.mul').set(hiddenInput[index]!);
				for (let feature = 1; feature < denseColumns; feature++) {
					mulAdd(() => c.get(denseValue[feature]!), weight(feature), () => c.get(hiddenInput[index]!));
					c.set(hiddenInput[index]!);
				}
			});
			if (denseColumns < featureCount) {
				forEachEntry(unit => tile.forEach((vector, index) => {
					const weight = (): void => {
						c.get(column).simdMemory('v128.load', layout.weights + vector * sizes.v128);
					};

					if (unit) {
						c.get(hiddenInput[index]!);
						weight();
						c.simd('f64x2.add');
					} else {
						mulAdd(() => c.get(value), weight, () => c.get(hiddenInput[index]!));
					}

					c.set(hiddenInput[index]!);
				}));
			}

			tile.forEach((vector, index) => c.get(activation).get(hiddenInput[index]!).simdMemory('v128.store', vector * sizes.v128));
		});
	}

	// 2. a = f(h) over the block's activations, sigmoidWidth vectors at a time (the buffer has room for the overrun)
	c.i32Const(activations).set(activation);
	c.get(blockEnd).get(blockStart).op('i32.sub').i32Const(rowBytes).op('i32.mul').i32Const(activations).op('i32.add').set(end);
	c.block().loop();
	c.get(activation).get(end).op('i32.ge_u').brIf(1);
	sigmoidIn.forEach((local, index) => c.get(activation).simdMemory('v128.load', index * sizes.v128).set(local));
	emitSigmoids(sigmoidIn, sigmoidOut);
	sigmoidOut.forEach((local, index) => c.get(activation).get(local).simdMemory('v128.store', index * sizes.v128));
	c.get(activation).i32Const(sigmoidWidth * sizes.v128).op('i32.add').set(activation);
	c.br(0).end().end();
	// an odd block reads one record past its end as the second of a pair: make it zeros
	for (let vector = 0; vector < vectors; vector++) {
		c.get(end).f64x2Const(0).simdMemory('v128.store', vector * sizes.v128);
	}

	// 3. output inputs Σ a_j·W_j in unit order, records (r, r + 1) in the lanes, into the error terms' room
	const firstProducts = Array.from({length: vectors}, v128);
	const secondProducts = Array.from({length: vectors}, v128);
	const outputInput = v128();
	c.i32Const(errorTerms).set(end);
	forEachRow(() => {
		for (let vector = 0; vector < vectors; vector++) {
			c.i32Const(0).simdMemory('v128.load', outputWeights + vector * sizes.v128).set(outputInput);
			c.get(activation).simdMemory('v128.load', vector * sizes.v128).get(outputInput).simd('f64x2.mul').set(firstProducts[vector]!);
			c.get(activation).simdMemory('v128.load', rowBytes + vector * sizes.v128).get(outputInput).simd('f64x2.mul').set(secondProducts[vector]!);
		}

		for (let unit = 0; unit < hiddenCount; unit++) {
			const lane = (unit % 2) as 0 | 1;
			c.get(firstProducts[unit >> 1]!).get(secondProducts[unit >> 1]!).shuffle64(lane, (lane + 2) as 2 | 3);
			if (unit > 0) {
				c.simd('f64x2.add');
			}
		}

		c.set(outputInput);
		c.get(end).get(outputInput).simdMemory('v128.store');
		c.get(end).i32Const(2 * sizes.f64).op('i32.add').set(end);
	}, 2);

	// 4. ŷ = f(output input) for sigmoidWidth pairs at a time; predict stores ŷ, accumulate δᵒ = (y − ŷ)·ŷ·(1 − ŷ)
	const outputValue = Array.from({length: sigmoidWidth}, v128);
	c.get(blockStart).get(first).op('i32.sub').i32Const(3).op('i32.shl').i32Const(layout.outputs).op('i32.add').set(output);
	c.get(blockStart).i32Const(3).op('i32.shl').get(targets).op('i32.add').set(target);
	c.i32Const(errorTerms).set(activation);
	c.block().loop();
	c.get(activation).get(end).op('i32.ge_u').brIf(1);
	sigmoidIn.forEach((local, index) => c.get(activation).simdMemory('v128.load', index * sizes.v128).set(local));
	emitSigmoids(sigmoidIn, outputValue);
	outputValue.forEach((value, index) => {
		if (predictOnly) {
			c.get(output).get(value).simdMemory('v128.store', index * sizes.v128);
			return;
		}

		c.get(activation);
		c.get(target).simdMemory('v128.load', index * sizes.v128);
		c.get(value).simd('f64x2.sub').get(value).simd('f64x2.mul').get(one).get(value).simd('f64x2.sub').simd('f64x2.mul');
		c.simdMemory('v128.store', index * sizes.v128);
	});
	c.get(output).i32Const(sigmoidWidth * sizes.v128).op('i32.add').set(output);
	c.get(target).i32Const(sigmoidWidth * sizes.v128).op('i32.add').set(target);
	c.get(activation).i32Const(sigmoidWidth * sizes.v128).op('i32.add').set(activation);
	c.br(0).end().end();

	if (!predictOnly) {
		emitBackward();
	}

	c.get(blockEnd).set(blockStart);
	c.br(0).end().end();
	return c;

	function emitBackward(): void {
		// 5. output steps δᵒ·a_j, and over the activations the hidden error terms ((δᵒ·W_j)·a_j)·(1 − a_j)
		const errorTerm = v128();
		const active = v128();
		for (const tile of tiles(vectors, registerAccumulators)) {
			const step = tile.map(() => v128());
			tile.forEach((vector, index) => c.i32Const(0).simdMemory('v128.load', outputSteps + vector * sizes.v128).set(step[index]!));
			c.i32Const(errorTerms).set(end);
			forEachRow(() => {
				c.get(end).simdMemory('v128.load64_splat').set(errorTerm);
				tile.forEach((vector, index) => {
					c.get(activation).simdMemory('v128.load', vector * sizes.v128).set(active);
					mulAdd(() => c.get(errorTerm), () => c.get(active), () => c.get(step[index]!));
					c.set(step[index]!);
					c.get(activation).get(errorTerm).i32Const(0).simdMemory('v128.load', outputWeights + vector * sizes.v128).simd('f64x2.mul')
						.get(active).simd('f64x2.mul').get(one).get(active).simd('f64x2.sub').simd('f64x2.mul').simdMemory('v128.store', vector * sizes.v128);
				});
				c.get(end).i32Const(sizes.f64).op('i32.add').set(end);
			});
			tile.forEach((vector, index) => c.i32Const(0).get(step[index]!).simdMemory('v128.store', outputSteps + vector * sizes.v128));
		}

		// 6. steps δʰ_j·x_f of the dense columns, a tile of columns × unit vectors at a time
		const tileVectors = Math.min(vectors, registerAccumulators / 2);
		const tileColumns = Math.max(1, Math.floor(registerAccumulators / tileVectors));
		const term = Array.from({length: tileVectors}, v128);
		for (const columnTile of tiles(denseColumns, tileColumns)) {
			for (const vectorTile of tiles(vectors, tileVectors)) {
				const step = columnTile.map(() => vectorTile.map(() => v128()));
				const slot = (feature: number, vector: number): number => layout.steps + feature * rowBytes + vector * sizes.v128;
				columnTile.forEach((feature, i) => vectorTile.forEach((vector, j) => c.i32Const(0).simdMemory('v128.load', slot(feature, vector)).set(step[i]![j]!)));
				forEachRow(() => {
					loadDense(columnTile);
					vectorTile.forEach((vector, j) => {
						c.get(activation).simdMemory('v128.load', vector * sizes.v128).set(term[j]!);
						columnTile.forEach((feature, i) => {
							mulAdd(() => c.get(term[j]!), () => c.get(denseValue[feature]!), () => c.get(step[i]![j]!));
							c.set(step[i]![j]!);
						});
					});
				});
				columnTile.forEach((feature, i) => vectorTile.forEach((vector, j) => c.i32Const(0).get(step[i]![j]!).simdMemory('v128.store', slot(feature, vector))));
			}
		}

		// 7. steps δʰ_j·x of the sparse entries, straight into memory
		if (denseColumns < featureCount) {
			forEachRow(() => forEachEntry(unit => {
				for (let vector = 0; vector < vectors; vector++) {
					const step = (): void => {
						c.get(column).simdMemory('v128.load', layout.steps + vector * sizes.v128);
					};

					const term = (): void => {
						c.get(activation).simdMemory('v128.load', vector * sizes.v128);
					};

					c.get(column);
					if (unit) {
						step();
						term();
						c.simd('f64x2.add');
					} else {
						mulAdd(term, () => c.get(value), step);
					}

					c.simdMemory('v128.store', layout.steps + vector * sizes.v128);
				}
			}));
		}
	}
}
