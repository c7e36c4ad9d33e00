/**
 * Text every character of which takes one terminal column, told apart without string-width: that
 * package takes some 30 ms to load and its first call some 15 ms more, which the loading line (shown
 * before anything else loads) must not wait for.
 */

/**
 * Printable ASCII and Latin-1 but the soft hyphen, Greek, general punctuation, arrows, maths, box drawing
 * and most shapes: none is wide, combining or invisible (test/ui/text-width.test.ts checks each against
 * string-width).
 */
export const oneColumnEach = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u03FF\u2010-\u2027\u2030-\u205E\u2190-\u2319\u2500-\u25FC]*$/;

/**
 * `text` cut to at most `width` columns with an ellipsis, without measuring wide characters: any
 * character outside oneColumnEach counts as two columns, so a cut line may end early but never overflows.
 */
export function cutWithinWidth(text: string, width: number): string {
	const characters = [...text];
	const columns = characters.map(character => (oneColumnEach.test(character) ? 1 : 2));
	if (columns.reduce((sum, count) => sum + count, 0) <= width) {
		return text;
	}

	let kept = '';
	let used = 1; // the ellipsis
	for (const [index, character] of characters.entries()) {
		used += columns[index]!;
		if (used > width) {
			break;
		}

		kept += character;
	}

	return width < 1 ? '' : `${kept}…`;
}
