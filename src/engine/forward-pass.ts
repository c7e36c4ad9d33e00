/**
 * A forward pass through sigmoid layers of any sizes, and the lesson's 4×3×2 demo (multilayer.py):
 * seed 42, X = randn(4), weights normal(0, 0.1) of shapes (4,3) then (3,2).
 */
import {matrix, vectorTimesMatrix, type Matrix} from './matrix.js';
import {createRandom, normal, type RandomKind} from './random.js';
import {sigmoid} from './sigmoid.js';

/** One layer's values in a forward pass. */
export type LayerPass = {
	/** The layer's input h = previous output · W. */
	input: Float64Array;
	/** The layer's output f(h). */
	output: Float64Array;
};

/** Pass x through each weight matrix in turn, applying the sigmoid after each product. */
export function forwardPass(x: ArrayLike<number>, weights: Matrix[]): LayerPass[] {
	const layers: LayerPass[] = [];
	let activation: ArrayLike<number> = x;
	for (const layerWeights of weights) {
		const input = vectorTimesMatrix(activation, layerWeights);
		const output = input.map(sigmoid);
		layers.push({input, output});
		activation = output;
	}

	return layers;
}

/** The lesson's network size for the forward-pass demo. */
export const demoLayerSizes = {input: 4, hidden: 3, output: 2} as const;
/** The lesson's seed for the demo. */
export const demoSeed = 42;
/** The lesson's weight scale for the demo: normal(0, 0.1). */
export const demoWeightScale = 0.1;

/** Everything the 4×3×2 demo computes. */
export type ForwardDemo = {
	/** The input X = randn(4). */
	x: Float64Array;
	/** Input→hidden weights, 4×3. */
	weightsInputHidden: Matrix;
	/** Hidden→output weights, 3×2. */
	weightsHiddenOutput: Matrix;
	/** The hidden layer's input and output. */
	hidden: LayerPass;
	/** The output layer's input and output. */
	output: LayerPass;
};

/** Draw the demo's X and weights from a seed, then run the forward pass. */
export function forwardDemo(seed: number | string = demoSeed, rng: RandomKind = 'numpy'): ForwardDemo {
	const random = createRandom(rng, seed);
	const {input, hidden, output} = demoLayerSizes;
	const x = normal(random, 0, 1, input);
	const weightsInputHidden = matrix(input, hidden, normal(random, 0, demoWeightScale, input * hidden));
	const weightsHiddenOutput = matrix(hidden, output, normal(random, 0, demoWeightScale, hidden * output));
	const [hiddenPass, outputPass] = forwardPass(x, [weightsInputHidden, weightsHiddenOutput]) as [LayerPass, LayerPass];
	return {x, weightsInputHidden, weightsHiddenOutput, hidden: hiddenPass, output: outputPass};
}
