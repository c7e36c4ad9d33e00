import assert from 'node:assert/strict';
import {test} from 'node:test';
import {frameRows, minimumChartRows, planTrainingLayout, screenRows, tooSmallMessage, trainingChromeRows} from '../../src/ui/plan-layout.js';

test('below 60×18 the dashboard says so in one line', () => {
	assert.equal(tooSmallMessage({columns: 59, rows: 40}), 'terminal too small: 59×40, need 60×18 · only q works');
	assert.equal(tooSmallMessage({columns: 52, rows: 16}), 'terminal too small: 52×16, need 60×18 · only q works');
	assert.equal(tooSmallMessage({columns: 51, rows: 16}), 'terminal too small: 51×16, need 60×18');
	assert.equal(tooSmallMessage({columns: 60, rows: 18}), undefined);
});

test('on a narrow terminal the too-small line shortens so the size it needs stays on screen', () => {
	assert.equal(tooSmallMessage({columns: 38, rows: 5}), 'terminal too small: 38×5, need 60×18');
	assert.equal(tooSmallMessage({columns: 24, rows: 5}), 'too small: need 60×18');
	assert.equal(tooSmallMessage({columns: 12, rows: 3}), 'need 60×18');
});

test('a frame keeps one line free, so Ink redraws only what changed', () => {
	assert.equal(frameRows(24), 23);
	assert.equal(screenRows({columns: 80, rows: 24}), 22);
});

test('the chart gets what the panel leaves, never less than its minimum', () => {
	const body = 22 - trainingChromeRows;
	assert.deepEqual(planTrainingLayout(22, {height: 7, clippable: true}), {chartRows: body - 7, panelRows: 7});
	assert.deepEqual(planTrainingLayout(22, undefined), {chartRows: body, panelRows: 0});
	assert.deepEqual(planTrainingLayout(22, {height: 17, clippable: true}), {chartRows: 9, panelRows: 9}, 'a long table shares the room half and half');
	assert.deepEqual(planTrainingLayout(16, {height: 10, clippable: false}), {chartRows: 0, panelRows: 12}, 'the one-step panel alone rather than cut');
	for (let height = 16; height < 60; height++) {
		for (const panelHeight of [5, 8, 12, 30]) {
			for (const clippable of [true, false]) {
				for (const messageRows of [1, 2]) {
					const {chartRows, panelRows} = planTrainingLayout(height, {height: panelHeight, clippable}, messageRows);
					assert.ok(chartRows + panelRows + trainingChromeRows + messageRows - 1 <= height);
					assert.ok(chartRows === 0 || chartRows >= minimumChartRows);
				}
			}
		}
	}
});

test('a second message line comes out of the body', () => {
	const body = 22 - trainingChromeRows - 1;
	assert.deepEqual(planTrainingLayout(22, {height: 7, clippable: true}, 2), {chartRows: body - 7, panelRows: 7});
	assert.deepEqual(planTrainingLayout(22, undefined, 2), {chartRows: body, panelRows: 0});
});
