import assert from 'node:assert/strict';
import {test} from 'node:test';
import {tableRecords} from '../../src/data/csv-table.js';
import {parseCsv} from '../../src/data/parse-csv.js';

const parse = (text: string) => {
	const table = parseCsv(text, 'p.csv');
	return {header: table.header, records: tableRecords(table)};
};

test('→ reads a header and its records', () => {
	assert.deepEqual(parse('admit,gre\n0,380\n1,660\n'), {header: ['admit', 'gre'], records: [['0', '380'], ['1', '660']]});
});

test('→ accepts a UTF-8 BOM, also before a quoted header', () => {
	assert.deepEqual(parse('\uFEFFadmit,gre\n0,380\n').header, ['admit', 'gre']);
	assert.deepEqual(parse('\uFEFF"admit", "gre" \r\n0,380\r\n').header, ['admit', 'gre']);
});

test('→ accepts CRLF endings with a trailing empty line, and CR-only endings', () => {
	assert.deepEqual(parse('a,b\r\n1,2\r\n3,4\r\n\r\n').records, [['1', '2'], ['3', '4']]);
	assert.deepEqual(parse('a,b\r1,2\r3,4').records, [['1', '2'], ['3', '4']]);
});

test('→ reads quoted fields with commas and doubled quotes', () => {
	assert.deepEqual(parse('name,motto\n"Smith, J.","say ""hi"""\n').records, [['Smith, J.', 'say "hi"']]);
});

test('→ keeps line breaks inside a quoted field, and counts them as lines in messages', () => {
	assert.deepEqual(parse('a,b\n"line one\r\nline two",2\n3,4\n').records, [['line one\r\nline two', '2'], ['3', '4']]);
	assert.throws(() => parse('a,b\n"x\ny",1\n2\n'), {message: 'p.csv:4:2: expected 2 fields as in the header, found 1'});
});

test('→ skips empty lines and lines of only whitespace', () => {
	assert.deepEqual(parse('\n a,b\n\n  \n1,2\n\t\r\n3,4\n   ').records, [['1', '2'], ['3', '4']]);
});

test('→ keeps unquoted cells as written, drops spaces around quotes, trims the header', () => {
	assert.deepEqual(parse(' a , b\n 1 ,  "x y"  \n').records, [[' 1 ', 'x y']]);
	assert.deepEqual(parse(' a , b\n 1 ,2\n').header, ['a', 'b']);
});

test('→ takes a quote inside an unquoted cell literally, and an empty last field as a cell', () => {
	assert.deepEqual(parse('a,b\n5",x"y\n1,\n').records, [['5"', 'x"y'], ['1', '']]);
});

test('→ keeps a quoted empty cell in a one-column file, where an empty line is skipped', () => {
	assert.deepEqual(parse('a\n""\n\n1\n').records, [[''], ['1']]);
});

test('→ refuses an empty file, also one of only a BOM', () => {
	assert.throws(() => parse(''), {message: 'p.csv: the file is empty'});
	assert.throws(() => parse('\uFEFF'), {message: 'p.csv: the file is empty'});
});

test('→ refuses a file of only blank lines', () => {
	assert.throws(() => parse('\n  \r\n\t'), {message: 'p.csv: the file has only blank lines'});
});

test('→ refuses a header without data rows', () => {
	assert.throws(() => parse('admit,gre\n'), {message: 'p.csv: the file has a header but no data rows'});
	assert.throws(() => parse('admit,gre\r\n\r\n  \r\n'), {message: 'p.csv: the file has a header but no data rows'});
});

test('→ refuses ragged rows, naming the line', () => {
	assert.throws(() => parse('a,b,c\n1,2,3\n4,5\n'), {message: 'p.csv:3:4: expected 3 fields as in the header, found 2'});
	// a header ending in a comma, as a spreadsheet may export it: the header is at fault, not the first row
	assert.throws(() => parse('a,b,y,\n1,2,0\n3,4,1\n'), {message: 'p.csv:1:7: the header ends in a comma: column 4 has no name, and the first row has 3 fields; remove that comma'});
	assert.throws(() => parse('a,b,y, \r\n1,2,0\r\n'), {message: 'p.csv:1:7: the header ends in a comma: column 4 has no name, and the first row has 3 fields; remove that comma'});
	// rows with an empty last field too: the header's nameless column is the fault, as before
	assert.throws(() => parse('a,b,y,\n1,2,0,\n'), {message: 'p.csv:1:7: column 4 has no name in the header'});
	// a later row short of a field is that row's fault: the first had the empty last field
	assert.throws(() => parse('a,b,y,\n1,2,0,\n3,4,1\n'), {message: 'p.csv:3:6: expected 4 fields as in the header, found 3'});
	assert.throws(() => parse('x,\n1\n'), {message: 'p.csv:1:3: the header ends in a comma: column 2 has no name, and the first row has 1 field; remove that comma'});
	assert.throws(() => parse('a,b\n1,2\n\n3,4,5\n'), {message: 'p.csv:4:5: expected 2 fields as in the header, found 3'});
});

test('→ refuses a quote that is never closed, naming where it opens', () => {
	assert.throws(() => parse('a,b\n1,"abc\n2,3\n'), {message: 'p.csv:2:3: a quoted field is never closed'});
});

test('→ refuses text after a closing quote, counting columns in characters', () => {
	assert.throws(() => parse('a,b\n"x"y,1\n'), {message: 'p.csv:2:4: unexpected "y" after a closing quote (a quote inside a quoted field is written "")'});
	assert.throws(() => parse('a,b\n😀,"x"y\n'), {message: 'p.csv:2:6: unexpected "y" after a closing quote (a quote inside a quoted field is written "")'});
});

test('→ refuses an empty column name', () => {
	assert.throws(() => parse('a,,c\n1,2,3\n'), {message: 'p.csv:1:3: column 2 has no name in the header'});
	assert.throws(() => parse('a,"  "\n1,2\n'), {message: 'p.csv:1:4: column 2 has no name in the header'});
});

test('→ refuses a column name given twice (after trimming), escaping line breaks in it', () => {
	assert.throws(() => parse('a, a\n1,2\n'), {message: 'p.csv:1:3: the column name "a" appears twice in the header'});
	assert.throws(() => parse('"x\ny","x\ny"\n1,2\n'), {message: 'p.csv:2:5: the column name "x\\ny" appears twice in the header'});
});

test('→ refuses more data cells than the limit, and accepts exactly the limit', () => {
	assert.throws(() => parseCsv('a,b\n1,2\n3,4\n', 'p.csv', 3), {message: 'p.csv: the table is over the limit of 3 cells (data rows × columns)'});
	assert.equal(parseCsv('a,b\n1,2\n3,4\n', 'p.csv', 4).rows, 2);
	assert.equal(parseCsv('a,b\n1,2\n3,4\n  \n', 'p.csv', 4).rows, 2);
});

test('→ stops reading a line of more cells than the limit before it ends', () => {
	assert.throws(() => parseCsv(`${','.repeat(1000)}\n`, 'p.csv', 10), {message: 'p.csv: the table is over the limit of 10 cells (data rows × columns)'});
});

test('a semicolon file whose decimal commas split its rows is named as semicolon-separated, not as ragged', () => {
	assert.throws(() => parse('admit;gre;gpa\n0;380;3,61\n'), {message: 'p.csv:1:1: one column, "admit;gre;gpa": the file looks separated by \';\'; gdlab reads comma-separated files'});
	assert.throws(() => parse('a\n1,2\n'), {message: 'p.csv:2:3: expected 1 field as in the header, found 2'});
});
