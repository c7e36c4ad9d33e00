/** Why a write failed, in a few words a user can act on, from the error Node gave. */
import {statSync} from 'node:fs';
import {dirname, resolve} from 'node:path';

/** Why a write to `path` failed, in a few words, from the error Node gave. */
export function describeWriteError(error: unknown, path: string): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'ENOENT': {
			// the folder is there but will not take new files (/proc), or it is not there at all; the current
			// folder by its name, as "." says nothing of where the dashboard was started
			const folder = dirname(path);
			return isDirectory(dirname(resolve(path))) ? `cannot create files in ${folder === '.' ? `the current folder, ${resolve(folder)}` : folder}` : 'no such directory';
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

/** Whether there is a folder at `path`. */
export function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
