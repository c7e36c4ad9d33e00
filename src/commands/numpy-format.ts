/**
 * Arrays as the lesson's `print(array)` shows them: NumPy's str of a float64 array with its default print
 * options (8 digits at most, a common layout for every element, lines wrapped at 75 columns), so that
 * gdlab's text output is the lesson's, character for character. The digits in full are in --json.
 */

/** NumPy's default print options, as numpy.get_printoptions() gives them. */
const precision = 8;
const lineWidth = 75;

/** `print(array)` of a float64 vector or matrix (rows of equal length). */
export function numpyArrayString(values: readonly number[] | ReadonlyArray<readonly number[]>): string {
	const rows = isMatrix(values) ? values : undefined;
	const format = floatFormat(rows ? rows.flat() : values as readonly number[]);
	if (!rows) {
		return wrapRow((values as readonly number[]).map(format), ' ', lineWidth);
	}

	// each row as a vector one column in, on lines of its own
	return `[${rows.map(row => wrapRow(row.map(format), '  ', lineWidth - 1)).join('\n ')}]`;
}

/** `print(array)` of an integer vector (the lesson's `np.array([1, 2, 3, 4])`). */
export function numpyIntegerArrayString(values: readonly number[]): string {
	const width = Math.max(...values.map(value => String(value).length));
	return wrapRow(values.map(value => String(value).padStart(width)), ' ', lineWidth);
}

function isMatrix(values: readonly number[] | ReadonlyArray<readonly number[]>): values is ReadonlyArray<readonly number[]> {
	return values.length > 0 && Array.isArray(values[0]);
}

/**
 * `[w w w]`, the words wrapped as NumPy's _formatArray wraps them: a line (`indent` first) takes the next
 * word while it stays within `width` less the closing bracket; later lines start with `indent`.
 */
function wrapRow(words: readonly string[], indent: string, width: number): string {
	const wordWidth = width - 1;
	let text = '';
	let line = indent;
	words.forEach((word, index) => {
		if (line.length + word.length > wordWidth && line.length > indent.length) {
			text += `${line.trimEnd()}\n`;
			line = indent;
		}

		line += word + (index < words.length - 1 ? ' ' : '');
	});
	text += line;
	return `[${text.slice(indent.length)}]`;
}

/** NumPy's FloatingFormat for these values: positional or scientific for all, aligned on the point. */
function floatFormat(values: readonly number[]): (value: number) => string {
	const finite = values.filter(Number.isFinite);
	const nonZero = finite.filter(value => value !== 0).map(Math.abs);
	const largest = Math.max(0, ...nonZero);
	const smallest = nonZero.length === 0 ? 0 : Math.min(...nonZero);
	const scientific = nonZero.length > 0 && (largest >= 1e8 || smallest < 0.0001 || largest / smallest > 1000);
	const strings = finite.map(value => (scientific ? scientificDigits(value) : positionalDigits(value)));
	const parts = strings.map(text => {
		const [mantissa = '', exponent = ''] = text.split('e');
		const [whole = '', fraction = ''] = mantissa.split('.');
		return {whole, fraction, exponent};
	});
	const padLeft = Math.max(0, ...parts.map(part => part.whole.length));
	const fractionDigits = Math.max(0, ...parts.map(part => part.fraction.length));
	const exponentDigits = Math.max(0, ...parts.map(part => part.exponent.length)) - 1;
	const nonFinite = (value: number): string => (Number.isNaN(value) ? 'nan' : (value > 0 ? 'inf' : '-inf'));
	const width = scientific ? padLeft + 1 + fractionDigits + 2 + exponentDigits : padLeft + 1 + fractionDigits;
	return value => {
		if (!Number.isFinite(value)) {
			return nonFinite(value).padStart(width);
		}

		const {whole, fraction, exponent} = (() => {
			const [mantissa = '', exponentText = ''] = (scientific ? scientificDigits(value) : positionalDigits(value)).split('e');
			const [wholeText = '', fractionText = ''] = mantissa.split('.');
			return {whole: wholeText, fraction: fractionText, exponent: exponentText};
		})();
		if (scientific) {
			// every mantissa gets as many digits as the longest; exponents at least two digits, signed
			const sign = exponent.startsWith('-') ? '-' : '+';
			const digits = exponent.replace(/^[-+]/, '').padStart(exponentDigits, '0');
			return `${whole.padStart(padLeft)}.${fraction.padEnd(fractionDigits, '0')}e${sign}${digits}`;
		}

		// the points line up: spaces after a shorter fraction
		return `${whole.padStart(padLeft)}.${fraction}`.padEnd(padLeft + 1 + fractionDigits);
	};
}

/** Dragon4 positional, unique digits, at most `precision` after the point, trailing zeros trimmed ("1."). */
function positionalDigits(value: number): string {
	const shortest = plainDecimal(value);
	const [, fraction = ''] = shortest.split('.');
	const text = fraction.length <= precision ? shortest : roundedFixed(value, precision);
	const trimmed = text.includes('.') ? text.replace(/0+$/, '') : `${text}.`;
	return trimmed;
}

/** Dragon4 scientific, unique digits, at most `precision` after the point, trailing zeros trimmed, exponent signed with two digits. */
function scientificDigits(value: number): string {
	const shortest = value.toExponential();
	const [mantissa = '', exponent = ''] = shortest.split('e');
	const [, fraction = ''] = mantissa.split('.');
	const text = fraction.length <= precision ? shortest : value.toExponential(precision);
	const [roundedMantissa = '', roundedExponent = ''] = text.split('e');
	const trimmed = roundedMantissa.includes('.') ? roundedMantissa.replace(/0+$/, '') : `${roundedMantissa}.`;
	const exponentValue = Number(roundedExponent || exponent);
	// NumPy keeps the sign of −0: "-0.e+00"
	return `${Object.is(value, -0) ? '-' : ''}${trimmed}e${exponentValue < 0 ? '-' : '+'}${String(Math.abs(exponentValue)).padStart(2, '0')}`;
}

/** The shortest round-trip digits of `value` written out without an exponent. */
function plainDecimal(value: number): string {
	const [mantissa = '', exponentText = ''] = value.toExponential().split('e');
	const exponent = Number(exponentText);
	const negative = mantissa.startsWith('-') || Object.is(value, -0); // NumPy keeps the sign of −0: "-0."
	const digits = mantissa.replace(/^-/, '').replace('.', '');
	let text: string;
	if (exponent < 0) {
		text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
	} else if (digits.length <= exponent + 1) {
		text = `${digits}${'0'.repeat(exponent + 1 - digits.length)}.`;
	} else {
		text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
	}

	return negative ? `-${text}` : text;
}

/** `value` rounded to `digits` after the point, ties to even as Dragon4 rounds them (toFixed rounds them up). */
function roundedFixed(value: number, digits: number): string {
	const fixed = value.toFixed(digits);
	const scaled = Math.abs(value) * (10 ** digits);
	const isTie = isExactHalf(value, digits);
	if (!isTie) {
		return fixed;
	}

	const lower = Math.floor(scaled);
	const even = lower % 2 === 0 ? lower : lower + 1;
	const text = (even / (10 ** digits)).toFixed(digits);
	return value < 0 ? `-${text}` : text;
}

/** Whether |value|·10^digits lies exactly halfway between two integers (checked exactly, with BigInt). */
function isExactHalf(value: number, digits: number): boolean {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, Math.abs(value));
	const bits = view.getBigUint64(0);
	const exponentBits = Number((bits >> 52n) & 0x7ffn);
	const fraction = bits & ((1n << 52n) - 1n);
	const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
	const power = (exponentBits === 0 ? -1074 : exponentBits - 1075);
	// |value| = mantissa · 2^power; twice |value|·10^digits is an odd integer exactly at a tie
	const numerator = mantissa * 2n * (10n ** BigInt(digits));
	if (power >= 0) {
		return false;
	}

	const denominator = 1n << BigInt(-power);
	return numerator % denominator === 0n && (numerator / denominator) % 2n === 1n;
}
