/**
 * Where gdlab is installed: the folder holding its package.json. Found by walking up from this module,
 * so it holds both for the compiled tree (dist/src/…) and for the bundle (dist/bin/…).
 */
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

function findPackageRoot(start: string): string {
	for (let directory = start; ; directory = dirname(directory)) {
		const manifest = join(directory, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name === 'gdlab') {
			return directory;
		}

		if (dirname(directory) === directory) {
			throw new Error(`cannot find gdlab's package.json above ${start}`);
		}
	}
}

/** The absolute path of gdlab's package folder. */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** gdlab's version, from its package.json. */
export function packageVersion(): string {
	return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {version: string}).version;
}
