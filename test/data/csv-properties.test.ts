/**
 * Property-based tests of the CSV reader and the dataset preparation: thousands of generated
 * files. Whitespace rule checked here: unquoted cells come back exactly as written, spaces around
 * a quoted cell are dropped, header names are trimmed, lines of only whitespace are skipped.
 */
import assert from 'node:assert/strict';
import {isUtf8} from 'node:buffer';
import {test} from 'node:test';
import fc from 'fast-check';
import {tableRecords} from '../../src/data/csv-table.js';
import {DataError} from '../../src/data/data-error.js';
import {readDecimal} from '../../src/data/decimal-number.js';
import {parseCsv} from '../../src/data/parse-csv.js';
import {prepareDataset, type PrepareOptions} from '../../src/data/prepare-dataset.js';
import {firstInvalidUtf8, readCsvFile} from '../../src/data/read-csv-file.js';
import {writeTempFile} from './temp-files.js';

const file = 'fuzz.csv';
/** Characters that stress a CSV reader, mixed with any code point. */
const csvUnit = fc.oneof(
	{weight: 3, arbitrary: fc.constantFrom(',', '"', '\r', '\n', ' ', '\t', 'a', '1', '0', '.', 'é', '😀', '\uFEFF', 'N', 'A', '?', '\u2028')},
	{weight: 1, arbitrary: fc.string({unit: 'binary', minLength: 1, maxLength: 1})},
);
const cellText = fc.string({unit: csvUnit, maxLength: 8});

type Layout = {lineEnding: string; bom: boolean; finalBreak: boolean; quoting: 'needed' | 'all' | 'padded'; blankLines: string[]};
const layout: fc.Arbitrary<Layout> = fc.record({
	lineEnding: fc.constantFrom('\n', '\r\n', '\r'),
	bom: fc.boolean(),
	finalBreak: fc.boolean(),
	quoting: fc.constantFrom('needed', 'all', 'padded'),
	blankLines: fc.array(fc.constantFrom('', ' ', '\t  '), {maxLength: 2}),
});

/** Write one cell the way a careful CSV writer would: quoted when it must be (or always, by layout). */
function writeCell(cell: string, width: number, quoting: Layout['quoting']): string {
	const mustQuote = /[",\r\n]/.test(cell) || (width === 1 && cell.trim() === '');
	const quoted = `"${cell.replaceAll('"', '""')}"`;
	if (quoting === 'padded') {
		return ` \t${quoted}  `;
	}

	return mustQuote || quoting === 'all' ? quoted : cell;
}

function writeCsv(header: string[], rows: string[][], style: Layout): string {
	const lines = [header, ...rows].map(cells => cells.map(cell => writeCell(cell, header.length, style.quoting)).join(','));
	lines.splice(1, 0, ...style.blankLines);
	return (style.bom ? '\uFEFF' : '') + lines.join(style.lineEnding) + (style.finalBreak ? style.lineEnding : '');
}

const table = fc.integer({min: 1, max: 5}).chain(width => fc.record({
	header: fc.uniqueArray(cellText.filter(name => name.trim() !== ''), {minLength: width, maxLength: width, selector: name => name.trim()}),
	rows: fc.array(fc.array(cellText, {minLength: width, maxLength: width}), {minLength: 1, maxLength: 6}),
}));

test('→ round trip: any table written as CSV reads back cell for cell (1000 files)', () => {
	fc.assert(fc.property(table, layout, ({header, rows}, style) => {
		const parsed = parseCsv(writeCsv(header, rows, style), file);
		assert.deepEqual(parsed.header, header.map(name => name.trim()));
		assert.deepEqual(tableRecords(parsed), rows);
	}), {numRuns: 1000});
});

/** Every failure is a DataError whose message is one non-empty line starting with the file. */
function assertDataError(error: unknown, path: string): void {
	if (!(error instanceof DataError)) {
		throw error;
	}

	assert.ok(!/[\r\n\u0085\u2028\u2029]/.test(error.message), `one line: ${error.message}`);
	assert.ok(error.message.startsWith(`${path}: `) || new RegExp(`^${path.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+(:\\d+)?: \\S`).test(error.message), `starts with the file: ${error.message}`);
}

/** A dataset that prepared must be ready for the engine. */
function assertUsable(dataset: ReturnType<typeof prepareDataset>, tableRows: number): void {
	assert.equal(dataset.features.length, dataset.rows * dataset.featureCount);
	assert.equal(dataset.featureNames.length, dataset.featureCount);
	assert.equal(new Set(dataset.featureNames).size, dataset.featureCount);
	assert.equal(dataset.rows + dataset.droppedRows, tableRows);
	assert.ok(dataset.features.every(value => Number.isFinite(value)));
	assert.ok(dataset.targets.every(target => target === 0 || target === 1));
	assert.ok(dataset.targets.includes(0) && dataset.targets.includes(1));
}

function readAndPrepare(read: () => ReturnType<typeof parseCsv>, options: PrepareOptions, path: string): void {
	try {
		const parsed = read();
		assertUsable(prepareDataset(parsed, options), parsed.rows);
	} catch (error) {
		assertDataError(error, path);
	}
}

/** Cells of a numeric column: numbers as people write them, now and then a missing value or junk. */
const numericCell = fc.oneof(
	{weight: 20, arbitrary: fc.constantFrom('0', '1', '2', '3', '4', '380', '3.61', '-2.5', ' 7 ', '1e-3', '.5', '+4')},
	{weight: 2, arbitrary: fc.constantFrom('', 'NA', 'NaN', '?', ' ', 'none')},
	{weight: 1, arbitrary: fc.constantFrom('abc', '1e400', '0x1F', 'Infinity', '1,5')},
);
/** Cells of a text column: a few levels, some with commas, quotes or line breaks. */
const textCell = fc.oneof({weight: 10, arbitrary: fc.constantFrom('S', 'M', 'L', 'x,y', 'a"b', 'é\n', ' M ')}, {weight: 1, arbitrary: fc.constantFrom('', 'NA')});
/** Cells of anything. */
const junkCell = fc.oneof(numericCell, textCell, cellText);
const featureCell = fc.oneof({weight: 6, arbitrary: fc.constant(numericCell)}, {weight: 3, arbitrary: fc.constant(textCell)}, {weight: 1, arbitrary: fc.constant(junkCell)});
/** A header: a target-like name first, then (mostly distinct) feature names. */
const plausibleHeader = (width: number) => fc.tuple(
	fc.oneof({weight: 6, arbitrary: fc.constantFrom('admit', 'label', 'y', 'outcome')}, {weight: 1, arbitrary: cellText}),
	fc.oneof(
		{weight: 6, arbitrary: fc.uniqueArray(fc.constantFrom('gre', 'gpa', 'rank', 'x1', ' a ', 'q"', 'x,1', 'é\n'), {minLength: width - 1, maxLength: width - 1})},
		{weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom('gre', 'rank', 'rank_1'), cellText), {minLength: width - 1, maxLength: width - 1})},
	),
).map(([target, features]) => [target, ...features]);
/** A table-shaped text: a header and columns of one kind each, written with proper quoting in some layout; now and then a ragged row. */
const plausibleText = fc.record({
	width: fc.oneof({weight: 1, arbitrary: fc.constant(1)}, {weight: 8, arbitrary: fc.integer({min: 2, max: 5})}),
	rows: fc.oneof({weight: 1, arbitrary: fc.integer({min: 0, max: 2})}, {weight: 8, arbitrary: fc.integer({min: 3, max: 16})}),
	labels: fc.constantFrom<[string, string]>(['0', '1'], ['no', 'yes'], ['1', '2'], ['b', 'a']),
}).chain(({width, rows, labels}) => fc.record({
	header: plausibleHeader(width),
	target: fc.array(fc.oneof({weight: 30, arbitrary: fc.constantFrom(...labels)}, {weight: 1, arbitrary: junkCell}), {minLength: rows, maxLength: rows}),
	features: fc.tuple(...Array.from({length: width - 1}, () => featureCell.chain(cell => fc.array(cell, {minLength: rows, maxLength: rows})))),
	raggedRow: fc.oneof({weight: 15, arbitrary: fc.constant(null)}, {weight: 1, arbitrary: fc.nat()}),
	style: layout,
})).map(({header, target, features, raggedRow, style}) => {
	const rows = target.map((label, row) => [label, ...features.map(column => column[row]!)]);
	if (raggedRow !== null && rows.length > 0) {
		rows[raggedRow % rows.length]!.push('extra');
	}

	return writeCsv(header, rows, style);
});
const options = (text: string) => fc.record({
	target: fc.option(fc.oneof(fc.constantFrom('admit', 'gre', 'y', 'nope'), fc.constant(text.split(',')[0] ?? '')), {nil: undefined}),
	categorical: fc.option(fc.subarray(['admit', 'gre', 'gpa', 'rank', 'y', 'label']), {nil: undefined}),
	strict: fc.boolean(),
}, {requiredKeys: []});

test('→ any text: parsing and preparing throw nothing but one-line DataErrors (2500 texts)', () => {
	const anyText = fc.oneof(fc.string({unit: csvUnit, maxLength: 60}), plausibleText);
	fc.assert(fc.property(anyText.chain(text => fc.tuple(fc.constant(text), options(text))), ([text, chosen]) => {
		readAndPrepare(() => parseCsv(text, file), chosen, file);
	}), {numRuns: 2500});
});

test('→ any bytes in a file: reading and preparing throw nothing but one-line DataErrors (300 files)', () => {
	const utf8 = plausibleText.map(text => new Uint8Array(Buffer.from(text, 'utf8')));
	const corrupted = fc.tuple(utf8, fc.nat(), fc.integer({min: 0x80, max: 0xff})).map(([bytes, at, byte]) => {
		const copy = bytes.slice();
		if (copy.length > 0) {
			copy[at % copy.length] = byte;
		}

		return copy;
	});
	let count = 0;
	fc.assert(fc.property(fc.oneof(fc.uint8Array({maxLength: 80}), utf8, corrupted), bytes => {
		const path = writeTempFile(`fuzz-${count++}.csv`, bytes);
		readAndPrepare(() => readCsvFile(path), {}, path);
	}), {numRuns: 300});
});

test('→ the UTF-8 check finds exactly the bytes Node\'s validator refuses (1000 byte strings)', () => {
	const pieces = fc.array(fc.oneof(
		fc.string({unit: 'binary', maxLength: 3}).map(text => new Uint8Array(Buffer.from(text, 'utf8'))),
		fc.uint8Array({maxLength: 3}),
		fc.uint8Array({minLength: 1, maxLength: 4, min: 0x80, max: 0xf5}),
	), {maxLength: 8}).map(parts => new Uint8Array(Buffer.concat(parts)));
	fc.assert(fc.property(pieces, bytes => {
		const offset = firstInvalidUtf8(bytes);
		assert.equal(offset === bytes.length, isUtf8(bytes));
		assert.ok(isUtf8(bytes.subarray(0, offset)));
	}), {numRuns: 1000});
});

/** The plain reference for readDecimal: a regular expression, then Number(). */
const decimalPattern = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const referenceDecimal = (text: string) => (decimalPattern.test(text) ? Number(text) : Number.NaN);

test('→ readDecimal equals the regular-expression reference (2000 strings)', () => {
	const numberish = fc.oneof(
		fc.string({unit: fc.constantFrom('0', '1', '5', '9', '.', 'e', 'E', '+', '-', ' ', '\t', 'x', '_', 'I', '\u00a0'), maxLength: 12}),
		fc.double().map(String),
		fc.tuple(fc.bigInt({min: -(10n ** 30n), max: 10n ** 30n}), fc.integer({min: -30, max: 30})).map(([digits, exponent]) => `${digits}e${exponent}`),
		fc.tuple(fc.nat(), fc.nat({max: 10 ** 9})).map(([whole, fraction]) => `${whole}.${String(fraction).padStart(9, '0')}`),
	);
	fc.assert(fc.property(numberish, text => {
		assert.ok(Object.is(readDecimal(text, 0, text.length), referenceDecimal(text)), text);
	}), {numRuns: 2000});
});

const labelPairs: Array<[string, string]> = [['0', '1'], ['no', 'yes'], ['1', '2'], ['admitted', 'rejected'], ['false', 'TRUE']];
/** A numeric table with a binary target: both labels present, features as written by String(). */
const numericTable = (value: fc.Arbitrary<number>): fc.Arbitrary<NumericTable> => fc.record({
	features: fc.integer({min: 1, max: 4}),
	rows: fc.integer({min: 2, max: 25}),
	targetAt: fc.nat(),
	labels: fc.constantFrom(...labelPairs),
}).chain(shape => fc.record({
	shape: fc.constant(shape),
	values: fc.array(fc.array(value, {minLength: shape.features, maxLength: shape.features}), {minLength: shape.rows, maxLength: shape.rows}),
	positives: fc.array(fc.boolean(), {minLength: shape.rows - 2, maxLength: shape.rows - 2}).map(rest => [false, true, ...rest]),
}));

type NumericTable = {
	shape: {features: number; rows: number; targetAt: number; labels: [string, string]};
	values: number[][];
	positives: boolean[];
};

/** The table as CSV text, the target column `y` placed among x1, x2, …. */
function writeNumericTable({shape, values, positives}: NumericTable): {text: string; targetColumn: number} {
	const targetColumn = shape.targetAt % (shape.features + 1);
	const names = Array.from({length: shape.features}, (_, index) => `x${index + 1}`);
	names.splice(targetColumn, 0, 'y');
	const lines = values.map((row, index) => {
		const cells = row.map(String);
		cells.splice(targetColumn, 0, shape.labels[positives[index] ? 1 : 0]);
		return cells.join(',');
	});
	return {text: [names.join(','), ...lines].join('\n'), targetColumn};
}

test('→ numeric tables with a binary target prepare into standardised finite features (500 tables)', () => {
	const decimal = fc.integer({min: -1e9, max: 1e9}).map(value => value / 1000);
	fc.assert(fc.property(numericTable(decimal), generated => {
		const {shape, values, positives} = generated;
		const {text} = writeNumericTable(generated);
		const columns = Array.from({length: shape.features}, (_, feature) => values.map(row => row[feature]!));
		const constant = columns.findIndex(column => column.every(value => value === column[0]));
		if (constant !== -1) {
			assert.throws(() => prepareDataset(parseCsv(text, file)), {message: `${file}: column "x${constant + 1}" is constant (standard deviation 0); remove it or add varied rows`});
			return;
		}

		const dataset = prepareDataset(parseCsv(text, file));
		assertUsable(dataset, shape.rows);
		assert.deepEqual(dataset.featureNames, columns.map((_, feature) => `x${feature + 1}`));
		assert.deepEqual(Array.from(dataset.targets), positives.map(positive => (positive ? 1 : 0)));
		assert.deepEqual(dataset.targetMapping, [[shape.labels[0], 0], [shape.labels[1], 1]]);
		for (const [feature, column] of columns.entries()) {
			const mean = column.reduce((sum, value) => sum + value, 0) / column.length;
			const deviation = Math.sqrt(column.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (column.length - 1));
			for (const [row, value] of column.entries()) {
				assert.ok(Math.abs(dataset.features[row * dataset.featureCount + feature]! - (value - mean) / deviation) < 1e-6);
			}
		}
	}), {numRuns: 500});
});

test('→ tables of any doubles prepare into finite features, or name the column that cannot be standardised (300 tables)', () => {
	const anyDouble = fc.double({noNaN: true, noDefaultInfinity: true, min: -1e100, max: 1e100});
	fc.assert(fc.property(numericTable(anyDouble), generated => {
		const {text} = writeNumericTable(generated);
		try {
			assertUsable(prepareDataset(parseCsv(text, file)), generated.shape.rows);
		} catch (error) {
			assertDataError(error, file);
			const columns = Array.from({length: generated.shape.features}, (_, feature) => generated.values.map(row => row[feature]!));
			const spreads = columns.map(column => Math.max(...column) - Math.min(...column));
			assert.match((error as Error).message, /is constant \(standard deviation 0\)|too large to standardise|too small or too close together to standardise/);
			assert.ok(spreads.some(spread => spread < 1e-150), (error as Error).message);
		}
	}), {numRuns: 300});
});
