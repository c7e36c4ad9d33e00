/**
 * A small RFC 4180 reader: quoted fields with commas, quotes ("") and line breaks, CRLF or LF
 * endings, a leading UTF-8 BOM. Every malformed input becomes a DataError naming line and column.
 */
import {DataError, place} from './data-error.js';

/** A CSV file as text cells: the header and the records, with the line each record starts on. */
export type CsvTable = {
	/** Where the table came from (shown in messages). */
	file: string;
	/** Column names, trimmed. */
	header: string[];
	/** One array of cells per record, as long as the header. */
	records: string[][];
	/** The 1-based line each record starts on, for messages. */
	lines: number[];
};

/** Parse CSV text into a table; throws DataError for empty input, a bare header or ragged rows. */
export function parseCsv(text: string, file: string): CsvTable {
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const rows = splitRecords(body, file);
	const nonEmpty = rows.filter(row => !(row.cells.length === 1 && row.cells[0] === ''));
	const headerRow = nonEmpty[0];
	if (headerRow === undefined) {
		throw new DataError(`${file}: the file is empty`);
	}

	const header = headerRow.cells.map(cell => cell.trim());
	const seen = new Set<string>();
	for (const [index, name] of header.entries()) {
		if (name === '') {
			throw new DataError(`${place(file, headerRow.line, index + 1)}: column ${index + 1} has no name in the header`);
		}

		if (seen.has(name)) {
			throw new DataError(`${place(file, headerRow.line, index + 1)}: the column name "${name}" appears twice in the header`);
		}

		seen.add(name);
	}

	const dataRows = nonEmpty.slice(1);
	if (dataRows.length === 0) {
		throw new DataError(`${file}: the file has a header but no data rows`);
	}

	for (const row of dataRows) {
		if (row.cells.length !== header.length) {
			throw new DataError(`${place(file, row.line)}: expected ${header.length} fields as in the header, found ${row.cells.length}`);
		}
	}

	return {file, header, records: dataRows.map(row => row.cells), lines: dataRows.map(row => row.line)};
}

type RawRow = {cells: string[]; line: number};

function splitRecords(text: string, file: string): RawRow[] {
	const rows: RawRow[] = [];
	let cells: string[] = [];
	let cell = '';
	let line = 1;
	let rowLine = 1;
	let column = 1;
	let inQuotes = false;
	let quoteLine = 0;
	let quoteColumn = 0;
	let afterQuote = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (inQuotes) {
			if (char === '"') {
				if (text[index + 1] === '"') {
					cell += '"';
					index++;
					column++;
				} else {
					inQuotes = false;
					afterQuote = true;
				}
			} else {
				if (char === '\n') {
					line++;
					column = 0;
				}

				cell += char;
			}

			column++;
			continue;
		}

		if (char === ',') {
			cells.push(cell);
			cell = '';
			afterQuote = false;
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[index + 1] === '\n') {
				index++;
			}

			cells.push(cell);
			rows.push({cells, line: rowLine});
			cells = [];
			cell = '';
			afterQuote = false;
			line++;
			rowLine = line;
			column = 0;
		} else if (char === '"' && cell.trim() === '' && !afterQuote) {
			inQuotes = true;
			quoteLine = line;
			quoteColumn = column;
			cell = '';
		} else if (afterQuote) {
			if (char !== ' ' && char !== '\t') {
				throw new DataError(`${place(file, line, column)}: unexpected character after a closing quote`);
			}
		} else {
			cell += char;
		}

		column++;
	}

	if (inQuotes) {
		throw new DataError(`${place(file, quoteLine, quoteColumn)}: a quoted field is never closed`);
	}

	if (cell !== '' || cells.length > 0 || afterQuote) {
		cells.push(cell);
		rows.push({cells, line: rowLine});
	}

	return rows;
}
