/** What . says, pressed again and again, on a run the screen has or has not caught up with. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {stepNotice} from '../../src/ui/step-notice.js';

test('. on a paused run the screen has caught up with names the epoch it trains', () => {
	assert.equal(stepNotice(undefined, true, 58).text, 'one epoch: epoch 58');
	assert.equal(stepNotice(stepNotice(undefined, true, 58), true, 59).text, 'one epoch: epoch 59', 'caught up again, the screen\'s epoch');
});

test('. on a running run promises one more epoch and names none', () => {
	assert.equal(stepNotice(undefined, false, 58).text, 'paused after one more epoch');
	assert.equal(stepNotice(stepNotice(undefined, true, 58), false, undefined).text, 'paused after one more epoch');
});

test('. again before the screen caught up counts on from the . before it: the epoch it named, or the epochs to come', () => {
	const first = stepNotice(undefined, true, 58);
	const second = stepNotice(first, true, undefined);
	assert.equal(second.text, 'one epoch: epoch 59');
	assert.equal(stepNotice(second, true, undefined).text, 'one epoch: epoch 60');
	const unnamed = stepNotice(undefined, false, undefined);
	const again = stepNotice(unnamed, true, undefined);
	assert.equal(again.text, 'paused after 2 more epochs');
	assert.equal(stepNotice(again, true, undefined).text, 'paused after 3 more epochs');
});

test('. after another key\'s notice, before the screen caught up, counts from one again', () => {
	assert.equal(stepNotice('η 0.5 → 1 from epoch 58', true, undefined).text, 'paused after one more epoch');
	assert.equal(stepNotice({text: 'batch: per record', tone: 'info'}, true, undefined).text, 'paused after one more epoch');
});

test('a . notice gives way to "done after …" once the run is done', () => {
	assert.equal(stepNotice(undefined, true, 58).whileTraining, true);
	assert.equal(stepNotice(undefined, false, undefined).whileTraining, true);
});
