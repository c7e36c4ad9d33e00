/**
 * Turn a CSV table into a Dataset the way the lesson's data_prep.py does: categorical columns become
 * one-hot dummies appended after the numeric columns (pandas get_dummies), numeric columns are
 * standardised with the sample standard deviation, the target becomes 0/1. Rows with a missing
 * value are dropped and counted (or refused with `strict`). Cells are read straight from the
 * file's text, so a million rows make no string per cell.
 */
import {basename} from 'node:path';
import {columnLevels, type ColumnLevels} from './column-levels.js';
import {otherSeparatorError} from './parse-csv.js';
import {columnStatistics} from './column-statistics.js';
import {cellText, type CsvTable} from './csv-table.js';
import {OptionDataError, DataError, listColumns, listedName, place, quote, unquotedName} from './data-error.js';
import {maxCategoryLevels, maxFeatureValues} from './data-limits.js';
import type {Dataset} from './dataset.js';
import {readDecimal} from './decimal-number.js';
import {allocateRecordArrays} from '../engine/shared-float64-array.js';
import {encodeTarget, foldLabelCase} from './encode-target.js';
import {isMissingValue} from './missing-value.js';
import {positionAt} from './text-position.js';

/** Column names taken as the target when --target is not given, in order of preference (any case). */
export const defaultTargetNames = ['admit', 'label', 'target', 'class', 'y'];
/** Column names treated as categorical when --categorical is not given (the lesson's rank; any case). */
export const defaultCategoricalNames = ['rank'];
/** Most classes a message lists. */
const shownClasses = 5;

/** How to read the table. */
export type PrepareOptions = {
	/** The target column; default: the first of defaultTargetNames present, else the first column. */
	target?: string;
	/** Columns to one-hot encode even though numeric; default: defaultCategoricalNames present. Replaces the default when given. */
	categorical?: string[];
	/** Refuse rows with missing values instead of dropping them. */
	strict?: boolean;
	/** Columns left out altogether (an identifier, say): neither features nor read for missing values. */
	ignore?: string[];
};

/**
 * The --ignore flag that leaves out column `name`, as a shell takes it: quoted as the list reads a name with
 * a comma (listedName), and in single quotes when the shell would split or change it.
 */
function ignoreFlag(name: string): string {
	const listed = listedName(name);
	return `--ignore ${/^[\w@%+=:,./-]+$/.test(listed) ? listed : `'${listed.replaceAll("'", "'\\''")}'`}`;
}

/** Prepare a parsed table for the engine; throws DataError for anything it cannot train on. */
export function prepareDataset(table: CsvTable, options: PrepareOptions = {}): Dataset {
	const {header, file} = table;
	const separated = header.length === 1 ? otherSeparatorError(file, header[0]!) : undefined;
	if (separated) { // the whole header read as one column: the file is separated by something else
		throw separated;
	}

	const target = chooseTarget(header, options.target, file, options.ignore ?? []);
	const ignored = ignoredColumns(header, options.ignore, target.column, options.categorical, file);
	const categorical = categoricalColumns(header, options.categorical, target.column, file);
	const kept = keptRows(table, options.strict ?? false, ignored);
	if (kept.length === 0) {
		throw new DataError(`${place(file)}: every one of the ${table.rows} data rows has a missing value${emptyColumnsNote(table, ignored)}`);
	}

	const {targets: encodedTargets, mapping} = encodeTarget(targetLevels(table, target, kept));
	const numericColumns: Array<{name: string; values: Float64Array}> = [];
	const dummyColumns: Array<{name: string; levels: ColumnLevels}> = [];
	for (const [column, name] of header.entries()) {
		if (column === target.column || ignored.has(column)) {
			continue;
		}

		const values = categorical.has(column) ? undefined : numericValues(table, column, kept);
		if (values) {
			numericColumns.push({name, values});
			continue;
		}

		const levels = columnLevels(table, column, kept, maxCategoryLevels);
		if (levels === undefined) {
			throw new DataError(`${place(file)}: column ${quote(name)} has more than ${maxCategoryLevels} distinct values, the limit for a categorical column (each value becomes a feature); if it names the rows (an id), leave it out with ${ignoreFlag(name)}`);
		}

		if (levels.levels.length < 2) {
			throw new DataError(`${place(file)}: column ${quote(name)} is constant (every row is ${quote(levels.levels[0]?.label ?? '')}); remove it or add varied rows`);
		}

		dummyColumns.push({name, levels});
	}

	const featureNames = [
		...numericColumns.map(column => column.name),
		...dummyColumns.flatMap(column => column.levels.levels.map(level => `${column.name}_${level.label}`)),
	];
	checkFeatures(featureNames, kept.length, target.name, file, ignored.size > 0);
	const rows = kept.length;
	const featureCount = featureNames.length;
	// shared memory for big data, so worker threads read the records without a copy
	const {features, targets} = allocateRecordArrays(rows, featureCount);
	targets.set(encodedTargets);
	for (const [feature, {name, values}] of numericColumns.entries()) {
		const {mean, standardDeviation} = columnStatistics(values);
		if (!(standardDeviation > 0) || !Number.isFinite(standardDeviation) || !Number.isFinite(mean)) {
			// the values are finite (the reader refuses others): a varied column fails only when its squares overflow
			// (1e200) or its spread underflows to 0 (0 and 5e-324)
			let problem = 'is constant (standard deviation 0); remove it or add varied rows';
			if (!isConstant(values)) {
				problem = standardDeviation > 0
					? `has values too large to standardise (up to ${largestMagnitude(values)}: their squares overflow); rescale it or remove it`
					: `has values too small or too close together to standardise (their spread underflows to 0); rescale it or remove it`;
			}

			throw new DataError(`${place(file)}: column ${quote(name)} ${problem}`);
		}

		for (let row = 0; row < rows; row++) {
			features[row * featureCount + feature] = (values[row]! - mean) / standardDeviation;
		}
	}

	let firstDummy = numericColumns.length;
	for (const {levels} of dummyColumns) {
		for (let row = 0; row < rows; row++) {
			features[row * featureCount + firstDummy + levels.codes[row]!] = 1;
		}

		firstDummy += levels.levels.length;
	}

	return {
		name: basename(file),
		path: file,
		sha256: table.sha256,
		featureNames,
		targetName: target.name,
		targetMapping: mapping,
		droppedRows: table.rows - rows,
		...(rows < table.rows ? {fileRows: kept.slice(0, rows)} : {}),
		readingNotes: readingNotes(header, options.categorical, target.column, dummyColumns, ignored),
		features,
		targets,
		rows,
		featureCount,
	};
}

type TargetChoice = {name: string; column: number; chosen: boolean};

/** Said after a problem with a target column gdlab guessed (a saved run's replay, which takes no --target, drops it). */
export const chooseTargetHint = ' (choose the target column with --target)';

/** The target: --target, else the first column with a default target name, else the first column (never one --ignore leaves out). */
function chooseTarget(header: string[], requested: string | undefined, file: string, ignore: readonly string[]): TargetChoice {
	if (requested !== undefined) {
		// the name as the file has it, or quoted as the messages and column lists quote it ("say ""hi""")
		const name = header.includes(requested) ? requested : unquotedName(requested) ?? requested;
		const column = header.indexOf(name);
		if (column === -1) {
			throw new OptionDataError(`${place(file)}: unknown target column ${quote(name)}; columns are ${listColumns(header)}`);
		}

		return {name, column, chosen: true};
	}

	const lower = header.map(name => (ignore.includes(name) ? undefined : name.toLowerCase()));
	for (const candidate of defaultTargetNames) {
		const column = lower.indexOf(candidate);
		if (column !== -1) {
			return {name: header[column]!, column, chosen: false};
		}
	}

	const first = lower.findIndex(name => name !== undefined);
	if (first === -1) {
		throw new OptionDataError(`${place(file)}: --ignore leaves out every column; keep the target and at least one feature`);
	}

	return {name: header[first]!, column: first, chosen: false};
}

/** The columns --ignore names, checked: each a column of the file, none the target or a --categorical one. */
function ignoredColumns(header: string[], requested: string[] | undefined, targetColumn: number, categorical: string[] | undefined, file: string): Set<number> {
	const columns = new Set<number>();
	for (const name of requested ?? []) {
		const column = header.indexOf(name);
		if (column === -1) {
			throw new OptionDataError(`${place(file)}: unknown column ${quote(name)} in --ignore; columns are ${listColumns(header)}`);
		}

		if (column === targetColumn) {
			throw new OptionDataError(`${place(file)}: ${quote(name)} is the target column; --ignore cannot leave it out`);
		}

		if (categorical?.includes(name)) {
			throw new OptionDataError(`${place(file)}: ${quote(name)} is both --categorical and --ignore; give it to one of them`);
		}

		columns.add(column);
	}

	return columns;
}

function categoricalColumns(header: string[], requested: string[] | undefined, targetColumn: number, file: string): Set<number> {
	if (requested === undefined) {
		const lower = header.map(name => name.toLowerCase());
		return new Set(defaultCategoricalNames.map(name => lower.indexOf(name)).filter(column => column !== -1 && column !== targetColumn));
	}

	const columns = new Set<number>();
	for (const name of requested) {
		const column = header.indexOf(name);
		if (column === -1) {
			throw new OptionDataError(`${place(file)}: unknown column ${quote(name)} in --categorical; columns are ${listColumns(header)}`);
		}

		if (column === targetColumn) {
			throw new OptionDataError(`${place(file)}: ${quote(name)} is the target column; it cannot also be --categorical`);
		}

		columns.add(column);
	}

	return columns;
}

/** A categorical column with more values than this is worth a note: each value became a feature. */
const manyLevels = 20;

/**
 * What a user should know about how the columns were read: a text column (an ID, a name) one-hot encoded
 * into many features without being asked for, and a default categorical column (rank) read as a number because --categorical
 * named others.
 */
function readingNotes(header: string[], requested: string[] | undefined, targetColumn: number, dummyColumns: ReadonlyArray<{name: string; levels: ColumnLevels}>, ignored: ReadonlySet<number>): string[] {
	const notes = dummyColumns
		.filter(({name, levels}) => levels.levels.length > manyLevels && !requested?.includes(name))
		.map(({name, levels}) => `column ${quote(name)} has ${levels.levels.length} distinct values, one-hot encoded into as many features (an id? ${ignoreFlag(name)} leaves it out)`);
	// a column of numbers with text in most rows (placeholders such as inf or unknown) is one-hot encoded by value
	for (const {name, levels} of dummyColumns) {
		const number = levels.levels.find(({label}) => numberPattern.test(label.trim()));
		const word = levels.levels.find(({label}) => !numberPattern.test(label.trim()));
		if (!requested?.includes(name) && number !== undefined && word !== undefined) {
			notes.push(`column ${quote(name)} mixes numbers and text (${quote(number.label)}, ${quote(word.label)}): one-hot encoded, each distinct value a feature (clean it or remove it)`);
		}
	}

	if (requested !== undefined) {
		const lower = header.map(name => name.toLowerCase());
		for (const name of defaultCategoricalNames) {
			const column = lower.indexOf(name);
			if (column !== -1 && column !== targetColumn && !ignored.has(column) && !requested.includes(header[column]!)) {
				notes.push(`column ${quote(header[column]!)} is read as a number: --categorical replaces the default; add it to the list to one-hot encode it`);
			}
		}
	}

	return notes;
}

/** A cell that reads as a decimal number (1, -2.5, .5, 1e-3). */
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** When some columns are missing in every row, what says so (the likely reason no row is complete), else nothing. */
function emptyColumnsNote(table: CsvTable, ignored: ReadonlySet<number>): string {
	const {text, starts, ends, rows, header} = table;
	const empty = header.filter((_, column) => {
		if (ignored.has(column)) { // not why rows were dropped
			return false;
		}

		for (let row = 0; row < rows; row++) {
			const cell = (row * header.length) + column;
			if (!isMissingValue(text, starts[cell]!, ends[cell]!)) {
				return false;
			}
		}

		return true;
	});
	return empty.length === 0 ? '' : `: column${empty.length > 1 ? 's' : ''} ${empty.map(name => quote(name)).join(', ')} ${empty.length > 1 ? 'have' : 'has'} no value at all; remove ${empty.length > 1 ? 'them' : 'it'} from the file`;
}

/** The rows without a missing value, in file order; with `strict`, the first missing value is an error. */
function keptRows(table: CsvTable, strict: boolean, ignored: ReadonlySet<number>): Uint32Array {
	const {text, starts, ends, rows} = table;
	const width = table.header.length;
	const kept = new Uint32Array(rows);
	let count = 0;
	for (let row = 0; row < rows; row++) {
		let complete = true;
		for (let cell = row * width, end = cell + width; cell < end; cell++) {
			if (isMissingValue(text, starts[cell]!, ends[cell]!) && (ignored.size === 0 || !ignored.has(cell - (row * width)))) {
				if (strict) {
					const column = cell - row * width;
					const value = cellText(table, row, column).trim();
					const shown = value === '' ? '(an empty cell)' : quote(value);
					throw new DataError(`${placeOfCell(table, cell)}: missing value ${shown} in column ${quote(table.header[column]!)} (--strict refuses rows with missing values)`);
				}

				complete = false;
				break;
			}
		}

		if (complete) {
			kept[count++] = row;
		}
	}

	return kept.subarray(0, count);
}

function targetLevels(table: CsvTable, target: TargetChoice, kept: Uint32Array): ColumnLevels {
	const {file} = table;
	const hint = target.chosen ? '' : chooseTargetHint;
	const read = columnLevels(table, target.column, kept, maxCategoryLevels);
	const column = read && foldLabelCase(read);
	if (column === undefined) {
		throw new DataError(`${place(file)}: the target column ${quote(target.name)} has more than ${maxCategoryLevels} classes; it needs exactly two${hint}`);
	}

	const {levels} = column;
	const shown = levels.slice(0, shownClasses).map(level => quote(level.label)).join(', ') + (levels.length > shownClasses ? ', …' : '');
	if (levels.length < 2) {
		// the other class may have been in the rows dropped for a missing value
		const dropped = table.rows - kept.length;
		const inKept = dropped > 0 ? ` in the ${kept.length} ${kept.length === 1 ? 'row' : 'rows'} kept (${dropped} with a missing value ${dropped === 1 ? 'was' : 'were'} dropped)` : '';
		throw new DataError(`${place(file)}: the target column ${quote(target.name)} has only one class (${shown})${inKept}; it needs two${hint}`);
	}

	if (levels.length > 2) {
		throw new DataError(`${place(file)}: the target column ${quote(target.name)} has ${levels.length} classes (${shown}); it needs exactly two${hint}`);
	}

	return column;
}

/**
 * A column's numbers over the kept rows, or undefined when at most half of them are numbers (a
 * text column, one-hot encoded instead). A mostly numeric column with text in it is a mistake.
 */
function numericValues(table: CsvTable, column: number, kept: Uint32Array): Float64Array | undefined {
	const {text, starts, ends} = table;
	const width = table.header.length;
	const values = new Float64Array(kept.length);
	let texts = 0;
	let firstText = -1;
	let firstInfinite = -1;
	for (let index = 0; index < kept.length; index++) {
		const cell = kept[index]! * width + column;
		const value = readDecimal(text, starts[cell]!, ends[cell]!);
		values[index] = value;
		if (Number.isNaN(value)) {
			texts++;
			firstText = firstText === -1 ? cell : firstText;
		} else if (firstInfinite === -1 && !Number.isFinite(value)) {
			firstInfinite = cell;
		}
	}

	if (texts * 2 >= kept.length) {
		return undefined;
	}

	const name = quote(table.header[column]!);
	if (texts > 0) {
		const row = Math.floor(firstText / width);
		throw new DataError(`${placeOfCell(table, firstText)}: ${quote(cellText(table, row, column).trim())} is not a number in numeric column ${name}`);
	}

	if (firstInfinite !== -1) {
		const row = Math.floor(firstInfinite / width);
		throw new DataError(`${placeOfCell(table, firstInfinite)}: ${quote(cellText(table, row, column).trim())} is too large for a number (over 1.8e308) in column ${name}`);
	}

	return values;
}

function checkFeatures(featureNames: string[], rows: number, targetName: string, file: string, someIgnored: boolean): void {
	if (featureNames.length === 0) {
		throw new DataError(`${place(file)}: there are no feature columns besides the target ${quote(targetName)}${someIgnored ? ' (--ignore leaves the others out)' : ''}`);
	}

	const seen = new Set<string>();
	for (const name of featureNames) {
		if (seen.has(name)) {
			throw new DataError(`${place(file)}: two features would be named ${quote(name)} (a dummy is named column_value); rename a column`);
		}

		seen.add(name);
	}

	if (rows * featureNames.length > maxFeatureValues) {
		throw new DataError(`${place(file)}: ${rows} rows × ${featureNames.length} features is over the limit of ${maxFeatureValues} feature values`);
	}
}

function isConstant(values: Float64Array): boolean {
	return values.every(value => value === values[0]);
}

/** The largest |value| of a column, as the message shows it (1.9e+201). */
function largestMagnitude(values: Float64Array): string {
	return values.reduce((largest, value) => Math.max(largest, Math.abs(value)), 0).toPrecision(2);
}

function placeOfCell(table: CsvTable, cell: number): string {
	const {line, column} = positionAt(table.text, table.starts[cell]!);
	return place(table.file, line, column);
}
