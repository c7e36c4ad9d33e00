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

/**
 * A line drawn in parts of different styles, cut as a whole to `width`: the parts that fit, the one that
 * does not cut short with an ellipsis, the rest dropped (empty), so every part keeps its style. A part
 * with `keepEnds[i]` columns to keep (a file name's end) that is cut with nothing after it to drop is cut
 * in its middle instead, keeping up to that many of its last columns (at most half the room).
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

		const keepEnd = Math.min(keepEnds[index] ?? 0, Math.floor(room / 2));
		if (keepEnd > 0 && parts.slice(index + 1).every(rest => rest === '')) {
			const end = lastToWidth(part, keepEnd);
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
