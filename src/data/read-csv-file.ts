/** Read a CSV file from disk with the limits and checks a user's file needs, then parse it. */
import {isUtf8} from 'node:buffer';
import {readFileSync, statSync, type Stats} from 'node:fs';
import type {CsvTable} from './csv-table.js';
import {DataError, place} from './data-error.js';
import {maxCells, maxFileBytes} from './data-limits.js';
import {parseCsv} from './parse-csv.js';
import {positionAt} from './text-position.js';

export {maxCells, maxFileBytes} from './data-limits.js';

/** Read and parse a CSV file; every problem is a DataError naming the file (and line, column). */
export function readCsvFile(path: string): CsvTable {
	if (path === '') {
		throw new DataError('--data: the file path is empty');
	}

	const bytes = readBytes(path);
	return parseCsv(decodeUtf8(bytes, path), path, maxCells);
}

function readBytes(path: string): Buffer {
	let stats: Stats;
	try {
		stats = statSync(path);
	} catch (error) {
		throw new DataError(`${place(path)}: ${describeFsError(error)}`);
	}

	if (stats.isDirectory()) {
		throw new DataError(`${place(path)}: is a directory, not a CSV file`);
	}

	// A pipe or device has no size to check and may never end.
	if (!stats.isFile()) {
		throw new DataError(`${place(path)}: is not a regular file (a pipe or device); save the data to a file first`);
	}

	checkSize(stats.size, path);
	let bytes: Buffer;
	try {
		bytes = readFileSync(path);
	} catch (error) {
		throw new DataError(`${place(path)}: ${describeFsError(error)}`);
	}

	// The file may have changed since stat.
	checkSize(bytes.length, path);
	return bytes;
}

function checkSize(size: number, path: string): void {
	if (size > maxFileBytes) {
		// Rounded up, so a file just over the limit never shows as "100.0 MB".
		const megabytes = Math.ceil((size / 1024 / 1024) * 10) / 10;
		throw new DataError(`${place(path)}: the file is ${megabytes.toFixed(1)} MB, over the limit of ${maxFileBytes / 1024 / 1024} MB`);
	}

	if (size === 0) {
		throw new DataError(`${place(path)}: the file is empty`);
	}
}

/** Node's errno codes in words; the raw error message would repeat the path and name a syscall. */
const fsErrorWords: Record<string, string> = {
	ENOENT: 'no such file',
	ENOTDIR: 'no such file (a part of the path is not a directory)',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	ENAMETOOLONG: 'the path is too long',
	ELOOP: 'too many symbolic links in the path',
	EISDIR: 'is a directory, not a CSV file',
	EIO: 'the file could not be read (input/output error)',
	EMFILE: 'too many open files',
	ENFILE: 'too many open files',
};

function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return (code === undefined ? undefined : fsErrorWords[code]) ?? `the file could not be read (${code ?? 'unknown error'})`;
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
