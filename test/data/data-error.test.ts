import assert from 'node:assert/strict';
import {test} from 'node:test';
import {DataError, listColumns, place, quote} from '../../src/data/data-error.js';

test('→ places a message at a file, line and column', () => {
	assert.equal(place('a.csv'), 'a.csv');
	assert.equal(place('a.csv', 3), 'a.csv:3');
	assert.equal(place('a.csv', 3, 7), 'a.csv:3:7');
});

test('→ quotes a value with control characters escaped and long text cut to 40 characters', () => {
	assert.equal(quote('a\tb\r\nc\u0000'), '"a\\tb\\r\\nc\\u0000"');
	assert.equal(quote('😀'.repeat(50)), `"${'😀'.repeat(39)}…"`);
	assert.equal(quote('x'.repeat(40)), `"${'x'.repeat(40)}"`);
	assert.equal(quote('say "hi"'), '"say ""hi"""', 'a quote inside doubled, as the CSV file and column lists write it');
	assert.equal(quote('1"2'), '"1""2"');
});

test('→ lists at most ten column names', () => {
	assert.equal(listColumns(['a', 'b']), 'a, b');
	assert.equal(listColumns(Array.from({length: 11}, (_, index) => `c${index}`)), 'c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, … (11 columns)');
});

test('→ keeps every message on one line, even a path with a line break', () => {
	assert.equal(new DataError(`${place('odd\nname.csv')}: the file is empty`).message, 'odd\\nname.csv: the file is empty');
	assert.equal(new DataError('a\u2028b').message, 'a\\u2028b');
});
