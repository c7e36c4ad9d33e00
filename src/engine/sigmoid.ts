/** The activation the lesson uses everywhere, with its derivative written beside it. */

/** f(h) = 1 / (1 + e^(−h)). */
export function sigmoid(h: number): number {
	return 1 / (1 + Math.exp(-h));
}

/** f′(h) = f(h)(1 − f(h)), from the output f(h) already computed (the lesson's efficiency tip). */
export function sigmoidDerivativeFromOutput(output: number): number {
	return output * (1 - output);
}
