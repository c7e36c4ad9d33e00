/**
 * Turn a CSV table into a Dataset the way the lesson's data_prep.py does: categorical columns become
 * one-hot dummies appended after the other columns (pandas get_dummies), numeric columns are
 * standardised with the sample standard deviation, the target becomes 0/1.
 */
import {basename} from 'node:path';
import {DataError, place} from './data-error.js';
import type {Dataset} from './dataset.js';
import {pairwiseSum} from './pairwise-sum.js';
import type {CsvTable} from './parse-csv.js';

/** Column names taken as the target when --target is not given, in order of preference. */
export const defaultTargetNames = ['admit', 'label', 'target', 'class', 'y'];
/** Column names treated as categorical when --categorical is not given (the lesson's rank). */
export const defaultCategoricalNames = ['rank'];
/** Cells read as a missing value. */
const missingMarkers = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
const trueLabels = new Set(['1', 'true', 'yes', 'y', 't']);
const falseLabels = new Set(['0', 'false', 'no', 'n', 'f']);

/** How to read the table. */
export type PrepareOptions = {
	/** The target column; default: the first of defaultTargetNames present, else the first column. */
	target?: string;
	/** Columns to one-hot encode even though numeric; default: defaultCategoricalNames present. */
	categorical?: string[];
	/** Refuse rows with missing values instead of dropping them. */
	strict?: boolean;
};

/** Prepare a parsed table for the engine; throws DataError for anything it cannot train on. */
export function prepareDataset(table: CsvTable, options: PrepareOptions = {}): Dataset {
	const {header, file} = table;
	const targetName = chooseTarget(header, options.target, file);
	for (const name of options.categorical ?? []) {
		if (!header.includes(name)) {
			throw new DataError(`${file}: unknown column "${name}" in --categorical; columns are ${header.join(', ')}`);
		}
	}

	const categorical = new Set(options.categorical ?? defaultCategoricalNames.filter(name => header.includes(name) && name !== targetName));
	const {records, lines, dropped} = dropMissing(table, options.strict ?? false);
	if (records.length === 0) {
		throw new DataError(`${file}: every data row has a missing value`);
	}

	const columnOf = (name: string) => header.indexOf(name);
	const targetColumn = columnOf(targetName);
	const {targets, mapping} = encodeTarget(records.map(record => record[targetColumn]!.trim()), targetName, file);

	const numericColumns: Array<{name: string; values: number[]}> = [];
	const dummyColumns: Array<{name: string; values: number[]}> = [];
	for (const [column, name] of header.entries()) {
		if (name === targetName) {
			continue;
		}

		const cells = records.map(record => record[column]!.trim());
		if (categorical.has(name) || !isNumericColumn(cells, name, lines, column, file)) {
			dummyColumns.push(...oneHot(cells, name, file));
		} else {
			numericColumns.push({name, values: standardise(cells.map(Number), name, file)});
		}
	}

	const columns = [...numericColumns, ...dummyColumns];
	if (columns.length === 0) {
		throw new DataError(`${file}: there are no feature columns besides the target "${targetName}"`);
	}

	const rows = records.length;
	const featureCount = columns.length;
	const features = new Float64Array(rows * featureCount);
	for (const [featureIndex, column] of columns.entries()) {
		for (let row = 0; row < rows; row++) {
			features[row * featureCount + featureIndex] = column.values[row]!;
		}
	}

	return {
		name: basename(file),
		path: file,
		featureNames: columns.map(column => column.name),
		targetName,
		targetMapping: mapping,
		droppedRows: dropped,
		features,
		targets,
		rows,
		featureCount,
	};
}

function chooseTarget(header: string[], requested: string | undefined, file: string): string {
	if (requested !== undefined) {
		if (!header.includes(requested)) {
			throw new DataError(`${file}: unknown target column "${requested}"; columns are ${header.join(', ')}`);
		}

		return requested;
	}

	const lower = header.map(name => name.toLowerCase());
	for (const candidate of defaultTargetNames) {
		const index = lower.indexOf(candidate);
		if (index !== -1) {
			return header[index]!;
		}
	}

	return header[0]!;
}

function dropMissing(table: CsvTable, strict: boolean): {records: string[][]; lines: number[]; dropped: number} {
	const records: string[][] = [];
	const lines: number[] = [];
	for (const [index, record] of table.records.entries()) {
		const missing = record.findIndex(cell => missingMarkers.has(cell.trim().toLowerCase()));
		if (missing === -1) {
			records.push(record);
			lines.push(table.lines[index]!);
		} else if (strict) {
			throw new DataError(`${place(table.file, table.lines[index], missing + 1)}: missing value in column "${table.header[missing]}" (--strict refuses rows with missing values)`);
		}
	}

	return {records, lines, dropped: table.records.length - records.length};
}

function encodeTarget(cells: string[], name: string, file: string): {targets: Float64Array; mapping: Array<[string, number]>} {
	const labels = [...new Set(cells)];
	if (labels.length < 2) {
		throw new DataError(`${file}: the target column "${name}" has only one class (${labels[0] ?? 'none'}); it needs two`);
	}

	if (labels.length > 2) {
		const shown = labels.slice(0, 5).join(', ') + (labels.length > 5 ? ', …' : '');
		throw new DataError(`${file}: the target column "${name}" has ${labels.length} classes (${shown}); it needs exactly two`);
	}

	const [first, second] = labels as [string, string];
	let positive: string;
	if (trueLabels.has(first.toLowerCase()) && falseLabels.has(second.toLowerCase())) {
		positive = first;
	} else if (trueLabels.has(second.toLowerCase()) && falseLabels.has(first.toLowerCase())) {
		positive = second;
	} else {
		positive = [first, second].sort(compareLabels)[1]!;
	}

	const negative = positive === first ? second : first;
	const targets = Float64Array.from(cells, cell => (cell === positive ? 1 : 0));
	return {targets, mapping: [[negative, 0], [positive, 1]]};
}

/** Numbers sort numerically, other labels as text, as pandas sorts categories. */
function compareLabels(a: string, b: string): number {
	const numberA = Number(a);
	const numberB = Number(b);
	if (Number.isFinite(numberA) && Number.isFinite(numberB)) {
		return numberA - numberB;
	}

	return a < b ? -1 : a > b ? 1 : 0;
}

function isNumber(cell: string): boolean {
	return cell !== '' && Number.isFinite(Number(cell));
}

/** Numeric when most cells are numbers; a mostly numeric column with text in it is a mistake. */
function isNumericColumn(cells: string[], name: string, lines: number[], column: number, file: string): boolean {
	const numeric = cells.filter(isNumber).length;
	if (numeric === cells.length) {
		return true;
	}

	if (numeric * 2 <= cells.length) {
		return false;
	}

	const row = cells.findIndex(cell => !isNumber(cell));
	throw new DataError(`${place(file, lines[row], column + 1)}: "${cells[row]}" is not a number in numeric column "${name}"`);
}

/**
 * (x − mean) / std as the lesson's pandas computes it: the mean by NumPy's pairwise sum, the sample
 * standard deviation by bottleneck's two sequential passes (pandas uses bottleneck when installed,
 * and the reference figures were made so); the first training row then matches to the last bit.
 */
function standardise(values: number[], name: string, file: string): number[] {
	const mean = pairwiseSum(values) / values.length;
	const deviation = sampleStandardDeviation(values);
	if (!(deviation > 0) || !Number.isFinite(deviation)) {
		throw new DataError(`${file}: column "${name}" is constant (standard deviation 0); remove it or add varied rows`);
	}

	return values.map(value => (value - mean) / deviation);
}

/** Sample standard deviation (n − 1) in two sequential passes, as bottleneck's nanstd. */
function sampleStandardDeviation(values: number[]): number {
	let sum = 0;
	for (const value of values) {
		sum += value;
	}

	const mean = sum / values.length;
	let squares = 0;
	for (const value of values) {
		const difference = value - mean;
		squares += difference * difference;
	}

	return Math.sqrt(squares / (values.length - 1));
}

function oneHot(cells: string[], name: string, file: string): Array<{name: string; values: number[]}> {
	const levels = [...new Set(cells)].sort(compareLabels);
	if (levels.length < 2) {
		throw new DataError(`${file}: column "${name}" is constant (every row is "${levels[0]}"); remove it or add varied rows`);
	}

	return levels.map(level => ({name: `${name}_${level}`, values: cells.map(cell => (cell === level ? 1 : 0))}));
}
