import assert from 'node:assert/strict';
import {test} from 'node:test';
import {numpyArrayString, numpyIntegerArrayString} from '../../src/commands/numpy-format.js';
import {numpyPrinted} from '../fixtures/numpy-printed.js';

test('arrays print as NumPy prints them: 8 digits at most, aligned points, scientific when the sizes call for it, wrapped at 75 columns', () => {
	for (const [values, printed] of numpyPrinted) {
		assert.equal(numpyArrayString(values), printed, JSON.stringify(values));
	}
});

test('a value halfway between two 8-digit decimals rounds to the even one, as NumPy\'s Dragon4 does', () => {
	assert.equal(numpyArrayString([0.001953125, 0.5]), '[0.00195312 0.5       ]');
	assert.equal(numpyArrayString([-0.001953125, 0.5]), '[-0.00195312  0.5       ]');
});

test('integer arrays print without points, right-aligned', () => {
	assert.equal(numpyIntegerArrayString([1, 2, 3, 4]), '[1 2 3 4]');
	assert.equal(numpyIntegerArrayString([1, -20, 300]), '[  1 -20 300]');
});

test('−0 keeps its sign, as NumPy prints it', () => {
	// numpy 2: print(np.array([-0., 1.5])), [-0., 1e-5], [-0., 0.]
	assert.equal(numpyArrayString([-0, 1.5]), '[-0.   1.5]');
	assert.equal(numpyArrayString([-0, 1e-5]), '[-0.e+00  1.e-05]');
	assert.equal(numpyArrayString([-0, 0]), '[-0.  0.]');
});
