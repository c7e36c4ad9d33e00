/**
 * An epoch kernel instantiated: its memory, and `accumulate`, which adds the weight steps of records
 * [start, end) into `steps` exactly as the model's reference loop does, copying the records in a chunk
 * at a time.
 */
import type {Examples} from '../../data/dataset.js';
import {instantiate} from './instantiate.js';
import type {KernelSource} from './single-unit-kernel.js';

/** One compiled kernel for one model shape. */
export class EpochKernel {
	private readonly memory: Float64Array;
	private readonly run: (rows: number) => void;
	private readonly runPredict: (rows: number) => void;

	/**
	 * @param source the module and its layout
	 * @param stepSlot the kernel's step slot of each model weight (they differ when the kernel pads its rows)
	 */
	constructor(private readonly source: KernelSource, private readonly stepSlot: Int32Array) {
		const exports = instantiate(source.module.bytes());
		this.memory = new Float64Array(exports.memory.buffer);
		this.run = exports['accumulate'] as (rows: number) => void;
		this.runPredict = exports['predict'] as (rows: number) => void;
	}

	/** Add the weight steps of records [start, end) of `examples` under `weights` into `steps`. */
	accumulate(weights: Float64Array, examples: Examples, start: number, end: number, steps: Float64Array): void {
		const {memory, stepSlot} = this;
		const {layout} = this.source;
		const featureCount = examples.featureCount;
		const stepBase = layout.steps / 8;
		memory.set(weights, layout.weights / 8);
		memory.fill(0, stepBase, stepBase + this.source.stepCount);
		for (let index = 0; index < stepSlot.length; index++) {
			memory[stepBase + stepSlot[index]!] = steps[index]!;
		}

		for (let first = start; first < end; first += layout.chunkRows) {
			const last = Math.min(first + layout.chunkRows, end);
			memory.set(rowsOf(examples.features, first * featureCount, last * featureCount), layout.features / 8);
			memory.set(rowsOf(examples.targets, first, last), layout.targets / 8);
			this.run(last - first);
		}

		for (let index = 0; index < stepSlot.length; index++) {
			steps[index] = memory[stepBase + stepSlot[index]!]!;
		}
	}

	/** Write the output ŷ of records [start, end) of `examples` under `weights` into outputs[0 … end − start). */
	predict(weights: Float64Array, examples: Examples, start: number, end: number, outputs: Float64Array): void {
		const {memory} = this;
		const {layout} = this.source;
		const featureCount = examples.featureCount;
		const targetBase = layout.targets / 8;
		memory.set(weights, layout.weights / 8);
		for (let first = start; first < end; first += layout.chunkRows) {
			const last = Math.min(first + layout.chunkRows, end);
			memory.set(rowsOf(examples.features, first * featureCount, last * featureCount), layout.features / 8);
			this.runPredict(last - first);
			outputs.set(memory.subarray(targetBase, targetBase + last - first), first - start);
		}
	}
}

/** values[start … end), without making a view when that is all of it (small epochs feel every allocation). */
function rowsOf(values: Float64Array, start: number, end: number): Float64Array {
	return start === 0 && end === values.length ? values : values.subarray(start, end);
}
