import assert from 'node:assert/strict';
import {test} from 'node:test';
import {pythonFixed3, pythonRepr} from '../../src/commands/python-format.js';

test('floats print as Python\'s repr', () => {
	assert.equal(pythonRepr(0.2627609384996635), '0.2627609384996635');
	assert.equal(pythonRepr(1), '1.0');
	assert.equal(pythonRepr(-2), '-2.0');
	assert.equal(pythonRepr(0.0001), '0.0001');
	assert.equal(pythonRepr(0.00001), '1e-05');
	assert.equal(pythonRepr(1.5e-7), '1.5e-07');
	assert.equal(pythonRepr(1e16), '1e+16');
	assert.equal(pythonRepr(123456789012345.6), '123456789012345.6');
	assert.equal(pythonRepr(Number.NaN), 'nan');
	assert.equal(pythonRepr(Number.NEGATIVE_INFINITY), '-inf');
});

test('accuracy prints as Python\'s {:.3f}, exact binary ties to even', () => {
	assert.equal(pythonFixed3(0.725), '0.725');
	assert.equal(pythonFixed3(29 / 40), '0.725');
	assert.equal(pythonFixed3(-0), '-0.000', 'format(-0.0, ".3f")');
	assert.equal(pythonFixed3(1), '1.000');
	assert.equal(pythonFixed3(0.0625), '0.062');
	assert.equal(pythonFixed3(0.1875), '0.188');
	assert.equal(pythonFixed3(0.7125), '0.713');
});
