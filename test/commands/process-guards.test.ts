/** The process around a command: however it ends, a save under way leaves no temporary file. */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {repoRoot} from '../helpers/fixtures.js';

test('an exit while a save is written in turns (a stdout error, a crash) leaves the file as it was and no temporary file', () => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-exit-'));
	const path = join(directory, 'run.json');
	writeFileSync(path, 'as it was');
	// a save of slow pieces under way, then the process exits as stdout's error handler has it
	const script = `
		const {guardProcess} = await import(${JSON.stringify(join(repoRoot, 'dist/src/commands/process-guards.js'))});
		const {writeFileAtomicInTurns} = await import(${JSON.stringify(join(repoRoot, 'dist/src/data/atomic-write.js'))});
		guardProcess();
		function * pieces() {
			for (let piece = 0; piece < 1000; piece++) {
				const until = performance.now() + 2;
				while (performance.now() < until) {}
				yield 'x';
			}
		}
		void writeFileAtomicInTurns(${JSON.stringify(path)}, pieces(), () => undefined);
		setTimeout(() => process.exit(1), 100);
	`;
	const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'});
	const left = readdirSync(directory);
	rmSync(directory, {recursive: true, force: true});
	assert.equal(result.status, 1, result.stderr);
	assert.deepEqual(left, ['run.json']);
});
