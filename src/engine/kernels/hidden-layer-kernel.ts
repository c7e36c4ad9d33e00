/**
 * The backprop network's epoch kernel (the loop of HiddenLayerNetwork.accumulateWeightSteps) for one
 * feature count and hidden layer size, fully unrolled. Forward sums run per record in the reference's
 * order with the two records of a pair in the lanes; the steps run with neighbouring hidden units in the
 * lanes, one record after the other, so every step is bit for bit the reference's.
 *
 * Steps are kept padded to an even number of hidden units: input→hidden step (f, j) in slot f·Hp + j,
 * hidden→output step j in slot F·Hp + j.
 */
import {emitRowLoops, kernelLayout, type KernelLayout} from './kernel-layout.js';
import {emitPairVectors} from './row-pair.js';
import {emitSigmoids, sigmoidLocals} from './simd-sigmoid.js';
import {emitStoreOutputs, type KernelSource} from './single-unit-kernel.js';
import {FunctionBuilder, ModuleBuilder, sizes, valueType} from './wasm-assembler.js';

/** Hidden sigmoids wanted in flight per loop iteration; small layers take several row pairs at a time. */
const sigmoidsPerBlock = 8;
/** Sigmoids interleaved at a time (more only spills registers). */
const sigmoidWidth = 4;

/** The hidden units rounded up to even, as the kernel lays out its steps. */
export function paddedHiddenCount(hiddenCount: number): number {
	return hiddenCount + (hiddenCount % 2);
}

/**
 * Build the kernels for a network of `featureCount` inputs and `hiddenCount` hidden units: `accumulate(rows)`
 * adds the chunk's weight steps into the steps region; `predict(rows)` writes each row's output ŷ over its target.
 */
export function hiddenLayerKernel(featureCount: number, hiddenCount: number): KernelSource {
	const paddedHidden = paddedHiddenCount(hiddenCount);
	const pairsPerBlock = 2 ** Math.max(0, Math.floor(Math.log2(sigmoidsPerBlock / hiddenCount)));
	const weightCount = featureCount * hiddenCount + hiddenCount;
	const stepCount = (featureCount + 1) * paddedHidden;
	const layout = kernelLayout(weightCount, stepCount, featureCount, 2 * pairsPerBlock);
	const module = new ModuleBuilder(layout.pages);
	const shape = {featureCount, hiddenCount, pairsPerBlock, layout};
	module.add('accumulate', hiddenLayerFunction(shape, false));
	module.add('predict', hiddenLayerFunction(shape, true));
	return {module, layout, stepCount};
}

type Shape = {featureCount: number; hiddenCount: number; pairsPerBlock: number; layout: KernelLayout};

function hiddenLayerFunction({featureCount, hiddenCount, pairsPerBlock, layout}: Shape, predictOnly: boolean): FunctionBuilder {
	const paddedHidden = paddedHiddenCount(hiddenCount);
	const hiddenPairs = paddedHidden / 2;
	const c = new FunctionBuilder([valueType.i32]);
	const v128 = (): number => c.local(valueType.v128);
	const pointers = {rows: 0, features: c.local(valueType.i32), targets: c.local(valueType.i32), end: c.local(valueType.i32)};
	const sigmoid = sigmoidLocals(c, sigmoidWidth);
	const scratch = {first: v128(), second: v128(), pair: v128()};
	const pairVectors = Array.from({length: featureCount}, v128);
	const hiddenInput = Array.from({length: pairsPerBlock * hiddenCount}, v128);
	const hiddenOutput = Array.from({length: pairsPerBlock * hiddenCount}, v128);
	const outputInput = Array.from({length: pairsPerBlock}, v128);
	const output = Array.from({length: pairsPerBlock}, v128);
	const zero = v128();
	const errorTerm = v128();
	const hiddenErrorTerm = Array.from({length: paddedHidden}, v128);
	const outputStep = Array.from({length: paddedHidden}, v128);
	const blockRowCount = 2 * pairsPerBlock;
	const rowHiddenErrorTerm = Array.from({length: blockRowCount * hiddenPairs}, v128);
	const rowOutputStep = Array.from({length: blockRowCount * hiddenPairs}, v128);
	const rowFeature = Array.from({length: blockRowCount}, v128);
	const rowBytes = featureCount * sizes.f64;
	const weight = (index: number): void => {
		c.i32Const(0).simdMemory('v128.load64_splat', layout.weights + index * sizes.f64);
	};

	c.f64x2Const(0).set(zero);
	emitRowLoops(c, layout, pointers, featureCount, pairsPerBlock, (pairCount, oddRow) => {
		for (let index = 0; index < pairCount; index++) {
			const first = 2 * index * rowBytes;
			emitPairVectors(c, pointers.features, first, oddRow ? first : first + rowBytes, featureCount, scratch, (f, pair) => {
				c.get(pair).set(pairVectors[f]!);
			});
			// hidden input h_j = Σ x_f·w_fj from 0, in feature order
			for (let hidden = 0; hidden < hiddenCount; hidden++) {
				const input = hiddenInput[index * hiddenCount + hidden]!;
				c.get(zero);
				pairVectors.forEach((pair, f) => {
					c.get(pair);
					weight(f * hiddenCount + hidden);
					c.simd('f64x2.mul').simd('f64x2.add');
				});
				c.set(input);
			}
		}

		const used = pairCount * hiddenCount;
		emitSigmoids(c, hiddenInput.slice(0, used), hiddenOutput.slice(0, used), sigmoid);
		for (let index = 0; index < pairCount; index++) {
			c.get(zero);
			for (let hidden = 0; hidden < hiddenCount; hidden++) {
				c.get(hiddenOutput[index * hiddenCount + hidden]!);
				weight(featureCount * hiddenCount + hidden);
				c.simd('f64x2.mul').simd('f64x2.add');
			}

			c.set(outputInput[index]!);
		}

		emitSigmoids(c, outputInput.slice(0, pairCount), output.slice(0, pairCount), sigmoid);
		if (predictOnly) {
			emitStoreOutputs(c, pointers.targets, output.slice(0, pairCount), oddRow);
			return;
		}

		const blockRows: Array<{index: number; lane: 0 | 1}> = [];
		for (let index = 0; index < pairCount; index++) {
			const out = output[index]!;
			// δᵒ = (y − ŷ)·ŷ(1 − ŷ); δʰⱼ = δᵒ·Wⱼ·aⱼ(1 − aⱼ); output step δᵒ·aⱼ — each left to right as the reference
			c.get(pointers.targets).simdMemory(oddRow ? 'v128.load64_splat' : 'v128.load', 2 * index * sizes.f64);
			c.get(out).simd('f64x2.sub').get(out).simd('f64x2.mul').f64x2Const(1).get(out).simd('f64x2.sub').simd('f64x2.mul').set(errorTerm);
			for (let hidden = 0; hidden < paddedHidden; hidden++) {
				if (hidden === hiddenCount) {
					c.get(zero).set(hiddenErrorTerm[hidden]!);
					c.get(zero).set(outputStep[hidden]!);
					continue;
				}

				const activation = hiddenOutput[index * hiddenCount + hidden]!;
				c.get(errorTerm);
				weight(featureCount * hiddenCount + hidden);
				c.simd('f64x2.mul').get(activation).simd('f64x2.mul').f64x2Const(1).get(activation).simd('f64x2.sub').simd('f64x2.mul');
				c.set(hiddenErrorTerm[hidden]!);
				c.get(errorTerm).get(activation).simd('f64x2.mul').set(outputStep[hidden]!);
			}

			// turn (row r, row r + 1) lanes into (unit j, unit j + 1) lanes, one set per row
			for (const lane of oddRow ? [0 as const] : [0 as const, 1 as const]) {
				const row = blockRows.length;
				blockRows.push({index, lane});
				for (let pair = 0; pair < hiddenPairs; pair++) {
					c.get(hiddenErrorTerm[2 * pair]!).get(hiddenErrorTerm[2 * pair + 1]!).shuffle64(lane, (lane + 2) as 2 | 3).set(rowHiddenErrorTerm[row * hiddenPairs + pair]!);
					c.get(outputStep[2 * pair]!).get(outputStep[2 * pair + 1]!).shuffle64(lane, (lane + 2) as 2 | 3).set(rowOutputStep[row * hiddenPairs + pair]!);
				}
			}
		}

		// each step slot loaded once, the block's rows added in record order, stored once
		const addRows = (slot: number, term: (row: number) => void): void => {
			c.i32Const(0).i32Const(0).simdMemory('v128.load', layout.steps + slot * sizes.f64);
			blockRows.forEach((_, row) => {
				term(row);
				c.simd('f64x2.add');
			});
			c.simdMemory('v128.store', layout.steps + slot * sizes.f64);
		};

		for (let pair = 0; pair < hiddenPairs; pair++) {
			addRows(featureCount * paddedHidden + 2 * pair, row => c.get(rowOutputStep[row * hiddenPairs + pair]!));
		}

		for (let f = 0; f < featureCount; f++) {
			blockRows.forEach(({index, lane}, row) => {
				c.get(pointers.features).simdMemory('v128.load64_splat', ((2 * index + lane) * featureCount + f) * sizes.f64).set(rowFeature[row]!);
			});
			for (let pair = 0; pair < hiddenPairs; pair++) {
				addRows(f * paddedHidden + 2 * pair, row => c.get(rowHiddenErrorTerm[row * hiddenPairs + pair]!).get(rowFeature[row]!).simd('f64x2.mul'));
			}
		}
	});
	return c;
}
