import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {maxRunFileBytes} from '../../src/data/data-limits.js';
import {loadDataset} from '../../src/data/load-dataset.js';
import {buildRunRecord, locateRunData, readRunFile, runFileText, writeRunFile, type RunRecord} from '../../src/data/run-file.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {createRandom} from '../../src/engine/random.js';
import {TrainingSession, lessonConfig} from '../../src/engine/training-session.js';
import {repoRoot} from '../helpers/fixtures.js';
import {tempDirectory, writeTempFile} from './temp-files.js';

const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42));
const source = {data: null, splitSeed: 42, target: null, categorical: null, strict: false, testRatio: 0.1};

/** A saved run of `model`, 12 epochs with a learning-rate change at epoch 4, as JSON would read it back. */
/** JSON.stringify of a record, its history as the lists a file holds (a record built to be saved has it as copies of the session's arrays). */
function recordJson(record: RunRecord, indent?: number): string {
	return JSON.stringify(record, (_key, value: unknown) => (value instanceof Float64Array ? Array.from(value) : value), indent);
}

function savedRun(model: 'single' | 'backprop' = 'single'): any {
	const session = new TrainingSession(split, {...lessonConfig(model), epochs: 12});
	session.advance(4);
	session.setLearnRate(0.25);
	session.advance(20);
	return JSON.parse(recordJson(buildRunRecord(session, split.dataset, source)));
}

/** Write a saved run changed by `tamper` and return what readRunFile says about it. */
function problemWith(tamper: (record: any) => void, model: 'single' | 'backprop' = 'single'): string {
	const record = savedRun(model);
	tamper(record);
	const path = writeTempFile('tampered.json', JSON.stringify(record));
	try {
		readRunFile(path);
	} catch (error) {
		assert.equal((error as Error).name, 'DataError');
		const prefix = `${path}: `;
		assert.ok((error as Error).message.startsWith(prefix), (error as Error).message);
		return (error as Error).message.slice(prefix.length);
	}

	return 'accepted';
}

test('→ reads back what writeRunFile wrote, a NaN figure (written as null) included', () => {
	const record = savedRun('backprop');
	record.history.accuracy[3] = Number.NaN;
	const path = join(tempDirectory(), 'written.json');
	writeRunFile(path, record as RunRecord);
	const read = readRunFile(path);
	assert.equal(read.history.accuracy[3], null);
	assert.equal(read.history.train.length, 12);
	assert.deepEqual(read.changes, [{epoch: 4, change: {learnRate: 0.25}}]);
});

test('→ names a missing or null part instead of failing on it later', () => {
	assert.equal(problemWith(record => delete record.history.test), '"history.test" is missing');
	assert.equal(problemWith(record => delete record.initialWeights), 'the saved run has no "initialWeights"');
	assert.equal(problemWith(record => delete record.config.seed), '"config.seed" is missing');
	assert.equal(problemWith(record => delete record.config.model), '"config.model" is missing');
	assert.equal(problemWith(record => delete record.source.splitSeed), '"source.splitSeed" is missing');
	for (const key of ['history', 'config', 'source', 'dataset']) {
		assert.equal(problemWith(record => (record[key] = null)), `"${key}" must be an object, got null`);
	}
});

test('→ says what a bad status could be, and where truncated JSON stops, by line and column', () => {
	assert.equal(problemWith(record => (record.status = 'weird')), '"status" must be one of training, done, diverged, got "weird"');
	const text = `${JSON.stringify(savedRun('single'), null, 1)}\n`;
	const path = writeTempFile('truncated.json', text.slice(0, 200));
	const lines = text.slice(0, 200).split('\n');
	assert.throws(() => readRunFile(path), {name: 'DataError', message: new RegExp(`^${path.replaceAll('.', '\\.')}:${lines.length}:\\d+: not a gdlab run file \\(invalid JSON: [^)]*\\)$`)});
});

test('→ reads a run re-saved with a byte order mark; a message never carries the file\'s control characters', () => {
	const text = `\uFEFF${JSON.stringify(savedRun('single'))}`;
	assert.equal(readRunFile(writeTempFile('bom.json', text)).epochs, savedRun('single').epochs);
	const path = writeTempFile('escapes.json', '\u001B[2J\u001B[31mhello');
	assert.throws(() => readRunFile(path), (error: Error) => error.name === 'DataError' && !error.message.includes('\u001B') && error.message.includes('\\u001b'));
	const csv = writeTempFile('pets.csv', 'name,age\n1,2\n');
	assert.throws(() => readRunFile(csv), (error: Error) => !error.message.includes('\n'));
});

test('→ names a missing or mistyped format version plainly', () => {
	const read = (text: string) => {
		const path = writeTempFile('version.json', text);
		assert.throws(() => readRunFile(path), (error: Error) => {
			assert.equal(error.message.slice(path.length + 2), expected.shift());
			return true;
		});
	};

	const expected = ['"version" is missing (this gdlab reads format version 1)', '"version" must be a number, got "1"', 'saved by another version of gdlab (format version 2, this gdlab reads 1)'];
	read('{"format":"gdlab-run"}');
	read('{"format":"gdlab-run","version":"1"}');
	read('{"format":"gdlab-run","version":2}');
});

test('→ holds the saved config to the limits the CLI puts on the same flags', () => {
	assert.equal(problemWith(record => (record.config.hidden = 1e9), 'backprop'), 'config: hidden units must be a whole number from 1 to 1024, got 1000000000');
	assert.equal(problemWith(record => (record.config.seed = -1)), 'config: seed must be a whole number from 0 to 4294967295 with rng numpy, got -1');
	assert.equal(problemWith(record => (record.config.seed = 'abc')), 'config: seed must be a whole number from 0 to 4294967295 with rng numpy, got "abc"');
	assert.equal(problemWith(record => (record.config.model = 'bogus')), 'config: model must be one of single, backprop, got "bogus"');
	assert.equal(problemWith(record => (record.config.rng = 'bogus')), 'config: rng must be one of numpy, seedrandom, got "bogus"');
	assert.equal(problemWith(record => (record.config.epochs = '12')), 'config: epochs must be a whole number from 1 to 1000000, got "12"');
	assert.equal(problemWith(record => (record.config.learnRate = 'abc')), 'config: learning rate must be a positive number, got "abc"');
	assert.equal(problemWith(record => (record.config.batch = 'bogus')), 'config: batch must be full, record or a mini-batch size, got "bogus"');
	// a value of the wrong type is quoted as the file has it
	assert.equal(problemWith(record => (record.config.batch = {size: 32})), 'config: batch must be full, record or a mini-batch size, got {"size":32}');
	assert.equal(problemWith(record => (record.config.epochs = '')), 'config: epochs must be a whole number from 1 to 1000000, got ""');
	assert.equal(problemWith(record => (record.source.splitSeed = 2 ** 40)), 'source: split seed must be a whole number from 0 to 4294967295 with rng numpy, got 1099511627776');
});

test('→ wants one history value per epoch, so a huge "epochs" cannot start an endless replay', () => {
	assert.equal(problemWith(record => (record.epochs = 5_000_000_000)), '"history.train" has 12 values for 5000000000 epochs');
	assert.equal(problemWith(record => (record.history.train = [])), '"history.train" has 0 values for 12 epochs');
	assert.equal(problemWith(record => record.history.learnRate.push(0.5)), '"history.learnRate" has 13 values for 12 epochs');
	assert.equal(problemWith(record => (record.history.accuracy[3] = 'x')), '"history.accuracy[3]" must be a number, got "x"');
});

test('→ takes changes only as a list of known, valid settings at epochs the run reached', () => {
	assert.equal(problemWith(record => (record.changes = 'x')), '"changes" must be a list, got "x"');
	assert.equal(problemWith(record => (record.changes = [{epoch: 10}])), '"changes[0].change" is missing');
	assert.equal(problemWith(record => (record.changes = [{epoch: 5, change: {learnRate: -3}}])), 'changes[0]: learning rate must be a positive number, got -3');
	assert.equal(problemWith(record => (record.changes = [{epoch: 5, change: {hidden: 3}}])), '"changes[0].change" has an unknown setting "hidden" (known: learnRate, momentum, batch, epochs)');
	assert.equal(problemWith(record => (record.changes = [{epoch: 13, change: {learnRate: 1}}])), '"changes[0].epoch" must be a whole number from 0 to 12, got 13');
	assert.equal(problemWith(record => record.changes.push({epoch: 2, change: {momentum: 0.5}})), '"changes[1].epoch" must be a whole number from 4 to 12, got 2');
});

test('→ wants weights shaped for the model, the features and the hidden units', () => {
	assert.equal(problemWith(record => record.weights.output.pop()), '"weights.output" has 5 weights for the 6 features "dataset.features" names');
	assert.equal(problemWith(record => (record.dataset.features = ['gre'])), '"initialWeights.output" has 6 weights for the 1 feature "dataset.features" names', 'a hand-edited list of features: both are named');
	assert.match(problemWith(record => (record.weights.output[2] = 'x')), /^"weights\.output" must be a list of 6 numbers \(one per feature\), got \[0\.\d+,/);
	assert.equal(problemWith(record => record.weights.inputHidden.pop(), 'backprop'), '"weights.inputHidden" has 5 rows for the 6 features "dataset.features" names');
	assert.match(problemWith(record => record.initialWeights.hiddenOutput.push(1), 'backprop'), /^"initialWeights\.hiddenOutput" must be a list of 2 numbers \(hidden units\), got \[/);
	assert.match(problemWith(record => (record.weights.inputHidden[0][1] = null), 'backprop'), /^"weights\.inputHidden" must be 6 rows \(features\) of 2 numbers \(hidden units\), got \[\[-?0\.\d+,null\]/);
});

test('→ refuses a device, a pipe, an empty file and a file over the limit, naming the limit', () => {
	assert.throws(() => readRunFile('/dev/zero'), {name: 'DataError', message: '/dev/zero: is not a regular file (a pipe or device); save the run to a file first'});
	const fifo = join(tempDirectory(), 'run.fifo');
	execFileSync('mkfifo', [fifo]);
	assert.throws(() => readRunFile(fifo), {name: 'DataError', message: `${fifo}: is not a regular file (a pipe or device); save the run to a file first`});
	assert.throws(() => readRunFile(writeTempFile('empty.json', '')), {name: 'DataError', message: /empty\.json: the file is empty$/});
	const huge = writeTempFile('huge.json', '');
	truncateSync(huge, maxRunFileBytes + 1);
	assert.throws(() => readRunFile(huge), {name: 'DataError', message: `${huge}: the file is 256.1 MiB, over the limit of 256 MiB`});
});

test('a saved run records the SHA-256 of the data it trained on, even when the file was edited before the save', () => {
	const original = readFileSync(join(repoRoot, 'data/binary.csv'), 'utf8');
	const path = writeTempFile('edited-while-training.csv', original);
	const ownSplit = splitDataset(loadDataset(path), createRandom('numpy', 42));
	const session = new TrainingSession(ownSplit, {...lessonConfig('single'), epochs: 5});
	session.advance(5);
	writeFileSync(path, original.replace('0,380,3.61,3', '1,380,3.61,3'));
	const record = buildRunRecord(session, ownSplit.dataset, {...source, data: path});
	assert.equal(record.dataset.sha256, createHash('sha256').update(original).digest('hex'));
	assert.match(locateRunData(record, 'run.json').change ?? '', /edited-while-training\.csv changed since the run was saved/, 'the file on disk is no longer the data the run trained on');
});

test('a run on the bundled data checks this install\'s copy, wherever the one it was saved with went', () => {
	const record = savedRun();
	assert.equal(record.source.data, null);
	record.dataset.path = '/no/longer/here/data/binary.csv';
	assert.deepEqual(locateRunData(record, 'run.json'), {data: undefined});
	record.dataset.sha256 = '0'.repeat(64);
	assert.match(locateRunData(record, 'run.json').change ?? '', /data\/binary\.csv changed since the run was saved/);
});

test('a run\'s own data file that is gone is found beside the run file, or where --data says, and held to its SHA-256', () => {
	const original = readFileSync(join(repoRoot, 'data/binary.csv'), 'utf8');
	const saved = writeTempFile('moved-data.csv', original);
	const ownSplit = splitDataset(loadDataset(saved), createRandom('numpy', 42));
	const session = new TrainingSession(ownSplit, {...lessonConfig('single'), epochs: 3});
	session.advance(3);
	const record = buildRunRecord(session, ownSplit.dataset, {...source, data: 'moved-data.csv'});
	assert.deepEqual(locateRunData(record, 'anywhere/run.json'), {data: saved});
	// run and data moved together into another folder
	const elsewhere = join(tempDirectory(), 'elsewhere');
	mkdirSync(elsewhere);
	renameSync(saved, join(elsewhere, 'moved-data.csv'));
	assert.deepEqual(locateRunData(record, join(elsewhere, 'run.json')), {data: join(elsewhere, 'moved-data.csv'), moved: `the data file ${saved} is gone; read ${join(elsewhere, 'moved-data.csv')}, the same bytes as the run's`});
	assert.throws(() => locateRunData(record, join(tempDirectory(), 'run.json')), {name: 'DataError', message: `${saved} is gone; give its new place with --data FILE`});
	// the saved path back, with other bytes, while the right file sits beside the run: that one is read
	writeFileSync(saved, original.replace('0,380,3.61,3', '1,380,3.61,3'));
	assert.deepEqual(locateRunData(record, join(elsewhere, 'run.json')), {data: join(elsewhere, 'moved-data.csv'), moved: `the data file ${saved} has other bytes; read ${join(elsewhere, 'moved-data.csv')}, the same bytes as the run's`});
	// --data at another copy of the same bytes while the saved path still holds them: nothing to say
	writeFileSync(saved, original);
	const copy = writeTempFile('copy.csv', original);
	assert.deepEqual(locateRunData(record, 'run.json', copy), {data: copy});
	rmSync(saved);
	const other = writeTempFile('other.csv', original.replace('0,380,3.61,3', '1,380,3.61,3'));
	assert.match(locateRunData(record, 'run.json', other).change ?? '', /other\.csv is not the one the run trained on \(SHA-256/);
	assert.throws(() => locateRunData(record, 'run.json', join(elsewhere, 'none.csv')), {name: 'DataError', message: /none\.csv: no such file$/});
});

test('a run\'s data file that cannot be looked at is said to be so, not gone', () => {
	const original = readFileSync(join(repoRoot, 'data/binary.csv'), 'utf8');
	const folder = join(tempDirectory(), 'looped');
	mkdirSync(folder);
	const saved = join(folder, 'data.csv');
	writeFileSync(saved, original);
	const ownSplit = splitDataset(loadDataset(saved), createRandom('numpy', 42));
	const session = new TrainingSession(ownSplit, {...lessonConfig('single'), epochs: 2});
	session.advance(2);
	const record = buildRunRecord(session, ownSplit.dataset, {...source, data: saved});
	// its folder is now a loop of symbolic links (as a folder without permission, it cannot be looked into, even by root)
	rmSync(folder, {recursive: true});
	symlinkSync(`${folder}-other`, folder);
	symlinkSync(folder, `${folder}-other`);
	assert.throws(() => locateRunData(record, join(tempDirectory(), 'run.json')), {name: 'DataError', message: `${saved} cannot be reached: too many symbolic links in the path (a loop?)`});
	// a copy beside the run file is read, and the saved place is said to be out of reach, not gone
	const runs = join(tempDirectory(), 'runs-beside');
	mkdirSync(runs);
	writeFileSync(join(runs, 'data.csv'), original);
	assert.deepEqual(locateRunData(record, join(runs, 'run.json')), {data: join(runs, 'data.csv'), moved: `the data file ${saved} cannot be reached; read ${join(runs, 'data.csv')}, the same bytes as the run's`});
});

test('a saved run\'s source holds the source\'s own fields, not the rest of the options it came with', () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), epochs: 3});
	session.advance(3);
	const options = {...source, model: 'backprop', chosen: 'backprop', config: lessonConfig('backprop')};
	const record = JSON.parse(recordJson(buildRunRecord(session, split.dataset, options)));
	assert.deepEqual(Object.keys(record.source).sort(), ['categorical', 'data', 'ignore', 'splitSeed', 'strict', 'target', 'testRatio']);
	assert.equal(record.config.model, 'single');
});

test('a saved run is written, a piece at a time, as JSON.stringify(record, null, 1) writes it: long histories, empty ones, NaN and Infinity as null', () => {
	const session = new TrainingSession(split, {...lessonConfig('single'), epochs: 20_000});
	session.advance(20_000);
	const record = buildRunRecord(session, split.dataset, source);
	assert.equal(Array.from(runFileText(record)).join(''), `${recordJson(record, 1)}\n`);
	const odd = {...record, history: {train: [Number.NaN, 1, Number.POSITIVE_INFINITY], test: [], accuracy: [0.5], learnRate: [null, 2]}} as unknown as RunRecord;
	assert.equal(Array.from(runFileText(odd)).join(''), `${recordJson(odd, 1)}\n`);
	const copied = {...record, history: {train: Float64Array.of(Number.NaN, 1, Number.NEGATIVE_INFINITY), test: new Float64Array(0), accuracy: Float64Array.of(0.5), learnRate: Float64Array.of(-0, 2)}} as unknown as RunRecord;
	assert.equal(Array.from(runFileText(copied)).join(''), `${JSON.stringify({...record, history: {train: [null, 1, null], test: [], accuracy: [0.5], learnRate: [-0, 2]}}, null, 1)}\n`);
	const empty = {...record, history: {}} as unknown as RunRecord;
	assert.equal(Array.from(runFileText(empty)).join(''), `${JSON.stringify(empty, null, 1)}\n`);
	const pieces = Array.from(runFileText(record));
	assert.ok(pieces.length > 8 && Math.max(...pieces.map(piece => piece.length)) < 1_000_000, 'in pieces, none of them the whole history');
});
