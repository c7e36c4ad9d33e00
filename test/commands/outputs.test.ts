/** --save and --export-history never destroy a file, fail before training when they cannot be written, and never lose the figures. */
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {repoRoot} from '../helpers/fixtures.js';
import {cliPath, runCli} from '../helpers/run-cli.js';

const directory = mkdtempSync(join(tmpdir(), 'gdlab-outputs-'));
const admissions = readFileSync(join(repoRoot, 'data/binary.csv'), 'utf8');

after(() => {
	rmSync(directory, {recursive: true, force: true});
});

/** A folder of its own for one test, holding a copy of the admissions data as victim.csv. */
function workspace(name: string): string {
	const cwd = join(directory, name);
	mkdirSync(cwd);
	copyFileSync(join(repoRoot, 'data/binary.csv'), join(cwd, 'victim.csv'));
	return cwd;
}

/** A refusal: one line on stderr, exit 1, nothing trained or printed. */
function assertRefused(args: string[], cwd: string, message: string, exitCode = 1): void {
	const {stdout, stderr, status} = runCli(args, {cwd});
	// a usage error points to the command's options, as every flag mistake does
	const command = args[0]!.startsWith('-') ? 'gdlab' : `gdlab ${args[0]}`;
	assert.equal(stderr, `gdlab: ${message}${exitCode === 2 ? `; see ${command} --help` : ''}\n`, args.join(' '));
	assert.equal(status, exitCode, args.join(' '));
	assert.equal(stdout, '', 'refused before training: no figures');
}

test('--save or --export-history never writes over the --data file', () => {
	const cwd = workspace('data-file');
	assertRefused(['train', '--epochs', '20', '--data', 'victim.csv', '--save', 'victim.csv'], cwd, 'victim.csv: cannot write: it is the data file; choose another name');
	assertRefused(['train', '--epochs', '20', '--data', 'victim.csv', '--export-history', './victim.csv'], cwd, './victim.csv: cannot write: it is the data file; choose another name');
	assert.equal(readFileSync(join(cwd, 'victim.csv'), 'utf8'), admissions);
	assert.deepEqual(readdirSync(cwd), ['victim.csv'], 'no temporary file left');
});

test('--target or --categorical naming columns synthetic data has not are usage errors, in train, the dashboard and bench', () => {
	const cwd = workspace('synthetic-columns');
	assertRefused(['train', '--data', 'synthetic:100:3', '--target', 'foo'], cwd, '--target foo: synthetic data\'s target is y', 2);
	assertRefused(['train', '--data', 'synthetic:100:3', '--categorical', 'x1'], cwd, '--categorical does not apply to synthetic data (its features are all numeric)', 2);
	assertRefused(['--data', 'synthetic:100:3', '--categorical', 'x1'], cwd, '--categorical does not apply to synthetic data (its features are all numeric)', 2);
	assertRefused(['train', '--data', 'synthetic:100:3', '--ignore', 'x1'], cwd, '--ignore does not apply to synthetic data (every column of it, x1 … and y, is made to be used)', 2);
	assertRefused(['bench', '--data', 'synthetic:100:3', '--target', 'x1'], cwd, '--target x1: synthetic data\'s target is y', 2);
	assert.equal(runCli(['train', '--data', 'synthetic:100:3', '--target', 'y', '--epochs', '5'], {cwd}).status, 0, 'y is its target');
});

test('--target or --categorical naming a column the CSV file has not is a usage error too (exit 2), as on synthetic data', () => {
	const cwd = workspace('csv-columns');
	const data = join(repoRoot, 'data', 'binary.csv');
	assertRefused(['train', '--data', data, '--target', 'foo'], cwd, `${data}: unknown target column "foo"; columns are admit, gre, gpa, rank`, 2);
	assertRefused(['train', '--data', data, '--categorical', 'nope'], cwd, `${data}: unknown column "nope" in --categorical; columns are admit, gre, gpa, rank`, 2);
});

test('--save and --export-history may not name the same file', () => {
	const cwd = workspace('same-path');
	assertRefused(['train', '--epochs', '20', '--save', 'run.json', '--export-history', './run.json'], cwd, '--save and --export-history both name run.json; give each its own file', 2);
	assert.deepEqual(readdirSync(cwd), ['victim.csv']);
	// one through a symbolic link to the other (there or not yet)
	symlinkSync('same.json', join(cwd, 'link.json'));
	assertRefused(['train', '--epochs', '20', '--save', 'link.json', '--export-history', 'same.json'], cwd, '--save and --export-history both name link.json; give each its own file', 2);
	writeFileSync(join(cwd, 'same.json'), '');
	assertRefused(['train', '--epochs', '20', '--save', 'same.json', '--export-history', 'link.json'], cwd, '--save and --export-history both name same.json; give each its own file', 2);
	assert.equal(readFileSync(join(cwd, 'same.json'), 'utf8'), '');
});

test('a file gdlab did not write is kept; an earlier run or history is replaced', () => {
	const cwd = workspace('not-ours');
	assertRefused(['train', '--epochs', '20', '--save', 'victim.csv'], cwd, 'victim.csv: exists and is not a gdlab run; remove it or choose another name');
	assertRefused(['train', '--epochs', '20', '--export-history', 'victim.csv'], cwd, 'victim.csv: exists and is not a gdlab history CSV; remove it or choose another name');
	assert.equal(readFileSync(join(cwd, 'victim.csv'), 'utf8'), admissions);
	assert.equal(runCli(['train', '--epochs', '20', '--save', 'run.json', '--export-history', 'history.csv'], {cwd}).status, 0);
	const again = runCli(['train', '--epochs', '30', '--save', 'run.json', '--export-history', 'history.csv'], {cwd});
	assert.equal(again.status, 0, again.stderr);
	assert.equal(JSON.parse(readFileSync(join(cwd, 'run.json'), 'utf8')).epochs, 30);
	assert.equal(readFileSync(join(cwd, 'history.csv'), 'utf8').trimEnd().split('\n').length, 31);
	assertRefused(['train', '--epochs', '20', '--save', 'history.csv'], cwd, 'history.csv: exists and is not a gdlab run; remove it or choose another name');
	assertRefused(['train', '--epochs', '20', '--export-history', 'run.json'], cwd, 'run.json: exists and is not a gdlab history CSV; remove it or choose another name');
});

test('a FIFO is not replaced by a plain file', () => {
	const cwd = workspace('fifo');
	execFileSync('mkfifo', [join(cwd, 'pipe')]);
	assertRefused(['train', '--epochs', '20', '--save', 'pipe'], cwd, 'pipe: cannot write: exists and is not a regular file (a FIFO)');
	assertRefused(['train', '--epochs', '20', '--export-history', 'pipe'], cwd, 'pipe: cannot write: exists and is not a regular file (a FIFO)');
	assert.ok(lstatSync(join(cwd, 'pipe')).isFIFO());
});

test('paths that cannot be written are refused before training, each with its own reason', () => {
	const cwd = workspace('unwritable');
	writeFileSync(join(cwd, 'existing.json'), '{}');
	assertRefused(['train', '--epochs', '20', '--save', 'no-such-dir/run.json'], cwd, 'no-such-dir/run.json: cannot write: no such directory');
	assertRefused(['train', '--epochs', '20', '--save', 'existing.json/x.json'], cwd, 'existing.json/x.json: cannot write: existing.json is not a directory');
	assertRefused(['train', '--epochs', '20', '--save', 'gone/'], cwd, 'gone/: cannot write: ends in "/", so it names a directory, not a file');
	assertRefused(['train', '--epochs', '20', '--save', './'], cwd, './: cannot write: is a directory');
	// an empty name is a mistake in the flag itself: a usage error
	assertRefused(['train', '--epochs', '20', '--save', ''], cwd, '--save needs a file name', 2);
	assertRefused(['train', '--epochs', '20', '--export-history', ''], cwd, '--export-history needs a file name', 2);
	assertRefused(['train', '--epochs', '20', '--save', '-'], cwd, '--save - would make a file named "-", not write to standard output: give a file name (./- if that is meant)', 2);
	assertRefused(['train', '--epochs', '20', '--export-history', '-'], cwd, '--export-history - would make a file named "-", not write to standard output: give a file name (./- if that is meant)', 2);
});

test('a diverged run says on stderr why the exit code is 1, text and --json alike, and prints the figures as before', () => {
	const line = 'gdlab: the run diverged at epoch 0 (the loss or weights stopped being finite); exit code 1\n';
	const text = runCli(['train', '--lr', '1e308']);
	assert.equal(text.status, 1);
	assert.equal(text.stderr, line);
	assert.match(text.stdout, /^Diverged at epoch 0: the loss or weights stopped being finite; lower --lr \(the weights are the initial ones\)$/m);
	const json = runCli(['train', '--lr', '1e308', '--json']);
	assert.equal(json.status, 1);
	assert.equal(json.stderr, line);
	assert.equal(JSON.parse(json.stdout).status, 'diverged');
});

test('gdlab --save without a terminal saves the run it prints, as train --save does', () => {
	const cwd = workspace('headless-save');
	const {stdout, stderr, status} = runCli(['--save', 'run.json', '--epochs', '10'], {cwd});
	assert.equal(status, 0, stderr);
	assert.match(stdout, /^Prediction accuracy: /m);
	const record = JSON.parse(readFileSync(join(cwd, 'run.json'), 'utf8'));
	assert.equal(record.format, 'gdlab-run');
	assert.equal(record.epochs, 10);
	assertRefused(['--data', 'victim.csv', '--save', 'victim.csv'], cwd, 'victim.csv: cannot write: it is the data file; choose another name');
	assert.equal(readFileSync(join(cwd, 'victim.csv'), 'utf8'), admissions);
});

test('gdlab --load or --model forward with --save, without a terminal, says it would save nothing', () => {
	const cwd = workspace('headless-load');
	assert.equal(runCli(['train', '--epochs', '10', '--save', 'run.json'], {cwd}).status, 0);
	const loaded = runCli(['--load', 'run.json', '--save', 'copy.json'], {cwd});
	assert.equal(loaded.status, 2);
	assert.equal(loaded.stderr, 'gdlab: --load with --save needs a terminal (the dashboard); without one gdlab replays the run and saves nothing; see gdlab --help\n');
	const forward = runCli(['--model', 'forward', '--save', 'forward.json'], {cwd});
	assert.equal(forward.status, 2);
	assert.equal(forward.stderr, 'gdlab: --model forward with --save needs a terminal (the dashboard); without one gdlab prints the forward pass and saves nothing; see gdlab --help\n');
	assert.deepEqual(readdirSync(cwd).sort(), ['run.json', 'victim.csv']);
});

test('both files failing at the write (their folder removed while training) are one line on stderr; the figures still print', async () => {
	const cwd = workspace('removed-folder');
	const folder = join(cwd, 'out');
	mkdirSync(folder);
	const child = spawn(process.execPath, [cliPath, 'train', '--epochs', '1000000', '--save', 'out/run.json', '--export-history', 'out/history.csv'], {cwd, env: {...process.env, NO_COLOR: '1'}});
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	await new Promise<void>(resolve => {
		child.stdout.on('data', (chunk: Buffer) => {
			const first = stdout === '';
			stdout += chunk.toString();
			if (first) { // epoch 0 printed: 999,999 epochs to go
				rmSync(folder, {recursive: true, force: true});
				resolve();
			}
		});
	});
	const status = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	assert.equal(status, 1);
	assert.match(stdout, /Prediction accuracy: /);
	assert.equal(stderr, 'gdlab: out/run.json: cannot write: no such directory; out/history.csv: cannot write: no such directory\n');
});
