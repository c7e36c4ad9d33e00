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
