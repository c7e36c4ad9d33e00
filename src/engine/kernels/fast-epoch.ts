/**
 * The fast path of an epoch: picks (and compiles once) the kernel for a model's shape, or declines, in
 * which case the model runs its reference loop. Both give the same steps bit for bit, so the choice is
 * only about speed: tiny batches stay in JavaScript, where a call into the kernel would cost more than it saves.
 */
import type {Examples} from '../../data/dataset.js';
import {EpochKernel} from './epoch-kernel.js';
import {hiddenLayerKernel, paddedHiddenCount} from './hidden-layer-kernel.js';
import {kernelsSupported} from './instantiate.js';
import {accumulateInParallel} from './parallel-epoch.js';
import {singleUnitKernel} from './single-unit-kernel.js';
import {FunctionBuilder, ModuleBuilder} from './wasm-assembler.js';

/** Batches smaller than this run the reference loop. */
export const minKernelRows = 16;
/** Kernels are unrolled per shape; beyond these sizes the code would grow too large, so the reference runs. */
export const maxKernelFeatures = 64;
/** The most weights an unrolled backprop kernel takes. */
export const maxKernelWeights = 1024;
/** Compiled kernels kept; the least recently used beyond this is dropped (the dashboard can try many shapes). */
const maxCachedKernels = 8;

/** A module storing one v128, to ask the runtime whether it runs WebAssembly SIMD. */
function simdProbe(): Uint8Array {
	const probe = new FunctionBuilder([]);
	probe.i32Const(0).f64x2Const(0).simdMemory('v128.store');
	const module = new ModuleBuilder(1);
	module.add('probe', probe);
	return module.bytes();
}

const supported = kernelsSupported(simdProbe());
let enabled = supported;
const kernels = new Map<string, EpochKernel>();

/** Turn the fast path on or off (off: every model runs its reference loop); returns the previous setting. */
export function setFastEpoch(on: boolean): boolean {
	const previous = enabled;
	enabled = on && supported;
	return previous;
}

/** Whether models use the kernels now. */
export function fastEpochEnabled(): boolean {
	return enabled;
}

/** The kernel for a model shape (hiddenCount 0: the single unit), compiled on first use. */
export function kernelFor(featureCount: number, hiddenCount: number): EpochKernel {
	const key = `${featureCount}:${hiddenCount}`;
	let kernel = kernels.get(key);
	if (kernel) {
		kernels.delete(key);
	} else {
		kernel = hiddenCount === 0 ? singleUnitEpochKernel(featureCount) : hiddenLayerEpochKernel(featureCount, hiddenCount);
		if (kernels.size >= maxCachedKernels) {
			kernels.delete(kernels.keys().next().value!);
		}
	}

	kernels.set(key, kernel);
	return kernel;
}

/** Whether a model of this shape, on this many records, takes the fast path. */
export function takesFastPath(featureCount: number, hiddenCount: number, records: number): boolean {
	return enabled
		&& records >= minKernelRows
		&& featureCount <= maxKernelFeatures
		&& featureCount * hiddenCount + hiddenCount <= maxKernelWeights;
}

/**
 * Add the weight steps of records [start, end) into `steps` with the kernel, if this shape and batch take
 * the fast path; returns false (having done nothing) when they do not.
 */
export function accumulateWithKernel(
	weights: Float64Array,
	featureCount: number,
	hiddenCount: number,
	examples: Examples,
	start: number,
	end: number,
	steps: Float64Array,
): boolean {
	if (!takesFastPath(featureCount, hiddenCount, end - start)) {
		return false;
	}

	const kernel = kernelFor(featureCount, hiddenCount);
	const runHere = (first: number, last: number): void => kernel.accumulate(weights, examples, first, last, steps);
	if (!accumulateInParallel(weights, featureCount, hiddenCount, examples, start, end, steps, runHere)) {
		runHere(start, end);
	}

	return true;
}

/**
 * Write the outputs ŷ of records [start, end) into outputs[0 … end − start) with the kernel, if this shape and
 * batch take the fast path; returns false (having done nothing) when they do not.
 */
export function predictWithKernel(
	weights: Float64Array,
	featureCount: number,
	hiddenCount: number,
	examples: Examples,
	start: number,
	end: number,
	outputs: Float64Array,
): boolean {
	if (!takesFastPath(featureCount, hiddenCount, end - start)) {
		return false;
	}

	kernelFor(featureCount, hiddenCount).predict(weights, examples, start, end, outputs);
	return true;
}

function singleUnitEpochKernel(featureCount: number): EpochKernel {
	return new EpochKernel(singleUnitKernel(featureCount), Int32Array.from({length: featureCount}, (_, index) => index));
}

function hiddenLayerEpochKernel(featureCount: number, hiddenCount: number): EpochKernel {
	const padded = paddedHiddenCount(hiddenCount);
	const slots = new Int32Array(featureCount * hiddenCount + hiddenCount);
	for (let feature = 0; feature <= featureCount; feature++) {
		for (let hidden = 0; hidden < hiddenCount; hidden++) {
			slots[feature * hiddenCount + hidden] = feature * padded + hidden;
		}
	}

	return new EpochKernel(hiddenLayerKernel(featureCount, hiddenCount), slots);
}
