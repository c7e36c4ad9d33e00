import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fixturePath, repoRoot} from '../helpers/fixtures.js';
import {loadDataset} from '../../src/data/load-dataset.js';
import {buildRunRecord, readRunFile, writeRunFile} from '../../src/data/run-file.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {createRandom} from '../../src/engine/random.js';
import {TrainingSession, lessonConfig} from '../../src/engine/training-session.js';
import {fusedMultiplyAdd} from '../../src/engine/kernels/fused-multiply-add.js';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {waitUntilListening} from '../helpers/signal-handler.js';
import {runOnCopiedData} from '../helpers/run-on-copied-data.js';

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
	assert.equal(record.fusedMultiplyAdd, fusedMultiplyAdd);
	assert.deepEqual(readdirSync(directory).filter(name => name.endsWith('.tmp')), []);
	const replayed = runCli(['replay', file]);
	assert.equal(replayed.status, 0);
	assert.match(replayed.stdout, /^Replayed 40 epochs of backprop on admissions \(binary\.csv\): identical/);
});

test('a run saved before the kernels fused (no "fusedMultiplyAdd") replays identical, rounding every product as that gdlab did', () => {
	const file = join(directory, 'before-fused.json');
	copyFileSync(fixturePath('run-before-fused.json'), file);
	assert.equal('fusedMultiplyAdd' in JSON.parse(readFileSync(file, 'utf8')), false);
	const replayed = runCli(['replay', file]);
	assert.match(replayed.stdout, /^Replayed 60 epochs of backprop on admissions \(binary\.csv\): identical/, replayed.stdout);
	assert.equal(replayed.status, 0);
});

test('the same run said to have fused differs where the processor fuses: the replay follows the file', {skip: !fusedMultiplyAdd && 'this processor does not fuse'}, () => {
	const file = join(directory, 'said-fused.json');
	const record = JSON.parse(readFileSync(fixturePath('run-before-fused.json'), 'utf8'));
	writeFileSync(file, JSON.stringify({...record, fusedMultiplyAdd: true}));
	const replayed = runCli(['replay', file]);
	assert.match(replayed.stdout, /^Replayed 60 epochs of backprop on admissions \(binary\.csv\): differs\n {2}train at epoch /, replayed.stdout);
	assert.equal(replayed.status, 3);
});

test('a run file whose "fusedMultiplyAdd" is not true or false is refused with one line', () => {
	const file = join(directory, 'fused-text.json');
	const record = JSON.parse(readFileSync(fixturePath('run-before-fused.json'), 'utf8'));
	writeFileSync(file, JSON.stringify({...record, fusedMultiplyAdd: 'yes'}));
	const replayed = runCli(['replay', file]);
	assert.equal(replayed.status, 1);
	assert.match(replayed.stderr, /^gdlab: .*fused-text\.json: .*fusedMultiplyAdd.*true or false.*\n$/);
});

test('replay names the first difference of each kind and counts the rest', () => {
	const file = join(directory, 'edited.json');
	assert.equal(runCli(['train', '--epochs', '30', '--save', file]).status, 0);
	const record = JSON.parse(readFileSync(file, 'utf8'));
	record.history.train[10] = 0.1;
	record.history.train[20] = 0.2;
	record.history.train[25] = 0.3;
	record.weights.output[0] += 1;
	record.weights.output[5] += 1;
	writeFileSync(file, JSON.stringify(record));
	const replayed = runCli(['replay', file]);
	assert.equal(replayed.status, 3);
	assert.match(replayed.stdout, /\n {2}train at epoch 10: 0\.1 saved, [\d.]+ now \(and 2 more epochs\)\n/);
	assert.match(replayed.stdout, /\n {2}the final weights differ at w\[gre\]: [\d.]+ saved, [\d.]+ now \(and 1 more weight\)\n$/);
});

test('a run on --ignore\'d columns saves them and replays identical on the same columns', () => {
	const data = join(directory, 'with-ids.csv');
	writeFileSync(data, `id,score,y\n${Array.from({length: 60}, (_, row) => `u${row},${(row * 37) % 11},${row % 2}`).join('\n')}\n`);
	const file = join(directory, 'ignored.json');
	assert.equal(runCli(['train', '--data', data, '--target', 'y', '--ignore', 'id', '--epochs', '20', '--save', file]).status, 0);
	const record = JSON.parse(readFileSync(file, 'utf8'));
	assert.deepEqual(record.source.ignore, ['id']);
	assert.deepEqual(record.dataset.features, ['score']);
	const replayed = runCli(['replay', file]);
	assert.match(replayed.stdout, /: identical /, replayed.stdout);
	assert.equal(replayed.status, 0);
});

test('a long list of features that differs shows its first few and how many in all', () => {
	const data = join(directory, 'narrow.csv');
	writeFileSync(data, `y,a,b\n${Array.from({length: 40}, (_, row) => `${row % 2},${row},${(row * 7) % 5}`).join('\n')}\n`);
	const file = join(directory, 'narrow.json');
	assert.equal(runCli(['train', '--data', data, '--target', 'y', '--epochs', '3', '--save', file]).status, 0);
	const columns = Array.from({length: 30}, (_, index) => `c${index}`);
	writeFileSync(data, `y,${columns.join(',')}\n${Array.from({length: 40}, (_, row) => [row % 2, ...columns.map((_, column) => (row * (column + 1)) + (row % 3))].join(',')).join('\n')}\n`);
	const replayed = runCli(['replay', file]);
	assert.equal(replayed.status, 3);
	assert.match(replayed.stdout, /\n {2}the features are c0, c1, c2, c3, c4, c5, c6, c7, … \(30 in all\), the saved run's a, b\n/, replayed.stdout);
	// no weight is named: none now stands where a saved one did
	assert.match(replayed.stdout, /\n {2}the initial weights are 30 now, 2 saved \(the features differ\)\n {2}the final weights are 30 now, 2 saved \(the features differ\)\n$/, replayed.stdout);
});

test('a run that diverged replays identical: the epoch it rolled back diverges again', () => {
	for (const [model, epochs] of [['backprop', '50'], ['single', '3']] as const) {
		const file = join(directory, `diverged-${model}.json`);
		const trained = runCli(['train', '--model', model, '--lr', '1e308', '--momentum', '0.99', '--epochs', epochs, '--save', file]);
		assert.equal(trained.status, 1, trained.stderr);
		assert.equal(JSON.parse(readFileSync(file, 'utf8')).status, 'diverged');
		const replayed = runCli(['replay', file]);
		assert.match(replayed.stdout, /: identical \(.*it diverged (at epoch \d+|in its first epoch) again, as saved\)\n$/, replayed.stdout);
		assert.equal(replayed.status, 0);
	}
});

test('a diverged run replayed on other data that does not diverge says what differs, exit 3, never a crash', () => {
	const flipped = join(directory, 'flipped.csv');
	const [header, ...rows] = readFileSync(join(repoRoot, 'data/binary.csv'), 'utf8').trimEnd().split('\n');
	writeFileSync(flipped, `${header}\n${rows.map(row => `${row.startsWith('1') ? '0' : '1'}${row.slice(1)}`).join('\n')}\n`);
	const file = join(directory, 'flipped.json');
	assert.equal(runCli(['train', '--data', flipped, '--lr', '2e307', '--epochs', '3', '--save', file]).status, 1);
	const original = join(directory, 'original.csv');
	writeFileSync(original, readFileSync(join(repoRoot, 'data/binary.csv')));
	const replayed = runCli(['replay', file, '--data', original]);
	assert.equal(replayed.status, 3, replayed.stderr);
	assert.match(replayed.stdout, /^Replayed 1 epoch of single on flipped\.csv: differs\n {2}the data file /);
	assert.equal(replayed.stderr, '');
});

test('replay names a changed data file and a changed figure, exit 3', () => {
	const {file, changeData} = runOnCopiedData(directory, 'own-data.json', 20);
	const same = JSON.parse(runCli(['replay', file, '--json']).stdout);
	const saved = readRunFile(file);
	// what the text says: the run, its data, and the figures it was saved with
	assert.deepEqual(same, {model: 'single', data: saved.dataset.name, status: 'done', epochs: 20, identical: true, differences: [], train: saved.history.train.at(-1), accuracy: saved.history.accuracy.at(-1)});
	changeData();
	const replayed = runCli(['replay', file, '--json']);
	assert.equal(replayed.status, 3);
	const report = JSON.parse(replayed.stdout);
	assert.equal(report.identical, false);
	assert.match(report.differences[0], /admissions\.csv changed since the run was saved \(SHA-256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\)/);
	assert.match(report.differences[1], /^train at epoch 0: /);
});

test('replay --data naming a file that is not the run\'s, and is no data for it, says first that it is another file', () => {
	const {file} = runOnCopiedData(directory, 'other-data.json', 5);
	const other = join(directory, 'thirty-classes.csv');
	writeFileSync(other, `a,b\n${Array.from({length: 30}, (_, index) => `${index},${index % 7}`).join('\n')}\n`);
	const replayed = runCli(['replay', file, '--data', other]);
	assert.equal(replayed.status, 1);
	assert.equal(replayed.stdout, '');
	assert.match(replayed.stderr, new RegExp(`^gdlab: ${file}: the data file ${other} is not the one the run trained on \\(SHA-256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\\), and it cannot be read as the run's data: ${other}: the target column "a" has 30 classes`));
	assert.equal(replayed.stderr.split('\n').length, 2, 'one line');
	assert.doesNotMatch(replayed.stderr, /--target/, 'replay takes no --target');
});

test('replay refuses what is not a saved run with one line', () => {
	const notRun = join(directory, 'not-a-run.json');
	writeFileSync(notRun, '{"hello": 1}');
	assert.deepEqual(runCli(['replay', notRun]).stderr, `gdlab: ${notRun}: not a gdlab run file (no "format": "gdlab-run")\n`);
	assert.equal(runCli(['replay', join(directory, 'missing.json')]).stderr, `gdlab: ${join(directory, 'missing.json')}: no such file\n`);
	assert.equal(runCli(['replay']).status, 2);
	assert.equal(runCli(['replay', fixturePath('lesson-default.json')]).status, 1);
	assert.equal(runCli(['replay', notRun]).status, 1, 'a file that cannot be replayed is not one that differs (3)');
});

test('--export-history writes one CSV row per epoch with the learning rate', () => {
	const file = join(directory, 'history.csv');
	assert.equal(runCli(['train', '--epochs', '12', '--export-history', file]).status, 0);
	const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
	assert.equal(lines[0], 'epoch,train_mse,test_mse,test_accuracy,learn_rate');
	assert.equal(lines.length, 13);
	assert.match(lines[1]!, /^0,0\.2627609384996\d*,0\.\d+,0\.\d+,0\.5$/);
});

test('--export-history of a long run, written a piece at a time, has every epoch once and in order', () => {
	const file = join(directory, 'long-history.csv');
	assert.equal(runCli(['train', '--epochs', '20000', '--export-history', file]).status, 0);
	const lines = readFileSync(file, 'utf8').split('\n');
	assert.equal(lines.at(-1), '', 'ends with a newline');
	assert.equal(lines.length, 20_002);
	assert.deepEqual(lines.slice(1, -1).map(line => Number(line.split(',', 1)[0])), Array.from({length: 20_000}, (_, epoch) => epoch));
	assert.ok(lines.slice(1, -1).every(line => /^\d+(,[\d.e-]+){4}$/.test(line)));
});

test('saving into a missing directory is one clear line and leaves nothing behind', () => {
	const file = join(directory, 'no-such-dir', 'run.json');
	const {stderr, status} = runCli(['train', '--epochs', '5', '--save', file]);
	assert.equal(status, 1);
	assert.equal(stderr, `gdlab: ${file}: cannot write: no such directory\n`);
	assert.equal(existsSync(file), false);
});

/** A saved 30-epoch run changed by `tamper`, written beside the others; returns its path. */
function tamperedRun(name: string, tamper: (record: any) => void): string {
	const saved = join(directory, 'to-tamper.json');
	if (!existsSync(saved)) {
		assert.equal(runCli(['train', '--epochs', '30', '--save', saved]).status, 0);
	}

	const record = JSON.parse(readFileSync(saved, 'utf8'));
	tamper(record);
	const file = join(directory, name);
	writeFileSync(file, JSON.stringify(record));
	return file;
}

test('replay finds a tampered figure wherever it is: the last loss, the initial weights, status, rows, features', () => {
	const tampers: Array<[string, (record: any) => void, RegExp]> = [
		['last-loss.json', record => (record.history.train[29] = 0.1), /^ {2}train at epoch 29: 0\.1 saved, 0\.2\d+ now$/m],
		['initial.json', record => (record.initialWeights.output[5] += 1e-9), /^ {2}the initial weights differ at w\[rank_4\]: /m],
		['status.json', record => (record.status = 'training'), /^ {2}status done now, training saved$/m],
		['rows.json', record => (record.dataset.rows = 401), /^ {2}the data has 400 rows, the saved run 401$/m],
		['features.json', record => (record.dataset.features[0] = 'GRE'), /^ {2}the features are gre, gpa, .*, the saved run's GRE, gpa, /m],
	];
	for (const [name, tamper, difference] of tampers) {
		const {stdout, status} = runCli(['replay', tamperedRun(name, tamper)]);
		assert.equal(status, 3, name);
		assert.match(stdout, /: differs\n/, name);
		assert.match(stdout, difference, name);
	}
});

test('replay refuses a run file of the wrong shape with one line naming it, exit 1', () => {
	const emptied = tamperedRun('emptied.json', record => (record.history.train = []));
	assert.deepEqual(runCli(['replay', emptied]), {stdout: '', stderr: `gdlab: ${emptied}: "history.train" has 0 values for 30 epochs\n`, status: 1});
	const badRate = tamperedRun('bad-rate.json', record => (record.config.learnRate = 'abc'));
	assert.deepEqual(runCli(['replay', badRate]), {stdout: '', stderr: `gdlab: ${badRate}: config: learning rate must be a positive number, got "abc"\n`, status: 1});
	const noSource = tamperedRun('no-source.json', record => (record.source = null));
	assert.deepEqual(runCli(['replay', noSource]), {stdout: '', stderr: `gdlab: ${noSource}: "source" must be an object, got null\n`, status: 1});
});

test('replay refuses a device or a pipe at once instead of reading it for ever', () => {
	// a read for ever would end in runCli's timeout, with no status
	assert.deepEqual(runCli(['replay', '/dev/zero']), {stdout: '', stderr: 'gdlab: /dev/zero: is not a regular file (a pipe or device); save the run to a file first\n', status: 1});
});

test('replay names the saved run when its relative data file has moved', () => {
	const work = mkdtempSync(join(tmpdir(), 'gdlab-moved-'));
	copyFileSync(join(repoRoot, 'data/binary.csv'), join(work, 'mydata.csv'));
	assert.equal(runCli(['train', '--data', 'mydata.csv', '--epochs', '5', '--save', 'run.json'], {cwd: work}).status, 0);
	renameSync(join(work, 'mydata.csv'), join(work, 'moved.csv'));
	assert.deepEqual(runCli(['replay', 'run.json'], {cwd: work}), {stdout: '', stderr: `gdlab: run.json: the run's data file ${join(work, 'mydata.csv')} is gone; give its new place with --data FILE\n`, status: 1});
	const pointed = runCli(['replay', 'run.json', '--data', 'moved.csv'], {cwd: work});
	assert.equal(pointed.status, 0, pointed.stderr);
	assert.match(pointed.stdout, /: identical/);
	assert.equal(pointed.stderr, `gdlab: the data file ${join(work, 'mydata.csv')} is gone; read moved.csv, the same bytes as the run's\n`);
	for (const [data, message] of [
		['', '--data needs the new place of the run\'s data file'],
		['synthetic:100:3', '--data synthetic:100:3: this run trained on a file; give that file\'s place'],
	] as const) {
		assert.deepEqual(runCli(['replay', 'run.json', '--data', data], {cwd: work}), {stdout: '', stderr: `gdlab: ${message}; see gdlab replay --help\n`, status: 2});
		assert.equal(runCli(['--load', 'run.json', '--data', data], {cwd: work}).status, 2);
	}

	// the run and its data moved together to another folder, replayed from elsewhere
	const together = mkdtempSync(join(tmpdir(), 'gdlab-moved-together-'));
	renameSync(join(work, 'moved.csv'), join(together, 'mydata.csv'));
	renameSync(join(work, 'run.json'), join(together, 'run.json'));
	const found = runCli(['replay', join(together, 'run.json')]);
	assert.equal(found.status, 0, found.stderr);
	assert.match(found.stdout, /: identical/);
	assert.match(found.stderr, /is gone; read .*mydata\.csv, the same bytes as the run's\n$/);
});

test('a run saved before its first epoch replays as identical, saying it has only its initial weights', () => {
	const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42));
	const session = new TrainingSession(split, lessonConfig('backprop'));
	const file = join(directory, 'epoch-0.json');
	writeRunFile(file, buildRunRecord(session, split.dataset, {data: undefined, splitSeed: 42, target: undefined, categorical: undefined, strict: false, testRatio: 0.1}));
	const replayed = runCli(['replay', file]);
	assert.equal(replayed.status, 0, replayed.stderr);
	assert.equal(replayed.stdout, 'Replayed 0 epochs of backprop on admissions (binary.csv): identical (the initial weights; no epoch trained yet)\n');
});

test('Ctrl+C (SIGINT) stops a long replay at once, before it prints a verdict', async () => {
	const file = join(directory, 'long.json');
	// long enough that its replay takes seconds, so the interrupt lands in the middle of it
	assert.equal(runCli(['train', '--model', 'backprop', '--epochs', '200000', '--save', file]).status, 0);
	const child = spawn(process.execPath, [cliPath, 'replay', file], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		stdout += text;
	});
	// once it listens for the interrupt (a busy machine may take a while to start it), and a moment into the replay
	await waitUntilListening(child.pid!);
	await new Promise(resolve => {
		setTimeout(resolve, 200);
	});
	child.kill('SIGINT');
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
	});
	const [status] = await once(child, 'close') as [number | null];
	assert.equal(status, 130);
	assert.equal(stdout, '', 'no verdict after the interrupt');
	assert.match(stderr, /^gdlab: interrupted after \d+ of 200000 epochs\n$/);
});

test('names in a saved run (its data\'s, its features\') are printed with control characters escaped, never obeyed', () => {
	const file = join(directory, 'names.json');
	assert.equal(runCli(['train', '--epochs', '5', '--save', file]).status, 0);
	const record = JSON.parse(readFileSync(file, 'utf8'));
	record.dataset.name = '\u001B[2Jevil';
	writeFileSync(file, JSON.stringify(record));
	const replayed = runCli(['replay', file]);
	assert.ok(!replayed.stdout.includes('\u001B'), replayed.stdout);
	assert.match(replayed.stdout, /on \\u001b\[2Jevil: /);
});

test('replay lists a feature whose name has a comma quoted, as the messages about columns do', () => {
	const data = join(directory, 'people.csv');
	const rows = (extra: string) => `"first, last",gre,admit${extra}\n${Array.from({length: 40}, (_, row) => `${row % 3},${300 + ((row * 37) % 100)},${row % 2}${extra === '' ? '' : `,${row % 5}`}`).join('\n')}\n`;
	writeFileSync(data, rows(''));
	const run = join(directory, 'run.json');
	assert.equal(runCli(['train', '--data', data, '--target', 'admit', '--epochs', '3', '--save', run]).status, 0);
	writeFileSync(data, rows(',extra'));
	const replayed = runCli(['replay', run]);
	assert.equal(replayed.status, 3);
	assert.match(replayed.stdout, /\n {2}the features are "first, last", gre, extra, the saved run's "first, last", gre\n/, replayed.stdout);
});
