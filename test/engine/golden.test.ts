/**
 * The lesson's own figures, produced by its Python code (test/fixtures/lesson-*.json): every loss,
 * weight and intermediate term within 1e-12, accuracies equal, split indices equal.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {loadDataset} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {forwardDemo} from '../../src/engine/forward-pass.js';
import {toRows} from '../../src/engine/matrix.js';
import {backpropStep, singleUnitStep, workedExamples} from '../../src/engine/one-step.js';
import {createRandom} from '../../src/engine/random.js';
import {TrainingSession, lessonConfig, type SessionConfig} from '../../src/engine/training-session.js';
import {maxDifference, readFixture} from '../helpers/fixtures.js';

const tolerance = 1e-12;

const cases: Array<{file: string; splitSeed: number; single: Partial<SessionConfig>; backprop: Partial<SessionConfig>}> = [
	{file: 'lesson-default.json', splitSeed: 42, single: {}, backprop: {}},
	{file: 'lesson-alternate.json', splitSeed: 7, single: {seed: 3, epochs: 300, learnRate: 0.1}, backprop: {seed: 5, hidden: 4, epochs: 500, learnRate: 0.5}},
];

/** The training losses of `session` at the reference's epochs, beside the reference's. */
function lossesOf(session: TrainingSession, reference: Array<[number, number]>): Array<[number, number]> {
	session.advance(Number.POSITIVE_INFINITY);
	return reference.map(([epoch, loss]) => [session.history.at(epoch).train, loss]);
}

/** The gap between `value` (positive, finite) and the next double up. */
function ulp(value: number): number {
	return 2 ** (Math.floor(Math.log2(value)) - 52);
}

function assertClose(actual: unknown, expected: unknown, what: string): void {
	const difference = maxDifference(actual, expected);
	assert.ok(difference <= tolerance, `${what}: off by ${difference}`);
}

for (const {file, splitSeed, single, backprop} of cases) {
	describe(file, () => {
		const reference = readFixture(file);
		const split = splitDataset(loadDataset(undefined), createRandom('numpy', splitSeed));

		test('the data has the lesson\'s columns, split indices and first training row', () => {
			assert.deepEqual(split.dataset.featureNames, reference.data.columns);
			assert.deepEqual(split.trainIndex, reference.data.train_index);
			assert.deepEqual(split.testIndex, reference.data.test_index);
			assertClose(Array.from(split.train.features.subarray(0, 6)), reference.data.first_train_row, 'first training row');
		});

		test('the single unit trains to the lesson\'s weights, losses and accuracy', () => {
			const session = new TrainingSession(split, {...lessonConfig('single'), ...single});
			assertClose(session.model.weightsJson(session.snapshot().initialWeights), {output: reference.single.init}, 'initial weights');
			session.advance(Number.POSITIVE_INFINITY);
			assertClose(Array.from(session.model.weights), reference.single.weights, 'final weights');
			for (const [epoch, loss] of reference.single.losses as Array<[number, number]>) {
				assertClose(session.history.at(epoch).train, loss, `loss at epoch ${epoch}`);
			}

			assert.equal(session.snapshot().testAccuracy, reference.single.accuracy);
		});

		test('the backprop network trains to the lesson\'s weights, losses and accuracy', () => {
			const session = new TrainingSession(split, {...lessonConfig('backprop'), ...backprop});
			const initial = session.model.weightsJson(session.snapshot().initialWeights);
			assertClose(initial, {inputHidden: reference.backprop.init_ih, hiddenOutput: reference.backprop.init_ho}, 'initial weights');
			session.advance(Number.POSITIVE_INFINITY);
			assertClose(session.model.weightsJson(), {inputHidden: reference.backprop.w_ih, hiddenOutput: reference.backprop.w_ho}, 'final weights');
			for (const [epoch, loss] of reference.backprop.losses as Array<[number, number]>) {
				assertClose(session.history.at(epoch).train, loss, `loss at epoch ${epoch}`);
			}

			assert.equal(session.snapshot().testAccuracy, reference.backprop.accuracy);
		});

		test('the training losses are summed as the lesson\'s np.mean sums them: most print digit for digit, none more than 4 ulp off', () => {
			const losses = [
				...lossesOf(new TrainingSession(split, {...lessonConfig('single'), ...single}), reference.single.losses),
				...lossesOf(new TrainingSession(split, {...lessonConfig('backprop'), ...backprop}), reference.backprop.losses),
			];
			const exact = losses.filter(([ours, lesson]) => ours === lesson).length;
			// the rest differ where NumPy's vectorised exp rounds otherwise than Math.exp
			assert.ok(exact >= 16, `${exact} of ${losses.length} losses exactly the lesson's`);
			for (const [ours, lesson] of losses) {
				assert.ok(Math.abs(ours - lesson) <= 4 * ulp(lesson), `${ours} vs the lesson's ${lesson}`);
			}
		});

		test('the worked steps give every term the lesson prints', () => {
			const {worked, gradient, backprop: backpropExample} = workedExamples;
			const workedStep = singleUnitStep(worked.x, worked.y, worked.weights, worked.learnRate);
			assertClose([workedStep.output, workedStep.error, workedStep.weightStep], [reference.worked_step.output, reference.worked_step.error, reference.worked_step.del_w], 'worked step');
			const gradientStep = singleUnitStep(gradient.x, gradient.y, gradient.weights, gradient.learnRate);
			assertClose([gradientStep.output, gradientStep.error, gradientStep.weightStep], [reference.gradient_step.output, reference.gradient_step.error, reference.gradient_step.del_w], 'gradient step');
			const step = backpropStep(backpropExample.x, backpropExample.y, backpropExample.weightsInputHidden, backpropExample.weightsHiddenOutput, backpropExample.learnRate);
			assertClose(step.output, reference.backprop_step.output, 'backprop output');
			assertClose(step.deltaHiddenOutput, reference.backprop_step.delta_w_h_o, 'Δw hidden→output');
			assertClose(step.deltaInputHidden, reference.backprop_step.delta_w_i_h, 'Δw input→hidden');
		});

		test('the 4×3×2 forward pass gives the lesson\'s activations', () => {
			const demo = forwardDemo(42);
			const expected = reference.forward_4x3x2;
			assert.deepEqual(Array.from(demo.x), expected.X);
			assert.deepEqual(toRows(demo.weightsInputHidden), expected.w_ih);
			assert.deepEqual(toRows(demo.weightsHiddenOutput), expected.w_ho);
			assertClose(Array.from(demo.hidden.output), expected.hidden, 'hidden activations');
			assertClose(Array.from(demo.output.output), expected.output, 'output activations');
		});
	});
}
