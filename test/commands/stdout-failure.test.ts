import assert from 'node:assert/strict';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {outputFailureExitCode, stdoutFailure} from '../../src/commands/stdout-failure.js';
import {readRunFile} from '../../src/data/run-file.js';
import {cliPath} from '../helpers/run-cli.js';

/** An error as a stream reports it. */
function streamError(code: string, message: string): Error {
	return Object.assign(new Error(message), {code});
}

/** What a spawned gdlab wrote on stderr, and its exit status, once it has ended. */
async function ended(child: ChildProcess): Promise<{status: number | null; stderr: string}> {
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
	});
	const [status] = await once(child, 'close') as [number | null];
	return {status, stderr};
}

test('→ a closed pipe ends gdlab quietly with exit code 0', () => {
	assert.deepEqual(stdoutFailure(streamError('EPIPE', 'write EPIPE')), {line: undefined, exitCode: 0});
});

test('→ any other failure is one line on stderr and a non-zero exit code', () => {
	assert.deepEqual(stdoutFailure(streamError('ENOSPC', 'ENOSPC: no space left on device, write')), {line: 'gdlab: cannot write output: no space left on device\n', exitCode: outputFailureExitCode});
	assert.deepEqual(stdoutFailure(streamError('EBADF', 'EBADF: bad file descriptor, write')), {line: 'gdlab: cannot write output: standard output is closed\n', exitCode: 1});
	assert.deepEqual(stdoutFailure(streamError('EWEIRD', 'something odd')), {line: 'gdlab: cannot write output: something odd\n', exitCode: 1});
	assert.notEqual(outputFailureExitCode, 0);
});

// /dev/full opened for writing as a shell's `>/dev/full` does: a device, never replaced (checked first)
const full = '/dev/full';
const noFullDevice = existsSync(full) && statSync(full).isCharacterDevice() ? false : 'no /dev/full character device here';

test('gdlab train and train --json into a full device say so and exit 1', {skip: noFullDevice}, () => {
	for (const args of [['train', '--epochs', '3'], ['train', '--epochs', '3', '--json']]) {
		const descriptor = openSync(full, 'w');
		try {
			const result = spawnSync(process.execPath, [cliPath, ...args], {stdio: ['ignore', descriptor, 'pipe'], encoding: 'utf8', timeout: 60_000});
			assert.equal(result.stderr, 'gdlab: cannot write output: no space left on device\n', args.join(' '));
			assert.equal(result.status, 1, args.join(' '));
		} finally {
			closeSync(descriptor);
		}
	}
});

test('a reader gone before gdlab writes (gdlab train | head) still means exit code 0 and nothing on stderr', async () => {
	const child = spawn(process.execPath, [cliPath, 'train', '--json'], {stdio: ['ignore', 'pipe', 'pipe']});
	// the read end closes long before the run is trained and printed
	child.stdout.destroy();
	assert.deepEqual(await ended(child), {status: 0, stderr: ''});
});

test('a reader gone mid-run (gdlab train --save run.json | head -1) still gets the files written, exit code 0', async () => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-closed-pipe-'));
	try {
		const child = spawn(process.execPath, [cliPath, 'train', '--model', 'backprop', '--epochs', '20000', '--save', 'run.json', '--export-history', 'history.csv'], {cwd: directory, stdio: ['ignore', 'pipe', 'pipe']});
		// the reader takes the first line, then goes, as head -1 does
		await new Promise<void>(resolve => {
			child.stdout.once('data', () => {
				child.stdout.destroy();
				resolve();
			});
		});
		assert.deepEqual(await ended(child), {status: 0, stderr: ''});
		assert.equal(readRunFile(join(directory, 'run.json')).epochs, 20_000, 'the whole run was saved');
		assert.equal(readFileSync(join(directory, 'history.csv'), 'utf8').trimEnd().split('\n').length, 20_001);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('stderr gone (its reader closed, or a full disk) costs neither the run nor its files, nor the exit code', {skip: noFullDevice}, async () => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-closed-stderr-'));
	try {
		// a yes/no target: a note about its labels goes to stderr before training
		const data = join(directory, 'yes-no.csv');
		writeFileSync(data, ['a,b,admit', ...Array.from({length: 40}, (_, row) => `${row % 7},${row % 3},${row % 2 === 0 ? 'yes' : 'no'}`)].join('\n'));
		const child = spawn(process.execPath, [cliPath, 'train', '--data', data, '--epochs', '2000', '--save', 'run.json'], {cwd: directory, stdio: ['ignore', 'pipe', 'pipe']});
		child.stderr.destroy();
		child.stdout.resume();
		const [status] = await once(child, 'close') as [number | null];
		assert.equal(status, 0);
		assert.equal(readRunFile(join(directory, 'run.json')).epochs, 2000);

		const descriptor = openSync(full, 'w');
		try {
			const usage = spawnSync(process.execPath, [cliPath, 'train', '--epochs', '0'], {stdio: ['ignore', 'pipe', descriptor], encoding: 'utf8', timeout: 60_000});
			assert.equal(usage.status, 2, 'a usage error is still exit 2');
			const saved = spawnSync(process.execPath, [cliPath, 'train', '--data', data, '--epochs', '20', '--save', 'full.json'], {cwd: directory, stdio: ['ignore', 'pipe', descriptor], encoding: 'utf8', timeout: 60_000});
			assert.equal(saved.status, 0);
			assert.equal(readRunFile(join(directory, 'full.json')).epochs, 20);
		} finally {
			closeSync(descriptor);
		}
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('a reader gone before a failed run ends (gdlab train --lr 1e308 | true) leaves the run\'s own exit code 1', async () => {
	for (const json of [[], ['--json']]) {
		const child = spawn(process.execPath, [cliPath, 'train', '--lr', '1e308', '--epochs', '10', ...json], {stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.destroy();
		child.stderr.resume();
		const [status] = await once(child, 'close') as [number | null];
		assert.equal(status, 1, `diverged ${json.join(' ')}`);
	}
});
