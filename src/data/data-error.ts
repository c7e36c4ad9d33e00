/** A mistake in a data file or data option that the user can fix: one line naming where and what. */
export class DataError extends Error {
	override readonly name = 'DataError';
}

/** Build the message prefix `file:line:column` for a place in a file (line and column 1-based). */
export function place(file: string, line?: number, column?: number): string {
	if (line === undefined) {
		return file;
	}

	return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
