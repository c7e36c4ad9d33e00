import assert from 'node:assert/strict';
import {copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fixturePath, repoRoot} from '../helpers/fixtures.js';
import {runCli} from '../helpers/run-cli.js';

const directory = mkdtempSync(join(tmpdir(), 'gdlab-replay-'));

test('--save writes a run that gdlab replay confirms identical', () => {
	const file = join(directory, 'run.json');
	const trained = runCli(['train', '--model', 'backprop', '--epochs', '40', '--save', file]);
	assert.equal(trained.status, 0);
	const record = JSON.parse(readFileSync(file, 'utf8'));
	assert.equal(record.format, 'gdlab-run');
	assert.equal(record.config.seed, 21);
	assert.equal(record.dataset.sha256.length, 64);
	assert.equal(record.history.train.length, 40);
	assert.deepEqual(readdirSync(directory).filter(name => name.endsWith('.tmp')), []);
	const replayed = runCli(['replay', file]);
	assert.equal(replayed.status, 0);
	assert.match(replayed.stdout, /^Replayed 40 epochs of backprop on admissions \(binary\.csv\): identical/);
});

test('replay names a changed data file and a changed figure, exit 1', () => {
	const data = join(directory, 'admissions.csv');
	copyFileSync(join(repoRoot, 'data/binary.csv'), data);
	const file = join(directory, 'own-data.json');
	assert.equal(runCli(['train', '--data', data, '--epochs', '20', '--save', file]).status, 0);
	assert.equal(runCli(['replay', file]).status, 0);
	writeFileSync(data, readFileSync(data, 'utf8').replace('0,380,3.61,3', '0,390,3.61,3'));
	const replayed = runCli(['replay', file, '--json']);
	assert.equal(replayed.status, 1);
	const report = JSON.parse(replayed.stdout);
	assert.equal(report.identical, false);
	assert.match(report.differences[0], /admissions\.csv changed since the run was saved \(SHA-256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\)/);
	assert.match(report.differences[1], /^train at epoch 0: /);
});

test('replay refuses what is not a saved run with one line', () => {
	const notRun = join(directory, 'not-a-run.json');
	writeFileSync(notRun, '{"hello": 1}');
	assert.deepEqual(runCli(['replay', notRun]).stderr, `gdlab: ${notRun}: not a gdlab run file (no "format": "gdlab-run")\n`);
	assert.equal(runCli(['replay', join(directory, 'missing.json')]).stderr, `gdlab: ${join(directory, 'missing.json')}: no such file\n`);
	assert.equal(runCli(['replay']).status, 2);
	assert.equal(runCli(['replay', fixturePath('lesson-default.json')]).status, 1);
});

test('--export-history writes one CSV row per epoch with the learning rate', () => {
	const file = join(directory, 'history.csv');
	assert.equal(runCli(['train', '--epochs', '12', '--export-history', file]).status, 0);
	const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
	assert.equal(lines[0], 'epoch,train_mse,test_mse,test_accuracy,learn_rate');
	assert.equal(lines.length, 13);
	assert.match(lines[1]!, /^0,0\.2627609384996\d*,0\.\d+,0\.\d+,0\.5$/);
});

test('saving into a missing directory is one clear line and leaves nothing behind', () => {
	const file = join(directory, 'no-such-dir', 'run.json');
	const {stderr, status} = runCli(['train', '--epochs', '5', '--save', file]);
	assert.equal(status, 1);
	assert.equal(stderr, `gdlab: ${file}: cannot write: no such directory\n`);
	assert.equal(existsSync(file), false);
});
