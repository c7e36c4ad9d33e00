/** A write that fails after training never costs the figures: they are printed, then one line says what failed. */
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {resolveRunOptions} from '../../src/commands/parse-options.js';
import {printRun, trainUsage} from '../../src/commands/train.js';

const directory = mkdtempSync(join(tmpdir(), 'gdlab-run-outputs-'));

after(() => {
	rmSync(directory, {recursive: true, force: true});
});

/** Run printRun in this process, collecting stdout (through its writer) and stderr, in the order written. */
function printRunCapturing(argv: Record<string, string>, outputs: {save?: string; exportHistory?: string}) {
	const written: Array<['stdout' | 'stderr', string]> = [];
	const stderrWrite = process.stderr.write;
	process.stderr.write = ((text: string) => {
		written.push(['stderr', text]);
		return true;
	}) as typeof process.stderr.write;
	try {
		const status = printRun(resolveRunOptions(argv, trainUsage), {json: false, ...outputs}, text => {
			written.push(['stdout', text]);
		});
		return {status, written};
	} finally {
		process.stderr.write = stderrWrite;
	}
}

test('a save that fails after training prints the figures first, then the one line, exit 1; the export is still written', () => {
	const save = join(directory, 'run.json');
	const history = join(directory, 'history.csv');
	// the checks before training pass; the write itself then fails (its temporary file's name is taken by a folder)
	mkdirSync(join(directory, `.run.json.${process.pid}.tmp`));
	const {status, written} = printRunCapturing({epochs: '20'}, {save, exportHistory: history});
	assert.equal(status, 1);
	assert.deepEqual(written.map(([stream]) => stream), ['stdout', 'stderr']);
	assert.match(written[0]![1], /^Train loss: {2}0\.26276093849966\d*\n(?:.*\n){9}Prediction accuracy: 0\.\d{3}\n$/);
	assert.match(written[1]![1], new RegExp(`^gdlab: ${save.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot write: .+\n$`));
	assert.equal(existsSync(save), false);
	assert.equal(readFileSync(history, 'utf8').trimEnd().split('\n').length, 21);
});

test('an unwritable --save is refused before the data is even read', () => {
	const save = join(directory, 'missing', 'run.json');
	// were training first, the missing data file would be the error
	assert.throws(() => printRunCapturing({epochs: '20', data: join(directory, 'no-data.csv')}, {save}), {name: 'DataError', message: `${save}: cannot write: no such directory`});
});
