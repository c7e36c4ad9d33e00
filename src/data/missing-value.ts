/**
 * Which cells count as a missing value: the markers pandas reads as NaN by default (its na_values: NA, N/A,
 * NaN, null, None, #N/A, <NA>, -1.#IND and the rest), case-insensitively, and `?`, which many public
 * datasets use.
 */
import {isWhitespace} from './decimal-number.js';

/** Cells read as a missing value (compared trimmed and lower-cased). */
export const missingMarkers: ReadonlySet<string> = new Set([
	'', 'na', 'n/a', 'nan', '-nan', 'null', 'none', '<na>', '#n/a', '#n/a n/a', '#na', '-1.#ind', '-1.#qnan', '1.#ind', '1.#qnan', '?',
]);
const longestMarker = Math.max(...[...missingMarkers].map(marker => marker.length));

const question = 0x3f;
const hash = 0x23;
const less = 0x3c;
const minus = 0x2d;
const one = 0x31;
const lowerN = 0x6e;

/**
 * Whether text[start, end) (trimmed, not empty) could be a marker, by its first characters alone: numbers
 * are turned away without making a string (a number starting with 1 or − is a marker only as 1.# or −n).
 */
function mayBeMarker(text: string, start: number, end: number): boolean {
	if (end - start > longestMarker) {
		return false;
	}

	const first = text.charCodeAt(start);
	if (first === question || first === hash || first === less || (first | 0x20) === lowerN) {
		return true;
	}

	if (first === minus) {
		return (text.charCodeAt(start + 1) | 0x20) === lowerN || text.charCodeAt(start + 3) === hash;
	}

	return first === one && text.charCodeAt(start + 2) === hash;
}

/** True when text[start, end) is blank or one of the missing markers. */
export function isMissingValue(text: string, start: number, end: number): boolean {
	while (start < end && isWhitespace(text.charCodeAt(start))) {
		start++;
	}

	while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
		end--;
	}

	if (start === end) {
		return true;
	}

	return mayBeMarker(text, start, end) && missingMarkers.has(text.slice(start, end).toLowerCase());
}
