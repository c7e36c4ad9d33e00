/**
 * The 4×3×2 forward pass laid out for the screen, with the lesson's point about the order of a
 * product: X·W_ih works, W_ih·X raises NumPy's shape error. Both products are the engine's.
 */
import type {ForwardDemo} from '../engine/forward-pass.js';
import {matrixTimesVector, ShapeError, toRows} from '../engine/matrix.js';

/** A labelled block of numbers: a matrix, or a vector as one row. */
export type NumberBlock = {
	/** Name and shape, e.g. "W_ih (4,3)". */
	title: string;
	/** The values, row by row. */
	rows: number[][];
};

/** The forward screen's blocks and the two products. */
export type ForwardLayout = {
	/** X (4,). */
	x: NumberBlock;
	/** The input→hidden weights and what the hidden layer makes of X. */
	hiddenLayer: {weights: NumberBlock; input: NumberBlock; output: NumberBlock};
	/** The hidden→output weights and what the output layer makes of the hidden outputs. */
	outputLayer: {weights: NumberBlock; input: NumberBlock; output: NumberBlock};
	/** X·W_ih: the shapes and the resulting shape. */
	rowTimesMatrix: string;
	/** W_ih·X: NumPy's error message. */
	matrixTimesRow: string;
	/** The lesson's rule for which products work. */
	rule: string;
	/** The rule in one line of 60 columns, for a screen with no rows for the whole of it. */
	ruleShort: string;
};

/** Lay out the demo's numbers with their shapes. */
export function describeForward(demo: ForwardDemo): ForwardLayout {
	const {x, weightsInputHidden: inputHidden, weightsHiddenOutput: hiddenOutput} = demo;
	const shape = (m: {rows: number; columns: number}) => `(${m.rows},${m.columns})`;
	return {
		x: {title: `X (${x.length},)`, rows: [Array.from(x)]},
		hiddenLayer: {
			weights: {title: `W_ih ${shape(inputHidden)}`, rows: toRows(inputHidden)},
			input: {title: `hidden input X·W_ih (${demo.hidden.input.length},)`, rows: [Array.from(demo.hidden.input)]},
			output: {title: `hidden output f(X·W_ih) (${demo.hidden.output.length},)`, rows: [Array.from(demo.hidden.output)]},
		},
		outputLayer: {
			weights: {title: `W_ho ${shape(hiddenOutput)}`, rows: toRows(hiddenOutput)},
			input: {title: `output input hidden·W_ho (${demo.output.input.length},)`, rows: [Array.from(demo.output.input)]},
			output: {title: `output f(hidden·W_ho) (${demo.output.output.length},)`, rows: [Array.from(demo.output.output)]},
		},
		rowTimesMatrix: `X·W_ih   (${x.length},)·${shape(inputHidden)} → (${demo.hidden.input.length},)  works: X meets each W_ih column`,
		matrixTimesRow: `W_ih·X   ${productError(() => matrixTimesVector(inputHidden, x))}`,
		rule: 'The order matters: an array on the left needs as many entries as the matrix has rows; a matrix on the left needs as many columns as the array has entries.',
		ruleShort: 'The order matters: left columns must match right rows.',
	};
}

/** NumPy's message for a product that does not fit, as the lesson shows it. */
function productError(product: () => unknown): string {
	try {
		product();
		return 'works';
	} catch (error) {
		if (error instanceof ShapeError) {
			return `ValueError: ${error.message}`;
		}

		throw error;
	}
}
