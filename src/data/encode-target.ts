/** Turn a target column's two classes into 0 and 1, and say which is which. */
import type {ColumnLevels} from './column-levels.js';

/** Labels read as the positive class (1) when the other class is a negative label. */
const positiveLabels: ReadonlySet<string> = new Set(['1', 'true', 'yes', 'y', 't']);
/** Labels read as the negative class (0). */
const negativeLabels: ReadonlySet<string> = new Set(['0', 'false', 'no', 'n', 'f']);

/** A binary target: 0 or 1 per row, and how the file's labels map to them. */
export type EncodedTarget = {
	/** One target (0 or 1) per row. */
	targets: Float64Array;
	/** [[label of 0, 0], [label of 1, 1]]. */
	mapping: Array<[label: string, value: number]>;
};

/**
 * Encode a column of exactly two levels: 0/1, false/true, no/yes (any case) map as they say; any
 * other pair maps in sorted order, the second to 1 (numbers by value, so 1/2 gives 2 → 1).
 */
export function encodeTarget(column: ColumnLevels): EncodedTarget {
	const [first, second] = column.levels;
	if (first === undefined || second === undefined || column.levels.length !== 2) {
		throw new RangeError(`a binary target needs exactly two levels, got ${column.levels.length}`);
	}

	const firstIsPositive = positiveLabels.has(first.label.toLowerCase()) && negativeLabels.has(second.label.toLowerCase());
	const positive = firstIsPositive ? 0 : 1;
	const targets = new Float64Array(column.codes.length);
	for (let row = 0; row < targets.length; row++) {
		targets[row] = column.codes[row] === positive ? 1 : 0;
	}

	const [negativeLevel, positiveLevel] = firstIsPositive ? [second, first] : [first, second];
	return {targets, mapping: [[negativeLevel.label, 0], [positiveLevel.label, 1]]};
}
