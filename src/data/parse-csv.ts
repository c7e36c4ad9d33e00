/**
 * A small RFC 4180 reader: quoted fields with commas, quotes ("") and line breaks, CRLF, LF or CR
 * endings, a leading UTF-8 BOM. Every malformed input becomes a DataError naming line and column.
 *
 * Whitespace: an unquoted cell is kept exactly as written (leading and trailing spaces included;
 * the dataset trims values when it reads them); spaces or tabs around a quoted cell are ignored.
 * A line holding only whitespace is blank and skipped, as are empty lines. A quote inside an
 * unquoted cell (`5"`) is an ordinary character.
 */
import {cellValue, type CsvTable} from './csv-table.js';
import {DataError, place, quote} from './data-error.js';
import {maxCells} from './data-limits.js';
import {isWhitespace} from './decimal-number.js';
import {positionAt} from './text-position.js';

const comma = 0x2c;
const quoteMark = 0x22;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;
const space = 0x20;
const tab = 0x09;
/** Characters read before guessing the file's cell count, so the offset arrays are sized once. */
const sampleLength = 65_536;

/** Parse CSV text into a table; throws DataError for empty input, a bare header, ragged rows or more than `cellLimit` data cells. */
export function parseCsv(text: string, file: string, cellLimit = maxCells): CsvTable {
	const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	if (text.length === bodyStart) {
		throw new DataError(`${place(file)}: the file is empty`);
	}

	const body = bodyStart === 0 ? text : text.slice(bodyStart);
	const cells = new CellOffsets();
	const length = body.length;
	let width = 0;
	let headerOffset = 0;
	let index = 0;
	while (index < length) {
		const firstCell = cells.length;
		let quoted = false;
		for (;;) {
			let probe = index;
			let code = body.charCodeAt(probe);
			while (code === space || code === tab) {
				code = body.charCodeAt(++probe);
			}

			if (code === quoteMark) {
				quoted = true;
				index = readQuoted(body, probe, cells, file);
			} else {
				let end = index;
				while (end < length) {
					code = body.charCodeAt(end);
					if (code === comma || code === lineFeed || code === carriageReturn) {
						break;
					}

					end++;
				}

				cells.push(index, end, 0);
				index = end;
			}

			// Checked per field too, so one endless line cannot fill memory before its record ends.
			if (cells.length - width > cellLimit + 1) {
				throw overLimit(file, cellLimit);
			}

			if (index >= length) {
				break;
			}

			code = body.charCodeAt(index);
			index++;
			if (code !== comma) {
				if (code === carriageReturn && body.charCodeAt(index) === lineFeed) {
					index++;
				}

				break;
			}
		}

		if (!cells.reserved && index > sampleLength) {
			cells.reserve(Math.ceil((cells.length / index) * length * 1.05));
		}

		const fields = cells.length - firstCell;
		if (fields === 1 && !quoted && isBlank(body, cells.starts[firstCell]!, cells.ends[firstCell]!)) {
			cells.length = firstCell;
			continue;
		}

		if (width === 0) {
			width = fields;
			headerOffset = firstCell;
		} else if (fields !== width) {
			// a one-column header holding ; or tabs: the file is separated by them (a decimal comma split a row)
			const separated = width === 1 ? otherSeparatorError(file, body.slice(cells.starts[0]!, cells.ends[0]!)) : undefined;
			if (separated) {
				throw separated;
			}

			// a header ending in a comma (a spreadsheet's export) names a last column the first row does not have
			const lastName = headerOffset + width - 1;
			if (firstCell === headerOffset + width && fields === width - 1 && isBlank(body, cells.starts[lastName]!, cells.ends[lastName]!)) {
				const header = positionAt(body, cells.starts[lastName]!);
				throw new DataError(`${place(file, header.line, header.column)}: the header ends in a comma: column ${width} has no name, and the first row has ${fields} field${fields === 1 ? '' : 's'}; remove that comma`);
			}

			// where the record goes wrong: its first field too many, or its end when it has too few
			const at = positionAt(body, fields > width ? cells.starts[firstCell + width]! : cells.ends[cells.length - 1]!);
			throw new DataError(`${place(file, at.line, at.column)}: expected ${width} field${width === 1 ? '' : 's'} as in the header, found ${fields}`);
		} else if (cells.length - width > cellLimit) {
			throw overLimit(file, cellLimit);
		}
	}

	if (width === 0) {
		throw new DataError(`${place(file)}: the file has only blank lines`);
	}

	const header = readHeader(body, cells, headerOffset, width, file);
	const rows = (cells.length - width) / width;
	if (rows === 0) {
		throw new DataError(`${place(file)}: the file has a header but no data rows`);
	}

	return {
		file,
		header,
		rows,
		text: body,
		starts: cells.starts.subarray(width, cells.length),
		ends: cells.ends.subarray(width, cells.length),
		escaped: cells.escaped.subarray(width, cells.length),
	};
}

function overLimit(file: string, cellLimit: number): DataError {
	return new DataError(`${place(file)}: the table is over the limit of ${cellLimit} cells (data rows × columns)`);
}

/** Read the quoted field whose opening quote is at `open`; returns the offset after its closing quote and any spaces. */
function readQuoted(text: string, open: number, cells: CellOffsets, file: string): number {
	const start = open + 1;
	let escaped = 0;
	let search = start;
	let close: number;
	for (;;) {
		close = text.indexOf('"', search);
		if (close === -1) {
			const {line, column} = positionAt(text, open);
			throw new DataError(`${place(file, line, column)}: a quoted field is never closed`);
		}

		if (text.charCodeAt(close + 1) !== quoteMark) {
			break;
		}

		escaped = 1;
		search = close + 2;
	}

	cells.push(start, close, escaped);
	let index = close + 1;
	let code = text.charCodeAt(index);
	while (code === space || code === tab) {
		code = text.charCodeAt(++index);
	}

	if (index < text.length && code !== comma && code !== lineFeed && code !== carriageReturn) {
		const {line, column} = positionAt(text, index);
		throw new DataError(`${place(file, line, column)}: unexpected ${quote(String.fromCodePoint(text.codePointAt(index)!))} after a closing quote (a quote inside a quoted field is written "")`);
	}

	return index;
}

function readHeader(text: string, cells: CellOffsets, offset: number, width: number, file: string): string[] {
	const header: string[] = [];
	const seen = new Set<string>();
	for (let column = 0; column < width; column++) {
		const cell = offset + column;
		const name = cellValue(text, cells.starts[cell]!, cells.ends[cell]!, cells.escaped[cell] === 1).trim();
		if (name === '' || seen.has(name)) {
			const {line, column: character} = positionAt(text, cells.starts[cell]!);
			const problem = name === '' ? `column ${column + 1} has no name in the header` : `the column name ${quote(name)} appears twice in the header`;
			throw new DataError(`${place(file, line, character)}: ${problem}`);
		}

		seen.add(name);
		header.push(name);
	}

	return header;
}

function isBlank(text: string, start: number, end: number): boolean {
	for (let index = start; index < end; index++) {
		if (!isWhitespace(text.charCodeAt(index))) {
			return false;
		}
	}

	return true;
}

/** Growable cell offsets: doubling typed arrays, so a big file costs no per-cell objects. */
class CellOffsets {
	starts = new Uint32Array(1024);
	ends = new Uint32Array(1024);
	escaped = new Uint8Array(1024);
	length = 0;
	reserved = false;

	/** Make room for `capacity` cells at once (a guess; push still grows past it). */
	reserve(capacity: number): void {
		this.reserved = true;
		if (capacity > this.starts.length) {
			this.resize(capacity);
		}
	}

	push(start: number, end: number, escaped: number): void {
		if (this.length === this.starts.length) {
			this.grow();
		}

		this.starts[this.length] = start;
		this.ends[this.length] = end;
		this.escaped[this.length] = escaped;
		this.length++;
	}

	private grow(): void {
		this.resize(this.starts.length * 2);
	}

	private resize(capacity: number): void {
		const starts = new Uint32Array(capacity);
		starts.set(this.starts);
		const ends = new Uint32Array(capacity);
		ends.set(this.ends);
		const escaped = new Uint8Array(capacity);
		escaped.set(this.escaped);
		this.starts = starts;
		this.ends = ends;
		this.escaped = escaped;
	}
}

/** When a one-column header holds ; or tabs or |, the error saying the file is separated by them, not by commas. */
export function otherSeparatorError(file: string, header: string): DataError | undefined {
	const separator = [';', '\t', '|'].find(candidate => header.includes(candidate));
	return separator === undefined
		? undefined
		: new DataError(`${place(file, 1, 1)}: one column, ${quote(header)}: the file looks separated by ${separator === '\t' ? 'tabs' : `'${separator}'`}; gdlab reads comma-separated files`);
}
