/** Arrays printed for people: Python-repr numbers in brackets, matrices one row per line. */
import {pythonRepr} from './python-format.js';

/** `[a, b, c]` with each number as Python prints it. */
export function formatVector(values: ArrayLike<number>): string {
	return `[${Array.from(values, pythonRepr).join(', ')}]`;
}

/** A matrix as nested brackets, one row per line, indented under the first. */
export function formatMatrix(rows: number[][]): string {
	return `[${rows.map(formatVector).join(',\n ')}]`;
}
