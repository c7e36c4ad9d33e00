/** How the dashboard writes numbers: compact, so columns stay narrow and lines stay short. */
import {pythonFixed3} from '../commands/python-format.js';
import type {BatchMode} from '../engine/training-session.js';

/** Significant digits shown for losses, weights, steps and gradients. */
export const significantDigits = 4;
/** Magnitudes below this are written with an exponent. */
const smallestPlain = 1e-3;
/** Magnitudes from this up are written with an exponent. */
const largestPlain = 1e4;

/** What stands for a value that is not a finite number (the step that overflowed as a run diverged). */
export const notFiniteMark = '—';

/** A number in 4 (or `digits`) significant digits, with an exponent when it is tiny or huge (1.23e-5); — when not finite. */
export function formatNumber(value: number, digits = significantDigits): string {
	if (!Number.isFinite(value)) {
		return notFiniteMark;
	}

	if (value === 0) {
		return '0';
	}

	const magnitude = Math.abs(value);
	// 9999.6 rounds up to 10000, past the plain range: then it takes the exponent too (toPrecision would say 1.000e+4)
	const plain = value.toPrecision(digits);
	if (magnitude >= smallestPlain && magnitude < largestPlain && !plain.includes('e')) {
		return plain;
	}

	return value.toExponential(digits - 2).replace('e+', 'e');
}

/** The place formatNumber(value, digits) rounds `value` to (0.2562: 0.0001; 1.258e-4, one digit fewer: 1e-6); 0 for 0. */
export function roundingPlace(value: number, digits = significantDigits): number {
	const magnitude = Math.abs(value);
	if (magnitude === 0 || !Number.isFinite(magnitude)) {
		return 0;
	}

	const exponent = Math.floor(Math.log10(magnitude));
	const plain = magnitude >= smallestPlain && magnitude < largestPlain;
	return 10 ** (exponent - digits + (plain ? 1 : 2));
}

/** A setting as the user would type it (η 0.005, β 0.9): no padding digits. */
export function formatSetting(value: number | string): string {
	return String(value);
}

/** Test accuracy as the lesson prints it, three decimals, ties rounded as Python rounds them (as `gdlab train` prints it). */
export function formatAccuracy(accuracy: number): string {
	return pythonFixed3(accuracy);
}

/** Epochs per second, short: 950, 12.3k, 1.2M. */
export function formatRate(perSecond: number): string {
	// below 10 a second (a wide network's epochs take seconds), one decimal, so it never reads 0; each
	// form is chosen by the value it shows, rounded (9.96 shows as 10, 999,999 as 1.0M, not 1000.0k)
	if (perSecond > 0 && perSecond < 9.95) {
		return perSecond < 0.095 ? perSecond.toPrecision(1) : perSecond.toFixed(1);
	}

	if (perSecond < 999.5) {
		return String(Math.round(perSecond));
	}

	if (perSecond < 999_950) {
		return `${(perSecond / 1000).toFixed(1)}k`;
	}

	return `${(perSecond / 1e6).toFixed(1)}M`;
}

/** A batch mode in words. */
export function formatBatch(batch: BatchMode): string {
	if (batch === 'full') {
		return 'full batch';
	}

	return batch === 'record' ? 'per record' : `mini-batch ${batch}`;
}

/** The batch mode in a few columns, for a narrow status line: full, b1 (per record), b32 (mini-batches of 32). */
export function formatBatchShort(batch: BatchMode): string {
	if (batch === 'full') {
		return 'full';
	}

	return batch === 'record' ? 'b1' : `b${batch}`;
}
