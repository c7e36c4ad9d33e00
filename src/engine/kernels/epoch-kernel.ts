/**
 * An epoch kernel instantiated: its memory, and `accumulate`, which adds the weight steps of records
 * [start, end) into `steps` as the model's reference loop does, and `predict`. Small record sets are
 * written into the kernel's memory once and stay (resident-records.ts); big ones are read where they lie
 * when the kernel works in their record memory (record-memory.ts), else copied in a chunk at a time.
 */
import type {Examples} from '../../data/dataset.js';
import {writeFastSigmoidTables} from './fast-sigmoid.js';
import {instantiate, type KernelMemory} from './instantiate.js';
import type {KernelSource} from './kernel-layout.js';
import {kernelFunctionName, kernelSigmoids, type KernelSigmoid} from './kernel-sigmoid.js';
import {recordProfile} from './record-profile.js';
import {recordMemoryOf} from './record-memory.js';
import {maxResidentBytes, residentBytes, sparseEntriesOf, writeRecords, type RecordPointers} from './resident-records.js';
import {sizes} from './wasm-assembler.js';

type KernelFunction = (first: number, last: number, targets: number, features: number, rowStarts: number, columns: number, values: number) => void;

/** One compiled kernel for one model shape. */
export class EpochKernel {
	private readonly memory: KernelMemory;
	private readonly accumulators: Record<KernelSigmoid, KernelFunction>;
	private readonly predictors: Record<KernelSigmoid, KernelFunction>;
	/** Whether model weight i sits in kernel slot i (a bulk copy does). */
	private readonly slotsInOrder: boolean;
	private values: Float64Array;
	private residents = new WeakMap<Float64Array, RecordPointers>();
	/** Where the next resident record set goes. */
	private residentEnd: number;

	/** A kernel in its own memory, or in `recordMemory` when the source was laid out in a region of it. */
	constructor(private readonly source: KernelSource, recordMemory?: KernelMemory) {
		if (source.layout.inRecordMemory !== (recordMemory !== undefined)) {
			throw new RangeError('a kernel laid out in a record memory needs that memory, and only such a kernel');
		}

		const exports = instantiate(source.module.bytes(), recordMemory);
		this.memory = recordMemory ?? exports.memory;
		const functions = (name: 'accumulate' | 'predict'): Record<KernelSigmoid, KernelFunction> => Object.fromEntries(kernelSigmoids
			.map(sigmoid => [sigmoid, exports[kernelFunctionName(name, sigmoid)] as KernelFunction])) as Record<KernelSigmoid, KernelFunction>;
		this.accumulators = functions('accumulate');
		this.predictors = functions('predict');
		this.slotsInOrder = source.weightSlots.every((slot, index) => slot === index);
		this.values = new Float64Array(this.memory.buffer);
		writeFastSigmoidTables(this.memory.buffer, source.layout.sigmoidTables);
		this.residentEnd = source.layout.records;
	}

	/** Whether a record set this big is kept in the kernel's memory (else it is streamed). */
	static keepsResident(examples: Examples, denseColumns: number): boolean {
		const {featureCount} = examples;
		// all dense needs no profile (big data streamed through a kernel is never profiled for it)
		const entries = denseColumns === featureCount ? 0 : sparseEntriesOf(recordProfile(examples), denseColumns, featureCount);
		return residentBytes(examples, denseColumns, entries) <= maxResidentBytes;
	}

	/** Add the weight steps of records [start, end) of `examples` under `weights` into `steps`. */
	accumulate(weights: Float64Array, examples: Examples, start: number, end: number, steps: Float64Array, sigmoid: KernelSigmoid): void {
		this.writeWeights(weights);
		this.writeSteps(steps);
		const run = this.accumulators[sigmoid];
		const records = this.residentRecords(examples);
		if (records) {
			run(start, end, records.targets, records.features, records.rowStarts, records.columns, records.values);
		} else {
			this.stream(examples, start, end, run);
		}

		this.readSteps(steps);
	}

	/** Write the output ŷ of records [start, end) of `examples` under `weights` into outputs[0 … end − start). */
	predict(weights: Float64Array, examples: Examples, start: number, end: number, outputs: Float64Array, sigmoid: KernelSigmoid): void {
		const {layout} = this.source;
		this.writeWeights(weights);
		const run = this.predictors[sigmoid];
		const outputBase = layout.outputs / sizes.f64;
		const records = this.residentRecords(examples);
		for (let part = start; part < end; part += layout.chunkRows) {
			const partEnd = Math.min(part + layout.chunkRows, end);
			if (records) {
				run(part, partEnd, records.targets, records.features, records.rowStarts, records.columns, records.values);
			} else {
				this.stream(examples, part, partEnd, run);
			}

			outputs.set(this.values.subarray(outputBase, outputBase + partEnd - part), part - start);
		}
	}

	private writeWeights(weights: Float64Array): void {
		const {values} = this;
		const weightBase = this.source.layout.weights / sizes.f64;
		if (this.slotsInOrder) {
			values.set(weights, weightBase);
			return;
		}

		const {weightSlots} = this.source;
		for (let index = 0; index < weightSlots.length; index++) {
			values[weightBase + weightSlots[index]!] = weights[index]!;
		}
	}

	/** Put `steps` in their slots, every padding slot 0. */
	private writeSteps(steps: Float64Array): void {
		const {values} = this;
		const {layout, weightSlots, slotCount} = this.source;
		const stepBase = layout.steps / sizes.f64;
		if (this.slotsInOrder) {
			values.set(steps, stepBase);
			values.fill(0, stepBase + steps.length, stepBase + slotCount);
			return;
		}

		values.fill(0, stepBase, stepBase + slotCount);
		for (let index = 0; index < weightSlots.length; index++) {
			values[stepBase + weightSlots[index]!] = steps[index]!;
		}
	}

	private readSteps(steps: Float64Array): void {
		const {values} = this;
		const {layout, weightSlots} = this.source;
		const stepBase = layout.steps / sizes.f64;
		for (let index = 0; index < steps.length; index++) {
			steps[index] = values[stepBase + (this.slotsInOrder ? index : weightSlots[index]!)]!;
		}
	}

	/** Run `run` over records [start, end), each chunk copied into the chunk region first (`first` counts from the chunk). */
	private stream(examples: Examples, start: number, end: number, run: KernelFunction): void {
		const {layout, denseColumns} = this.source;
		const {featureCount} = examples;
		if (denseColumns !== featureCount) {
			throw new RangeError(`a kernel reading ${denseColumns} dense columns cannot stream records of ${featureCount}`);
		}

		for (let first = start; first < end; first += layout.chunkRows) {
			const last = Math.min(first + layout.chunkRows, end);
			this.values.set(rowsOf(examples.features, first * featureCount, last * featureCount), layout.chunkFeatures / sizes.f64);
			this.values.set(rowsOf(examples.targets, first, last), layout.chunkTargets / sizes.f64);
			run(0, last - first, layout.chunkTargets, layout.chunkFeatures, 0, 0, 0);
		}
	}

	/**
	 * Where `examples` lie in this kernel's memory: in place in its record memory, or a resident copy written
	 * on first use (dropping all others when the room is full); undefined when they have to be streamed.
	 */
	private residentRecords(examples: Examples): RecordPointers | undefined {
		if (this.source.layout.inRecordMemory) {
			return recordMemoryOf(examples) === this.memory
				? {targets: examples.targets.byteOffset, features: examples.features.byteOffset, rowStarts: 0, columns: 0, values: 0}
				: undefined;
		}

		const known = this.residents.get(examples.features);
		if (known) {
			return known;
		}

		const {layout, denseColumns, columnStride} = this.source;
		if (!EpochKernel.keepsResident(examples, denseColumns)) {
			return undefined;
		}

		const entries = sparseEntriesOf(recordProfile(examples), denseColumns, examples.featureCount);
		const bytes = residentBytes(examples, denseColumns, entries);
		if (this.residentEnd + bytes > layout.records + 2 * maxResidentBytes) {
			this.residents = new WeakMap();
			this.residentEnd = layout.records;
		}

		const needed = Math.ceil((this.residentEnd + bytes) / sizes.page) - this.memory.buffer.byteLength / sizes.page;
		if (needed > 0) {
			this.memory.grow(needed);
			this.values = new Float64Array(this.memory.buffer);
		}

		const pointers = writeRecords(this.memory.buffer, this.residentEnd, examples, denseColumns, entries, columnStride);
		this.residentEnd += bytes;
		this.residents.set(examples.features, pointers);
		return pointers;
	}
}

/** values[start … end), without making a view when that is all of it (small epochs feel every allocation). */
function rowsOf(values: Float64Array, start: number, end: number): Float64Array {
	return start === 0 && end === values.length ? values : values.subarray(start, end);
}
