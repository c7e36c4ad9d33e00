import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatAccuracy, formatBatch, formatNumber, formatRate, roundingPlace} from '../../src/ui/format-number.js';

test('numbers show 4 significant digits, with an exponent when tiny or huge', () => {
	assert.equal(formatNumber(0.197_012_345), '0.1970');
	assert.equal(formatNumber(-1.4152), '-1.415');
	assert.equal(formatNumber(0.001_234_5), '0.001234');
	assert.equal(formatNumber(0.000_012_345), '1.23e-5');
	assert.equal(formatNumber(123_456), '1.23e5');
	assert.equal(formatNumber(0), '0');
	assert.equal(formatNumber(-0), '0');
	// rounding up past the plain range takes the exponent form, as 12345 does
	assert.equal(formatNumber(9999.6), '1.00e4');
	assert.equal(formatNumber(-9999.96), '-1.00e4');
	assert.equal(formatNumber(9999.4), '9999');
});

test('a value that is not finite (an overflow, NaN) shows as —, never as ∞ or a long word', () => {
	assert.equal(formatNumber(Number.POSITIVE_INFINITY), '—');
	assert.equal(formatNumber(Number.NEGATIVE_INFINITY), '—');
	assert.equal(formatNumber(Number.NaN), '—');
});

test('accuracy, speed and batch read as the lesson and a user would say them', () => {
	assert.equal(formatAccuracy(0.725), '0.725');
	assert.equal(formatRate(950.4), '950');
	assert.equal(formatRate(12_345), '12.3k');
	assert.equal(formatRate(2_500_000), '2.5M');
	assert.equal(formatRate(0.3), '0.3', 'a slow run never reads 0 epochs/s');
	assert.equal(formatRate(0.04), '0.04');
	assert.equal(formatRate(7.26), '7.3');
	assert.equal(formatRate(0), '0');
	// each form by the value it shows once rounded
	assert.equal(formatRate(9.96), '10');
	assert.equal(formatRate(999.7), '1.0k');
	assert.equal(formatRate(999_999), '1.0M');
	assert.equal(formatRate(0.096), '0.1');
});

test('accuracy ties round as Python rounds them, as gdlab train prints the same accuracy', () => {
	// 90 of 160: 0.5625 exactly, which Python's format(…, '.3f') rounds to even
	assert.equal(formatAccuracy(90 / 160), '0.562');
	assert.equal(formatAccuracy(0.5635), (0.5635).toFixed(3), 'not a tie in binary: rounded as its digits say');
	assert.equal(formatBatch('full'), 'full batch');
	assert.equal(formatBatch('record'), 'per record');
	assert.equal(formatBatch(32), 'mini-batch 32');
});

test('roundingPlace is the place formatNumber rounds to: one digit coarser in the exponent form', () => {
	assert.equal(formatNumber(0.25621), '0.2562');
	assert.ok(Math.abs(roundingPlace(0.25621) - 1e-4) < 1e-18);
	assert.equal(formatNumber(1.2583e-4), '1.26e-4');
	assert.ok(Math.abs(roundingPlace(1.2583e-4) - 1e-6) < 1e-20);
	assert.ok(Math.abs(roundingPlace(12_345) - 100) < 1e-9, formatNumber(12_345));
	assert.equal(roundingPlace(0), 0);
});
