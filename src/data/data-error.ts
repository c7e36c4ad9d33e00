/** A mistake in a data file or data option that the user can fix: one line naming where and what. */
export class DataError extends Error {
	override readonly name = 'DataError';

	constructor(message: string) {
		// The CLI prints the message as one line, whatever names and cells a file holds.
		super(escapeLineBreaks(message));
	}
}

/**
 * A flag that does not fit the data it is given (a --target or --categorical naming no column, a
 * --test-ratio that leaves no row on one side): a mistake in the flags, found once the file is read (the
 * CLI treats it as a usage error, as it does the same mistake on synthetic data).
 */
export class OptionDataError extends DataError {}

/** Longest cell or name shown in a message, in characters; longer ones end in "…". */
export const maxShownLength = 40;
/** Most column names listed in a message before "…". */
export const maxListedColumns = 10;

/** Build the message prefix `file:line:column` for a place in a file (line and column 1-based). */
export function place(file: string, line?: number, column?: number): string {
	const shown = escapeControl(file);
	if (line === undefined) {
		return shown;
	}

	return column === undefined ? `${shown}:${line}` : `${shown}:${line}:${column}`;
}

/** A cell or name as a message shows it: in quotes, control characters escaped, long text cut. */
export function quote(value: string): string {
	const characters = Array.from(value);
	const short = characters.length > maxShownLength ? `${characters.slice(0, maxShownLength - 1).join('')}…` : value;
	// a quote inside doubled, as in the CSV file and in column lists, so the quoted text reads as one value
	return `"${escapeControl(short.replaceAll('"', '""'))}"`;
}

/** A name quoted as quote() and listedName() quote it (`"say ""hi"""` → `say "hi"`), unquoted; undefined when it is not quoted so. */
export function unquotedName(text: string): string | undefined {
	return /^"(?:[^"]|"")*"$/.test(text) ? text.slice(1, -1).replaceAll('""', '"') : undefined;
}

/** Column names for a message: `a, b, c`, at most maxListedColumns of them. */
export function listColumns(header: readonly string[]): string {
	const shown = header.slice(0, maxListedColumns).map(name => listedName(name)).join(', ');
	return header.length > maxListedColumns ? `${shown}, … (${header.length} columns)` : shown;
}

/** A column's name in a list of them: quoted when it has a comma (or spaces around it), as --ignore and --categorical take it. */
export function listedName(name: string): string {
	return escapeControl(/[,"]|^\s|\s$/.test(name) ? `"${name.replaceAll('"', '""')}"` : name);
}

/**
 * `text` with its control characters (line breaks, tabs, C0, DEL, C1, line separators, and the marks that
 * turn text right to left) written as visible escapes (\\n, \\u001b, \\u202e …), so a message cannot move
 * the cursor, clear the screen or show its words in another order.
 */
export function escapeControl(text: string): string {
	return text.replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u2028-\u202E\u2066-\u2069]/g, character => {
		switch (character) {
			case '\n': {
				return '\\n';
			}

			case '\r': {
				return '\\r';
			}

			case '\t': {
				return '\\t';
			}

			default: {
				return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
			}
		}
	});
}

function escapeLineBreaks(text: string): string {
	return /[\n\r\u0085\u2028\u2029]/.test(text) ? escapeControl(text) : text;
}
