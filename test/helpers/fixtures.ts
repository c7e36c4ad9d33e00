/** Test fixtures live in test/fixtures, copied from the lesson's reference figures. */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/** The path of a file in test/fixtures (tests run from dist/test, so step out of dist). */
export function fixturePath(name: string): string {
	return fileURLToPath(new URL(`../../../test/fixtures/${name}`, import.meta.url));
}

/** Parse a JSON fixture. */
export function readFixture<T = any>(name: string): T {
	return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}

/** The root of the repository. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Every number in a value, depth first: arrays in order, objects by their keys' order. */
export function flattenNumbers(value: unknown): number[] {
	if (typeof value === 'number') {
		return [value];
	}

	if (Array.isArray(value) || ArrayBuffer.isView(value)) {
		return Array.from(value as ArrayLike<unknown>).flatMap(flattenNumbers);
	}

	if (value !== null && typeof value === 'object') {
		return Object.values(value).flatMap(flattenNumbers);
	}

	throw new TypeError(`not a number: ${String(value)}`);
}

/** Largest absolute difference between two values of the same shape; Infinity when the shapes differ. */
export function maxDifference(actual: unknown, expected: unknown): number {
	const a = flattenNumbers(actual);
	const b = flattenNumbers(expected);
	if (a.length !== b.length) {
		return Number.POSITIVE_INFINITY;
	}

	return a.reduce((max, value, index) => Math.max(max, Math.abs(value - b[index]!)), 0);
}
