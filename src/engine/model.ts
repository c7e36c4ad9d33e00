/**
 * The surface every trainable model shares (micrograd's idea: the same few methods everywhere), so the
 * training session, the commands and the dashboard treat the single unit and the backprop network alike.
 */
import type {Examples} from '../data/dataset.js';
import {predictWithKernel} from './kernels/fast-epoch.js';
import {PairwiseSum, pairwiseSum} from './pairwise-sum.js';

/** The trainable models of the lesson. */
export const modelKinds = ['single', 'backprop'] as const;
export type ModelKind = (typeof modelKinds)[number];

/** Weights as JSON: `output` for the single unit; `inputHidden` and `hiddenOutput` for backprop. */
export type WeightsJson = {output: number[]} | {inputHidden: number[][]; hiddenOutput: number[]};

/** The flat weights (each model's layout) of weights as weightsJson writes them. */
export function flatWeights(json: WeightsJson): number[] {
	return 'output' in json ? json.output : [...json.inputHidden.flat(), ...json.hiddenOutput];
}

/** A model trained by gradient descent on the mean squared error. */
export type Model = {
	/** Which model this is. */
	readonly kind: ModelKind;
	/** Input features per record. */
	readonly featureCount: number;
	/** Hidden units (0 for the single unit). */
	readonly hiddenCount: number;
	/** Every weight in one flat array; the layout is the model's (see weightsJson). */
	readonly weights: Float64Array;
	/** Add the weight steps δ·x of records [start, end) into `steps` (laid out like `weights`). */
	accumulateWeightSteps(examples: Examples, start: number, end: number, steps: Float64Array): void;
	/** The network's output ŷ for one record's features. */
	predictOne(features: Float64Array, offset: number): number;
	/** The weights as JSON, in the shapes the lesson prints. */
	weightsJson(flat?: Float64Array): WeightsJson;
	/** Readable names for each flat weight, e.g. `w[gre]` or `w_ih[gpa][h1]`. */
	weightNames(featureNames: string[]): string[];
};

/** How well a model does on a set of records. */
export type Evaluation = {
	/** Mean squared error mean((ŷ − y)²). */
	meanSquaredError: number;
	/** The share of records where (ŷ > 0.5) equals the target, as the lesson scores the test set. */
	accuracy: number;
};

/** Records whose outputs evaluate computes at a time (the kernels' outputs land in a buffer this size). */
const evaluationChunkRows = 4096;

/** Evaluate the model on every record in one forward pass. */
export function evaluate(model: Model, examples: Examples): Evaluation {
	const {rows, featureCount, features, targets} = examples;
	const outputs = new Float64Array(Math.min(rows, evaluationChunkRows));
	// summed as np.mean sums the lesson's (out - targets) ** 2, so the losses print as the lesson's do (in one
	// go from the buffer when the records fit it, as on the lesson's data every epoch)
	const squaredErrors = rows > evaluationChunkRows ? new PairwiseSum(rows) : undefined;
	let correct = 0;
	for (let first = 0; first < rows; first += evaluationChunkRows) {
		const last = Math.min(first + evaluationChunkRows, rows);
		if (!predictWithKernel(model.weights, featureCount, model.hiddenCount, examples, first, last, outputs)) {
			for (let row = first; row < last; row++) {
				outputs[row - first] = model.predictOne(features, row * featureCount);
			}
		}

		for (let row = first; row < last; row++) {
			const output = outputs[row - first]!;
			const target = targets[row]!;
			if ((output > 0.5 ? 1 : 0) === target) {
				correct++;
			}

			outputs[row - first] = (output - target) * (output - target);
		}

		squaredErrors?.add(outputs, 0, last - first);
	}

	const sum = squaredErrors ? squaredErrors.total() : pairwiseSum(outputs, 0, rows);
	return {meanSquaredError: sum / rows, accuracy: correct / rows};
}
