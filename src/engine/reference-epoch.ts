/**
 * The plain loops of one epoch, kept as the reference every fast path is held equal to
 * (test/engine/fast-epoch.test.ts): one record at a time, in order, each sum left to right.
 */
import type {Examples} from '../data/dataset.js';
import {sigmoid} from './sigmoid.js';

/** The single unit's weight steps δ·x of records [start, end), added into `steps`. */
export function referenceSingleUnitSteps(weights: Float64Array, examples: Examples, start: number, end: number, steps: Float64Array): void {
	const {features, targets} = examples;
	const count = weights.length;
	for (let row = start; row < end; row++) {
		const offset = row * count;
		let h = 0;
		for (let feature = 0; feature < count; feature++) {
			h += features[offset + feature]! * weights[feature]!;
		}

		const output = sigmoid(h);
		// error · f(h) · (1 − f(h)), associated left to right as the lesson's NumPy line is
		const errorTerm = (targets[row]! - output) * output * (1 - output);
		for (let feature = 0; feature < count; feature++) {
			steps[feature]! += errorTerm * features[offset + feature]!;
		}
	}
}

/** Scratch the backprop reference needs, one value per hidden unit. */
export type HiddenScratch = {
	/** The hidden activations aⱼ of the current record. */
	hiddenOutput: Float64Array;
	/** The hidden error terms δʰⱼ of the current record. */
	hiddenErrorTerm: Float64Array;
};

/**
 * The backprop network's forward pass for the record at `offset`: returns ŷ and leaves the hidden
 * activations aⱼ in `hiddenOutput`.
 */
export function referenceHiddenLayerOutput(
	weights: Float64Array,
	featureCount: number,
	hiddenCount: number,
	features: Float64Array,
	offset: number,
	hiddenOutput: Float64Array,
): number {
	const outputWeights = featureCount * hiddenCount;
	let outputInput = 0;
	for (let hidden = 0; hidden < hiddenCount; hidden++) {
		let hiddenInput = 0;
		for (let feature = 0; feature < featureCount; feature++) {
			hiddenInput += features[offset + feature]! * weights[feature * hiddenCount + hidden]!;
		}

		const activation = sigmoid(hiddenInput);
		hiddenOutput[hidden] = activation;
		outputInput += activation * weights[outputWeights + hidden]!;
	}

	return sigmoid(outputInput);
}

/**
 * The backprop network's weight steps of records [start, end), added into `steps`. Weights and steps are
 * laid out as HiddenLayerNetwork's: input→hidden row-major [feature][hidden unit], then hidden→output.
 */
export function referenceHiddenLayerSteps(
	weights: Float64Array,
	featureCount: number,
	hiddenCount: number,
	examples: Examples,
	start: number,
	end: number,
	steps: Float64Array,
	scratch: HiddenScratch,
): void {
	const {features, targets} = examples;
	const {hiddenOutput, hiddenErrorTerm} = scratch;
	const outputWeights = featureCount * hiddenCount;
	for (let row = start; row < end; row++) {
		const offset = row * featureCount;
		const output = referenceHiddenLayerOutput(weights, featureCount, hiddenCount, features, offset, hiddenOutput);
		// f′ written as f(1 − f) and associated left to right, as the lesson's NumPy lines are
		const outputErrorTerm = (targets[row]! - output) * output * (1 - output);
		for (let hidden = 0; hidden < hiddenCount; hidden++) {
			const activation = hiddenOutput[hidden]!;
			hiddenErrorTerm[hidden] = outputErrorTerm * weights[outputWeights + hidden]! * activation * (1 - activation);
			steps[outputWeights + hidden]! += outputErrorTerm * activation;
		}

		for (let feature = 0; feature < featureCount; feature++) {
			const value = features[offset + feature]!;
			for (let hidden = 0; hidden < hiddenCount; hidden++) {
				steps[feature * hiddenCount + hidden]! += hiddenErrorTerm[hidden]! * value;
			}
		}
	}
}
