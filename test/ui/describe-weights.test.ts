/** The weights panel: – for steps and gradients until the first epoch has made some. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {lessonConfig, TrainingSession, type SessionSnapshot} from '../../src/engine/training-session.js';
import {describeWeights, hiddenOutputRow, inputColumn, maxTableColumns, maxTableRows, notYetMark} from '../../src/ui/describe-weights.js';
import {clipPanel, fitTableColumns, moreRowsLabel, shortenLabels} from '../../src/ui/table-spec.js';
import {lessonSplit} from './dashboard-harness.js';

const cells = (session: TrainingSession, columns: (column: string) => boolean): string[] => {
	const [table] = describeWeights(session.snapshot(), lessonSplit().dataset.featureNames).tables;
	return table!.rows.flatMap(row => Object.entries(row).filter(([column]) => columns(column)).map(([, cell]) => cell));
};

test('before the first epoch, last Δw and the gradient are –, not zeros; after it, numbers', () => {
	for (const model of ['single', 'backprop'] as const) {
		const session = new TrainingSession(lessonSplit(), lessonConfig(model));
		const steps = (column: string) => /Δw|∇|gradient/.test(column);
		assert.ok(cells(session, steps).every(cell => cell === notYetMark), model);
		assert.ok(cells(session, column => column === 'weight' || column.startsWith('w ')).every(cell => cell !== notYetMark), `${model}: the weights are there`);
		session.advance(1);
		assert.ok(cells(session, steps).every(cell => cell !== notYetMark && cell !== '0'), `${model} after one epoch`);
	}
});

test('a wide network\'s table is made with only what a terminal can show; the "… +n" row and "…" column count the rest', () => {
	const features = 1000;
	const hidden = 200;
	const weights = Float64Array.from({length: (features * hidden) + hidden}, (_, index) => index / 1e6);
	const snapshot = {config: {...lessonConfig('backprop'), hidden}, weights, lastWeightStep: weights, gradient: weights, epoch: 3, status: 'training'} as unknown as SessionSnapshot;
	const names = Array.from({length: features}, (_, feature) => `x${feature}`);
	const panel = describeWeights(snapshot, names);
	const [table] = panel.tables;
	assert.ok(table!.rows.length <= maxTableRows + 1 && table!.columns.length <= maxTableColumns + 1, `${table!.rows.length} rows, ${table!.columns.length} columns`);
	const [clipped] = clipPanel(panel, 20).tables;
	const shownRows = clipped!.rows.map(row => row[inputColumn]);
	assert.equal(shownRows.at(-1), hiddenOutputRow);
	const more = shownRows.at(-2)!;
	assert.equal(more, moreRowsLabel(features - (shownRows.length - 2)), 'the count is of every feature row not shown');
	assert.equal(clipped!.rows[0]!['w h1'], '0', 'the first weight is where it was');
	assert.match(fitTableColumns(shortenLabels(clipped!), 80).at(-1)!, /^… \+\d+$/);
	// a small table is made whole, and cut only if it does not fit
	const [small] = describeWeights(new TrainingSession(lessonSplit(), lessonConfig('backprop')).snapshot(), lessonSplit().dataset.featureNames).tables;
	assert.equal(small!.omittedRows, 0);
	assert.equal(small!.omittedColumns, 0);
	assert.doesNotMatch(fitTableColumns(small!, 200).at(-1)!, /^…/);
});
