/**
 * The single unit's epoch kernel (the loop of SingleUnit.accumulateWeightSteps) for one feature count,
 * fully unrolled. Each record's sums run in the reference's order, so the steps are bit for bit the same.
 */
import {emitRowLoops, kernelLayout, type KernelLayout} from './kernel-layout.js';
import {emitPairVectors, emitRowGroup} from './row-pair.js';
import {emitSigmoids, sigmoidLocals} from './simd-sigmoid.js';
import {FunctionBuilder, ModuleBuilder, sizes, valueType} from './wasm-assembler.js';

/** Row pairs per loop iteration: enough independent sigmoids in flight to hide their latency. */
export const singleUnitPairsPerBlock = 4;

/** A kernel's module and where it keeps things. */
export type KernelSource = {module: ModuleBuilder; layout: KernelLayout; stepCount: number};

/**
 * Build the kernels for a single unit on `featureCount` features: `accumulate(rows)` adds the chunk's weight
 * steps into the steps region; `predict(rows)` writes each row's output ŷ over its target.
 */
export function singleUnitKernel(featureCount: number, pairsPerBlock = singleUnitPairsPerBlock): KernelSource {
	const stepCount = Math.ceil(featureCount / 2) * 2;
	const layout = kernelLayout(featureCount, stepCount, featureCount, 2 * pairsPerBlock);
	const module = new ModuleBuilder(layout.pages);
	module.add('accumulate', singleUnitFunction(featureCount, pairsPerBlock, layout, false));
	module.add('predict', singleUnitFunction(featureCount, pairsPerBlock, layout, true));
	return {module, layout, stepCount};
}

function singleUnitFunction(featureCount: number, pairsPerBlock: number, layout: KernelLayout, predictOnly: boolean): FunctionBuilder {
	const groups = Math.ceil(featureCount / 2);
	const c = new FunctionBuilder([valueType.i32]);
	const v128 = (): number => c.local(valueType.v128);
	const pointers = {rows: 0, features: c.local(valueType.i32), targets: c.local(valueType.i32), end: c.local(valueType.i32)};
	const sigmoid = sigmoidLocals(c, pairsPerBlock);
	const steps = Array.from({length: groups}, v128);
	const scratch = {first: v128(), second: v128(), pair: v128()};
	const input = Array.from({length: pairsPerBlock}, v128);
	const output = Array.from({length: pairsPerBlock}, v128);
	const errorTerm = v128();
	const rowErrorTerm = v128();
	const rowBytes = featureCount * sizes.f64;

	const stepsAt = (group: number): number => layout.steps + group * sizes.v128;
	if (!predictOnly) {
		steps.forEach((local, group) => c.i32Const(0).simdMemory('v128.load', stepsAt(group)).set(local));
	}

	emitRowLoops(c, layout, pointers, featureCount, pairsPerBlock, (pairCount, oddRow) => {
		for (let index = 0; index < pairCount; index++) {
			const first = 2 * index * rowBytes;
			// h = Σ x_f·w_f from 0, in feature order
			c.f64x2Const(0).set(input[index]!);
			emitPairVectors(c, pointers.features, first, oddRow ? first : first + rowBytes, featureCount, scratch, (feature, pair) => {
				c.get(input[index]!).get(pair).i32Const(0).simdMemory('v128.load64_splat', layout.weights + feature * sizes.f64);
				c.simd('f64x2.mul').simd('f64x2.add').set(input[index]!);
			});
		}

		emitSigmoids(c, input.slice(0, pairCount), output.slice(0, pairCount), sigmoid);
		if (predictOnly) {
			emitStoreOutputs(c, pointers.targets, output.slice(0, pairCount), oddRow);
			return;
		}

		for (let index = 0; index < pairCount; index++) {
			const out = output[index]!;
			// δ = (y − ŷ)·ŷ·(1 − ŷ), left to right as the reference
			c.get(pointers.targets).simdMemory(oddRow ? 'v128.load64_splat' : 'v128.load', 2 * index * sizes.f64);
			c.get(out).simd('f64x2.sub').get(out).simd('f64x2.mul').f64x2Const(1).get(out).simd('f64x2.sub').simd('f64x2.mul').set(errorTerm);
			for (const lane of oddRow ? [0 as const] : [0 as const, 1 as const]) {
				c.get(errorTerm).get(errorTerm).shuffle64(lane, lane).set(rowErrorTerm);
				steps.forEach((local, group) => {
					c.get(local).get(rowErrorTerm);
					emitRowGroup(c, pointers.features, (2 * index + lane) * rowBytes, group, featureCount);
					c.simd('f64x2.mul').simd('f64x2.add').set(local);
				});
			}
		}
	});
	if (!predictOnly) {
		steps.forEach((local, group) => c.i32Const(0).get(local).simdMemory('v128.store', stepsAt(group)));
	}

	return c;
}

/** Emit stores of each pair's outputs over its targets (for the odd last row, lane 0 only). */
export function emitStoreOutputs(c: FunctionBuilder, pointer: number, outputs: readonly number[], oddRow: boolean): void {
	outputs.forEach((output, index) => {
		c.get(pointer).get(output);
		if (oddRow) {
			c.simdLane('v128.store64_lane', 0, 2 * index * sizes.f64);
		} else {
			c.simdMemory('v128.store', 2 * index * sizes.f64);
		}
	});
}
