import assert from 'node:assert/strict';
import {test} from 'node:test';
import {maxDifference, readFixture} from '../helpers/fixtures.js';
import {runCli} from '../helpers/run-cli.js';

const reference = readFixture('lesson-default.json');
const tolerance = 1e-12;

test('gdlab forward --json gives the lesson\'s 4×3×2 pass with every term', () => {
	const {stdout, status} = runCli(['forward', '--json']);
	assert.equal(status, 0);
	const pass = JSON.parse(stdout);
	assert.deepEqual(Object.keys(pass), ['seed', 'rng', 'x', 'weightsInputHidden', 'weightsHiddenOutput', 'hiddenIn', 'hiddenOut', 'outputIn', 'outputOut']);
	assert.deepEqual(pass.x, reference.forward_4x3x2.X);
	assert.deepEqual(pass.weightsInputHidden, reference.forward_4x3x2.w_ih);
	assert.ok(maxDifference(pass.hiddenOut, reference.forward_4x3x2.hidden) <= tolerance);
	assert.ok(maxDifference(pass.outputOut, reference.forward_4x3x2.output) <= tolerance);
});

test('gdlab forward prints labelled shapes and another seed draws other values', () => {
	const text = runCli(['forward']).stdout;
	assert.match(text, /weights_input_to_hidden \(4, 3\):/);
	// as the lesson's print(hidden_layer_out) and print(output_layer_out) show them (NumPy's array str)
	assert.ok(text.includes('Hidden-layer Output:\n[0.41492192 0.42604313 0.5002434 ]\n'), text);
	assert.ok(text.includes('Output-layer Output:\n[0.49815196 0.48539772]\n'), text);
	assert.ok(text.includes('weights_input_to_hidden (4, 3):\n[[-0.02341534 -0.0234137   0.15792128]\n [ 0.07674347 -0.04694744  0.054256  ]\n'), text);
	const other = JSON.parse(runCli(['forward', '--seed', '7', '--json']).stdout);
	assert.notDeepEqual(other.x, reference.forward_4x3x2.X);
	assert.deepEqual([other.seed, other.rng], [7, 'numpy'], 'the document says what drew its values');
});

test('gdlab step gradient prints gradient.py\'s three figures', () => {
	const {stdout} = runCli(['step', 'gradient']);
	assert.match(stdout, /Neural Network output:\n0\.6899744811276125\n/);
	assert.match(stdout, /Amount of Error:\n-0\.1899744811276125\n/);
	assert.ok(stdout.includes('Change in Weights:\n[-0.02031869 -0.04063738 -0.06095608 -0.08127477]\n'), stdout);
	assert.ok(stdout.includes('x = [1 2 3 4], y = 0.5, w = [ 0.5 -0.5  0.3  0.1], η = 0.5'), stdout);
});

test('gdlab step backprop prints backprop.py\'s two arrays as its print() shows them', () => {
	const {stdout} = runCli(['step', 'backprop']);
	assert.ok(stdout.endsWith([
		'Change in weights for hidden layer to output layer:',
		'[0.00804047 0.00555918]',
		'Change in weights for input layer to hidden layer:',
		'[[ 1.77005547e-04 -5.11178506e-04]',
		' [ 3.54011093e-05 -1.02235701e-04]',
		' [-7.08022187e-05  2.04471402e-04]]',
		'',
	].join('\n')), stdout);
});

test('gdlab step worked and backprop --json match the lesson within 1e-12', () => {
	const worked = JSON.parse(runCli(['step', 'worked', '--json']).stdout);
	assert.ok(maxDifference([worked.output, worked.error, worked.deltaWeights], [reference.worked_step.output, reference.worked_step.error, reference.worked_step.del_w]) <= tolerance);
	assert.equal(typeof worked.h, 'number');
	assert.equal(typeof worked.errorTerm, 'number');
	const backprop = JSON.parse(runCli(['step', 'backprop', '--json']).stdout);
	assert.ok(maxDifference(backprop.deltaWeightsHiddenOutput, reference.backprop_step.delta_w_h_o) <= tolerance);
	assert.ok(maxDifference(backprop.deltaWeightsInputHidden, reference.backprop_step.delta_w_i_h) <= tolerance);
	assert.ok(Math.abs(backprop.output - reference.backprop_step.output) <= tolerance);
});
