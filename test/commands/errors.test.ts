import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {cliPath, runCli} from '../helpers/run-cli.js';

/** A command-line mistake: the message, then where the options are listed (two lines in all); exit 2; no stack trace. */
function assertUsageError(args: string[], message: string): void {
	const {stderr, stdout, status} = runCli(args);
	assert.equal(status, 2, `${args.join(' ')} → ${stderr}`);
	const command = ['train', 'forward', 'step', 'replay', 'bench'].includes(args[0]!) ? `gdlab ${args[0]!}` : 'gdlab';
	assert.equal(stderr, `gdlab: ${message}; see ${command} --help\n`);
	assert.doesNotMatch(stderr, /\n\s+at /);
	assert.equal(stdout, '');
}

test('an unknown command is named, with the usage, exit 2', () => {
	assertUsageError(['frobnicate'], 'unknown command "frobnicate"');
});

test('an unknown flag is named', () => {
	assertUsageError(['train', '--frobnicate', '0.1'], 'unknown option --frobnicate');
});

test('a mistyped flag or command is named with the one it is nearest to', () => {
	assertUsageError(['train', '--learning-rate', '0.1'], 'unknown option --learning-rate (did you mean --lr?)');
	assertUsageError(['train', '--epoch', '5'], 'unknown option --epoch (did you mean --epochs?)');
	assertUsageError(['train', '--split_seed', '3'], 'unknown option --split_seed (did you mean --split-seed?)');
	assertUsageError(['--hiden', '3'], 'unknown option --hiden (did you mean --hidden?)');
	assertUsageError(['bench', '--quik'], 'unknown option --quik (did you mean --quick?)');
	assertUsageError(['tran'], 'unknown command "tran" (did you mean train?)');
	assertUsageError(['replya', 'run.json'], 'unknown command "replya" (did you mean replay?)');
	assertUsageError(['train', '--history', 'h.csv'], 'unknown option --history (did you mean --export-history?)');
	assertUsageError(['train', '--test-split', '0.2'], 'unknown option --test-split (did you mean --test-ratio?)');
	assertUsageError(['step', 'workd'], 'unknown example "workd" (did you mean worked?); choose worked, gradient or backprop');
	assertUsageError(['run.json'], 'unknown command "run.json" (a saved run? gdlab --load run.json opens it, gdlab replay run.json checks it)');
});

test('a flag without its value is named', () => {
	assertUsageError(['train', '--lr'], 'option --lr needs a value');
});

test('a value given to a flag that takes none names the flag as typed', () => {
	assertUsageError(['train', '--help=1'], 'option --help takes no value');
	assertUsageError(['train', '--json=yes'], 'option --json takes no value');
});

test('bad values are named with what was given', () => {
	assertUsageError(['train', '--lr', '-1'], '--lr must be a positive number, got "-1"');
	assertUsageError(['train', '--lr', '0'], '--lr must be a positive number, got "0"');
	assertUsageError(['train', '--lr', '0x10'], '--lr must be a positive number, got "0x10"');
	assertUsageError(['train', '--lr', '1e309'], '--lr 1e309 is too large: the largest number is about 1.8e308');
	assertUsageError(['train', '--data', 'synthetic:100:2', '--target', '"x1"'], '--target "x1": synthetic data\'s target is y');
	assertUsageError(['train', '--lr', '1e-400'], '--lr 1e-400 is too small: it rounds to 0 (the smallest positive number is about 4.9e-324)');
	assertUsageError(['train', '--lr', '0e5'], '--lr must be a positive number, got "0e5"');
	assertUsageError(['train', '--lr', '-1e-400'], '--lr must be a positive number, got "-1e-400"');
	assertUsageError(['train', '--test-ratio', '1e-400'], '--test-ratio must be a number between 0 and 1 (exclusive), got "1e-400" (as a number it rounds to 0)');
	assertUsageError(['train', '--momentum', '1e-400'], '--momentum 1e-400 is too small: it rounds to 0 (the smallest positive number is about 4.9e-324; 0 is no momentum)');
	assertUsageError(['train', '--momentum', '-1e-400'], '--momentum must be a number from 0 up to (not including) 1, got "-1e-400"');
	assert.equal(runCli(['train', '--momentum', '0.0e-400', '--epochs', '2']).status, 0, 'a zero written so is zero');
	assertUsageError(['train', '--momentum', '0b1'], '--momentum must be a number from 0 up to (not including) 1, got "0b1"');
	assertUsageError(['train', '--epochs', '0'], '--epochs must be a whole number from 1 to 1000000, got "0"');
	assertUsageError(['train', '--epochs', '2.5'], '--epochs must be a whole number from 1 to 1000000, got "2.5"');
	assertUsageError(['train', '--epochs', '99999999999999999999'], '--epochs must be a whole number from 1 to 1000000, got "99999999999999999999"');
	assertUsageError(['train', '--model', 'deep'], '--model must be one of single, backprop, got "deep"');
	assertUsageError(['train', '--hidden', '0'], '--hidden must be a whole number from 1 to 1024, got "0"');
	assertUsageError(['train', '--seed', 'abc'], '--seed must be a whole number from 0 to 4294967295 with --rng numpy, got "abc"');
	assertUsageError(['train', '--rng', 'mt'], '--rng must be one of numpy, seedrandom, got "mt"');
	assertUsageError(['train', '--batch', 'half'], '--batch must be full, record or a mini-batch size of at least 1, got "half"');
	assertUsageError(['train', '--momentum', '1'], '--momentum must be a number from 0 up to (not including) 1, got "1"');
	assertUsageError(['train', '--momentum', '0.99999999999999999'], '--momentum must be a number from 0 up to (not including) 1, got "0.99999999999999999" (as a number it rounds to 1)');
	assertUsageError(['train', '--test-ratio', '1.5'], '--test-ratio must be a number between 0 and 1 (exclusive), got "1.5"');
	assertUsageError(['step', 'sideways'], 'unknown example "sideways"; choose worked, gradient or backprop');
	assertUsageError(['step'], 'step needs an example: worked, gradient or backprop');
	assertUsageError(['forward', '--seed', '-3'], '--seed must be a whole number from 0 to 4294967295 with --rng numpy, got "-3"');
	assertUsageError(['train', '--epochs', '--json'], 'option --epochs needs a value');
	assertUsageError(['train', '--rng', 'seedrandom', '--seed', ''], '--seed must not be empty');
	assertUsageError(['train', '--data', ''], '--data needs a CSV file or synthetic:ROWS:FEATURES');
	assertUsageError(['train', '--data', 'synthetic:10'], '--data synthetic:10: expected synthetic:ROWS:FEATURES, e.g. synthetic:100000:16');
	assertUsageError(['bench', '--data', 'synthetic:5:3'], '--data synthetic:5:3: rows must be from 10 to 10000000');
	assertUsageError(['forward', '--rng', 'seedrandom', '--seed', ' '], '--seed must not be empty');
	assertUsageError(['train', '--batch', '99999999999999999999'], '--batch 99999999999999999999 is too large for a mini-batch size (records per update)');
	assertUsageError(['train', '--data', 'synthetic:10:2', '--test-ratio', '0.95'], 'synthetic:10:2: --test-ratio 0.95 leaves no training row from 10 rows');
});

test('a value that starts with a dash is the flag\'s value unless it is one of the options', () => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-dash-'));
	try {
		writeFileSync(join(directory, '-data.csv'), 'x,y\n1,0\n2,1\n3,0\n4,1\n5,0\n6,1\n7,0\n8,1\n9,0\n10,1\n');
		const run = runCli(['train', '--data', '-data.csv', '--epochs', '3'], {cwd: directory});
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /Prediction accuracy: /);
		const seeded = runCli(['train', '--rng', 'seedrandom', '--seed', '-abc', '--epochs', '2']);
		assert.equal(seeded.status, 0, seeded.stderr);
		assert.notEqual(seeded.stdout, runCli(['train', '--rng', 'seedrandom', '--seed', 'abc', '--epochs', '2']).stdout);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}

	assertUsageError(['train', '--data', '--epochs', '3'], 'option --data needs a value');
	assertUsageError(['train', '--data', '-h'], 'option --data needs a value');
});

test('a stray argument is named', () => {
	assertUsageError(['train', 'extra'], 'unexpected argument "extra"');
});

test('a missing data file is one line naming it, exit 1', () => {
	const {stderr, status} = runCli(['train', '--data', 'no-such-file.csv']);
	assert.equal(status, 1);
	assert.equal(stderr, 'gdlab: no-such-file.csv: no such file\n');
});

test('--help on each command prints its usage and exits 0', () => {
	for (const args of [['--help'], ['train', '--help'], ['forward', '-h'], ['step', '--help']]) {
		const {stdout, status} = runCli(args);
		assert.equal(status, 0);
		assert.match(stdout, /^Usage: gdlab/);
	}
});

test('gdlab help COMMAND prints that command\'s usage; -v after other flags prints the version', () => {
	assert.match(runCli(['help', 'train']).stdout, /^Usage: gdlab train /);
	assert.match(runCli(['help', 'replay']).stdout, /^Usage: gdlab replay /);
	assert.match(runCli(['--help', 'train']).stdout, /^Usage: gdlab train /);
	assert.match(runCli(['-h', 'bench']).stdout, /^Usage: gdlab bench /);
	const version = runCli(['--epochs', '2', '-v']);
	assert.equal(version.status, 0);
	assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('--help after the dashboard\'s own options prints the help, whatever they are (it neither trains nor refuses them)', () => {
	for (const argv of [['--epochs', '5', '--help'], ['--model', 'forward', '-h'], ['--load', 'no-such-run.json', '--help']]) {
		const {stdout, stderr, status} = runCli(argv);
		assert.equal(status, 0, stderr);
		assert.match(stdout, /^Usage: gdlab /, argv.join(' '));
		assert.doesNotMatch(stdout, /Train loss/);
	}
});

test('train --hidden with the single unit is refused, not ignored', () => {
	assert.deepEqual(runCli(['train', '--hidden', '4']), {stdout: '', stderr: 'gdlab: --hidden is for --model backprop; the single unit has no hidden layer; see gdlab train --help\n', status: 2});
	assert.equal(runCli(['train', '--model', 'backprop', '--hidden', '4', '--epochs', '2']).status, 0);
});

test('--target is trimmed like --categorical', () => {
	const {stdout, status} = runCli(['train', '--target', ' admit ', '--epochs', '2', '--json']);
	assert.equal(status, 0);
	assert.equal(JSON.parse(stdout).losses.length, 1);
});

test('spaces around a number are let by for every flag alike: seeds and --batch as --epochs', () => {
	const spaced = runCli(['train', '--epochs', ' 10', '--seed', ' 42', '--split-seed', '42 ', '--batch', ' 32', '--json']);
	assert.equal(spaced.status, 0, spaced.stderr);
	const plain = runCli(['train', '--epochs', '10', '--seed', '42', '--split-seed', '42', '--batch', '32', '--json']);
	assert.deepEqual(JSON.parse(spaced.stdout).weights, JSON.parse(plain.stdout).weights);
});

test('without a terminal, plain gdlab prints the headless lesson run', () => {
	const {stdout, status} = runCli([]);
	assert.equal(status, 0);
	assert.match(stdout, /^Train loss: {2}0\.26276093849966/);
	assert.match(stdout, /Prediction accuracy: 0\.725\n$/);
});

test('every help fits an 80-column terminal', () => {
	for (const args of [['--help'], ['train', '--help'], ['forward', '--help'], ['step', '--help'], ['replay', '--help'], ['bench', '--help']]) {
		const {stdout, status} = runCli(args);
		assert.equal(status, 0);
		for (const line of stdout.split('\n')) {
			assert.ok([...line].length <= 80, `${args.join(' ')}: a line of ${[...line].length} columns: ${line}`);
		}
	}
});

test('a network too big for memory (many columns × many hidden units) is refused before it is built, exit 2', () => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-wide-'));
	try {
		const columns = 5000;
		const header = [...Array.from({length: columns}, (_, column) => `c${column}`), 'y'].join(',');
		const rows = Array.from({length: 12}, (_, row) => [...Array.from({length: columns}, (_, column) => (row + column) % 7), row % 2].join(','));
		const data = join(directory, 'wide.csv');
		writeFileSync(data, `${header}\n${rows.join('\n')}\n`);
		const refused = runCli(['train', '--model', 'backprop', '--hidden', '1000', '--epochs', '1', '--data', data]);
		assert.equal(refused.stderr, 'gdlab: 1000 hidden units on 5,000 features make 5,001,000 weights; at most 4,000,000 (fewer hidden units or fewer columns); see gdlab train --help\n');
		assert.equal(refused.status, 2);
		assert.equal(runCli(['train', '--model', 'backprop', '--hidden', '2', '--epochs', '1', '--data', data]).status, 0);
		// text columns one-hot encoded: their notes would be said of a run that goes ahead, not before the refusal
		const named = join(directory, 'named.csv');
		writeFileSync(named, `a,b,c,d,y\n${Array.from({length: 1000}, (_, row) => `a${row},b${row},c${row},d${row},${row % 2}`).join('\n')}\n`);
		const refusedNamed = runCli(['train', '--model', 'backprop', '--hidden', '1000', '--epochs', '1', '--data', named]);
		assert.equal(refusedNamed.stderr, 'gdlab: 1000 hidden units on 4,000 features make 4,001,000 weights; at most 4,000,000 (fewer hidden units or fewer columns); see gdlab train --help\n');
		assert.equal(refusedNamed.status, 2);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('an empty file name for replay or --load is a usage error, as an empty --save is', () => {
	assert.deepEqual(runCli(['replay', '']), {stdout: '', stderr: 'gdlab: replay needs the saved run file; see gdlab replay --help\n', status: 2});
	assert.deepEqual(runCli(['--load', '']), {stdout: '', stderr: 'gdlab: --load needs a saved run file; see gdlab --help\n', status: 2});
});

test('help and version with something after them they do not take refuse it, as the commands do', () => {
	const refused = (argv: string[], stderr: RegExp) => {
		const result = runCli(argv);
		assert.equal(result.status, 2, argv.join(' '));
		assert.match(result.stderr, stderr, argv.join(' '));
		assert.equal(result.stdout, '');
	};

	refused(['-h', '--bogus'], /^gdlab: unknown option --bogus; see gdlab[a-z ]* --help\n$/);
	refused(['--help', 'nonsense'], /^gdlab: unexpected argument "nonsense"; see gdlab[a-z ]* --help\n$/);
	refused(['-v', '--bogus'], /^gdlab: unknown option --bogus; see gdlab[a-z ]* --help\n$/);
	refused(['--version', 'extra'], /^gdlab: unexpected argument "extra"; see gdlab[a-z ]* --help\n$/);
	refused(['help', 'train', 'extra'], /^gdlab: unexpected argument "extra"; see gdlab train --help\n$/);
	refused(['help', 'nosuch'], /^gdlab: unknown command "nosuch"; see gdlab[a-z ]* --help\n$/);
	assert.match(runCli(['help']).stdout, /^Usage: gdlab /);
	assert.match(runCli(['-v']).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('an option given twice is refused, naming both values; --ignore and --categorical given again add to their lists', () => {
	assertUsageError(['train', '--epochs', '10', '--epochs', '20'], '--epochs is given twice ("10", "20"): give it once');
	assertUsageError(['train', '--lr=0.1', '--lr', '0.2', '--lr', '0.3'], '--lr is given 3 times ("0.1", "0.2", "0.3"): give it once');
	assertUsageError(['--save', 'a.json', '--save', 'b.json'], '--save is given twice ("a.json", "b.json"): give it once');
	const trained = runCli(['train', '--epochs', '1', '--ignore', 'gre', '--ignore', 'gpa', '--json']);
	assert.equal(trained.status, 0, trained.stderr);
	assert.deepEqual(JSON.parse(trained.stdout).features, ['rank_1', 'rank_2', 'rank_3', 'rank_4']);
	assert.equal(runCli(['train', '--epochs', '1', '--json', '--json']).status, 0, 'a switch given twice is still on');
});

test('a long option typed with one dash is named as typed, with the option meant', () => {
	assert.deepEqual(runCli(['train', '-lr', '0.1']), {stdout: '', stderr: 'gdlab: unknown option -lr (did you mean --lr?); see gdlab train --help\n', status: 2});
	assert.match(runCli(['train', '-xyz']).stderr, /^gdlab: unknown option -xyz; see gdlab[a-z ]* --help\n$/);
	assert.match(runCli(['replay', '-run.json']).stderr, /^gdlab: unknown option -run\.json; see gdlab[a-z ]* --help\n$/);
	// a value of one dash after an option that takes one is still that value
	assert.match(runCli(['train', '--lr', '-1']).stderr, /^gdlab: --lr must be a positive number, got "-1"; see gdlab[a-z ]* --help\n$/);
});

test('an option of gdlab train given to the dashboard says whose it is', () => {
	assert.deepEqual(runCli(['--export-history', 'h.csv']), {stdout: '', stderr: 'gdlab: --export-history is an option of gdlab train, not of the dashboard: gdlab train --export-history FILE writes the history (the dashboard saves whole runs with w); see gdlab --help\n', status: 2});
	assert.match(runCli(['--epochs', '4', '--json']).stderr, /^gdlab: --json is not an option of the dashboard: gdlab train --json prints the run as JSON; see gdlab[a-z ]* --help\n$/);
});

test('an option or command in the wrong place says where it belongs', () => {
	const line = (argv: string[]) => {
		const {stderr, status} = runCli(argv);
		assert.equal(status, 2, argv.join(' '));
		// the message alone, without where the options are listed
		return stderr.split('\n')[0]!.replace(/; see gdlab[a-z ]* --help$/, '');
	};

	assert.equal(line(['--epochs', '5', 'train']), 'gdlab: the command goes first: gdlab train [options]');
	assert.equal(line(['--json', 'train']), 'gdlab: the command goes first: gdlab train [options]');
	assert.equal(line(['--version', 'train']), 'gdlab: the command goes first: gdlab train [options]');
	assert.equal(line(['--lr', '0.1', 'tran']), 'gdlab: unknown command "tran" (did you mean gdlab train? the command goes first)');
	assert.equal(line(['--lr=0.1', 'replya', 'run.json']), 'gdlab: unknown command "replya" (did you mean gdlab replay? the command goes first)');
	// an option's value is never taken for a command: a data file called tran is the dashboard's to open
	assert.equal(runCli(['--data', 'tran']).stderr, 'gdlab: tran: no such file\n');
	// after a command, a command's name is that command's word: a run file called train
	assert.match(runCli(['replay', 'train']).stderr, /^gdlab: train: /);
	assert.equal(line(['constructor']), 'gdlab: unknown command "constructor"');
	assert.equal(line(['help', '__proto__']), 'gdlab: unknown command "__proto__"');
	assert.equal(line(['train', '--load', 'run.json']), 'gdlab: --load is the dashboard\'s (gdlab --load FILE opens a saved run); gdlab replay FILE re-runs one headless');
	assert.equal(line(['train', '--model', 'forward']), 'gdlab: --model forward is the dashboard\'s 4×3×2 screen; gdlab forward prints the forward pass headless');
	assert.equal(line(['--load', 'run.json', '--json']), 'gdlab: --json is not an option of the dashboard: gdlab replay FILE --json prints a saved run\'s replay as JSON');
	assert.equal(line(['-v=1']), 'gdlab: option -v takes no value');
	assert.equal(line(['--model', 'forward', '--json']), 'gdlab: --json is not an option of the dashboard: gdlab forward --json prints the forward pass as JSON');
	// a command's name as an option's value is that value: here a file called train
	assert.match(runCli(['--data', 'train', '--epochs', '2']).stderr, /^gdlab: train: no such file\n/);
	assert.match(runCli(['help', 'help']).stdout, /^Usage: gdlab /);
});

test('a newline or escape sequence typed into a flag, an option or a command is escaped: the message stays one line', () => {
	assert.deepEqual(runCli(['train', '--lr', '1\n2']), {stdout: '', stderr: 'gdlab: --lr must be a positive number, got "1\\n2"; see gdlab train --help\n', status: 2});
	assert.equal(runCli(['bogus\nx']).stderr, 'gdlab: unknown command "bogus\\nx"; see gdlab --help\n');
	assert.doesNotMatch(runCli(['train', '--bad\u001B[31mred']).stderr, /\u001B/);
	// a mark that turns the rest of the line right to left is shown, not obeyed
	const reversed = runCli(['train', '--rng', '\u202Ertl']).stderr;
	assert.ok(reversed.includes('\\u202e') && !reversed.includes('\u202E'), reversed);
});

test('run from a folder removed since the shell entered it, gdlab says so in one line (exit 1), not "unexpected error"', () => {
	const parent = mkdtempSync(join(tmpdir(), 'gdlab-gone-'));
	// the shell enters the folder, then it is removed under it
	const result = spawnSync('sh', ['-c', `mkdir gone && cd gone && rmdir ../gone && exec "$0" "$1" train --epochs 3 --save run.json`, process.execPath, cliPath], {cwd: parent, encoding: 'utf8'});
	rmSync(parent, {recursive: true, force: true});
	assert.equal(result.stderr, 'gdlab: the current folder no longer exists (removed since the shell entered it); cd to one that does\n');
	assert.equal(result.status, 1);
});
