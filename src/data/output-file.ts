/**
 * Where gdlab may write a file it makes (a saved run, an exported history): checked before training
 * starts, so a run of minutes never ends in "cannot write", and checked again at the write, so gdlab
 * never replaces a file it did not make (the data it trains on, a FIFO, someone's notes).
 */
import {closeSync, fchmodSync, fsync, fsyncSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats} from 'node:fs';
import {basename, dirname, join, resolve, sep} from 'node:path';
import {DataError} from './data-error.js';

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

/** Check that `path` can take a new `kind` file; returns true when it replaces one gdlab wrote earlier. */
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
	return true;
}

/**
 * Write text to `path` atomically: a temporary file beside it, flushed to the disk, then a rename over it.
 * A file replaced keeps its permissions (a run saved private stays private).
 */
export function writeFileAtomic(path: string, text: string | Iterable<string>): void {
	const file = openTemporary(path);
	try {
		for (const piece of typeof text === 'string' ? [text] : text) {
			writeWhole(file.descriptor, piece);
		}

		fsyncSync(file.descriptor);
		commitTemporary(file);
	} catch (error) {
		abandonTemporary(file, error);
	}
}

/** Time a write in turns may keep the thread before it lets the event loop turn (a frame, a key). */
const turnMilliseconds = 8;
/** The writes in turns under way, one after another: a later save of a file must not be overtaken by an earlier one. */
let writesInTurns: Promise<unknown> = Promise.resolve();

/**
 * writeFileAtomic in turns: the event loop turns every few milliseconds while the pieces are made and
 * written, and while the file is flushed, so a screen stays live through a long save. Writes in turns are
 * made one after another, in the order asked, each after `check` (whose result it resolves to) when its
 * turn comes. An interrupt meanwhile finds the file as it was (the temporary file is removed:
 * removePendingTemporaryFiles).
 */
export async function writeFileAtomicInTurns<Checked>(path: string, pieces: Iterable<string>, check: () => Checked): Promise<Checked> {
	const write = writesInTurns.then(async () => writeInTurns(path, pieces, check));
	writesInTurns = write.catch(() => undefined);
	return write;
}

/** Check the path (when this write's turn has come: an earlier one may have made the file), then write. */
async function writeInTurns<Checked>(path: string, pieces: Iterable<string>, check: () => Checked): Promise<Checked> {
	const checked = check();
	const file = openTemporary(path);
	try {
		let turnStart = performance.now();
		for (const piece of pieces) {
			writeWhole(file.descriptor, piece);
			if (performance.now() - turnStart > turnMilliseconds) {
				await new Promise(resolve => {
					setImmediate(resolve);
				});
				turnStart = performance.now();
			}
		}

		await new Promise<void>((resolve, reject) => {
			fsync(file.descriptor, error => (error ? reject(error) : resolve()));
		});
		commitTemporary(file);
	} catch (error) {
		abandonTemporary(file, error);
	}

	return checked;
}

/** A file being written: the path asked for, the file it replaces or makes, and the temporary file beside it. */
type TemporaryFile = {path: string; target: string; temporary: string; descriptor: number};

/** Temporary files of writes under way (for an interrupt handler to remove). */
const pendingTemporaryFiles = new Set<string>();
/** Temporary files made so far: each gets its own name. */
let temporaryFiles = 0;

/** The temporary file the next write to `path` will make (tests take its name to make that write fail). */
export function nextTemporaryFile(path: string): string {
	// through a symbolic link to the file it names: the rename replaces that file and the link stays
	return besideName(linkTarget(path) ?? path, `${process.pid}.${temporaryFiles + 1}.tmp`);
}

/** Open a new temporary file beside the file a write to `path` replaces or makes, with that file's permissions. */
function openTemporary(path: string): TemporaryFile {
	const target = linkTarget(path) ?? path;
	const temporary = nextTemporaryFile(path);
	temporaryFiles++;
	const mode = existingMode(target);
	let descriptor: number | undefined;
	try {
		descriptor = openSync(temporary, 'w');
		pendingTemporaryFiles.add(temporary);
		if (mode !== undefined) {
			fchmodSync(descriptor, mode);
		}
	} catch (error) {
		abandonTemporary({path, target, temporary, descriptor: descriptor ?? -1}, error);
	}

	return {path, target, temporary, descriptor};
}

/** Write all of `piece` (a write may take only part of it: a full disk). */
function writeWhole(descriptor: number, piece: string): void {
	const bytes = Buffer.from(piece, 'utf8');
	for (let written = 0; written < bytes.length;) {
		written += writeSync(descriptor, bytes, written, bytes.length - written);
	}
}

/** Close the temporary file (written and flushed) and rename it over the target. */
function commitTemporary({target, temporary, descriptor}: TemporaryFile): void {
	closeSync(descriptor);
	renameSync(temporary, target);
	pendingTemporaryFiles.delete(temporary);
	syncDirectory(dirname(target));
}

/** Give up a write: close and remove the temporary file, and say why as a DataError naming the path asked for. */
function abandonTemporary({path, temporary, descriptor}: TemporaryFile, error: unknown): never {
	try {
		closeSync(descriptor);
	} catch {
		// not open, or closed already
	}

	removeQuietly(temporary);
	pendingTemporaryFiles.delete(temporary);
	throw new DataError(`${path}: cannot write: ${describeWriteError(error, path)}`);
}

/** Remove the temporary files of writes still under way (an interrupt handler's, as the process ends). */
export function removePendingTemporaryFiles(): void {
	for (const file of pendingTemporaryFiles) {
		removeQuietly(file);
	}
}

/** The permission bits of the file at `path`, or undefined when there is none. */
function existingMode(path: string): number | undefined {
	try {
		return statSync(path).mode & 0o777;
	} catch {
		return undefined;
	}
}

/** Flush a folder's entries (the rename) to the disk, where the file system allows it; a failure loses nothing written. */
function syncDirectory(path: string): void {
	let descriptor: number | undefined;
	try {
		descriptor = openSync(path, 'r');
		fsyncSync(descriptor);
	} catch {
		// some file systems refuse to sync a folder: the file itself is whole
	} finally {
		if (descriptor !== undefined) {
			closeSync(descriptor);
		}
	}
}

/** The file a symbolic link at `path` names (followed to the end), or undefined when `path` is no link. */
function linkTarget(path: string): string | undefined {
	if (!isSymbolicLink(path)) {
		return undefined;
	}

	try {
		return realpathSync(path);
	} catch {
		// a dangling link: the file it names is made
		return resolve(dirname(path), readlinkSync(path));
	}
}

/** Remove a temporary file if it is there; failing to (something else took its name) must not hide why the write failed. */
function removeQuietly(path: string): void {
	try {
		rmSync(path, {force: true});
	} catch {
		// the write's own error says what went wrong
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

/** Why a write to `path` failed, in a few words, from the error Node gave. */
export function describeWriteError(error: unknown, path: string): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'ENOENT': {
			// the folder is there but will not take new files (/proc), or it is not there at all
			return isDirectory(dirname(resolve(path))) ? `cannot create files in ${dirname(path)}` : 'no such directory';
		}

		case 'EACCES':
		case 'EPERM': {
			return 'permission denied';
		}

		case 'EISDIR': {
			return 'is a directory';
		}

		case 'ENOTDIR': {
			return notDirectoryAncestor(path);
		}

		case 'EROFS': {
			return 'read-only file system';
		}

		case 'ENOSPC': {
			return 'no space left on device';
		}

		case 'EDQUOT': {
			return 'disk quota exceeded';
		}

		case 'ENAMETOOLONG': {
			return 'the name is too long';
		}

		case 'ELOOP': {
			return 'too many symbolic links in the path (a loop?)';
		}

		default: {
			return (error as Error).message;
		}
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
	const probe = besideName(path, `${process.pid}.probe`);
	try {
		writeFileSync(probe, '');
	} catch (error) {
		throw new DataError(`${path}: cannot write: ${describeWriteError(error, path)}`);
	} finally {
		removeQuietly(probe);
	}
}

/** The longest file name most file systems take, in bytes. */
const maxNameBytes = 255;

/**
 * A hidden file beside `path` for gdlab's own use: `.NAME.SUFFIX`, NAME cut short where the whole would
 * be longer than a file system takes (a name of 250 bytes is a file's right; its temporary file's too).
 */
function besideName(path: string, suffix: string): string {
	const room = maxNameBytes - Buffer.byteLength(`..${suffix}`);
	const characters = Array.from(basename(path));
	while (Buffer.byteLength(characters.join('')) > room) {
		characters.pop();
	}

	return join(dirname(path), `.${characters.join('')}.${suffix}`);
}

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

/** `<ancestor> is not a directory`, naming the nearest folder on the path that is a file. */
function notDirectoryAncestor(path: string): string {
	for (let folder = dirname(path); folder !== dirname(folder); folder = dirname(folder)) {
		try {
			if (!statSync(folder).isDirectory()) {
				return `${folder} is not a directory`;
			}
		} catch {
			// further up
		}
	}

	return 'a folder on its path is not a directory';
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

function isSymbolicLink(path: string): boolean {
	try {
		return lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}
