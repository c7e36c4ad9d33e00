/**
 * Text measured and cut by the columns it takes on a terminal, not by its length: a CJK character
 * takes two columns, so a name measured by `.length` overflows its line and breaks the frame. Widths
 * are string-width's, the measure Ink lays its boxes out by. Cuts fall between characters (grapheme
 * clusters), so a wide character is never split, and what is cut is never wider than asked.
 */
import stringWidth from 'string-width';
import {oneColumnEach} from './narrow-text.js';

/** The mark that ends a line or label cut short, as Ink's own truncation ends one. */
export const ellipsis = '…';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Columns `text` takes on a terminal (its length when every character takes one: string-width segments it). */
export function displayWidth(text: string): number {
	return oneColumnEach.test(text) ? text.length : stringWidth(text);
}

/** The longest start of `text` no wider than `width`. */
export function cutToWidth(text: string, width: number): string {
	if (oneColumnEach.test(text)) {
		return text.slice(0, Math.max(0, width));
	}

	let kept = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		used += stringWidth(segment);
		if (used > width) {
			break;
		}

		kept += segment;
	}

	return kept;
}

/** The longest end of `text` no wider than `width`. */
export function lastToWidth(text: string, width: number): string {
	if (oneColumnEach.test(text)) {
		return width < 1 ? '' : text.slice(-width);
	}

	const characters = Array.from(graphemes.segment(text), ({segment}) => segment);
	let kept = '';
	let used = 0;
	for (let index = characters.length - 1; index >= 0; index--) {
		used += stringWidth(characters[index]!);
		if (used > width) {
			break;
		}

		kept = characters[index]! + kept;
	}

	return kept;
}

/** `text` as it is when it fits in `width`, else its start and an ellipsis, together no wider than `width`. */
export function truncateToWidth(text: string, width: number): string {
	if (displayWidth(text) <= width) {
		return text;
	}

	return width < 1 ? '' : cutToWidth(text, width - ellipsis.length) + ellipsis;
}

/** `text` padded with spaces to `width` columns, on the right (aligned left) or on the left (aligned right). */
export function padToWidth(text: string, width: number, align: 'left' | 'right'): string {
	const padding = ' '.repeat(Math.max(0, width - displayWidth(text)));
	return align === 'left' ? text + padding : padding + text;
}

/** Fewest columns of a file name worth cutting in the middle (its start, …, its end); with fewer the cut is at the end. */
const nameRoom = 6;
/** Most columns of a name's start kept when it is cut inside (its end, the time and extension, tells names apart). */
const nameStart = 3;

/**
 * A line drawn in parts of different styles, cut as a whole to `width`: the parts that fit, the one that
 * does not cut short with an ellipsis, the rest dropped (empty), so every part keeps its style. A part
 * ending in `keepEnds[i]` columns of a file name, cut with nothing after it to drop, is cut inside the
 * name instead, keeping what comes before the name, a few columns of the name's start and the rest of its
 * end (the time and the extension), when at least nameRoom columns are left for the name.
 */
export function truncatePartsToWidth(parts: readonly string[], width: number, keepEnds: readonly number[] = []): string[] {
	if (displayWidth(parts.join('')) <= width) {
		return [...parts];
	}

	let room = width - ellipsis.length;
	let cut = false;
	return parts.map((part, index) => {
		if (cut) {
			return '';
		}

		const partWidth = displayWidth(part);
		if (partWidth <= room) {
			room -= partWidth;
			return part;
		}

		cut = true;
		if (width < 1) {
			return '';
		}

		const name = keepEnds[index] ?? 0;
		const forName = room - (partWidth - name);
		if (name > 0 && forName >= nameRoom && parts.slice(index + 1).every(rest => rest === '')) {
			// a few columns of the name's start (gdlab's own names all start alike), the rest for its end
			const end = lastToWidth(part, Math.min(name, forName - Math.min(nameStart, Math.floor(forName / 3))));
			return cutToWidth(part, room - displayWidth(end)) + ellipsis + end;
		}

		return cutToWidth(part, room) + ellipsis;
	});
}

/**
 * `text` broken into lines no wider than `width`, between words where it can: no line starts or ends with
 * the spaces it broke at (Ink's own wrap starts some lines with one), and a word wider than a line is cut
 * between characters. Spaces inside a line stay as written.
 */
export function wrapToWidth(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const [, gap, word] of text.matchAll(/( *)([^ ]+)/g)) {
		const joined = line === '' ? word! : line + gap! + word!;
		if (displayWidth(joined) <= width) {
			line = joined;
			continue;
		}

		if (line !== '') {
			lines.push(line);
		}

		line = word!;
		while (displayWidth(line) > width) {
			// at least one character a line, so a line narrower than one wide character still ends
			const head = cutToWidth(line, width) || Array.from(graphemes.segment(line), ({segment}) => segment)[0]!;
			lines.push(head);
			line = line.slice(head.length);
		}
	}

	if (line !== '' || lines.length === 0) {
		lines.push(line);
	}

	return lines;
}
