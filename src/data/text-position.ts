/** Lines and columns of offsets in a text, as an editor shows them. */

/** A 1-based line and column; the column counts characters (code points), not UTF-16 units. */
export type TextPosition = {line: number; column: number};

/**
 * The line and column of `offset` in `text`. CRLF, LF and a lone CR each end a line, inside quoted
 * fields too, so the numbers match the file's physical lines. Used only for messages: it scans
 * from the start, which keeps the parser's hot loop free of bookkeeping.
 */
export function positionAt(text: string, offset: number): TextPosition {
	let line = 1;
	let column = 1;
	const end = Math.min(offset, text.length);
	for (let index = 0; index < end; index++) {
		const code = text.charCodeAt(index);
		if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
			line++;
			column = 1;
		} else if (code === 0x0d || (code >= 0xdc00 && code <= 0xdfff && index > 0 && isHighSurrogate(text.charCodeAt(index - 1)))) {
			// The CR of a CRLF, and the second half of a surrogate pair, take no column of their own.
		} else {
			column++;
		}
	}

	return {line, column};
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}
