/** A write that fails after training never costs the figures: they are printed, then one line says what failed. */
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {resolveRunOptions} from '../../src/commands/parse-options.js';
import {checkRunOutputs} from '../../src/commands/run-outputs.js';
import {printRun, trainUsage} from '../../src/commands/train.js';

const directory = mkdtempSync(join(tmpdir(), 'gdlab-run-outputs-'));

after(() => {
	rmSync(directory, {recursive: true, force: true});
});

/** Run printRun in this process, collecting stdout (through its writer) and stderr, in the order written. */
async function printRunCapturing(argv: Record<string, string>, outputs: {save?: string; exportHistory?: string}, onLine: () => void = () => undefined) {
	const written: Array<['stdout' | 'stderr', string]> = [];
	const stderrWrite = process.stderr.write;
	process.stderr.write = ((text: string) => {
		written.push(['stderr', text]);
		return true;
	}) as typeof process.stderr.write;
	try {
		const status = await printRun(resolveRunOptions(argv, trainUsage), {json: false, ...outputs}, text => {
			written.push(['stdout', text]);
			onLine();
		});
		return {status, written};
	} finally {
		process.stderr.write = stderrWrite;
	}
}

test('a save that fails after training prints the figures first, then the one line, exit 1; the export is still written', async () => {
	const save = join(directory, 'run.json');
	const history = join(directory, 'history.csv');
	// the checks before training pass; while it trains, a folder takes the save's name, so the write then fails
	const {status, written} = await printRunCapturing({epochs: '20'}, {save, exportHistory: history}, () => {
		mkdirSync(save, {recursive: true});
	});
	assert.equal(status, 1);
	// the loss lines as training reaches them, the last line, then the failure
	assert.deepEqual(written.map(([stream]) => stream), [...Array.from({length: 11}, () => 'stdout'), 'stderr']);
	assert.match(written.slice(0, 11).map(([, text]) => text).join(''), /^Train loss: {2}0\.26276093849966\d*\n(?:.*\n){9}Prediction accuracy: 0\.\d{3}\n$/);
	assert.match(written[11]![1], new RegExp(`^gdlab: ${save.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot write: .+\n$`));
	assert.equal(statSync(save).isDirectory(), true, 'the folder left as it was');
	assert.equal(readFileSync(history, 'utf8').trimEnd().split('\n').length, 21);
});

test('an unwritable --save is refused before the data is even read', async () => {
	const save = join(directory, 'missing', 'run.json');
	// were training first, the missing data file would be the error
	await assert.rejects(printRunCapturing({epochs: '20', data: join(directory, 'no-data.csv')}, {save}), {name: 'DataError', message: `${save}: cannot write: no such directory`});
});

test('the checks before a run say whether --save names a run saved earlier (which a save replaces): not a new file, nor an empty one', async () => {
	const options = resolveRunOptions({epochs: '5'}, trainUsage);
	const earlier = join(directory, 'earlier.json');
	await printRunCapturing({epochs: '5'}, {save: earlier});
	assert.deepEqual(checkRunOutputs(options, {json: false, save: earlier}), {saveReplacesRun: true});
	assert.deepEqual(checkRunOutputs(options, {json: false, save: join(directory, 'new.json')}), {saveReplacesRun: false});
	const empty = join(directory, 'empty.json');
	writeFileSync(empty, '');
	assert.deepEqual(checkRunOutputs(options, {json: false, save: empty}), {saveReplacesRun: false});
	assert.deepEqual(checkRunOutputs(options, {json: false}), {saveReplacesRun: false});
});
