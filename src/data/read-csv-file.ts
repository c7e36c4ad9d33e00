/** Read a CSV file from disk with the limits and checks a user's file needs, then parse it. */
import {isUtf8} from 'node:buffer';
import {createHash} from 'node:crypto';
import type {CsvTable} from './csv-table.js';
import {DataError, place} from './data-error.js';
import {maxCells, maxFileBytes} from './data-limits.js';
import {parseCsv} from './parse-csv.js';
import {positionAt} from './text-position.js';
import {readUserFile} from './read-user-file.js';

export {maxCells, maxFileBytes} from './data-limits.js';

/** A data file, as readUserFile checks it. */
export const csvFileKind = {noun: 'a CSV file', contents: 'the data', maxBytes: maxFileBytes} as const;

/** Read and parse a CSV file; every problem is a DataError naming the file (and line, column). */
export function readCsvFile(path: string): CsvTable {
	if (path === '') {
		throw new DataError('--data: the file path is empty');
	}

	const bytes = readUserFile(path, csvFileKind);
	return {...parseCsv(decodeUtf8(bytes, path), path, maxCells), sha256: createHash('sha256').update(bytes).digest('hex')};
}

function decodeUtf8(bytes: Buffer, path: string): string {
	if (isUtf8(bytes)) {
		return bytes.toString('utf8');
	}

	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
		throw new DataError(`${place(path, 1, 1)}: the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8`);
	}

	const offset = firstInvalidUtf8(bytes);
	const decoded = bytes.subarray(0, offset).toString('utf8');
	const before = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
	const {line, column} = positionAt(before, before.length);
	const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
	throw new DataError(`${place(path, line, column)}: the file is not UTF-8 text (byte 0x${byte} at offset ${offset}); save it as UTF-8`);
}

/** The offset where the first invalid UTF-8 sequence starts (RFC 3629: no overlongs, surrogates or values past U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index]!;
		if (lead < 0x80) {
			index++;
			continue;
		}

		// The allowed range of the byte after the lead, then how many more continuation bytes follow.
		let low = 0x80;
		let high = 0xbf;
		let length: number;
		if (lead >= 0xc2 && lead <= 0xdf) {
			length = 2;
		} else if (lead >= 0xe0 && lead <= 0xef) {
			length = 3;
			low = lead === 0xe0 ? 0xa0 : 0x80;
			high = lead === 0xed ? 0x9f : 0xbf;
		} else if (lead >= 0xf0 && lead <= 0xf4) {
			length = 4;
			low = lead === 0xf0 ? 0x90 : 0x80;
			high = lead === 0xf4 ? 0x8f : 0xbf;
		} else {
			return index;
		}

		const second = bytes[index + 1];
		if (second === undefined || second < low || second > high) {
			return index;
		}

		for (let next = 2; next < length; next++) {
			const byte = bytes[index + next];
			if (byte === undefined || byte < 0x80 || byte > 0xbf) {
				return index;
			}
		}

		index += length;
	}

	return index;
}
