/** What . says, pressed again and again, on a run the screen has or has not caught up with. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {settledStepNotice, stepNotice, type StepPress} from '../../src/ui/step-notice.js';

/** A . pressed on a run paused or not, the next epoch known or not, 50 epochs on show, with this target. */
const at = (paused: boolean, nextEpoch: number | undefined, target: number, shownEpoch = 50): StepPress => ({paused, nextEpoch, shownEpoch, target});

test('. on a paused run the screen has caught up with names the epoch it trains', () => {
	assert.equal(stepNotice(undefined, at(true, 58, 1000)).text, 'one epoch: epoch 58');
	assert.equal(stepNotice(stepNotice(undefined, at(true, 58, 1000)), at(true, 59, 1000)).text, 'one epoch: epoch 59', 'caught up again, the screen\'s epoch');
});

test('. on a running run promises one more epoch and names none', () => {
	assert.equal(stepNotice(undefined, at(false, 58, 1000)).text, 'paused after one more epoch');
	assert.equal(stepNotice(stepNotice(undefined, at(true, 58, 1000)), at(false, undefined, 1000)).text, 'paused after one more epoch');
});

test('. again before the screen caught up counts on from the . before it: the epoch it named, or the epochs to come', () => {
	const first = stepNotice(undefined, at(true, 58, 1000));
	const second = stepNotice(first, at(true, undefined, 1000));
	assert.equal(second.text, 'one epoch: epoch 59');
	assert.equal(stepNotice(second, at(true, undefined, 1000)).text, 'one epoch: epoch 60');
	const unnamed = stepNotice(undefined, at(false, undefined, 1000));
	const again = stepNotice(unnamed, at(true, undefined, 1000));
	assert.equal(again.text, 'paused after 2 more epochs');
	assert.equal(stepNotice(again, at(true, undefined, 1000)).text, 'paused after 3 more epochs');
});

test('. after another key\'s notice, before the screen caught up, counts from one again', () => {
	assert.equal(stepNotice('η 0.5 → 1 from epoch 58', at(true, undefined, 1000)).text, 'paused after one more epoch');
	assert.equal(stepNotice({text: 'batch: per record', tone: 'info'}, at(true, undefined, 1000)).text, 'paused after one more epoch');
});

test('a . notice gives way to "done after …" once the run is done', () => {
	assert.equal(stepNotice(undefined, at(true, 58, 1000)).whileTraining, true);
	assert.equal(stepNotice(undefined, at(false, undefined, 1000)).whileTraining, true);
});

test('counting on stops at the epoch target, where the run stops', () => {
	const last = stepNotice(undefined, at(true, 100, 100));
	assert.equal(last.text, 'one epoch: epoch 100');
	assert.equal(stepNotice(stepNotice(last, at(true, undefined, 100)), at(true, undefined, 100)).text, 'one epoch: epoch 100');
});

test('a . that named no epoch names the one the run paused at once the screen has caught up, and only then', () => {
	const unnamed = stepNotice(undefined, at(false, undefined, 1000));
	assert.equal(settledStepNotice(unnamed, false, true, 37), unnamed, 'not caught up: as it was');
	assert.equal(settledStepNotice(unnamed, true, false, 37), unnamed, 'running again: as it was');
	assert.deepEqual(settledStepNotice(unnamed, true, true, 39), {...unnamed, text: 'paused at epoch 39', epoch: 39});
	const named = stepNotice(undefined, at(true, 58, 1000));
	assert.equal(settledStepNotice(named, true, true, 58), named, 'one that named its epoch stays');
	assert.equal(settledStepNotice('η 0.5 → 1 from epoch 58', true, true, 58), 'η 0.5 → 1 from epoch 58', 'another key\'s notice stays');
});

test('the epochs counted to come are no more than the target leaves', () => {
	const first = stepNotice(undefined, at(false, undefined, 100, 98));
	const second = stepNotice(first, at(true, undefined, 100, 98));
	assert.equal(second.text, 'paused after 2 more epochs');
	assert.equal(stepNotice(second, at(true, undefined, 100, 98)).text, 'paused after 2 more epochs', 'two epochs are all that are left');
});
