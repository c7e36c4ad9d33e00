import assert from 'node:assert/strict';
import {test} from 'node:test';
import {clipPanel, fitTableColumns, moreColumnsHeading, panelHeight, type TableSpec} from '../../src/ui/table-spec.js';

const table: TableSpec = {
	columns: ['input', 'weight', 'last Δw'],
	rows: Array.from({length: 16}, (_, index) => ({input: `x${index + 1}`, weight: '0.1234', 'last Δw': '-1.23e-5'})),
};

test('columns that do not fit give way to a narrow … column, the first column always stays', () => {
	assert.deepEqual(fitTableColumns(table, 80), table.columns);
	assert.deepEqual(fitTableColumns(table, 25), ['input', 'weight', moreColumnsHeading]);
	assert.deepEqual(fitTableColumns(table, 5), ['input', moreColumnsHeading]);
});

test('a panel too tall for its room gives up records before each table\'s last one, for one "… +n" row', () => {
	const panel = {title: 'weights', lines: ['a line'], tables: [table]};
	assert.equal(panelHeight(panel), 19);
	const clipped = clipPanel(panel, 10);
	assert.equal(panelHeight(clipped), 10);
	assert.deepEqual(clipped.tables[0]!.rows.map(row => row['input']), ['x1', 'x2', 'x3', 'x4', 'x5', '… +10', 'x16']);
	assert.equal(clipPanel(panel, 40), panel);
});
