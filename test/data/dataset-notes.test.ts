import assert from 'node:assert/strict';
import {test} from 'node:test';
import {datasetNotes} from '../../src/data/dataset-notes.js';
import {loadDataset} from '../../src/data/load-dataset.js';
import {parseCsv} from '../../src/data/parse-csv.js';
import {prepareDataset} from '../../src/data/prepare-dataset.js';

test('→ says nothing about 0/1 data without missing values', () => {
	assert.deepEqual(datasetNotes(loadDataset(undefined)), []);
});

test('→ tells how many rows were dropped and how the target\'s labels map', () => {
	const dataset = prepareDataset(parseCsv('admit,gre\nyes,1\nno,NA\nno,2\nyes,3\n', 'n.csv'));
	assert.deepEqual(datasetNotes(dataset), ['dropped 1 of 4 rows with a missing value', 'target "admit": "no" → 0, "yes" → 1']);
});
