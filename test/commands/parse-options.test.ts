import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {columnList} from '../../src/commands/parse-options.js';
import {runCli} from '../helpers/run-cli.js';

const usage = 'Usage: gdlab train';

test('--ignore and --categorical lists: commas part the names, spaces around them go, quotes keep a comma in one', () => {
	assert.deepEqual(columnList('id, name ,city', '--ignore', usage), ['id', 'name', 'city']);
	assert.deepEqual(columnList('id,,city,', '--ignore', usage), ['id', 'city']);
	assert.deepEqual(columnList('"first, last",city', '--ignore', usage), ['first, last', 'city']);
	assert.deepEqual(columnList(' "a ""b"", c" , d', '--ignore', usage), ['a "b", c', 'd']);
	assert.throws(() => columnList('id,"first, last', '--ignore', usage), {name: 'UsageError', message: '--ignore id,"first, last: a quote is not closed (a name with a comma in it is quoted whole: "first, last")'});
});

test('a column whose name has a comma can be left out, and the list of columns shows it as one', () => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-comma-'));
	const data = join(directory, 'people.csv');
	writeFileSync(data, `id,"first, last",gre,admit\n${Array.from({length: 40}, (_, row) => `u${row},"P${row}, Q",${300 + ((row * 37) % 100)},${row % 2}`).join('\n')}\n`);
	const refused = runCli(['train', '--data', data, '--target', 'admit', '--ignore', 'first']);
	assert.equal(refused.stderr.split('\n')[0], `gdlab: ${data}: unknown column "first" in --ignore; columns are id, "first, last", gre, admit; see gdlab train --help`);
	const trained = runCli(['train', '--data', data, '--target', 'admit', '--ignore', 'id,"first, last"', '--epochs', '10', '--json']);
	assert.equal(trained.status, 0, trained.stderr);
	assert.deepEqual(JSON.parse(trained.stdout).features, ['gre']);
});
