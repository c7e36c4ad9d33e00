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
 * The column with the spellings of each of true, false, yes, no (and t, f, y, n) taken as one level, named
 * in lower case when the file spells it more than one way (True, TRUE and true are "true"), as pandas
 * reads True/TRUE/true as one value. Other labels keep their case: "A" and "a" stay two classes.
 */
export function foldLabelCase(column: ColumnLevels): ColumnLevels {
	const groups = new Map<string, {level: Level; spellings: number; members: number[]}>();
	column.levels.forEach((level, index) => {
		const word = level.value === undefined ? level.label.toLowerCase() : undefined;
		const key = word !== undefined && (positiveLabels.has(word) || negativeLabels.has(word)) ? `word:${word}` : `level:${index}`;
		const group = groups.get(key);
		if (group) {
			group.spellings++;
			group.members.push(index);
			group.level = {label: word!, value: undefined};
		} else {
			groups.set(key, {level, spellings: 1, members: [index]});
		}
	});
	if (groups.size === column.levels.length) {
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
