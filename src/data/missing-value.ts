/** Which cells count as a missing value: the markers pandas reads as NaN, case-insensitively. */
import {isWhitespace} from './decimal-number.js';

/** Cells read as a missing value (compared trimmed and lower-cased). */
export const missingMarkers: ReadonlySet<string> = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
const longestMarker = 4;

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

	// Every other marker starts with n or ?, so numbers are turned away without making a string.
	const first = text.charCodeAt(start);
	if ((first !== 0x3f && (first | 0x20) !== 0x6e) || end - start > longestMarker) {
		return false;
	}

	return missingMarkers.has(text.slice(start, end).toLowerCase());
}
