import assert from 'node:assert/strict';
import {truncateSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {tableRecords} from '../../src/data/csv-table.js';
import {maxCells, maxFileBytes, readCsvFile} from '../../src/data/read-csv-file.js';
import {fixturePath} from '../helpers/fixtures.js';
import {tempDirectory, writeTempFile} from './temp-files.js';

test('→ reads a file with a BOM, CRLF endings, quoted commas and quotes', () => {
	const table = readCsvFile(fixturePath('csv/messy-admissions.csv'));
	assert.deepEqual(table.header, ['admit', 'gre', 'gpa', 'school']);
	assert.equal(table.rows, 6);
	assert.deepEqual(tableRecords(table)[1], ['no', '660', '3.67', 'The "Best" School']);
});

test('→ refuses a missing file', () => {
	const path = join(tempDirectory(), 'nowhere.csv');
	assert.throws(() => readCsvFile(path), {name: 'DataError', message: `${path}: no such file`});
});

test('→ refuses a path through a file', () => {
	const path = join(writeTempFile('plain.csv', 'a,b\n1,2\n'), 'inner.csv');
	assert.throws(() => readCsvFile(path), {message: `${path}: no such file (a part of the path is not a directory)`});
});

test('→ refuses an empty path', () => {
	assert.throws(() => readCsvFile(''), {message: '--data: the file path is empty'});
});

test('→ refuses a directory', () => {
	assert.throws(() => readCsvFile(tempDirectory()), {message: `${tempDirectory()}: is a directory, not a CSV file`});
});

test('→ refuses a device, which has no size and may never end', () => {
	assert.throws(() => readCsvFile('/dev/null'), {message: '/dev/null: is not a regular file (a pipe or device); save the data to a file first'});
});

test('→ refuses an empty file', () => {
	const path = writeTempFile('empty.csv', '');
	assert.throws(() => readCsvFile(path), {message: `${path}: the file is empty`});
});

test('→ refuses a header only', () => {
	const path = writeTempFile('header.csv', 'admit,gre,gpa\r\n');
	assert.throws(() => readCsvFile(path), {message: `${path}: the file has a header but no data rows`});
});

test('→ refuses bytes that are not UTF-8, naming line, column, byte and offset', () => {
	const path = writeTempFile('latin1.csv', Buffer.from('name,admit\ncafé,1\n', 'latin1'));
	assert.throws(() => readCsvFile(path), {message: `${path}:2:4: the file is not UTF-8 text (byte 0xe9 at offset 14); save it as UTF-8`});
});

test('→ counts the column after a BOM and multi-byte characters when the bytes go bad', () => {
	const bytes = Buffer.concat([Buffer.from('\uFEFFa,b\né,😀', 'utf8'), Buffer.from([0xc3, 0x28])]);
	const path = writeTempFile('bad-tail.csv', bytes);
	assert.throws(() => readCsvFile(path), {message: `${path}:2:4: the file is not UTF-8 text (byte 0xc3 at offset 14); save it as UTF-8`});
});

test('→ refuses overlong encodings and encoded surrogates as not UTF-8', () => {
	const overlong = writeTempFile('overlong.csv', Buffer.from([0x61, 0x2c, 0xc0, 0xaf]));
	assert.throws(() => readCsvFile(overlong), {message: `${overlong}:1:3: the file is not UTF-8 text (byte 0xc0 at offset 2); save it as UTF-8`});
	const surrogate = writeTempFile('surrogate.csv', Buffer.from([0x61, 0x0a, 0xed, 0xa0, 0x80]));
	assert.throws(() => readCsvFile(surrogate), {message: `${surrogate}:2:1: the file is not UTF-8 text (byte 0xed at offset 2); save it as UTF-8`});
});

test('→ says so when the file is UTF-16', () => {
	const path = writeTempFile('utf16.csv', Buffer.from('\uFEFFadmit,gre\n1,380\n', 'utf16le'));
	assert.throws(() => readCsvFile(path), {message: `${path}:1:1: the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8`});
});

test('→ refuses a file over 100 MiB, naming the limit', () => {
	const path = writeTempFile('huge.csv', 'a,b\n');
	truncateSync(path, maxFileBytes + 1);
	assert.throws(() => readCsvFile(path), {message: `${path}: the file is 100.1 MiB, over the limit of 100 MiB`});
	truncateSync(path, 150 * 1024 * 1024);
	assert.throws(() => readCsvFile(path), {message: `${path}: the file is 150.0 MiB, over the limit of 100 MiB`});
});

test('→ refuses a file over 10 million cells, naming the limit', () => {
	const width = 100;
	const row = `${'0,'.repeat(width - 1)}0\n`;
	const rows = maxCells / width + 1;
	const header = `${Array.from({length: width}, (_, column) => `c${column}`).join(',')}\n`;
	const path = writeTempFile('wide.csv', header + row.repeat(rows));
	assert.throws(() => readCsvFile(path), {message: `${path}: the table is over the limit of 10000000 cells (data rows × columns)`});
});
