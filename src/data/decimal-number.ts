/**
 * Which cells are numbers. gdlab reads plain decimals only: an optional sign, digits with an
 * optional point, an optional exponent (`380`, `-2.5`, `.5`, `3.`, `1e-3`, `+7`), with whitespace
 * around. `Number()` alone would also take `0x1F`, `0b1`, `Infinity` and a blank cell as numbers;
 * those are text here. A decimal too large for a double (`1e400`) reads as ±Infinity so that the
 * caller can say so instead of calling it text.
 */

/** True for the characters String.prototype.trim removes (and Number() skips). */
export function isWhitespace(code: number): boolean {
	return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0xfeff || code === 0x1680
		|| (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** The value of the decimal in text[start, end), or NaN when that text is not a decimal. */
export function readDecimal(text: string, start: number, end: number): number {
	while (start < end && isWhitespace(text.charCodeAt(start))) {
		start++;
	}

	while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
		end--;
	}

	let index = start;
	let code = text.charCodeAt(index);
	let negative = false;
	if (code === 0x2b || code === 0x2d) {
		negative = code === 0x2d;
		index++;
	}

	// Digits as an integer while it stays exact; `fractionDigits` scales it back.
	let mantissa = 0;
	let digits = 0;
	let significant = 0;
	let fractionDigits = 0;
	let exact = true;
	for (; index < end; index++) {
		code = text.charCodeAt(index);
		if (code < 0x30 || code > 0x39) {
			break;
		}

		digits++;
		if (significant > 0 || code !== 0x30) {
			significant++;
		}

		mantissa = mantissa * 10 + (code - 0x30);
	}

	if (index < end && text.charCodeAt(index) === 0x2e) {
		index++;
		for (; index < end; index++) {
			code = text.charCodeAt(index);
			if (code < 0x30 || code > 0x39) {
				break;
			}

			digits++;
			fractionDigits++;
			if (significant > 0 || code !== 0x30) {
				significant++;
			}

			mantissa = mantissa * 10 + (code - 0x30);
		}
	}

	if (digits === 0) {
		return Number.NaN;
	}

	let exponent = 0;
	if (index < end && (text.charCodeAt(index) | 0x20) === 0x65) {
		index++;
		let exponentNegative = false;
		code = text.charCodeAt(index);
		if (code === 0x2b || code === 0x2d) {
			exponentNegative = code === 0x2d;
			index++;
		}

		const exponentStart = index;
		for (; index < end; index++) {
			code = text.charCodeAt(index);
			if (code < 0x30 || code > 0x39) {
				break;
			}

			// Past 1e6 the value is 0 or Infinity whatever follows; stop growing.
			exponent = exponent < 1e6 ? exponent * 10 + (code - 0x30) : exponent;
		}

		if (index === exponentStart) {
			return Number.NaN;
		}

		exponent = exponentNegative ? -exponent : exponent;
		exact = false;
	}

	if (index !== end) {
		return Number.NaN;
	}

	// Clinger's fast path: an exact integer over an exact power of ten rounds correctly, as
	// Number() would; anything longer is left to Number() itself.
	if (exact && significant <= 15 && fractionDigits <= 22) {
		const value = fractionDigits === 0 ? mantissa : mantissa / powersOfTen[fractionDigits]!;
		return negative ? -value : value;
	}

	return Number(text.slice(start, end));
}

// Parsed from text, so each is the exact double (10 ** n may round differently).
const powersOfTen = Array.from({length: 23}, (_, power) => Number(`1e${power}`));
