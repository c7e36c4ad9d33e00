/**
 * The distinct values of a categorical column or of the target, in the order pandas sorts
 * categories: numbers by value first (so `1` and `1.0` are one level), then text by code unit.
 */
import {cellText, type CsvTable} from './csv-table.js';
import {readDecimal} from './decimal-number.js';

/** One distinct value of a column. */
export type Level = {
	/** The value as first written in the file, trimmed (dummies are named after it). */
	label: string;
	/** Its number when the value is a finite decimal; numbers sort by it and before text. */
	value: number | undefined;
};

/** A column as levels: the sorted distinct values and, per row, the index of its level. */
export type ColumnLevels = {
	/** Distinct values, sorted. */
	levels: Level[];
	/** For each row read, the index of its value in levels. */
	codes: Uint32Array;
};

/** The levels of one column over the given rows; undefined when there are more than `limit`. */
export function columnLevels(table: CsvTable, column: number, rows: Uint32Array, limit: number): ColumnLevels | undefined {
	const {text, starts, ends} = table;
	const width = table.header.length;
	const levels: Level[] = [];
	const byNumber = new Map<number, number>();
	const byText = new Map<string, number>();
	const codes = new Uint32Array(rows.length);
	for (let index = 0; index < rows.length; index++) {
		const row = rows[index]!;
		const cell = row * width + column;
		const value = readDecimal(text, starts[cell]!, ends[cell]!);
		let code: number | undefined;
		if (Number.isFinite(value)) {
			code = byNumber.get(value);
			if (code === undefined) {
				code = levels.push({label: cellText(table, row, column).trim(), value}) - 1;
				byNumber.set(value, code);
			}
		} else {
			const label = cellText(table, row, column).trim();
			code = byText.get(label);
			if (code === undefined) {
				code = levels.push({label, value: undefined}) - 1;
				byText.set(label, code);
			}
		}

		if (levels.length > limit) {
			return undefined;
		}

		codes[index] = code;
	}

	const order = levels.map((_level, index) => index).sort((a, b) => compareLevels(levels[a]!, levels[b]!));
	const rank = new Uint32Array(levels.length);
	for (const [position, index] of order.entries()) {
		rank[index] = position;
	}

	for (let index = 0; index < codes.length; index++) {
		codes[index] = rank[codes[index]!]!;
	}

	return {levels: order.map(index => levels[index]!), codes};
}

/** Numbers by value, then text by code unit: a total order, unlike comparing mixed pairs each their own way. */
export function compareLevels(a: Level, b: Level): number {
	if (a.value !== undefined && b.value !== undefined) {
		return a.value - b.value;
	}

	if (a.value !== undefined || b.value !== undefined) {
		return a.value === undefined ? 1 : -1;
	}

	return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}
