import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {benchUsage, runBench} from '../../src/commands/bench.js';
import {UsageError} from '../../src/commands/usage-error.js';
import {fusedMultiplyAdd} from '../../src/engine/kernels/fused-multiply-add.js';
import {runCli} from '../helpers/run-cli.js';

test('gdlab bench --json --data prints one JSON document with the anchor\'s fields and memory', () => {
	const {stdout, status} = runCli(['bench', '--json', '--data', 'synthetic:200:3', '--work', '200000']);
	assert.equal(status, 0);
	const report = JSON.parse(stdout);
	assert.deepEqual(report.cases.map((entry: {name: string}) => entry.name), ['synthetic:200:3/single', 'synthetic:200:3/backprop-h2']);
	for (const entry of report.cases) {
		assert.deepEqual(Object.keys(entry).slice(0, 6), ['name', 'model', 'hidden', 'rows', 'features', 'usPerEpoch']);
		assert.ok(entry.usPerEpoch > 0);
		assert.equal(entry.rows, 200);
		assert.equal(entry.dataBytes, 200 * 4 * 8);
	}

	assert.equal(report.rounds, 5, 'five rounds by default');
	assert.deepEqual(report.cases.map((entry: {timedRuns: number}) => entry.timedRuns), [35, 35], '7 timed runs a round');
	assert.equal(report.cases[0].hidden, null);
	assert.equal(report.cases[1].hidden, 2);
	assert.deepEqual(report.cases.map((entry: {workerShare: unknown}) => entry.workerShare), [null, null], 'epochs this small are never cut');
	assert.ok(report.peakRssBytes >= report.cases[1].dataBytes);
	assert.equal(report.fastPath, true);
	// what gdlab trains with: the fast sigmoid, products fused into sums where the processor can
	assert.equal(report.sigmoid, 'fused');
	assert.equal(report.fusedMultiplyAdd, fusedMultiplyAdd);
});

test('gdlab bench --reference reports no kernel sigmoid, and refuses --exact-sigmoid, which is for the kernels', () => {
	const {stdout, status} = runCli(['bench', '--reference', '--json', '--data', 'synthetic:100:2', '--work', '200000', '--rounds', '1']);
	assert.equal(status, 0);
	const report = JSON.parse(stdout);
	assert.equal(report.fastPath, false);
	assert.equal(report.sigmoid, null);
	assert.equal(report.fusedMultiplyAdd, false);
	const refused = runCli(['bench', '--reference', '--exact-sigmoid']);
	assert.equal(refused.status, 2);
	assert.match(refused.stderr, /^gdlab: --exact-sigmoid is for the kernels; --reference runs the plain loops/);
});

test('gdlab bench --data FILE takes --target and --categorical as train does', () => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-bench-data-'));
	try {
		const file = join(directory, 'labels.csv');
		writeFileSync(file, 'gre,gpa,kind,result\n1,2,a,0\n3,4,b,1\n5,6,a,0\n7,8,b,1\n');
		assert.match(runCli(['bench', '--data', file, '--work', '1000', '--rounds', '1']).stderr, /choose the target column with --target/);
		const {stdout, status, stderr} = runCli(['bench', '--json', '--data', file, '--target', 'result', '--categorical', 'kind', '--work', '1000', '--rounds', '1']);
		assert.equal(status, 0, stderr);
		assert.deepEqual(JSON.parse(stdout).cases.map((entry: {features: number}) => entry.features), [4, 4], 'gre, gpa and kind one-hot in two');
		const without = runCli(['bench', '--target', 'result']);
		assert.equal(without.status, 2);
		assert.match(without.stderr, /^gdlab: --target is for a --data FILE; the anchor's cases have their own; see gdlab bench --help\n$/);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('gdlab bench reports the second thread\'s share of the epochs it cuts into chunks', () => {
	const {stdout, status} = runCli(['bench', '--json', '--data', 'synthetic:40000:2', '--work', '400000']);
	assert.equal(status, 0);
	const report = JSON.parse(stdout);
	for (const entry of report.cases) {
		if (report.threads === 1) {
			assert.equal(entry.workerShare, null, 'one thread');
		} else {
			assert.ok(entry.workerShare >= 0 && entry.workerShare <= 1, `${entry.name}: ${entry.workerShare}`);
		}
	}

	const single = runCli(['bench', '--single-thread', '--data', 'synthetic:40000:2', '--work', '400000']);
	assert.equal(single.status, 0);
	assert.match(single.stdout, /^synthetic:40000:2\/single +40000 +2 +[\d.]+ +– /m, 'no second thread');
});

test('gdlab bench --exact-sigmoid runs the kernels with the bit-exact sigmoid and says so', () => {
	const {stdout, status} = runCli(['bench', '--exact-sigmoid', '--data', 'synthetic:100:2', '--work', '200000']);
	assert.equal(status, 0);
	assert.match(stdout, /fast kernels, exact sigmoid/);
});

test('gdlab bench prints a table with peak memory, and --reference runs the plain loops', () => {
	const {stdout, status} = runCli(['bench', '--reference', '--data', 'synthetic:100:2', '--work', '200000']);
	assert.equal(status, 0);
	assert.match(stdout, /reference loops/);
	assert.match(stdout, /^synthetic:100:2\/backprop-h2 +100 +2 +[\d.]+ /m);
	assert.match(stdout, /peak RSS [\d.]+ MB/);
});

test('gdlab bench --rounds times every case in that many rounds, and refuses a count that is not one', async () => {
	const {stdout, status} = runCli(['bench', '--json', '--rounds', '2', '--data', 'synthetic:100:2', '--work', '200000']);
	assert.equal(status, 0);
	const report = JSON.parse(stdout);
	assert.equal(report.rounds, 2);
	assert.deepEqual(report.cases.map((entry: {timedRuns: number}) => entry.timedRuns), [14, 14]);
	const table = runCli(['bench', '--rounds', '1', '--data', 'synthetic:100:2', '--work', '200000']);
	assert.match(table.stdout, /median of 7 timed runs in each of 1 round\nafter a warm-up; /);
	for (const rounds of ['0', '2.5', 'many', '1001']) {
		await assert.rejects(runBench(['--rounds', rounds]), (error: unknown) => error instanceof UsageError
			&& error.message === `--rounds must be a whole number from 1 to 1000, got "${rounds}"`);
	}
});

test('gdlab bench --help prints the usage; an unknown option is a usage error', async () => {
	let printed = '';
	assert.equal(await runBench(['--help'], text => {
		printed += text;
	}), 0);
	assert.equal(printed, `${benchUsage}\n`);
	await assert.rejects(runBench(['--fast']), (error: unknown) => error instanceof UsageError && error.message === 'unknown option --fast');
	for (const work of ['0', '1e3', '0x10', '99999999999999999999', '1000000001']) {
		await assert.rejects(runBench(['--work', work]), (error: unknown) => error instanceof UsageError
			&& error.message === `--work must be a whole number from 1 to 1000000000, got "${work}"`);
	}

	const {status, stderr} = runCli(['bench', '--data']);
	assert.equal(status, 2);
	assert.match(stderr, /option --data needs a value/);
});

test('gdlab bench says which cases ran the plain loops (data the kernels do not take), in its table and its JSON', () => {
	const {stdout, status} = runCli(['bench', '--json', '--rounds', '1', '--data', 'synthetic:200:65', '--work', '200000']);
	assert.equal(status, 0);
	const report = JSON.parse(stdout);
	assert.equal(report.fastPath, true, 'the kernels were on');
	assert.deepEqual(report.cases.map((entry: {fastPath: boolean}) => entry.fastPath), [false, false], 'but 65 features are past them');
	const taken = JSON.parse(runCli(['bench', '--json', '--rounds', '1', '--data', 'synthetic:200:64', '--work', '200000']).stdout);
	assert.deepEqual(taken.cases.map((entry: {fastPath: boolean}) => entry.fastPath), [true, true]);
	const table = runCli(['bench', '--rounds', '1', '--data', 'synthetic:200:65', '--work', '200000']).stdout;
	assert.match(table, /^synthetic:200:65\/single \* /m);
	assert.match(table, /^\*: the plain loops \(the kernels take up to 64 features, 16 records or more\)$/m);
	for (const line of table.split('\n')) {
		assert.ok(line.length <= 80, `${line.length} columns: ${line}`);
	}
});

test('gdlab bench refuses --quick with --data (it leaves out the anchor\'s million-row cases, which --data replaces)', async () => {
	await assert.rejects(runBench(['--quick', '--data', 'synthetic:100:2']), (error: unknown) => error instanceof UsageError
		&& error.message === '--quick leaves out the anchor\'s million-row cases; with --data there is one case, yours');
});
