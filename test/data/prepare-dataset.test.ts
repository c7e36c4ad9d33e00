import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseCsv} from '../../src/data/parse-csv.js';
import {prepareDataset, type PrepareOptions} from '../../src/data/prepare-dataset.js';
import {readCsvFile} from '../../src/data/read-csv-file.js';
import {fixturePath} from '../helpers/fixtures.js';

const tolerance = 1e-12;
const prepare = (text: string, options?: PrepareOptions) => prepareDataset(parseCsv(text, 'p.csv'), options);
/** The feature values of one column, row by row. */
const column = (dataset: ReturnType<typeof prepare>, name: string) => {
	const feature = dataset.featureNames.indexOf(name);
	return Array.from({length: dataset.rows}, (_, row) => dataset.features[row * dataset.featureCount + feature]!);
};

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const sampleDeviation = (values: number[]) => Math.sqrt(values.reduce((sum, value) => sum + (value - mean(values)) ** 2, 0) / (values.length - 1));

test('→ takes admit, label, target, class or y (any case) as the target, else the first column', () => {
	assert.equal(prepare('gre,admit\n1,0\n2,1\n').targetName, 'admit');
	assert.equal(prepare('x,Label,y\n1,0,a\n2,1,b\n').targetName, 'Label');
	assert.equal(prepare('outcome,x\n0,1\n1,2\n').targetName, 'outcome');
	assert.equal(prepare('admit,outcome,x\n0,1,5\n1,0,6\n', {target: 'outcome'}).targetName, 'outcome');
});

test('→ refuses an unknown --target, listing the columns', () => {
	assert.throws(() => prepare('admit,gre\n0,1\n1,2\n', {target: 'score'}), {name: 'DataError', message: 'p.csv: unknown target column "score"; columns are admit, gre'});
	const quotedName = '"say ""hi""",x\nyes,1\nno,2\n';
	assert.equal(prepare(quotedName, {target: 'say "hi"'}).targetName, 'say "hi"', 'the name as the file has it');
	assert.equal(prepare(quotedName, {target: '"say ""hi"""'}).targetName, 'say "hi"', 'or quoted as the messages quote it');
	assert.throws(() => prepare(quotedName, {target: '"say hi"'}), {message: 'p.csv: unknown target column "say hi"; columns are "say ""hi""", x'});
});

test('→ lists at most ten columns of a wide file in a message', () => {
	const header = Array.from({length: 2000}, (_, index) => `c${index + 1}`).join(',');
	const row = Array.from({length: 2000}, (_, index) => index % 2).join(',');
	assert.throws(() => prepare(`${header}\n${row}\n${row}\n`, {target: 'score'}), {message: 'p.csv: unknown target column "score"; columns are c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, … (2000 columns)'});
});

test('→ maps 0/1 targets as they are', () => {
	const dataset = prepare('admit,x\n1,1\n0,2\n1,3\n');
	assert.deepEqual(dataset.targetMapping, [['0', 0], ['1', 1]]);
	assert.deepEqual(Array.from(dataset.targets), [1, 0, 1]);
});

test('→ maps yes/no and true/false in any case, whatever their sorted order', () => {
	const yesNo = prepare('admit,x\nYes,1\nNo,2\n');
	assert.deepEqual(yesNo.targetMapping, [['No', 0], ['Yes', 1]]);
	assert.deepEqual(Array.from(yesNo.targets), [1, 0]);
	const trueFalse = prepare('admit,x\nTRUE,1\nfalse,2\nTRUE,3\n');
	assert.deepEqual(trueFalse.targetMapping, [['false', 0], ['TRUE', 1]]);
	assert.deepEqual(Array.from(trueFalse.targets), [1, 0, 1]);
});

test('→ reads a column of nothing but true/false (or yes/no) spellings as two classes, whatever their case', () => {
	const spellings = prepare('admit,x\nTrue,1\nfalse,2\nTRUE,3\nFalse,4\ntrue,5\n');
	assert.deepEqual(spellings.targetMapping, [['false', 0], ['true', 1]], 'a word spelled more than one way is named in lower case');
	assert.deepEqual(Array.from(spellings.targets), [1, 0, 1, 0, 1]);
	assert.deepEqual(prepare('admit,x\nYes,1\nno,2\nYES,3\nno,4\n').targetMapping, [['no', 0], ['yes', 1]], 'one spelling keeps its case');
	assert.deepEqual(prepare('admit,x\nTrue,1\ntrue,2\n').targetMapping, [['True', 0], ['true', 1]], 'two spellings of one word alone stay two classes, as they trained before');
	assert.deepEqual(prepare('admit,x\nT,1\nt,2\n').targetMapping, [['T', 0], ['t', 1]]);
	assert.throws(() => prepare('admit,x\nT,1\nt,2\nA,3\n'), {message: /has 3 classes \("A", "T", "t"\)/}, 'with another label, nothing is merged');
	assert.throws(() => prepare('admit,x\nTrue,1\ntrue,2\nmaybe,3\n'), {message: /has 3 classes/});
	assert.throws(() => prepare('admit,x\nTrue,1\nfalse,2\nT,3\n'), {message: /has 3 classes/}, 'true and t are different words');
	assert.deepEqual(prepare('admit,x\nA,1\na,2\nA,3\n').targetMapping, [['A', 0], ['a', 1]], 'other labels keep their case: two classes');
});


test('→ maps any two labels in sorted order, the second to 1', () => {
	const dataset = prepare('admit,x\nrejected,1\nadmitted,2\n');
	assert.deepEqual(dataset.targetMapping, [['admitted', 0], ['rejected', 1]]);
	assert.deepEqual(Array.from(dataset.targets), [1, 0]);
});

test('→ maps numeric labels by value: 1/2 gives 2 → 1, and 1 and 1.0 are one class', () => {
	const dataset = prepare('class,x\n2,1\n1,2\n2,3\n');
	assert.deepEqual(dataset.targetMapping, [['1', 0], ['2', 1]]);
	assert.deepEqual(Array.from(dataset.targets), [1, 0, 1]);
	assert.deepEqual(prepare('y,x\n1.0,1\n0,2\n1,3\n').targetMapping, [['0', 0], ['1.0', 1]]);
});

test('→ refuses a target with one class', () => {
	assert.throws(() => prepare('admit,x\n1,1\n1,2\n'), {message: 'p.csv: the target column "admit" has only one class ("1"); it needs two (choose the target column with --target)'});
	assert.throws(() => prepare('a,b\n1,1\n1,2\n', {target: 'a'}), {message: 'p.csv: the target column "a" has only one class ("1"); it needs two'});
	assert.throws(() => prepare('y,b\n1,1\n1,2\n0,NA\n1,3\n', {target: 'y'}), {message: 'p.csv: the target column "y" has only one class ("1") in the 3 rows kept (1 with a missing value was dropped); it needs two'});
});

test('→ refuses a target with more than two classes, showing five', () => {
	assert.throws(() => prepare('x,admit\n1,0\n2,1\n3,2\n', {target: 'admit'}), {message: 'p.csv: the target column "admit" has 3 classes ("0", "1", "2"); it needs exactly two'});
	const rows = Array.from({length: 7}, (_, index) => `${400 + index * 20},${index}`).join('\n');
	assert.throws(() => prepare(`gre,x\n${rows}\n`), {message: 'p.csv: the target column "gre" has 7 classes ("400", "420", "440", "460", "480", …); it needs exactly two (choose the target column with --target)'});
});

test('→ drops and counts rows with a missing value in any of its spellings', () => {
	const dataset = prepare('admit,gre\n0,1\n1,\n0,NA\n1, n/a \n0,NaN\n1,null\n0,None\n1,?\n0,2\n1,3\n?,4\n');
	assert.equal(dataset.rows, 3);
	assert.equal(dataset.droppedRows, 8);
	assert.deepEqual(Array.from(dataset.targets), [0, 0, 1]);
});

test('→ reads every marker pandas reads as NaN as missing (#N/A from spreadsheets among them), but not numbers that start as one might', () => {
	const markers = ['#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NULL', 'n/a'];
	const dataset = prepare(`admit,gre\n${markers.map((marker, index) => `${index % 2},${marker}`).join('\n')}\n0,-1\n1,1.5\n0,-1.25\n1,10\n`);
	assert.equal(dataset.droppedRows, markers.length);
	assert.equal(dataset.rows, 4);
	assert.deepEqual(Array.from(dataset.targets), [0, 1, 0, 1]);
});

test('→ refuses a missing value with --strict, naming line and column', () => {
	const text = 'admit,gre,gpa\n0,380,3.6\n1,660,NA\n0,500,\n';
	assert.throws(() => prepare(text, {strict: true}), {message: 'p.csv:3:7: missing value "NA" in column "gpa" (--strict refuses rows with missing values)'});
	assert.throws(() => prepare('admit,gre,gpa\n0,380,3.6\n1,,3.1\n', {strict: true}), {message: 'p.csv:3:3: missing value (an empty cell) in column "gre" (--strict refuses rows with missing values)'});
});

test('→ refuses a file where every row has a missing value', () => {
	assert.throws(() => prepare('admit,gre\n0,\n1,NA\n'), {message: 'p.csv: every one of the 2 data rows has a missing value: column "gre" has no value at all; remove it from the file'});
	assert.throws(() => prepare('admit,a,b,z,y\n0,,1,,\n1,2,,,NA\n'), {message: 'p.csv: every one of the 2 data rows has a missing value: columns "z", "y" have no value at all; remove them from the file'});
	assert.throws(() => prepare('admit,a,b\n0,,1\n1,2,\n'), {message: 'p.csv: every one of the 2 data rows has a missing value'});
});

test('→ standardises numeric columns to mean 0 and sample standard deviation 1', () => {
	const dataset = prepare('admit,gre,gpa\n0,1,3.5\n1,2,2.5\n0,3,4.0\n1,6,3.9\n');
	const expected = [-2, -1, 0, 3].map(deviation => deviation / Math.sqrt(14 / 3));
	assert.ok(column(dataset, 'gre').every((value, row) => Math.abs(value - expected[row]!) < tolerance));
	for (const name of ['gre', 'gpa']) {
		assert.ok(Math.abs(mean(column(dataset, name))) < tolerance, name);
		assert.ok(Math.abs(sampleDeviation(column(dataset, name)) - 1) < tolerance, name);
	}
});

test('→ reads whitespace around values, signs and exponents as numbers', () => {
	const written = prepare('admit,x\n0, 1 \n1,+2\n0,3e0\n1,".4e1"\n');
	assert.deepEqual(column(written, 'x'), column(prepare('admit,x\n0,1\n1,2\n0,3\n1,4\n'), 'x'));
});

test('→ one-hot encodes rank by default, appending dummies after the numeric columns', () => {
	const dataset = prepare('admit,rank,gre\n0,3,380\n1,1,660\n1,4,800\n0,2,640\n0,3,520\n');
	assert.deepEqual(dataset.featureNames, ['gre', 'rank_1', 'rank_2', 'rank_3', 'rank_4']);
	assert.deepEqual(Array.from(dataset.features.subarray(1, 5)), [0, 0, 1, 0]);
	assert.deepEqual(Array.from(dataset.features.subarray(6, 10)), [1, 0, 0, 0]);
});

test('→ takes Rank in any case as the default categorical column', () => {
	assert.deepEqual(prepare('Admit,Rank\n0,2\n1,1\n').featureNames, ['Rank_1', 'Rank_2']);
});

test('→ one-hot encodes the columns --categorical lists, instead of the default', () => {
	const text = 'admit,rank,gre\n0,3,380\n1,1,660\n1,3,380\n';
	assert.deepEqual(prepare(text, {categorical: ['gre']}).featureNames, ['rank', 'gre_380', 'gre_660']);
	assert.deepEqual(prepare(text, {categorical: []}).featureNames, ['rank', 'gre']);
});

test('→ one-hot encodes a text column, levels sorted as text', () => {
	const dataset = prepare('admit,size,x\n0,S,1\n1,M,2\n0,L,3\n1,M,4\n');
	assert.deepEqual(dataset.featureNames, ['x', 'size_L', 'size_M', 'size_S']);
	assert.deepEqual(Array.from(dataset.features.subarray(1, 4)), [0, 0, 1]);
});

test('→ sorts numeric levels by value, numbers before text, and names them as first written', () => {
	assert.deepEqual(prepare('admit,rank\n0,10\n1,9\n0,02\n1,2.0\n').featureNames, ['rank_02', 'rank_9', 'rank_10']);
	assert.deepEqual(prepare('admit,size\n0,b\n1,10\n0,a\n1,9\n0,c\n').featureNames, ['size_9', 'size_10', 'size_a', 'size_b', 'size_c']);
});

test('→ refuses an unknown --categorical column, and the target as categorical', () => {
	assert.throws(() => prepare('admit,gre\n0,1\n1,2\n', {categorical: ['school']}), {message: 'p.csv: unknown column "school" in --categorical; columns are admit, gre'});
	assert.throws(() => prepare('admit,gre\n0,1\n1,2\n', {categorical: ['admit']}), {message: 'p.csv: "admit" is the target column; it cannot also be --categorical'});
});

test('→ refuses text in a mostly numeric column, naming the cell', () => {
	assert.throws(() => prepare('admit,gre\n0,380\n1,660\n0,abc\n'), {message: 'p.csv:4:3: "abc" is not a number in numeric column "gre"'});
});

test('→ reads 0x1F, Infinity and 1_000 as text, not numbers', () => {
	for (const cell of ['0x1F', 'Infinity', '-inf', '1_000', '0b1']) {
		assert.throws(() => prepare(`admit,gre\n0,380\n1,660\n0,${cell}\n`), {message: `p.csv:4:3: "${cell}" is not a number in numeric column "gre"`});
	}
});

test('→ refuses a number too large for a double', () => {
	assert.throws(() => prepare('admit,gre\n0,380\n1,1e400\n'), {message: 'p.csv:3:3: "1e400" is too large for a number (over 1.8e308) in column "gre"'});
});

test('→ shows a long cell cut short and a line break escaped', () => {
	const long = 'x'.repeat(60);
	assert.throws(() => prepare(`admit,gre\n0,1\n1,2\n0,${long}\n`), {message: `p.csv:4:3: "${'x'.repeat(39)}…" is not a number in numeric column "gre"`});
	assert.throws(() => prepare('admit,gre\n0,1\n1,2\n0,"a\nb"\n'), {message: 'p.csv:4:4: "a\\nb" is not a number in numeric column "gre"'});
});

test('→ refuses a constant numeric column', () => {
	assert.throws(() => prepare('admit,gre,gpa\n0,380,3\n1,380,4\n'), {message: 'p.csv: column "gre" is constant (standard deviation 0); remove it or add varied rows'});
});

test('→ refuses a numeric column whose spread is lost in rounding', () => {
	assert.throws(() => prepare('admit,gre\n0,0\n1,5e-324\n'), {message: 'p.csv: column "gre" has values too small or too close together to standardise (their spread underflows to 0); rescale it or remove it'});
	assert.throws(() => prepare('admit,gre\n0,1e308\n1,-1e308\n'), {message: 'p.csv: column "gre" has values too large to standardise (up to 1.0e+308: their squares overflow); rescale it or remove it'});
	// every value finite and varied, as a column of large measurements may be
	assert.throws(() => prepare(`admit,gre\n${Array.from({length: 20}, (_, index) => `${index % 2},${index * 1e200}`).join('\n')}\n`), {message: 'p.csv: column "gre" has values too large to standardise (up to 1.9e+201: their squares overflow); rescale it or remove it'});
});

test('→ refuses a constant categorical column', () => {
	assert.throws(() => prepare('admit,school\n0,MIT\n1,MIT\n'), {message: 'p.csv: column "school" is constant (every row is "MIT"); remove it or add varied rows'});
});

test('→ refuses a file with no feature besides the target', () => {
	assert.throws(() => prepare('admit\n0\n1\n'), {message: 'p.csv: there are no feature columns besides the target "admit"'});
});

test('→ refuses two features of one name', () => {
	assert.throws(() => prepare('admit,rank,rank_1\n0,1,5\n1,2,6\n'), {message: 'p.csv: two features would be named "rank_1" (a dummy is named column_value); rename a column'});
});

test('→ refuses a categorical column of more than 1000 values', () => {
	const rows = Array.from({length: 1001}, (_, index) => `${index % 2},id${index}`).join('\n');
	assert.throws(() => prepare(`admit,id\n${rows}\n`), {message: 'p.csv: column "id" has more than 1000 distinct values, the limit for a categorical column (each value becomes a feature); if it names the rows (an id), leave it out with --ignore id'});
});

test('→ refuses more than 100 million feature values before making them', () => {
	const rows = Array.from({length: 10_001}, (_, row) => `${row % 2}${`,v${row % 1000}`.repeat(10)}`).join('\n');
	const header = ['admit', ...Array.from({length: 10}, (_, index) => `c${index}`)].join(',');
	assert.throws(() => prepare(`${header}\n${rows}\n`), {message: 'p.csv: 10001 rows × 10000 features is over the limit of 100000000 feature values'});
});

test('→ prepares a messy file: BOM, CRLF, quoted commas and quotes, missing values, yes/no', () => {
	const path = fixturePath('csv/messy-admissions.csv');
	const dataset = prepareDataset(readCsvFile(path));
	assert.deepEqual(dataset.featureNames, ['gre', 'gpa', 'school_Smith College, MA', 'school_The "Best" School']);
	assert.equal(dataset.rows, 4);
	assert.equal(dataset.droppedRows, 2);
	assert.deepEqual(dataset.targetMapping, [['no', 0], ['yes', 1]]);
	assert.deepEqual(Array.from(dataset.targets), [1, 0, 0, 0]);
	assert.ok(Math.abs(column(dataset, 'gre')[0]! - (380 - 530) / Math.sqrt(40_400 / 3)) < tolerance);
	assert.deepEqual(column(dataset, 'school_Smith College, MA'), [1, 0, 0, 1]);
	assert.throws(() => prepareDataset(readCsvFile(path), {strict: true}), {message: `${path}:5:5: missing value "NA" in column "gre" (--strict refuses rows with missing values)`});
});

test('reading notes: a text column one-hot encoded into many features, and rank read as a number when --categorical names others', () => {
	const ids = `admit,name,x\n${Array.from({length: 30}, (_, row) => `${row % 2},n${row},${row}`).join('\n')}\n`;
	assert.deepEqual(prepare(ids).readingNotes, ['column "name" has 30 distinct values, one-hot encoded into as many features (an id? --ignore name leaves it out)']);
	const awkward = `"first, last",it's,admit\n${Array.from({length: 30}, (_, row) => `n${row},v${row},${row % 2}`).join('\n')}\n`;
	assert.deepEqual(prepare(awkward).readingNotes, [
		'column "first, last" has 30 distinct values, one-hot encoded into as many features (an id? --ignore \'"first, last"\' leaves it out)',
		'column "it\'s" has 30 distinct values, one-hot encoded into as many features (an id? --ignore \'it\'\\\'\'s\' leaves it out)',
	], 'the flag as a shell takes it');
	assert.deepEqual(prepare(ids, {categorical: ['name']}).readingNotes, [], 'asked for: nothing to say');
	const ranked = 'admit,gre,rank\n0,300,1\n1,400,2\n0,500,1\n1,600,2\n';
	assert.deepEqual(prepare(ranked).readingNotes, []);
	assert.deepEqual(prepare(ranked, {categorical: ['gre']}).readingNotes, ['column "rank" is read as a number: --categorical replaces the default; add it to the list to one-hot encode it']);
	assert.deepEqual(prepare(ranked, {categorical: ['gre', 'rank']}).readingNotes, []);
	// numbers in a column that is mostly placeholders: one-hot encoded by value, which is worth a word
	const mixed = 'admit,x,y\n0,inf,1\n1,inf,2\n0,unknown,3\n1,1.5e300,4\n';
	assert.deepEqual(prepare(mixed).readingNotes, ['column "x" mixes numbers and text ("1.5e300", "inf"): one-hot encoded, each distinct value a feature (clean it or remove it)']);
	assert.deepEqual(prepare(mixed, {categorical: ['x']}).readingNotes, [], 'asked for: nothing to say');
});

test('a file separated by semicolons or tabs is named as such, not read as one column of many classes', () => {
	assert.throws(() => prepare('a;b;y\n1;2;0\n3;4;1\n'), {message: 'p.csv:1:1: one column, "a;b;y": the file looks separated by \';\'; gdlab reads comma-separated files'});
	assert.throws(() => prepare('a\tb\ty\n1\t2\t0\n3\t4\t1\n'), {message: /p\.csv:1:1: one column, .*: the file looks separated by tabs; gdlab reads comma-separated files/});
});

test('→ leaves --ignore columns out: no feature, and a missing value there drops no row', () => {
	const text = 'id,gre,admit,name\nu1,1,0,\nu2,2,1,bo\n,3,0,cy\nu4,4,1,di\nu5,5,0,ed\nu6,6,1,fa\n';
	const dataset = prepare(text, {ignore: ['id', 'name']});
	assert.deepEqual(dataset.featureNames, ['gre']);
	assert.equal(dataset.rows, 6);
	assert.equal(dataset.droppedRows, 0);
	assert.equal(prepare(text).droppedRows, 2, 'without --ignore the rows missing an id or a name are dropped');
});

test('→ refuses an --ignore column that is not there, is the target, or is also --categorical', () => {
	const text = 'id,gre,admit\nu1,1,0\nu2,2,1\nu3,3,0\n';
	assert.throws(() => prepare(text, {ignore: ['ids']}), {message: 'p.csv: unknown column "ids" in --ignore; columns are id, gre, admit'});
	assert.throws(() => prepare(text, {ignore: ['admit'], target: 'admit'}), {message: 'p.csv: "admit" is the target column; --ignore cannot leave it out'});
	assert.throws(() => prepare(text, {ignore: ['id'], categorical: ['id']}), {message: 'p.csv: "id" is both --categorical and --ignore; give it to one of them'});
	// every column left out: said so, not blamed on a target nobody chose
	assert.throws(() => prepare(text, {ignore: ['id', 'gre', 'admit']}), {message: 'p.csv: --ignore leaves out every column; keep the target and at least one feature'});
});

test('→ names --ignore when a column has too many distinct values to one-hot encode', () => {
	const rows = Array.from({length: 1002}, (_, row) => `u${row},${row % 2},${row % 7}`).join('\n');
	assert.throws(() => prepare(`id,admit,gre\n${rows}\n`), {message: 'p.csv: column "id" has more than 1000 distinct values, the limit for a categorical column (each value becomes a feature); if it names the rows (an id), leave it out with --ignore id'});
	assert.deepEqual(prepare(`id,admit,gre\n${rows}\n`, {ignore: ['id']}).featureNames, ['gre']);
});

test('→ --ignore on the first column of a file with no default target name guesses the target among the others', () => {
	const text = `PassengerId,Survived,Fare\n${Array.from({length: 40}, (_, row) => `${row + 1},${row % 2},${(row * 7) % 5}`).join('\n')}\n`;
	const dataset = prepare(text, {ignore: ['PassengerId']});
	assert.equal(dataset.targetName, 'Survived', 'the first column not left out');
	assert.deepEqual(dataset.featureNames, ['Fare']);
});

test('→ notes and messages leave --ignore columns out: no "read as a number" note for them, no blame for empty rows, and say when --ignore took every feature', () => {
	const notes = prepare('admit,rank,school,gre\n0,1,a,1\n1,2,b,2\n0,3,a,3\n1,4,b,4\n', {ignore: ['rank'], categorical: ['school']}).readingNotes;
	assert.deepEqual(notes, []);
	assert.throws(() => prepare('id,x,admit\n,NA,0\n,NA,1\n', {ignore: ['id']}), {message: 'p.csv: every one of the 2 data rows has a missing value: column "x" has no value at all; remove it from the file'});
	assert.throws(() => prepare('id,x,admit\nu1,1,0\nu2,2,1\n', {ignore: ['id', 'x']}), {message: 'p.csv: there are no feature columns besides the target "admit" (--ignore leaves the others out)'});
});
