/** Number formatting as the lesson's Python prints it, so gdlab's text output is the lesson's, character for character. */

/** Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pythonRepr(value: number): string {
	if (Number.isNaN(value)) {
		return 'nan';
	}

	if (!Number.isFinite(value)) {
		return value > 0 ? 'inf' : '-inf';
	}

	if (value === 0) {
		return Object.is(value, -0) ? '-0.0' : '0.0';
	}

	const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
	const exponent = Number(exponentText);
	if (exponent < -4 || exponent >= 16) {
		const sign = exponent < 0 ? '-' : '+';
		return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
	}

	const text = String(value);
	return text.includes('.') ? text : `${text}.0`;
}

/** Python's `format(value, '.3f')`: like toFixed(3) but exact binary ties round half to even. */
export function pythonFixed3(value: number): string {
	if (Object.is(value, -0)) { // Python keeps its sign, toFixed does not
		return '-0.000';
	}

	const thousandths = value * 1000;
	const isExactTie = Number.isInteger(value * 16) && !Number.isInteger(value * 8) && !Number.isInteger(thousandths);
	if (isExactTie) {
		const lower = Math.floor(thousandths);
		const even = lower % 2 === 0 ? lower : lower + 1;
		return (even / 1000).toFixed(3);
	}

	return value.toFixed(3);
}
