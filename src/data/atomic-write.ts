/**
 * Writing a file whole or not at all: a temporary file beside it, flushed to the disk, then renamed over
 * it. At once (writeFileAtomic), or in turns that let a screen stay live (writeFileAtomicInTurns); a
 * temporary file an exit leaves behind is removed (removePendingTemporaryFiles).
 */
import {closeSync, fchmodSync, fchownSync, fsync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {DataError} from './data-error.js';
import {describeWriteError} from './write-error.js';

/**
 * Write text to `path` atomically. A file replaced keeps its permissions (a run saved private stays
 * private); through a symbolic link, the file it names is replaced and the link stays.
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
 * turn comes. An exit meanwhile finds the file as it was (the temporary file is removed:
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

/** A file being written: the path asked for, the file it replaces or makes, and the temporary file beside it (-1: closed). */
type TemporaryFile = {path: string; target: string; temporary: string; descriptor: number};

/** Temporary files of writes under way (for an exit to remove). */
const pendingTemporaryFiles = new Set<string>();
/** Temporary files made so far: each gets a name of its own. */
let temporaryFiles = 0;

/** The temporary file the next write to `path` will try first (a test puts another file there). */
export function nextTemporaryFile(path: string): string {
	return besideName(linkTarget(path) ?? path, `${process.pid}.${temporaryFiles + 1}.tmp`);
}

/** Temporary names tried before a write gives up on finding one free (another process with gdlab's pid may use them). */
const temporaryNameTries = 100;

/**
 * Make a new temporary file beside the file a write to `path` replaces or makes, with that file's
 * permissions and owner where they can be kept (keepOwnership). It is made afresh (never an existing
 * file, nor through a link found at its name).
 */
function openTemporary(path: string): TemporaryFile {
	const target = linkTarget(path) ?? path;
	for (let tries = 1; ; tries++) {
		const temporary = nextTemporaryFile(path);
		temporaryFiles++;
		let descriptor: number;
		try {
			descriptor = openSync(temporary, 'wx');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST' && tries < temporaryNameTries) {
				continue;
			}

			throw new DataError(`${path}: cannot write: ${describeWriteError(error, path)}`);
		}

		pendingTemporaryFiles.add(temporary);
		keepOwnership(descriptor, target);

		return {path, target, temporary, descriptor};
	}
}

/** Write all of `piece` (a write may take only part of it: a full disk). */
function writeWhole(descriptor: number, piece: string): void {
	const bytes = Buffer.from(piece, 'utf8');
	for (let written = 0; written < bytes.length;) {
		written += writeSync(descriptor, bytes, written, bytes.length - written);
	}
}

/** Close the temporary file (written and flushed) and rename it over the target. */
function commitTemporary(file: TemporaryFile): void {
	closeSync(file.descriptor);
	// closed: a failure from here on must not close the number again (another file may have it by then)
	file.descriptor = -1;
	renameSync(file.temporary, file.target);
	pendingTemporaryFiles.delete(file.temporary);
	syncDirectory(dirname(file.target));
}

/**
 * Give up a write: close and remove the temporary file, and say why as a DataError naming the path asked
 * for. An error that is not the file system's (a fault in making the pieces) is thrown as it is.
 */
function abandonTemporary(file: TemporaryFile, error: unknown): never {
	if (file.descriptor >= 0) {
		try {
			closeSync(file.descriptor);
		} catch {
			// closed already
		}
	}

	removeQuietly(file.temporary);
	pendingTemporaryFiles.delete(file.temporary);
	if ((error as NodeJS.ErrnoException).code === undefined) {
		throw error;
	}

	throw new DataError(`${file.path}: cannot write: ${describeWriteError(error, file.path)}`);
}

/** Remove the temporary files of writes still under way (as the process exits, however it exits). */
export function removePendingTemporaryFiles(): void {
	for (const file of pendingTemporaryFiles) {
		removeQuietly(file);
	}

	pendingTemporaryFiles.clear();
}

/**
 * Give the new file the permissions of the file at `path` it replaces, and its owner where this process
 * may (root re-saving a user's run leaves it the user's); nothing when there is no such file.
 */
function keepOwnership(descriptor: number, path: string): void {
	let existing: Stats;
	try {
		existing = statSync(path);
	} catch {
		return;
	}

	try {
		fchmodSync(descriptor, existing.mode & 0o777);
		if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
			fchownSync(descriptor, existing.uid, existing.gid);
		}
	} catch {
		// a file system that keeps no permissions or owners (FAT, some network shares): the file is written all the same
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
export function linkTarget(path: string): string | undefined {
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

/** Whether `path` is a symbolic link. */
export function isSymbolicLink(path: string): boolean {
	try {
		return lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}

/** Remove a file if it is there; failing to (something else took its name) must not hide why a write failed. */
export function removeQuietly(path: string): void {
	try {
		rmSync(path, {force: true});
	} catch {
		// the write's own error says what went wrong
	}
}

/** The longest file name most file systems take, in bytes. */
const maxNameBytes = 255;

/**
 * A hidden file beside `path` for gdlab's own use: `.NAME.SUFFIX`, NAME cut short where the whole would
 * be longer than a file system takes (a name of 250 bytes is a file's right; its temporary file's too).
 */
export function besideName(path: string, suffix: string): string {
	const room = maxNameBytes - Buffer.byteLength(`..${suffix}`);
	const characters = Array.from(basename(path));
	while (Buffer.byteLength(characters.join('')) > room) {
		characters.pop();
	}

	return join(dirname(path), `.${characters.join('')}.${suffix}`);
}
