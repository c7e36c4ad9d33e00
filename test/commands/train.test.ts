import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {readRunFile} from '../../src/data/run-file.js';
import {maxDifference, readFixture} from '../helpers/fixtures.js';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {waitForProcessorTime, waitUntilListening} from '../helpers/signal-handler.js';

const reference = readFixture('lesson-default.json');
const alternate = readFixture('lesson-alternate.json');
const tolerance = 1e-12;

test('gdlab train --model single prints the lesson\'s ten losses and accuracy 0.725', () => {
	const {stdout, status} = runCli(['train', '--model', 'single']);
	assert.equal(status, 0);
	const lines = stdout.trimEnd().split('\n');
	assert.equal(lines.length, 11);
	for (const [index, [, loss]] of (reference.single.losses as Array<[number, number]>).entries()) {
		const match = /^Train loss: {2}(\S+)$/.exec(lines[index]!);
		assert.ok(match, `line ${index}: ${lines[index]}`);
		assert.ok(Math.abs(Number(match[1]) - loss) <= tolerance, `line ${index}: ${match[1]} vs ${loss}`);
	}

	assert.equal(lines.at(-1), 'Prediction accuracy: 0.725');
});

test('gdlab train --model backprop --json matches lesson-default.json within 1e-12', () => {
	const {stdout, status} = runCli(['train', '--model', 'backprop', '--json']);
	assert.equal(status, 0);
	const run = JSON.parse(stdout);
	assert.equal(run.model, 'backprop');
	assert.deepEqual(run.config, {epochs: 900, learnRate: 0.005, hidden: 2, seed: 21, splitSeed: 42, rng: 'numpy', batch: 'full', momentum: 0});
	assert.deepEqual(run.features, ['gre', 'gpa', 'rank_1', 'rank_2', 'rank_3', 'rank_4']);
	assert.equal(run.trainSize, 360);
	assert.equal(run.testSize, 40);
	assert.ok(maxDifference(run.initialWeights, {inputHidden: reference.backprop.init_ih, hiddenOutput: reference.backprop.init_ho}) <= tolerance);
	assert.ok(maxDifference(run.weights, {inputHidden: reference.backprop.w_ih, hiddenOutput: reference.backprop.w_ho}) <= tolerance);
	assert.deepEqual(run.losses.map((loss: {epoch: number}) => loss.epoch), reference.backprop.losses.map(([epoch]: [number]) => epoch));
	assert.ok(maxDifference(run.losses.map((loss: {train: number}) => loss.train), reference.backprop.losses.map(([, loss]: [number, number]) => loss)) <= tolerance);
	assert.equal(run.accuracy, reference.backprop.accuracy);
});

test('other seeds, split seeds, rates, epochs and hidden sizes match the alternate reference', () => {
	const single = JSON.parse(runCli(['train', '--model', 'single', '--seed', '3', '--split-seed', '7', '--epochs', '300', '--lr', '0.1', '--json']).stdout);
	assert.ok(maxDifference(single.weights.output, alternate.single.weights) <= tolerance);
	assert.ok(maxDifference(single.losses.map((loss: {train: number}) => loss.train), alternate.single.losses.map(([, loss]: [number, number]) => loss)) <= tolerance);
	assert.equal(single.accuracy, alternate.single.accuracy);
	const backprop = JSON.parse(runCli(['train', '--model', 'backprop', '--seed', '5', '--split-seed', '7', '--hidden', '4', '--epochs', '500', '--lr', '0.5', '--json']).stdout);
	assert.ok(maxDifference(backprop.weights, {inputHidden: alternate.backprop.w_ih, hiddenOutput: alternate.backprop.w_ho}) <= tolerance);
	assert.equal(backprop.accuracy, alternate.backprop.accuracy);
});

test('a rising loss gets the lesson\'s WARNING suffix', () => {
	const {stdout} = runCli(['train', '--lr', '60', '--epochs', '100']);
	assert.match(stdout, /^Train loss: {2}\S+ {3}WARNING - Loss Increasing$/m);
});

test('epochs that do not divide by ten report where e % (epochs/10) == 0, as Python does', () => {
	const run = JSON.parse(runCli(['train', '--epochs', '25', '--json']).stdout);
	assert.deepEqual(run.losses.map((loss: {epoch: number}) => loss.epoch), [0, 5, 10, 15, 20]);
	const odd = JSON.parse(runCli(['train', '--epochs', '7', '--json']).stdout);
	assert.deepEqual(odd.losses.map((loss: {epoch: number}) => loss.epoch), [0]);
});

test('--json prints exactly one JSON document with the documented keys', () => {
	const {stdout} = runCli(['train', '--epochs', '10', '--json']);
	const run = JSON.parse(stdout);
	assert.deepEqual(Object.keys(run), ['model', 'config', 'data', 'features', 'trainSize', 'testSize', 'initialWeights', 'weights', 'losses', 'final', 'accuracy', 'status', 'epochsTrained']);
	assert.equal(run.data, 'admissions (binary.csv)');
	assert.equal(run.status, 'done');
	assert.equal(run.epochsTrained, 10);
	// the last epoch, unprinted (losses has epochs 0 … 9 here, each a tenth), as replay confirms it
	assert.deepEqual(Object.keys(run.final), ['epoch', 'train', 'test']);
	assert.equal(run.final.epoch, 9);
	assert.deepEqual(run.losses.at(-1), run.final);
	const longer = JSON.parse(runCli(['train', '--epochs', '25', '--json']).stdout);
	assert.equal(longer.final.epoch, 24);
	assert.ok(longer.final.train < longer.losses.at(-1).train, 'the final loss is the 25th epoch\'s, past the last printed');

	assert.deepEqual(Object.keys(run.losses[0]), ['epoch', 'train', 'test']);
	assert.equal(run.weights.output.length, 6);
});

test('batch, momentum and the seedrandom generator run and are reported', () => {
	const run = JSON.parse(runCli(['train', '--epochs', '20', '--batch', '32', '--momentum', '0.5', '--rng', 'seedrandom', '--seed', 'abc', '--json']).stdout);
	assert.deepEqual([run.config.batch, run.config.momentum, run.config.rng, run.config.seed], [32, 0.5, 'seedrandom', 'abc']);
	assert.equal(run.losses.length, 10);
});

test('a diverging run stops with a clear line and exit code 1, never NaN', () => {
	const {stdout, status} = runCli(['train', '--model', 'backprop', '--lr', '1e308', '--epochs', '50']);
	assert.equal(status, 1);
	assert.match(stdout, /^Diverged at epoch \d+: the loss or weights stopped being finite; lower --lr/m);
	assert.doesNotMatch(stdout, /nan/i);
});

test('a seedrandom seed of more digits than a double holds stays the digits typed', () => {
	const seedOf = (seed: string) => JSON.parse(runCli(['train', '--epochs', '2', '--rng', 'seedrandom', '--seed', seed, '--json']).stdout).config.seed as unknown;
	assert.equal(seedOf('12345'), 12_345);
	assert.equal(seedOf('99999999999999999999'), '99999999999999999999');
	assert.equal(seedOf('100000000000000000000'), '100000000000000000000');
});

test('a long train prints each loss as it gets there; Ctrl+C (SIGINT) or SIGTERM stops it at once, writing the run so far, which replays', async () => {
	for (const [stopSignal, exitCode, how] of [['SIGINT', 130, 'interrupted'], ['SIGTERM', 143, 'stopped by SIGTERM']] as const) {
		const directory = mkdtempSync(join(tmpdir(), 'gdlab-interrupt-'));
		try {
			const child = spawn(process.execPath, [cliPath, 'train', '--model', 'backprop', '--epochs', '1000000', '--save', join(directory, 'run.json')], {stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let stderr = '';
			child.stdout.setEncoding('utf8');
			child.stderr.setEncoding('utf8').on('data', (text: string) => {
				stderr += text;
			});
			const exited = new Promise<number | null>(resolve => {
				child.on('exit', (code, signal) => {
					resolve(code ?? (signal === null ? null : 128));
				});
			});
			// the first loss line arrives long before the million epochs are done
			await new Promise<void>((resolve, reject) => {
				child.stdout.on('data', (chunk: string) => {
					stdout += chunk;
					if (stdout.includes('\n')) {
						resolve();
					}
				});
				child.on('exit', () => {
					reject(new Error(`gdlab ended before printing a line: ${stdout}`));
				});
			});
			assert.match(stdout, /^Train loss: {2}0\.\d+\n/);
			child.kill(stopSignal);
			assert.equal(await exited, exitCode);
			const saved = join(directory, 'run.json');
			const epoch = Number(new RegExp(`^gdlab: ${how} after (\\d+) of 1000000 epochs; the run so far written to ${saved.replaceAll('.', '\\.')}\n$`).exec(stderr)?.[1]);
			assert.ok(epoch > 0 && epoch < 1_000_000, `stopped before the end: ${stderr}`);
			assert.deepEqual(readdirSync(directory), ['run.json'], 'the save and no temporary file');
			const record = readRunFile(saved);
			assert.equal(record.epochs, epoch);
			assert.equal(record.status, 'training');
			const replayed = runCli(['replay', saved]);
			assert.equal(replayed.status, 0, replayed.stdout);
			assert.match(replayed.stdout, new RegExp(`^Replayed ${epoch} epochs of backprop .*: identical`));
		} finally {
			rmSync(directory, {recursive: true, force: true});
		}
	}
});

/** Run `gdlab train ARGS` until it has had `milliseconds` of processor time, interrupt it with Ctrl+C; what it printed and its exit code. */
async function interruptedTrain(args: string[], milliseconds: number): Promise<{stdout: string; stderr: string; status: number | null}> {
	const child = spawn(process.execPath, [cliPath, 'train', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		stdout += text;
	});
	child.stderr.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
	});
	const exited = new Promise<number | null>(resolve => {
		child.on('close', code => {
			resolve(code);
		});
	});
	await waitForProcessorTime(child.pid!, milliseconds);
	child.kill('SIGINT');
	const status = await exited;
	return {stdout, stderr, status};
}

test('--json interrupted once an epoch has trained prints the document of the run so far, whole, status interrupted', async () => {
	// a network whose document (some 670 KB) is ten times what a pipe takes at once; the data is made in a
	// fraction of 1.5 s of processor time: by then it is training
	const {stdout, stderr, status} = await interruptedTrain(['--model', 'backprop', '--hidden', '64', '--data', 'synthetic:2000:200', '--epochs', '1000000', '--json'], 1500);
	assert.equal(status, 130);
	const epoch = Number(/^gdlab: interrupted after (\d+) of 1000000 epochs\n$/.exec(stderr)?.[1]);
	assert.ok(epoch > 0, stderr);
	const run = JSON.parse(stdout);
	assert.equal(run.status, 'interrupted');
	assert.equal(run.epochsTrained, epoch);
	assert.equal(run.config.epochs, 1_000_000);
	// the lesson's reporting epochs reached so far: 0, 100000, …
	assert.deepEqual(run.losses.map((loss: {epoch: number}) => loss.epoch), Array.from({length: Math.floor((epoch - 1) / 100_000) + 1}, (_, index) => index * 100_000));
	assert.ok(stdout.length > 200_000, `${stdout.length} characters`);
	assert.equal(run.weights.hiddenOutput.length, 64);
	assert.notDeepEqual(run.weights, run.initialWeights);
});

test('text interrupted once an epoch has trained ends with the accuracy of the run so far, as --json gives it', async () => {
	const {stdout, stderr, status} = await interruptedTrain(['--epochs', '1000000'], 700);
	assert.equal(status, 130);
	const epoch = Number(/^gdlab: interrupted after (\d+) of 1000000 epochs\n$/.exec(stderr)?.[1]);
	assert.ok(epoch > 0, stderr);
	const accuracy = /\nPrediction accuracy: (\d\.\d{3})\n$/.exec(stdout)?.[1];
	assert.ok(accuracy !== undefined, stdout);
	// the same run stopped there by --epochs
	const same = JSON.parse(runCli(['train', '--epochs', String(epoch), '--json']).stdout);
	assert.equal(accuracy, same.accuracy.toFixed(3));
});

test('Ctrl+C before the first epoch (the data still being made) writes no file and says so, and what it stopped', async () => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-early-'));
	try {
		const saved = join(directory, 'run.json');
		const child = spawn(process.execPath, [cliPath, 'train', '--data', 'synthetic:4000000:16', '--epochs', '5', '--save', saved], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (text: string) => {
			stderr += text;
		});
		const exited = new Promise<number | null>(resolve => {
			child.on('exit', code => {
				resolve(code);
			});
		});
		await waitUntilListening(child.pid!);
		child.kill('SIGINT');
		assert.equal(await exited, 130);
		assert.equal(stderr, `gdlab: interrupted while generating synthetic:4000000:16 (64,000,000 values); before ${saved} was written\n`);
		assert.deepEqual(readdirSync(directory), []);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});
