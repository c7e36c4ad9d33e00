import assert from 'node:assert/strict';
import {test} from 'node:test';
import {readDecimal} from '../../src/data/decimal-number.js';

const read = (text: string) => readDecimal(text, 0, text.length);

test('→ reads plain decimals: signs, points, exponents, whitespace around', () => {
	const cases: Array<[string, number]> = [['380', 380], ['-2.5', -2.5], ['.5', 0.5], ['3.', 3], ['1e-3', 0.001], ['+7', 7], [' 42\t', 42], ['1E3', 1000], ['007', 7], ['-0', -0], ['3.61', 3.61]];
	for (const [text, value] of cases) {
		assert.equal(read(text), value, text);
	}
});

test('→ rounds as Number() does, long digit strings included', () => {
	for (const text of ['0.1', '0.30000000000000004', '123456789012345678901234567890', '2.2250738585072011e-308', '9007199254740993', '0.000000000000000000000000001', '1e-400']) {
		assert.equal(read(text), Number(text), text);
	}
});

test('→ reads a decimal past the largest double as Infinity', () => {
	assert.equal(read('1e400'), Number.POSITIVE_INFINITY);
	assert.equal(read('-1e400'), Number.NEGATIVE_INFINITY);
});

test('→ reads hex, binary, octal, Infinity, blanks and stray characters as not a number', () => {
	for (const text of ['0x1F', '0b1', '0o7', 'Infinity', '-Infinity', 'inf', '', ' ', '1e', '1e+', '.', '+', '-', '1.2.3', '1,5', '1_000', '٣', '1 2', 'e5', '--1']) {
		assert.ok(Number.isNaN(read(text)), text);
	}
});

test('→ reads only the given range of a longer text', () => {
	assert.equal(readDecimal('ab,12.5,cd', 3, 7), 12.5);
});
