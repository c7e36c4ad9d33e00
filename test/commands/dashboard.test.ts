import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {runCli} from '../helpers/run-cli.js';
import {runOnCopiedData} from '../helpers/run-on-copied-data.js';

const directory = mkdtempSync(join(tmpdir(), 'gdlab-dashboard-'));

test('piped, --load replays the run as gdlab replay does: what differs on changed data (exit 3), a missing file named', () => {
	const {data, file, changeData} = runOnCopiedData(directory, 'run.json', 10);
	const same = runCli(['--load', file]);
	assert.equal(same.status, 0);
	assert.match(same.stdout, /^Replayed 10 epochs of single on admissions\.csv: identical /);
	changeData();
	const changed = runCli(['--load', file]);
	assert.equal(changed.status, 3);
	assert.equal(changed.stdout, runCli(['replay', file]).stdout);
	assert.match(changed.stdout, /: differs\n {2}the data file .*admissions\.csv changed since the run was saved/);
	rmSync(data);
	assert.deepEqual(runCli(['--load', file]), {stdout: '', stderr: `gdlab: ${file}: the run's data file ${data} is gone; give its new place with --data FILE\n`, status: 1});
});

test('--load refuses a bad saved setting with one line, before any screen opens', () => {
	const saved = join(directory, 'bp.json');
	assert.equal(runCli(['train', '--model', 'backprop', '--epochs', '10', '--save', saved]).status, 0);
	const record = JSON.parse(readFileSync(saved, 'utf8'));
	record.config.hidden = 100_000;
	const file = join(directory, 'wide.json');
	writeFileSync(file, JSON.stringify(record));
	assert.deepEqual(runCli(['--load', file]), {stdout: '', stderr: `gdlab: ${file}: config: hidden units must be a whole number from 1 to 1024, got 100000\n`, status: 1});
});

test('piped, --model forward prints what gdlab forward prints for the same --rng and --seed', () => {
	const piped = runCli(['--model', 'forward', '--rng', 'seedrandom', '--seed', '5']);
	assert.equal(piped.status, 0);
	assert.equal(piped.stdout, runCli(['forward', '--rng', 'seedrandom', '--seed', '5']).stdout);
	assert.notEqual(piped.stdout, runCli(['forward', '--seed', '5']).stdout);
	// the title names the generator when it is not NumPy's, so the two are not taken for each other
	assert.equal(piped.stdout.split('\n')[0], 'Forward pass through a 4×3×2 network (seed 5, seedrandom)');
	assert.equal(runCli(['forward', '--seed', '5']).stdout.split('\n')[0], 'Forward pass through a 4×3×2 network (seed 5)');
	const textSeed = runCli(['--model', 'forward', '--rng', 'seedrandom', '--seed', 'xyz']);
	assert.equal(textSeed.status, 0);
	assert.equal(textSeed.stdout, runCli(['forward', '--rng', 'seedrandom', '--seed', 'xyz']).stdout);
});

test('piped, a flag only the dashboard would use is refused (exit 2), not ignored: --lr with forward, --hidden with the single unit', () => {
	const see = '; see gdlab --help\n';
	assert.deepEqual(runCli(['--model', 'forward', '--lr', '0.1']), {stdout: '', stderr: `gdlab: --lr does not apply without a terminal: gdlab then prints the forward pass, which takes only --seed and --rng${see}`, status: 2});
	assert.deepEqual(runCli(['--hidden', '4', '--epochs', '10']), {stdout: '', stderr: `gdlab: --hidden does not apply without a terminal: gdlab then prints the single unit's run, which has no hidden layer${see}`, status: 2});
	assert.equal(runCli(['--model', 'backprop', '--hidden', '4', '--epochs', '10']).status, 0, 'backprop takes it');
});

test('piped, --load with --data naming a changed file replays on that file, as gdlab replay --data does', () => {
	const {file, data, changeData} = runOnCopiedData(directory, 'load-data.json', 10);
	const other = join(directory, 'other-load-data.csv');
	writeFileSync(other, readFileSync(data, 'utf8').replace(/\n1,/, '\n0,'));
	changeData();
	const loaded = runCli(['--load', file, '--data', other]);
	assert.equal(loaded.status, 3);
	assert.equal(loaded.stdout, runCli(['replay', file, '--data', other]).stdout);
	assert.match(loaded.stdout, /: differs\n {2}the data file .*other-load-data\.csv is not the one the run trained on/);
});

test('piped, --load of a run file whose name starts with - replays it (the name is not taken for an option)', () => {
	const cwd = mkdtempSync(join(directory, 'dash-'));
	assert.equal(runCli(['train', '--epochs', '5', '--save', '-run.json'], {cwd}).status, 0);
	const loaded = runCli(['--load=-run.json'], {cwd});
	assert.equal(loaded.status, 0, loaded.stderr);
	assert.match(loaded.stdout, /^Replayed 5 epochs of single on admissions \(binary\.csv\): identical /);
});
