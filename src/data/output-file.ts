/**
 * Where gdlab may write a file it makes (a saved run, an exported history): checked before training
 * starts, so a run of minutes never ends in "cannot write", and checked again at the write, so gdlab
 * never replaces a file it did not make (the data it trains on, a FIFO, someone's notes).
 */
import {closeSync, openSync, readSync, realpathSync, statSync, writeFileSync, type Stats} from 'node:fs';
import {basename, dirname, join, resolve, sep} from 'node:path';
import {besideName, isSymbolicLink, linkTarget, removeQuietly} from './atomic-write.js';
import {DataError} from './data-error.js';
import {describeWriteError, isDirectory} from './write-error.js';

/** What kind of file an output is, so an existing one can be told apart from a file gdlab did not write. */
export type OutputKind = {
	/** The option that names it, for messages (`--save`). */
	option: string;
	/** What gdlab writes there, for messages (`a gdlab run`). */
	what: string;
	/** True when the first bytes of an existing file (at `path`, to read further if need be) show that gdlab wrote it. */
	isOurs: (head: string, path?: string) => boolean;
};

/** Bytes read from an existing file to recognise gdlab's own. */
export const recogniseBytes = 4096;

/** Check that `path` can take a new `kind` file; returns true when it replaces one gdlab wrote earlier (not an empty file). */
export function checkOutputFile(path: string, kind: OutputKind, dataPath?: string | null): boolean {
	if (path === '') {
		throw new DataError(`${kind.option}: the file path is empty`);
	}

	if (path.endsWith('/') || path.endsWith(sep)) {
		throw new DataError(`${path}: cannot write: ${isDirectory(path) ? 'is a directory' : 'ends in "/", so it names a directory, not a file'}`);
	}

	const existing = existingStats(path);
	if (existing === undefined) {
		probeDirectory(path);
		return false;
	}

	if (existing.isDirectory()) {
		throw new DataError(`${path}: cannot write: is a directory`);
	}

	if (!existing.isFile()) {
		throw new DataError(`${path}: cannot write: exists and is not a regular file (${fileType(existing)})`);
	}

	if (dataPath && isSameFile(path, existing, dataPath)) {
		throw new DataError(`${path}: cannot write: it is the data file; choose another name`);
	}

	// an empty file holds nothing to lose (mktemp makes one for a script to fill)
	if (existing.size > 0 && !kind.isOurs(readHead(path), path)) {
		throw new DataError(`${path}: exists and is not ${kind.what}; remove it or choose another name`);
	}

	// a replace is a rename, which a read-only file does not stop (nor does anything stop root): it is kept here
	if ((existing.mode & 0o222) === 0) {
		throw new DataError(`${path}: cannot write: the file is read-only; make it writable or choose another name`);
	}

	probeDirectory(path);
	return existing.size > 0;
}

/** Whether `path` holds a `kind` file gdlab wrote (not empty); false for anything else, and when it cannot be read. */
export function holdsOurFile(path: string, kind: OutputKind): boolean {
	try {
		const stats = statSync(path);
		return stats.isFile() && stats.size > 0 && kind.isOurs(readHead(path), path);
	} catch {
		return false;
	}
}

/** The file a write to `path` replaces or makes, as the file system will find it (through a symbolic link, the file it names). */
export function writtenFile(path: string): string {
	return canonicalPath(linkTarget(path) ?? path);
}

/** The path as the file system will find it: the real path of its folder, then its name (symbolic links followed). */
export function canonicalPath(path: string): string {
	const absolute = resolve(path);
	try {
		return join(realpathSync(dirname(absolute)), basename(absolute));
	} catch {
		return absolute;
	}
}

/** The file at `path` (symbolic links followed), undefined when nothing is there; a broken link is an error. */
function existingStats(path: string): Stats | undefined {
	try {
		return statSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			if (isSymbolicLink(path)) {
				throw new DataError(`${path}: cannot write: exists and is not a regular file (a broken symbolic link)`);
			}

			return undefined;
		}

		throw new DataError(`${path}: cannot write: ${describeWriteError(error, path)}`);
	}
}

/**
 * Create and remove a file beside `path`: the one sure test that the folder takes new files (it may be
 * missing, read-only, or /proc), made before training rather than learned after it.
 */
function probeDirectory(path: string): void {
	for (let tries = 0; tries < probeNameTries; tries++) {
		const probe = besideName(path, `${process.pid}.${tries}.probe`);
		try {
			// made afresh: a file already there (another process's) is not this one's to truncate or remove
			writeFileSync(probe, '', {flag: 'wx'});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
				continue;
			}

			throw new DataError(`${path}: cannot write: ${describeWriteError(error, path)}`);
		}

		removeQuietly(probe);
		return;
	}
}

/** Probe names tried before a folder full of them is taken to take files (it has, each of them). */
const probeNameTries = 10;

/** True when `path` (already stat-ed) and the data file are one file: same real path, or same device and inode. */
function isSameFile(path: string, stats: Stats, dataPath: string): boolean {
	try {
		const data = statSync(dataPath);
		return (data.dev === stats.dev && data.ino === stats.ino) || realpathSync(dataPath) === realpathSync(path);
	} catch {
		// a data file that is not there is not at risk (loading it says why)
		return false;
	}
}

/** The first bytes of a file, as text. */
function readHead(path: string): string {
	let descriptor: number | undefined;
	try {
		descriptor = openSync(path, 'r');
		const buffer = Buffer.alloc(recogniseBytes);
		const length = readSync(descriptor, buffer, 0, recogniseBytes, 0);
		return buffer.subarray(0, length).toString('utf8');
	} catch (error) {
		throw new DataError(`${path}: cannot read what is there: ${describeWriteError(error, path)}`);
	} finally {
		if (descriptor !== undefined) {
			closeSync(descriptor);
		}
	}
}

/** What a file that is not a regular file is, in words. */
function fileType(stats: Stats): string {
	if (stats.isFIFO()) {
		return 'a FIFO';
	}

	if (stats.isSocket()) {
		return 'a socket';
	}

	if (stats.isCharacterDevice()) {
		return 'a character device';
	}

	return stats.isBlockDevice() ? 'a block device' : 'not a file';
}
