/** Run the built gdlab CLI as a user would, without a terminal, and collect what it prints. */
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {repoRoot} from './fixtures.js';

/** The built entry point users run: the bundle (npm run build makes it). */
export const cliPath = join(repoRoot, 'dist/bin/gdlab.js');

/** What one run of the CLI printed and returned. */
export type CliResult = {stdout: string; stderr: string; status: number | null};

/** Run `gdlab ...args` with no TTY and return its output and exit status. */
export function runCli(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; input?: string} = {}): CliResult {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: options.cwd ?? repoRoot,
		env: {...process.env, NO_COLOR: '1', ...options.env},
		input: options.input ?? '',
		encoding: 'utf8',
		timeout: 60_000,
	});
	return {stdout: result.stdout, stderr: result.stderr, status: result.status};
}
