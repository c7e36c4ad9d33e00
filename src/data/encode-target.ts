/** Turn a target column's two classes into 0 and 1, and say which is which. */
import {compareLevels, type ColumnLevels, type Level} from './column-levels.js';

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
 * The column read as two classes when it holds nothing but spellings of one word for each: true and false,
 * or yes and no (t/f, y/n), each in one case or several (True, TRUE and true are "true", named in lower
 * case when spelled more than one way). Any other column is left as read: "True" and "true" alone stay two
 * classes (as they trained before), "A" and "a" too, and T, t and A stay three.
 */
export function foldLabelCase(column: ColumnLevels): ColumnLevels {
	const groups = new Map<string, {level: Level; members: number[]}>();
	for (const [index, level] of column.levels.entries()) {
		const word = level.value === undefined ? level.label.toLowerCase() : '';
		if (!positiveLabels.has(word) && !negativeLabels.has(word)) {
			return column;
		}

		const group = groups.get(word);
		if (group) {
			group.members.push(index);
			group.level = {label: word, value: undefined};
		} else {
			groups.set(word, {level, members: [index]});
		}
	}

	const words = [...groups.keys()];
	if (groups.size === column.levels.length || words.length !== 2 || !words.some(word => positiveLabels.has(word)) || !words.some(word => negativeLabels.has(word))) {
		return column;
	}

	const folded = [...groups.values()].sort((a, b) => compareLevels(a.level, b.level));
	const code = new Uint32Array(column.levels.length);
	folded.forEach(({members}, position) => {
		for (const member of members) {
			code[member] = position;
		}
	});
	return {levels: folded.map(({level}) => level), codes: column.codes.map(old => code[old]!)};
}

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
