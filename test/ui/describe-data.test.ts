import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {SplitDataset} from '../../src/data/dataset.js';
import {describeDataLong, describeDataShort} from '../../src/ui/describe-data.js';

/** A split of `rows` rows (one held out) with these feature names: only its sizes and names are described. */
function split(rows: number, featureNames: string[]): SplitDataset {
	return {
		dataset: {name: 'two.csv', rows, featureNames},
		train: {rows: rows - 1},
		test: {rows: 1},
	} as unknown as SplitDataset;
}

test('the data is described in words with the number of rows and features, singular for one', () => {
	assert.equal(describeDataShort(split(2, ['x']), 80), 'two.csv · 2 rows × 1 feature');
	assert.equal(describeDataLong(split(2, ['x'])), 'data: two.csv, 2 rows (1 training, 1 test), 1 feature: x');
	assert.equal(describeDataShort(split(400, ['a', 'b']), 80), 'two.csv · 400 rows × 2 features');
	assert.equal(describeDataShort(split(400, ['a', 'b']), 20), 'two.csv 400×2');
});

test('the help quotes a feature whose name has a comma, as the file does, so the list counts right', () => {
	assert.equal(describeDataLong(split(2, ['hours', 'score, final', 'say "hi"'])), 'data: two.csv, 2 rows (1 training, 1 test), 3 features: hours, "score, final", "say ""hi"""');
});

test('a name with its file in brackets leaves the file out before anything is cut: "admissions 400×6" in 19 columns', () => {
	const admissions = {...split(400, ['a', 'b', 'c', 'd', 'e', 'f']), dataset: {name: 'admissions (binary.csv)', rows: 400, featureNames: ['a', 'b', 'c', 'd', 'e', 'f']}} as unknown as SplitDataset;
	assert.equal(describeDataShort(admissions, 30), 'admissions (binary.csv) 400×6');
	assert.equal(describeDataShort(admissions, 27), 'admissions (binary.csv)');
	assert.equal(describeDataShort(admissions, 19), 'admissions 400×6');
	assert.equal(describeDataShort(admissions, 12), 'admissions');
	assert.equal(describeDataShort(admissions, 8), 'admissi…');
	assert.equal(describeDataShort(split(400, ['a']), 10), 'two.csv', 'a name without brackets loses its size, then is cut');
});
