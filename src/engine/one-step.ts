/**
 * One gradient-descent step for one record, with every intermediate term the lesson names: h, ŷ,
 * error, f′(h), δ, Δw. The lesson's three worked examples are these functions on its numbers; the
 * dashboard explains any training record with the same functions.
 */
import {matrix, toRows, vectorTimesMatrix, type Matrix} from './matrix.js';
import {sigmoid, sigmoidDerivativeFromOutput} from './sigmoid.js';

/** Every term of one step of the single sigmoid unit. */
export type SingleUnitStep = {
	/** The linear combination h = Σ wᵢxᵢ. */
	h: number;
	/** The network output ŷ = f(h). */
	output: number;
	/** The output error y − ŷ. */
	error: number;
	/** The output gradient f′(h). */
	outputGradient: number;
	/** The error term δ = (y − ŷ)·f′(h). */
	errorTerm: number;
	/** The weight step Δwᵢ = η·δ·xᵢ. */
	weightStep: number[];
};

/** One step of the single unit on record x with target y. */
export function singleUnitStep(x: readonly number[], y: number, weights: readonly number[], learnRate: number): SingleUnitStep {
	let h = 0;
	for (const [index, value] of x.entries()) {
		h += value * weights[index]!;
	}

	const output = sigmoid(h);
	const error = y - output;
	const outputGradient = sigmoidDerivativeFromOutput(output);
	const errorTerm = error * outputGradient;
	return {h, output, error, outputGradient, errorTerm, weightStep: x.map(value => learnRate * errorTerm * value)};
}

/** Every term of one backpropagation step through one hidden layer. */
export type BackpropStep = {
	/** Hidden layer input hⱼ = Σᵢ xᵢwᵢⱼ. */
	hiddenInput: number[];
	/** Hidden layer output aⱼ = f(hⱼ). */
	hiddenOutput: number[];
	/** Output unit input z = Σⱼ Wⱼaⱼ. */
	outputInput: number;
	/** Network output ŷ = f(z). */
	output: number;
	/** Output error y − ŷ. */
	error: number;
	/** Output error term δᵒ = (y − ŷ)·ŷ(1 − ŷ). */
	outputErrorTerm: number;
	/** The hidden layer's share of the error, δᵒ·Wⱼ. */
	hiddenError: number[];
	/** Hidden error terms δʰⱼ = δᵒ·Wⱼ·aⱼ(1 − aⱼ). */
	hiddenErrorTerm: number[];
	/** Weight steps hidden→output, ΔWⱼ = η·δᵒ·aⱼ. */
	deltaHiddenOutput: number[];
	/** Weight steps input→hidden, Δwᵢⱼ = η·δʰⱼ·xᵢ, [input][hidden unit]. */
	deltaInputHidden: number[][];
};

/** One backprop step on record x with target y. */
export function backpropStep(x: readonly number[], y: number, weightsInputHidden: Matrix, weightsHiddenOutput: readonly number[], learnRate: number): BackpropStep {
	const hiddenInputs = vectorTimesMatrix(x, weightsInputHidden);
	const hiddenOutput = Array.from(hiddenInputs, sigmoid);
	let outputInput = 0;
	for (const [hidden, activation] of hiddenOutput.entries()) {
		outputInput += activation * weightsHiddenOutput[hidden]!;
	}

	const output = sigmoid(outputInput);
	const error = y - output;
	const outputErrorTerm = error * output * (1 - output);
	const hiddenError = weightsHiddenOutput.map(weight => outputErrorTerm * weight);
	const hiddenErrorTerm = hiddenError.map((share, hidden) => share * hiddenOutput[hidden]! * (1 - hiddenOutput[hidden]!));
	const deltaHiddenOutput = hiddenOutput.map(activation => learnRate * outputErrorTerm * activation);
	const deltaInputHidden = toRows(matrix(x.length, hiddenErrorTerm.length, Float64Array.from(
		x.flatMap(value => hiddenErrorTerm.map(term => learnRate * term * value)),
	)));
	return {
		hiddenInput: Array.from(hiddenInputs), hiddenOutput, outputInput, output, error, outputErrorTerm,
		hiddenError, hiddenErrorTerm, deltaHiddenOutput, deltaInputHidden,
	};
}

/** The lesson's three worked examples. */
export const workedExamples = {
	/** The text's example: x = [0.1, 0.3], y = 0.2, w = [−0.8, 0.5], η = 0.5. */
	worked: {x: [0.1, 0.3], y: 0.2, weights: [-0.8, 0.5], learnRate: 0.5},
	/** gradient.py: x = [1, 2, 3, 4], y = 0.5, w = [0.5, −0.5, 0.3, 0.1], η = 0.5. */
	gradient: {x: [1, 2, 3, 4], y: 0.5, weights: [0.5, -0.5, 0.3, 0.1], learnRate: 0.5},
	/** backprop.py: x = [0.5, 0.1, −0.2], target 0.6, η = 0.5. */
	backprop: {
		x: [0.5, 0.1, -0.2],
		y: 0.6,
		weightsInputHidden: matrix(3, 2, Float64Array.from([0.5, -0.6, 0.1, -0.2, 0.1, 0.7])),
		weightsHiddenOutput: [0.1, -0.3],
		learnRate: 0.5,
	},
} as const;

/** The names of the worked examples, as `gdlab step` takes them. */
export type WorkedExampleName = keyof typeof workedExamples;
