/** Read a CSV file from disk with the limits and checks a user's file needs, then parse it. */
import {readFileSync, statSync} from 'node:fs';
import {DataError, place} from './data-error.js';
import {parseCsv, type CsvTable} from './parse-csv.js';

/** The largest file gdlab reads, in bytes. */
export const maxFileBytes = 100 * 1024 * 1024;
/** The most cells (rows × columns) gdlab reads. */
export const maxCells = 10_000_000;

/** Read and parse a CSV file; every problem is a DataError naming the file (and line, column). */
export function readCsvFile(path: string): CsvTable {
	const bytes = readBytes(path);
	const text = decodeUtf8(bytes, path);
	const table = parseCsv(text, path);
	const cells = table.records.length * table.header.length;
	if (cells > maxCells) {
		throw new DataError(`${path}: ${cells} cells is over the limit of ${maxCells} cells (10 million)`);
	}

	return table;
}

function readBytes(path: string): Buffer {
	let size: number;
	try {
		const stats = statSync(path);
		if (stats.isDirectory()) {
			throw new DataError(`${path}: is a directory, not a CSV file`);
		}

		size = stats.size;
	} catch (error) {
		if (error instanceof DataError) {
			throw error;
		}

		throw new DataError(`${path}: ${describeFsError(error)}`);
	}

	if (size > maxFileBytes) {
		throw new DataError(`${path}: the file is ${(size / 1024 / 1024).toFixed(1)} MB, over the limit of 100 MB`);
	}

	if (size === 0) {
		throw new DataError(`${path}: the file is empty`);
	}

	try {
		return readFileSync(path);
	} catch (error) {
		throw new DataError(`${path}: ${describeFsError(error)}`);
	}
}

function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') {
		return 'no such file';
	}

	if (code === 'EACCES' || code === 'EPERM') {
		return 'permission denied';
	}

	return error instanceof Error ? error.message : String(error);
}

function decodeUtf8(bytes: Buffer, path: string): string {
	try {
		return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		const offset = firstInvalidUtf8(bytes);
		const before = bytes.subarray(0, offset).toString('utf8');
		const line = before.split('\n').length;
		const column = before.length - before.lastIndexOf('\n');
		throw new DataError(`${place(path, line, column)}: the file is not UTF-8 text (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset})`);
	}
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index]!;
		const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
		if (length === 0 || index + length > bytes.length) {
			return index;
		}

		try {
			new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(index, index + length));
		} catch {
			return index;
		}

		index += length;
	}

	return index;
}
