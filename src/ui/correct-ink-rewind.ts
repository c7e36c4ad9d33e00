/**
 * Ink 6.8.0's incremental renderer rewinds one line too few before redrawing a frame that ended in a
 * newline (vadimdemedes/ink#909, fixed in Ink 7.0.0, which needs Node 22), so each update lands one
 * line lower than the last and the screen fills with stale lines. This wraps stdout to add the
 * missing line to that rewind, only on the Ink version that has the bug. package.json pins Ink to
 * exactly that version, so the correction is always on. Remove it with Ink 7.
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';

/** The Ink release whose incremental rewind is one line short. */
export const inkVersionWithShortRewind = '6.8.0';

/** The rewind Ink writes at the very start of an incremental update: cursor up n lines. */
const leadingRewind = /^\u001B\[(\d+)A/;

/** One write of Ink's, with its leading rewind (if any) one line longer. */
export function lengthenRewind(chunk: string): string {
	return chunk.replace(leadingRewind, (_, lines: string) => `\u001B[${Number(lines) + 1}A`);
}

/** stdout as Ink should get it: wrapped when the installed Ink has the short rewind, untouched otherwise. */
export function correctInkRewind(stdout: NodeJS.WriteStream, version = installedInkVersion()): NodeJS.WriteStream {
	if (version !== inkVersionWithShortRewind) {
		return stdout;
	}

	return transformWrites(stdout, lengthenRewind);
}

/** `stdout` with every string written passed through `transform` first; all else as it is. */
export function transformWrites(stdout: NodeJS.WriteStream, transform: (chunk: string) => string): NodeJS.WriteStream {
	const write = (chunk: unknown, ...rest: unknown[]) => (stdout.write as (...parameters: unknown[]) => boolean)(typeof chunk === 'string' ? transform(chunk) : chunk, ...rest);
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') {
				return write;
			}

			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...parameters: unknown[]) => unknown).bind(target) : value;
		},
	});
}

/** The version of the Ink package this program resolves, or undefined when it cannot be read. */
export function installedInkVersion(): string | undefined {
	try {
		const entry = createRequire(import.meta.url).resolve('ink');
		// ink/build/index.js → ink/package.json
		const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {version?: string};
		return manifest.version;
	} catch {
		return undefined;
	}
}
