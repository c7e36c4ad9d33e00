import assert from 'node:assert/strict';
import {test} from 'node:test';
import {clipPanel, fitTableColumns, maxLabelLength, moreColumnsLabel, panelHeight, type TableSpec, shortLabel, shortenLabels} from '../../src/ui/table-spec.js';
import {displayWidth} from '../../src/ui/text-width.js';

const table: TableSpec = {
	columns: ['input', 'weight', 'last Δw'],
	rows: Array.from({length: 16}, (_, index) => ({input: `x${index + 1}`, weight: '0.1234', 'last Δw': '-1.23e-5'})),
};

test('columns that do not fit give way to a narrow "… +n" column counting them, the first column always stays', () => {
	assert.deepEqual(fitTableColumns(table, 80), table.columns);
	assert.deepEqual(fitTableColumns(table, 25), ['input', 'weight', '… +1']);
	assert.deepEqual(fitTableColumns(table, 5), ['input', '… +2']);
	assert.deepEqual(fitTableColumns({...table, omittedColumns: 40}, 25), ['input', '… +42'], 'with those left out when the table was made');
	assert.equal(moreColumnsLabel(35), '… +35');
});

test('a panel too tall for its room gives up records before each table\'s last one, for one "… +n" row', () => {
	const panel = {title: 'weights', lines: ['a line'], tables: [table]};
	assert.equal(panelHeight(panel), 19);
	const clipped = clipPanel(panel, 10);
	assert.equal(panelHeight(clipped), 10);
	assert.deepEqual(clipped.tables[0]!.rows.map(row => row['input']), ['x1', 'x2', 'x3', 'x4', 'x5', '… +10', 'x16']);
	assert.equal(clipPanel(panel, 40), panel);
});

test('a table\'s leading rows stay while the room allows: the rows below them give way first', () => {
	const panel = {lines: [], tables: [{...table, leadingRows: 3}]};
	assert.deepEqual(clipPanel(panel, 6).tables[0]!.rows.map(row => row['input']), ['x1', 'x2', 'x3', '… +12', 'x16']);
	assert.deepEqual(clipPanel({lines: [], tables: [table]}, 6).tables[0]!.rows.map(row => row['input']), ['x1', 'x2', 'x3', '… +12', 'x16'], 'at this height the same');
	assert.deepEqual(clipPanel(panel, 5).tables[0]!.rows.map(row => row['input']), ['x1', 'x2', 'x3', '… +12', 'x16'].filter(name => name !== 'x3').map(name => (name === '… +12' ? '… +13' : name)));
	// from 4 rows: the heading, the first record, "… +n" and the last are the least a table takes
	for (let rows = 4; rows <= 8; rows++) {
		assert.ok(panelHeight(clipPanel(panel, rows)) <= rows, `${rows} rows`);
	}
});

test('long headings and row labels are shortened around an ellipsis, keeping their ends; short ones stay', () => {
	assert.equal(shortLabel('rank_1'), 'rank_1');
	assert.equal(shortLabel('sixteen_letters_'), 'sixteen_letters_');
	assert.equal(shortLabel('very_long_feature_name_number_0'), 'very_long_…ber_0');
	const table = {
		columns: ['input', 'very_long_feature_name_number_0', 'w'],
		rows: [
			{input: 'very_long_feature_name_number_10', very_long_feature_name_number_0: '1', w: '2'},
			{input: 'very_long_feature_name_number_11', very_long_feature_name_number_0: '3', w: '4'},
		],
	};
	assert.deepEqual(shortenLabels(table), {
		columns: ['input', 'very_long_…ber_0', 'w'],
		rows: [
			{input: 'very_long_…er_10', 'very_long_…ber_0': '1', w: '2'},
			{input: 'very_long_…er_11', 'very_long_…ber_0': '3', w: '4'},
		],
	});
});

test('labels that would read the same once shortened show where they differ, within the same width', () => {
	const rows = [{input: 'a_very_long_name_x_which_ends_same'}, {input: 'a_very_long_name_y_which_ends_same'}, {input: 'rank_1'}];
	assert.deepEqual(shortenLabels({columns: ['input'], rows}).rows.map(row => row['input']), ['a_v…me_x_which_…', 'a_v…me_y_which_…', 'rank_1']);
	const headings = ['input', 'population_income_2019_total', 'population_income_2020_total', 'population_income_2021_total', 'w'];
	assert.deepEqual(shortenLabels({columns: headings, rows: []}).columns, ['input', 'pop…e_2019_total', 'pop…e_2020_total', 'pop…e_2021_total', 'w']);
	// differences at two places: each label shows the part after the prefix it shares longest with another
	const three = ['station_north_temperature_daily_max', 'station_north_temperature_daily_min', 'station_south_temperature_daily_max'];
	const shortened = shortenLabels({columns: three, rows: []}).columns;
	assert.equal(new Set(shortened).size, 3, shortened.join(', '));
	for (const label of [...shortened, ...shortenLabels({columns: ['日本語の長い特徴量名前です本当に長い', '日本語の長い特徴量名後です本当に長い'], rows: []}).columns]) {
		assert.ok(displayWidth(label) <= maxLabelLength, label);
	}
});

test('labels that would read the same even around where they differ stay in full', () => {
	const rows = [{input: 'a'.repeat(32)}, {input: 'a'.repeat(33)}];
	assert.deepEqual(shortenLabels({columns: ['input'], rows}).rows, rows);
});

test('wide (CJK) labels are shortened by the columns they take, never wider than the limit', () => {
	const label = '日本語の長い特徴量名前です本当に長い';
	// the end keeps 長い: with に it would take 6 columns, more than the 5 kept
	assert.equal(shortLabel(label), '日本語の長…長い');
	assert.ok(displayWidth(shortLabel(label)) <= maxLabelLength);
	assert.equal(shortLabel('日本語の特徴量名'), '日本語の特徴量名');
	assert.equal(shortLabel('日本語の特徴量名a'), '日本語の特…量名a');
});

test('columns are fitted by the columns their wide (CJK) cells take, not by their length', () => {
	const wide: TableSpec = {
		columns: ['input', 'weight', 'last Δw'],
		rows: [{input: '日本語の特徴量名', weight: '0.1234', 'last Δw': '-1.23e-5'}],
	};
	// input 16 + 2, weight 6 + 2, last Δw 8 + 2, a rule after each and one before: 40 columns (by length, 32)
	assert.deepEqual(fitTableColumns(wide, 40), wide.columns);
	assert.deepEqual(fitTableColumns(wide, 39), ['input', 'weight', '… +1']);
	assert.deepEqual(fitTableColumns(wide, 32), ['input', '… +2']);
});

test('optional columns give way first when a table does not fit, before any is cut at the end', () => {
	const table = {columns: ['unit', 'a', 'step', 'b'], rows: [{unit: 'h1', a: '0.2400', step: '0.002873', b: '7.08e-4'}], optional: ['step']};
	assert.deepEqual(fitTableColumns(table, 80), ['unit', 'a', 'step', 'b']);
	assert.deepEqual(fitTableColumns(table, 30), ['unit', 'a', 'b']);
	assert.deepEqual(fitTableColumns(table, 25), ['unit', 'a', '… +1'], 'then the rest is cut, the optional one first');
});
