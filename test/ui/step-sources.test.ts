/** The one-step panel's training records: each names the file's own data row, dropped rows counted. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseCsv} from '../../src/data/parse-csv.js';
import {prepareDataset} from '../../src/data/prepare-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {createRandom} from '../../src/engine/random.js';
import {lessonConfig, TrainingSession} from '../../src/engine/training-session.js';
import {singleStepInput, stepSourceCount} from '../../src/ui/step-sources.js';

test('a training record names its data row in the file, also after a row dropped for a missing value', () => {
	// x is the data row's own number, so the record shows which row it came from; row 8 has no y
	const rows = Array.from({length: 60}, (_, index) => `${index % 2},${index + 1},${index === 7 ? '' : (index * 7) % 11}`);
	const dataset = prepareDataset(parseCsv(`t,x,y\n${rows.join('\n')}\n`, 'rows.csv'), {target: 't'});
	assert.equal(dataset.droppedRows, 1);
	const split = splitDataset(dataset, createRandom('numpy', 42));
	const session = new TrainingSession(split, lessonConfig('single'));
	const examples = stepSourceCount('single', split) - split.train.rows;
	// x is standardised over the kept rows (1 … 60 but 8, sample standard deviation): undo that to read the row
	const raw = Array.from({length: 60}, (_, index) => index + 1).filter(row => row !== 8);
	const mean = raw.reduce((sum, value) => sum + value, 0) / raw.length;
	const deviation = Math.sqrt(raw.reduce((sum, value) => sum + ((value - mean) ** 2), 0) / (raw.length - 1));
	for (let record = 0; record < split.train.rows; record++) {
		const {title, x} = singleStepInput(examples + record, split, session.snapshot());
		const dataRow = Number(/\(data row (\d+)\)/.exec(title)![1]);
		assert.equal(dataRow, Math.round((x[0]! * deviation) + mean), `record ${record + 1}`);
	}
});
