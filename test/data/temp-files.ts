/** Small files written to a fresh temporary directory, removed when the test process exits. */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

let directory: string | undefined;

/** The test process's own temporary directory. */
export function tempDirectory(): string {
	if (directory === undefined) {
		const created = mkdtempSync(join(tmpdir(), 'gdlab-data-'));
		process.on('exit', () => rmSync(created, {recursive: true, force: true}));
		directory = created;
	}

	return directory;
}

/** Write text (as UTF-8) or bytes to a file in the temporary directory and return its path. */
export function writeTempFile(name: string, content: string | Uint8Array): string {
	const path = join(tempDirectory(), name);
	writeFileSync(path, content);
	return path;
}
