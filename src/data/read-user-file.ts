/**
 * Read a file a user named (--data, a saved run) with the checks such a file needs: a regular file
 * (a pipe or /dev/zero never ends), not empty, under a size limit (read whole, a huge file would
 * exhaust memory long before a parser could object), and errno codes in words.
 */
import {readFileSync, statSync, type Stats} from 'node:fs';
import {DataError, place} from './data-error.js';

/** What kind of file is expected, for the messages, and how big it may be. */
export type UserFileKind = {
	/** The file as a message names it after "not": "a CSV file". */
	noun: string;
	/** What the user should save to a file instead of a pipe: "the data". */
	contents: string;
	/** The largest size accepted, in bytes. */
	maxBytes: number;
};

/** The file's bytes; every problem is a DataError naming the file. */
export function readUserFile(path: string, kind: UserFileKind): Buffer {
	let stats: Stats;
	try {
		stats = statSync(path);
	} catch (error) {
		throw new DataError(`${place(path)}: ${describeFsError(error, kind)}`);
	}

	if (stats.isDirectory()) {
		throw new DataError(`${place(path)}: is a directory, not ${kind.noun}`);
	}

	// A pipe or device has no size to check and may never end.
	if (!stats.isFile()) {
		throw new DataError(`${place(path)}: is not a regular file (a pipe or device); save ${kind.contents} to a file first`);
	}

	checkSize(stats.size, path, kind);
	let bytes: Buffer;
	try {
		bytes = readFileSync(path);
	} catch (error) {
		throw new DataError(`${place(path)}: ${describeFsError(error, kind)}`);
	}

	// The file may have changed since stat.
	checkSize(bytes.length, path, kind);
	return bytes;
}

function checkSize(size: number, path: string, kind: UserFileKind): void {
	if (size > kind.maxBytes) {
		// in MiB, the unit the limits are set in; rounded up, so a file just over the limit never shows as "100.0 MiB"
		const mebibytes = Math.ceil((size / 1024 / 1024) * 10) / 10;
		throw new DataError(`${place(path)}: the file is ${mebibytes.toFixed(1)} MiB, over the limit of ${kind.maxBytes / 1024 / 1024} MiB`);
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
	EIO: 'the file could not be read (input/output error)',
	EMFILE: 'too many open files',
	ENFILE: 'too many open files',
};

function describeFsError(error: unknown, kind: UserFileKind): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code === 'EISDIR') {
		return `is a directory, not ${kind.noun}`;
	}

	return (code === undefined ? undefined : fsErrorWords[code]) ?? `the file could not be read (${code ?? 'unknown error'})`;
}
