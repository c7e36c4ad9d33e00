/** The backprop weight steps are the gradient of the error: checked against finite differences. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Examples} from '../../src/data/dataset.js';
import {HiddenLayerNetwork} from '../../src/engine/hidden-layer-network.js';
import {evaluate, type Model} from '../../src/engine/model.js';
import {NumpyRandomState} from '../../src/engine/numpy-random-state.js';
import {normal} from '../../src/engine/random.js';
import {SingleUnit} from '../../src/engine/single-unit.js';

const finiteDifferenceTolerance = 1e-7;
const stepSize = 1e-6;

function randomExamples(rows: number, featureCount: number, seed: number): Examples {
	const random = new NumpyRandomState(seed);
	return {
		features: normal(random, 0, 1, rows * featureCount),
		targets: Float64Array.from({length: rows}, () => (random.random() < 0.5 ? 1 : 0)),
		rows,
		featureCount,
	};
}

/** E = Σ(y − ŷ)²/2, whose negative gradient is Σδx, what accumulateWeightSteps sums. */
function halfSumSquaredError(model: Model, examples: Examples): number {
	return evaluate(model, examples).meanSquaredError * examples.rows / 2;
}

function assertStepsAreNegativeGradient(model: Model, examples: Examples): void {
	const steps = new Float64Array(model.weights.length);
	model.accumulateWeightSteps(examples, 0, examples.rows, steps);
	for (let index = 0; index < model.weights.length; index++) {
		const original = model.weights[index]!;
		model.weights[index] = original + stepSize;
		const up = halfSumSquaredError(model, examples);
		model.weights[index] = original - stepSize;
		const down = halfSumSquaredError(model, examples);
		model.weights[index] = original;
		const numeric = -(up - down) / (2 * stepSize);
		assert.ok(Math.abs(numeric - steps[index]!) < finiteDifferenceTolerance, `weight ${index}: Σδx ${steps[index]} vs −∂E/∂w ${numeric}`);
	}
}

test('backprop weight steps equal −∂E/∂w by central differences, for 2 and 5 hidden units', () => {
	for (const hidden of [2, 5]) {
		const examples = randomExamples(30, 4, hidden);
		const network = HiddenLayerNetwork.initial(4, hidden, new NumpyRandomState(7));
		assertStepsAreNegativeGradient(network, examples);
	}
});

test('single unit weight steps equal −∂E/∂w by central differences', () => {
	const examples = randomExamples(25, 6, 3);
	assertStepsAreNegativeGradient(SingleUnit.initial(6, new NumpyRandomState(1)), examples);
});
