/**
 * The fast path of an epoch: picks (and compiles once) the kernel for a model's shape and records, and the
 * sigmoid it runs, or declines, in which case the model runs its reference loop. Tiny batches stay in
 * JavaScript, where a call into the kernel would cost more than it saves.
 *
 * The sigmoid is the fast one (fast-sigmoid.ts: its e^(−h) within an ulp of Math.exp, f within a few ulps of
 * the reference's) when the weights prove every input to it within its range, else the bit-exact one. The
 * fast one runs in the `fused` kernels (products fused into sums, kernel-sigmoid.ts) unless
 * `setKernelSigmoid('fast')` asks for every product rounded on its own, as gdlab's kernels did before they
 * fused (a run saved then replays so); `setKernelSigmoid('exact')` makes it always the bit-exact one, and then
 * the kernels give the reference's steps bit for bit (epochs cut into chunks aside, which group the sums by
 * chunk: parallel-epoch.ts).
 */
import {setFlagsFromString} from 'node:v8';
import type {Examples} from '../../data/dataset.js';
import {EpochKernel} from './epoch-kernel.js';
import {fastSigmoidInputBound} from './fast-sigmoid.js';
import {hiddenLayerKernel} from './hidden-layer-kernel.js';
import {kernelsSupported, type KernelMemory} from './instantiate.js';
import {layoutBytes, type KernelSource} from './kernel-layout.js';
import {fusesProducts, type KernelSigmoid} from './kernel-sigmoid.js';
import {accumulateInParallel, epochChunks} from './parallel-epoch.js';
import {claimRegion, recordMemoryOf} from './record-memory.js';
import {recordProfile} from './record-profile.js';
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
/** Bytes this thread claims in a record memory for its kernels working there (any kernel's layout needs under half). */
const recordMemoryRegionBytes = 1 << 20;

/**
 * V8 compiles a kernel with its baseline compiler first (quickly) and optimises it in the background. By
 * default it optimises a function only once it has run enough; the worker that runs chunks of cut epochs
 * was never asked often enough while slow, and stayed slow and backed off. Optimising every
 * function right after it is compiled ends that (measured on the admissions data, 16 hidden units).
 */
setFlagsFromString('--no-wasm-dynamic-tiering');

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
let preferredSigmoid: KernelSigmoid = 'fused';
const kernels = new Map<number, EpochKernel>();

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

/**
 * Choose the kernels' arithmetic: the fast sigmoid, `fused` (the default) or `fast`, where the weights allow
 * it, or always `exact`; returns the previous choice.
 */
export function setKernelSigmoid(sigmoid: KernelSigmoid): KernelSigmoid {
	const previous = preferredSigmoid;
	preferredSigmoid = sigmoid;
	return previous;
}

/** The kernels' arithmetic now chosen (setKernelSigmoid), for a thread that must train as this one does. */
export function preferredKernelSigmoid(): KernelSigmoid {
	return preferredSigmoid;
}

/** Whether the kernels now fuse products into sums (a saved run records it, and its replay does the same). */
export function kernelsFuse(): boolean {
	return fusesProducts(preferredSigmoid);
}

/** The most recently used kernel, so an epoch after an epoch finds it without touching the cache. */
let recent: {key: number; kernel: EpochKernel} | undefined;

/**
 * The kernel for a model shape (hiddenCount 0: the single unit) reading `denseColumns` leading columns
 * densely and the rest as sparse entries (`unitEntries` of them per record, each 1, when positive),
 * compiled on first use.
 */
export function kernelFor(featureCount: number, hiddenCount: number, denseColumns = featureCount, unitEntries = 0): EpochKernel {
	const key = shapeKey(featureCount, hiddenCount, denseColumns, unitEntries);
	if (recent?.key === key) {
		return recent.kernel;
	}

	const kernel = kernels.get(key) ?? new EpochKernel(kernelSource(featureCount, hiddenCount, denseColumns, unitEntries));
	remember(kernels, key, kernel);
	recent = {key, kernel};
	return kernel;
}

/** The source of a kernel for this shape, in its own memory or in `region` of a record memory. */
function kernelSource(featureCount: number, hiddenCount: number, denseColumns: number, unitEntries: number, region?: number): KernelSource {
	return hiddenCount === 0
		? singleUnitKernel(featureCount, region)
		: hiddenLayerKernel({featureCount, hiddenCount, denseColumns, unitEntries}, region);
}

/** Put `kernel` in `cache` as its most recently used, dropping the least recently used beyond maxCachedKernels. */
function remember(cache: Map<number, EpochKernel>, key: number, kernel: EpochKernel): void {
	cache.delete(key);
	if (cache.size >= maxCachedKernels) {
		cache.delete(cache.keys().next().value!);
	}

	cache.set(key, kernel);
}

/** A kernel shape as a number (not a string: this runs every epoch). */
function shapeKey(featureCount: number, hiddenCount: number, denseColumns: number, unitEntries: number): number {
	return featureCount + ((maxKernelFeatures + 1) * (hiddenCount + ((maxKernelWeights + 1) * (denseColumns + ((maxKernelFeatures + 1) * unitEntries)))));
}

/**
 * This thread's region in each record memory it has run kernels on (undefined: the memory could not make
 * room) and the kernels compiled to work there; both go with the memory.
 */
const inRecordMemory = new WeakMap<KernelMemory, {region: number | undefined; kernels: Map<number, EpochKernel>}>();

/** The kernel for a model shape that reads the records of `memory` in place, compiled on first use; undefined when there is no room for it. */
function kernelInRecordMemory(memory: KernelMemory, featureCount: number, hiddenCount: number): EpochKernel | undefined {
	let place = inRecordMemory.get(memory);
	if (!place) {
		place = {region: claimRegion(memory, recordMemoryRegionBytes), kernels: new Map()};
		inRecordMemory.set(memory, place);
	}

	const {region, kernels} = place;
	if (region === undefined) {
		return undefined;
	}

	const key = shapeKey(featureCount, hiddenCount, featureCount, 0);
	let kernel = kernels.get(key);
	if (!kernel) {
		const source = kernelSource(featureCount, hiddenCount, featureCount, 0, region);
		if (layoutBytes(source.layout) > recordMemoryRegionBytes) {
			return undefined;
		}

		kernel = new EpochKernel(source, memory);
	}

	remember(kernels, key, kernel);
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
 * The sigmoid the kernels can run for these weights on these records: the fast one when every input to a sigmoid
 * is provably within ±fastSigmoidInputBound (|h_j| ≤ Σ_f max|x_f|·|w_fj|, and |Σ a_j·W_j| ≤ Σ |W_j| as
 * 0 ≤ a ≤ 1), else `exact`; undefined when a weight is not finite (the reference alone then says what
 * 0·∞ and NaN make).
 */
export function kernelSigmoidFor(weights: Float64Array, featureCount: number, hiddenCount: number, examples: Examples): KernelSigmoid | undefined {
	const {columnMax} = recordProfile(examples);
	let largest = 0;
	let total = 0;
	const units = Math.max(1, hiddenCount);
	for (let unit = 0; unit < units; unit++) {
		let bound = 0;
		for (let feature = 0; feature < featureCount; feature++) {
			bound += columnMax[feature]! * Math.abs(weights[feature * units + unit]!);
		}

		largest = Math.max(largest, bound);
		total += bound;
	}

	if (hiddenCount > 0) {
		let bound = 0;
		for (let unit = 0; unit < hiddenCount; unit++) {
			bound += Math.abs(weights[featureCount * hiddenCount + unit]!);
		}

		largest = Math.max(largest, bound);
		total += bound;
	}

	if (!Number.isFinite(total) && !weights.every(Number.isFinite)) {
		return undefined;
	}

	return preferredSigmoid !== 'exact' && largest <= fastSigmoidInputBound ? preferredSigmoid : 'exact';
}

/**
 * The kernel for a model shape on `examples`: sparse columns as profiled when they stay resident, else all
 * dense, reading the records in place when they are in a record memory.
 */
export function kernelForRecords(featureCount: number, hiddenCount: number, examples: Examples): EpochKernel {
	if (hiddenCount > 0) {
		const {denseColumns, sparseFitsResident, unitEntries} = recordProfile(examples);
		if (denseColumns < featureCount && sparseFitsResident) {
			return kernelFor(featureCount, hiddenCount, denseColumns, unitEntries);
		}
	}

	const memory = recordMemoryOf(examples);
	return (memory && kernelInRecordMemory(memory, featureCount, hiddenCount)) ?? kernelFor(featureCount, hiddenCount);
}

/** The kernel and sigmoid for this shape, batch and weights, or undefined when they take the plain loops. */
function fastPathFor(weights: Float64Array, featureCount: number, hiddenCount: number, examples: Examples, records: number) {
	if (!takesFastPath(featureCount, hiddenCount, records)) {
		return undefined;
	}

	const sigmoid = kernelSigmoidFor(weights, featureCount, hiddenCount, examples);
	return sigmoid ? {kernel: kernelForRecords(featureCount, hiddenCount, examples), sigmoid} : undefined;
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
	const fast = fastPathFor(weights, featureCount, hiddenCount, examples, end - start);
	if (!fast) {
		return false;
	}

	const {kernel, sigmoid} = fast;
	// the closure only when it is needed: this runs every epoch
	if (epochChunks(weights.length, start, end) !== undefined) {
		const run = (first: number, last: number, into: Float64Array): void => kernel.accumulate(weights, examples, first, last, into, sigmoid);
		if (accumulateInParallel(weights, featureCount, hiddenCount, examples, start, end, steps, sigmoid, run)) {
			return true;
		}
	}

	kernel.accumulate(weights, examples, start, end, steps, sigmoid);
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
	const fast = fastPathFor(weights, featureCount, hiddenCount, examples, end - start);
	if (!fast) {
		return false;
	}

	fast.kernel.predict(weights, examples, start, end, outputs, fast.sigmoid);
	return true;
}
