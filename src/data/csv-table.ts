/**
 * A parsed CSV file. Cells are offsets into the file's text rather than strings, so a million rows
 * of sixteen columns cost two Uint32Arrays instead of sixteen million strings; a cell becomes a
 * string only when something asks for it.
 */

/** A CSV file as a header and cells that point into its text. */
export type CsvTable = {
	/** Where the table came from (shown in messages). */
	file: string;
	/** SHA-256 of the file's bytes as read, hex (when it was read from a file). */
	sha256?: string;
	/** Column names, trimmed. */
	header: string[];
	/** Number of data records (blank lines are not records). */
	rows: number;
	/** The file's text without its BOM; offsets below are into it. */
	text: string;
	/** Where each data cell's value starts, row-major (rows × header.length); inside the quotes for a quoted cell. */
	starts: Uint32Array;
	/** Where each data cell's value ends (exclusive). */
	ends: Uint32Array;
	/** 1 where a quoted cell holds "" pairs that each stand for one quote. */
	escaped: Uint8Array;
};

/** The value of the cell at a data row and column, exactly as the file holds it (quotes removed). */
export function cellText(table: CsvTable, row: number, column: number): string {
	const cell = row * table.header.length + column;
	return cellValue(table.text, table.starts[cell]!, table.ends[cell]!, table.escaped[cell] === 1);
}

/** The text of a cell from its offsets: "" pairs of a quoted cell become one quote. */
export function cellValue(text: string, start: number, end: number, escaped: boolean): string {
	const raw = text.slice(start, end);
	return escaped ? raw.replaceAll('""', '"') : raw;
}

/** Every data record as an array of cell values; for tests and small tables. */
export function tableRecords(table: CsvTable): string[][] {
	return Array.from({length: table.rows}, (_, row) => table.header.map((_name, column) => cellText(table, row, column)));
}
