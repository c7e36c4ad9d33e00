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
	assert.deepEqual(Object.keys(pass), ['x', 'weightsInputHidden', 'weightsHiddenOutput', 'hiddenIn', 'hiddenOut', 'outputIn', 'outputOut']);
	assert.deepEqual(pass.x, reference.forward_4x3x2.X);
	assert.deepEqual(pass.weightsInputHidden, reference.forward_4x3x2.w_ih);
	assert.ok(maxDifference(pass.hiddenOut, reference.forward_4x3x2.hidden) <= tolerance);
	assert.ok(maxDifference(pass.outputOut, reference.forward_4x3x2.output) <= tolerance);
});

test('gdlab forward prints labelled shapes and another seed draws other values', () => {
	const text = runCli(['forward']).stdout;
	assert.match(text, /weights_input_to_hidden \(4, 3\):/);
	assert.match(text, /Output-layer Output:\n\[0\.498151955317377\d*, 0\.48539772148132\d*\]/);
	const other = JSON.parse(runCli(['forward', '--seed', '7', '--json']).stdout);
	assert.notDeepEqual(other.x, reference.forward_4x3x2.X);
});

test('gdlab step gradient prints gradient.py\'s three figures', () => {
	const {stdout} = runCli(['step', 'gradient']);
	assert.match(stdout, /Neural Network output:\n0\.6899744811276125\n/);
	assert.match(stdout, /Amount of Error:\n-0\.1899744811276125\n/);
	assert.match(stdout, /Change in Weights:\n\[-0\.020318691802303994, -0\.04063738360460799, -0\.06095607540691198, -0\.08127476720921598\]/);
});

test('gdlab step worked and backprop --json match the lesson within 1e-12', () => {
	const worked = JSON.parse(runCli(['step', 'worked', '--json']).stdout);
	assert.ok(maxDifference([worked.output, worked.error, worked.del_w], [reference.worked_step.output, reference.worked_step.error, reference.worked_step.del_w]) <= tolerance);
	assert.equal(typeof worked.h, 'number');
	assert.equal(typeof worked.errorTerm, 'number');
	const backprop = JSON.parse(runCli(['step', 'backprop', '--json']).stdout);
	assert.ok(maxDifference(backprop.delta_w_h_o, reference.backprop_step.delta_w_h_o) <= tolerance);
	assert.ok(maxDifference(backprop.delta_w_i_h, reference.backprop_step.delta_w_i_h) <= tolerance);
	assert.ok(Math.abs(backprop.output - reference.backprop_step.output) <= tolerance);
});
