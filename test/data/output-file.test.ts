import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, statSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {basename, join} from 'node:path';
import {test} from 'node:test';
import {nextTemporaryFile, removePendingTemporaryFiles, writeFileAtomic, writeFileAtomicInTurns} from '../../src/data/atomic-write.js';
import {checkOutputFile, holdsOurFile, type OutputKind} from '../../src/data/output-file.js';
import {runOutput, writeRunFile, type RunRecord} from '../../src/data/run-file.js';
import {historyOutput} from '../../src/commands/export-history.js';
import {tempDirectory, writeTempFile} from './temp-files.js';

/** A folder of its own for each test, inside the test process's temporary directory. */
function folder(name: string): string {
	const path = join(tempDirectory(), name);
	mkdirSync(path, {recursive: true});
	return path;
}

const fileKind: OutputKind = {option: '--save', what: 'a gdlab run', isOurs: head => head.startsWith('OURS')};

test('→ a new file in an existing folder is fine, replaces nothing and leaves nothing behind', () => {
	const directory = folder('new-file');
	assert.equal(checkOutputFile(join(directory, 'run.json'), fileKind), false);
	assert.deepEqual(readdirSync(directory), []);
});

test('→ refuses a folder that does not exist', () => {
	const path = join(tempDirectory(), 'no-such-folder', 'run.json');
	assert.throws(() => checkOutputFile(path, fileKind), {name: 'DataError', message: `${path}: cannot write: no such directory`});
});

test('→ names the file that stands where a folder should be', () => {
	const file = writeTempFile('existing.json', '{}');
	assert.throws(() => checkOutputFile(join(file, 'x.json'), fileKind), {name: 'DataError', message: `${join(file, 'x.json')}: cannot write: ${file} is not a directory`});
});

test('→ refuses a name ending in "/" and a folder, naming which', () => {
	const directory = folder('a-folder');
	const missing = join(tempDirectory(), 'not-there/');
	assert.throws(() => checkOutputFile(missing, fileKind), {message: `${missing}: cannot write: ends in "/", so it names a directory, not a file`});
	assert.throws(() => checkOutputFile(`${directory}/`, fileKind), {message: `${directory}/: cannot write: is a directory`});
	assert.throws(() => checkOutputFile(directory, fileKind), {message: `${directory}: cannot write: is a directory`});
});

test('→ refuses an empty path, naming the option', () => {
	assert.throws(() => checkOutputFile('', fileKind), {name: 'DataError', message: '--save: the file path is empty'});
	assert.throws(() => checkOutputFile('', historyOutput), {message: '--export-history: the file path is empty'});
});

test('→ refuses a FIFO and leaves it a FIFO', () => {
	const fifo = join(folder('fifo'), 'pipe');
	execFileSync('mkfifo', [fifo]);
	assert.throws(() => checkOutputFile(fifo, fileKind), {message: `${fifo}: cannot write: exists and is not a regular file (a FIFO)`});
	assert.ok(lstatSync(fifo).isFIFO());
});

test('→ refuses a broken symbolic link', () => {
	const link = join(folder('dangling'), 'link.json');
	symlinkSync('nowhere.json', link);
	assert.throws(() => checkOutputFile(link, fileKind), {message: `${link}: cannot write: exists and is not a regular file (a broken symbolic link)`});
});

test('→ refuses a loop of symbolic links, saying so in words', () => {
	const place = folder('loop');
	symlinkSync('second.json', join(place, 'first.json'));
	symlinkSync('first.json', join(place, 'second.json'));
	const link = join(place, 'first.json');
	assert.throws(() => checkOutputFile(link, fileKind), {message: `${link}: cannot write: too many symbolic links in the path (a loop?)`});
});

test('→ refuses the data file, by any name: itself, a symbolic link, a hard link', () => {
	const directory = folder('data-file');
	const data = join(directory, 'victim.csv');
	writeFileSync(data, 'OURS even so\n');
	symlinkSync('victim.csv', join(directory, 'soft.csv'));
	linkSync(data, join(directory, 'hard.csv'));
	for (const name of ['victim.csv', 'soft.csv', 'hard.csv']) {
		const path = join(directory, name);
		assert.throws(() => checkOutputFile(path, fileKind, data), {message: `${path}: cannot write: it is the data file; choose another name`});
	}

	assert.equal(readFileSync(data, 'utf8'), 'OURS even so\n');
});

test('→ refuses a file gdlab did not write; replaces its own and an empty one', () => {
	const notes = writeTempFile('notes.txt', 'my notes\n');
	assert.throws(() => checkOutputFile(notes, fileKind), {message: `${notes}: exists and is not a gdlab run; remove it or choose another name`});
	assert.equal(checkOutputFile(writeTempFile('ours.json', 'OURS'), fileKind), true);
	assert.equal(checkOutputFile(writeTempFile('empty.json', ''), fileKind), false, 'an empty file (mktemp\'s) holds nothing a write replaces');
});

test('holdsOurFile → true for a file gdlab wrote only; false, never an error, for anything else', () => {
	const directory = folder('holds');
	assert.equal(holdsOurFile(writeTempFile('holds-ours.json', 'OURS'), fileKind), true);
	assert.equal(holdsOurFile(writeTempFile('holds-notes.txt', 'my notes\n'), fileKind), false);
	assert.equal(holdsOurFile(writeTempFile('holds-empty.json', ''), fileKind), false);
	assert.equal(holdsOurFile(join(directory, 'missing.json'), fileKind), false);
	assert.equal(holdsOurFile(directory, fileKind), false);
	symlinkSync(join(directory, 'nowhere.json'), join(directory, 'broken.json'));
	assert.equal(holdsOurFile(join(directory, 'broken.json'), fileKind), false);
});

test('→ knows a saved run by its format and a history by its header', () => {
	assert.ok(runOutput.isOurs('{\n "format": "gdlab-run",\n "version": 1'));
	assert.ok(!runOutput.isOurs('{"hello": "gdlab-run"}'));
	assert.ok(!runOutput.isOurs('admit,gre,gpa,rank\n'));
	assert.ok(historyOutput.isOurs('epoch,train_mse,test_mse,test_accuracy,learn_rate\r\n0,0.26,0.25,0.5,0.5\r\n'));
	assert.ok(!historyOutput.isOurs('epoch,train_mse\n'));
	assert.ok(!historyOutput.isOurs('{\n "format": "gdlab-run"'));
});

test('→ a folder that takes no new files is named as such, not as missing', {skip: existsSync('/proc/self') ? false : 'no /proc here'}, () => {
	assert.throws(() => checkOutputFile('/proc/gdlab-test.json', fileKind), {message: '/proc/gdlab-test.json: cannot write: cannot create files in /proc'});
});

test('→ the current folder, when it takes no new files, is named by its path (not ".")', {skip: existsSync('/proc/self') ? false : 'no /proc here'}, () => {
	const before = process.cwd();
	process.chdir('/proc');
	try {
		assert.throws(() => checkOutputFile('gdlab-test.json', fileKind), {message: 'gdlab-test.json: cannot write: cannot create files in the current folder, /proc'});
	} finally {
		process.chdir(before);
	}
});

test('→ writeRunFile checks again at the write: a file that appeared since is kept', () => {
	const path = writeTempFile('appeared.json', 'someone else\'s\n');
	const record = {format: 'gdlab-run', dataset: {path: null}} as unknown as RunRecord;
	assert.throws(() => writeRunFile(path, record), {message: `${path}: exists and is not a gdlab run; remove it or choose another name`});
	assert.equal(readFileSync(path, 'utf8'), 'someone else\'s\n');
	const fresh = join(folder('fresh'), 'run.json');
	assert.equal(writeRunFile(fresh, record), false);
	assert.equal(writeRunFile(fresh, record), true, 'the second save replaces the first');
});

test('→ a save through a symbolic link replaces the file it names and keeps the link; a read-only file is kept', () => {
	const record = {format: 'gdlab-run', dataset: {path: null}, epochs: 1} as unknown as RunRecord;
	const where = folder('linked');
	const real = join(where, 'real.json');
	writeRunFile(real, record);
	const link = join(where, 'link.json');
	symlinkSync(real, link);
	writeRunFile(link, {...record, epochs: 2} as unknown as RunRecord);
	assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
	assert.equal(JSON.parse(readFileSync(real, 'utf8')).epochs, 2, 'the file it names holds the new run');
	assert.deepEqual(readdirSync(where).sort(), ['link.json', 'real.json']);
	chmodSync(real, 0o444);
	assert.throws(() => checkOutputFile(real, runOutput), {message: `${real}: cannot write: the file is read-only; make it writable or choose another name`});
	assert.throws(() => writeRunFile(link, record), {message: `${link}: cannot write: the file is read-only; make it writable or choose another name`});
	assert.equal(JSON.parse(readFileSync(real, 'utf8')).epochs, 2);
});

test('→ a file saved again keeps its permissions: a run saved private stays private', () => {
	const record = {format: 'gdlab-run', dataset: {path: null}, epochs: 1} as unknown as RunRecord;
	const path = join(folder('private'), 'run.json');
	writeRunFile(path, record);
	chmodSync(path, 0o600);
	writeRunFile(path, {...record, epochs: 2} as unknown as RunRecord);
	assert.equal(JSON.parse(readFileSync(path, 'utf8')).epochs, 2);
	assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('→ a saved run whose keys were reordered (jq -S) is still known as one, and nothing else that mentions the format', () => {
	const where = folder('sorted');
	const sorted = join(where, 'sorted.json');
	// "format" far past the first bytes, as sorting puts a long "changes" or "dataset" first
	writeFileSync(sorted, JSON.stringify({changes: Array.from({length: 400}, (_, epoch) => ({epoch, learnRate: 0.5})), format: 'gdlab-run', version: 1}));
	assert.equal(checkOutputFile(sorted, runOutput), true);
	const nested = join(where, 'nested.json');
	writeFileSync(nested, JSON.stringify({notes: 'x'.repeat(5000), inner: {format: 'gdlab-run'}}));
	assert.throws(() => checkOutputFile(nested, runOutput), {message: `${nested}: exists and is not a gdlab run; remove it or choose another name`});
});

test('→ a file name near the 255-byte limit is checked and written: gdlab\'s own files beside it are cut short', () => {
	const record = {format: 'gdlab-run', dataset: {path: null}, epochs: 1} as unknown as RunRecord;
	const where = folder('long-name');
	const path = join(where, `${'é'.repeat(100)}${'g'.repeat(45)}.json`); // 250 bytes
	assert.equal(checkOutputFile(path, runOutput), false);
	writeRunFile(path, record);
	assert.deepEqual(readdirSync(where), [`${'é'.repeat(100)}${'g'.repeat(45)}.json`]);
	assert.equal(JSON.parse(readFileSync(path, 'utf8')).epochs, 1);
});

test('→ a write in turns lets the event loop turn while it writes, and writes in the order asked', async () => {
	const where = folder('in-turns');
	const path = join(where, 'history.csv');
	// pieces that take a while to make: far longer than one turn
	function * slowPieces(label: string) {
		for (let piece = 0; piece < 40; piece++) {
			const until = performance.now() + 2;
			while (performance.now() < until) {
				// making the piece
			}

			yield `${label} ${piece}\n`;
		}
	}

	let turns = 0;
	const ticker = setInterval(() => {
		turns++;
	}, 1);
	const first = writeFileAtomicInTurns(path, slowPieces('first'), () => 'checked first');
	const second = writeFileAtomicInTurns(path, slowPieces('second'), () => existsSync(path));
	assert.equal(await first, 'checked first');
	clearInterval(ticker);
	assert.ok(turns >= 5, `the event loop turned ${turns} times during an 80 ms write`);
	assert.equal(await second, true, 'the second write is checked once the first has made the file');
	assert.equal(readFileSync(path, 'utf8').split('\n')[0], 'second 0', 'the later write lands last');
	assert.deepEqual(readdirSync(where), ['history.csv']);
});

test('→ an interrupt during a write in turns removes its temporary file: the file is as it was', async () => {
	const where = folder('interrupted-turns');
	const path = join(where, 'run.json');
	writeFileSync(path, 'as it was');
	const seen: string[][] = [];
	function * pieces() {
		yield 'new';
		seen.push(readdirSync(where).sort());
		removePendingTemporaryFiles(); // the interrupt handler's call, before the process ends
		seen.push(readdirSync(where).sort());
		throw new Error('interrupted');
	}

	// a fault in making the pieces is thrown as it is, not as the disk's ("cannot write")
	await assert.rejects(writeFileAtomicInTurns(path, pieces(), () => undefined), {name: 'Error', message: 'interrupted'});
	assert.equal(seen[0]!.length, 2, 'the temporary file beside it while it is written');
	assert.deepEqual(seen[1], ['run.json'], 'removed by the handler');
	assert.equal(readFileSync(path, 'utf8'), 'as it was');
	assert.deepEqual(readdirSync(where), ['run.json']);
});

test('→ a file already at a temporary name (another process\'s) is left alone: the write takes the next name', () => {
	const where = folder('taken-name');
	const path = join(where, 'history.csv');
	const taken = nextTemporaryFile(path);
	writeFileSync(taken, 'another process\'s');
	writeFileAtomic(path, 'epoch\n');
	assert.equal(readFileSync(path, 'utf8'), 'epoch\n');
	assert.equal(readFileSync(taken, 'utf8'), 'another process\'s');
	assert.deepEqual(readdirSync(where).sort(), [basename(taken), 'history.csv'].sort());
});

test('→ a file re-saved by root keeps its owner', {skip: process.getuid?.() === 0 ? false : 'needs root'}, () => {
	const where = folder('owned');
	const path = join(where, 'history.csv');
	writeFileSync(path, 'epoch\n');
	chownSync(path, 65534, 65534);
	writeFileAtomic(path, 'epoch\n0\n');
	assert.equal(readFileSync(path, 'utf8'), 'epoch\n0\n');
	assert.deepEqual([statSync(path).uid, statSync(path).gid], [65534, 65534]);
});
