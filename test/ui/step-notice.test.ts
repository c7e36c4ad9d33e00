/** What . says, pressed again and again, on a run the screen has or has not caught up with. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {settledStepNotice, stepNotice} from '../../src/ui/step-notice.js';

test('. on a paused run the screen has caught up with names the epoch it trains', () => {
	assert.equal(stepNotice(undefined, true, 58, 1000).text, 'one epoch: epoch 58');
	assert.equal(stepNotice(stepNotice(undefined, true, 58, 1000), true, 59, 1000).text, 'one epoch: epoch 59', 'caught up again, the screen\'s epoch');
});

test('. on a running run promises one more epoch and names none', () => {
	assert.equal(stepNotice(undefined, false, 58, 1000).text, 'paused after one more epoch');
	assert.equal(stepNotice(stepNotice(undefined, true, 58, 1000), false, undefined, 1000).text, 'paused after one more epoch');
});

test('. again before the screen caught up counts on from the . before it: the epoch it named, or the epochs to come', () => {
	const first = stepNotice(undefined, true, 58, 1000);
	const second = stepNotice(first, true, undefined, 1000);
	assert.equal(second.text, 'one epoch: epoch 59');
	assert.equal(stepNotice(second, true, undefined, 1000).text, 'one epoch: epoch 60');
	const unnamed = stepNotice(undefined, false, undefined, 1000);
	const again = stepNotice(unnamed, true, undefined, 1000);
	assert.equal(again.text, 'paused after 2 more epochs');
	assert.equal(stepNotice(again, true, undefined, 1000).text, 'paused after 3 more epochs');
});

test('. after another key\'s notice, before the screen caught up, counts from one again', () => {
	assert.equal(stepNotice('η 0.5 → 1 from epoch 58', true, undefined, 1000).text, 'paused after one more epoch');
	assert.equal(stepNotice({text: 'batch: per record', tone: 'info'}, true, undefined, 1000).text, 'paused after one more epoch');
});

test('a . notice gives way to "done after …" once the run is done', () => {
	assert.equal(stepNotice(undefined, true, 58, 1000).whileTraining, true);
	assert.equal(stepNotice(undefined, false, undefined, 1000).whileTraining, true);
});

test('counting on stops at the epoch target, where the run stops', () => {
	const last = stepNotice(undefined, true, 100, 100);
	assert.equal(last.text, 'one epoch: epoch 100');
	assert.equal(stepNotice(stepNotice(last, true, undefined, 100), true, undefined, 100).text, 'one epoch: epoch 100');
});

test('a . that named no epoch names the one the run paused at once the screen has caught up, and only then', () => {
	const unnamed = stepNotice(undefined, false, undefined, 1000);
	assert.equal(settledStepNotice(unnamed, false, true, 37), unnamed, 'not caught up: as it was');
	assert.equal(settledStepNotice(unnamed, true, false, 37), unnamed, 'running again: as it was');
	assert.deepEqual(settledStepNotice(unnamed, true, true, 39), {...unnamed, text: 'paused at epoch 39', epoch: 39});
	const named = stepNotice(undefined, true, 58, 1000);
	assert.equal(settledStepNotice(named, true, true, 58), named, 'one that named its epoch stays');
	assert.equal(settledStepNotice('η 0.5 → 1 from epoch 58', true, true, 58), 'η 0.5 → 1 from epoch 58', 'another key\'s notice stays');
});
