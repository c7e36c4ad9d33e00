/** Where a run stands in words: a failed training thread and a replay under way come first. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {lessonConfig, TrainingSession} from '../../src/engine/training-session.js';
import {learnRateChangedBefore, pinnedLabel, runMessages, runState, trainedConfig} from '../../src/ui/run-state.js';
import {lessonSplit} from './dashboard-harness.js';

const snapshot = new TrainingSession(lessonSplit(), lessonConfig('single')).snapshot();
const calm = {loading: undefined, failure: undefined};

test('a failed training thread stops the run, in one red line above anything else', () => {
	const situation = {...calm, failure: 'training stopped: the training thread exited (code 1)'};
	assert.equal(runState(snapshot, false, situation), 'stopped');
	assert.deepEqual(runMessages(snapshot, 'η 0.5 → 1 from epoch 3', undefined, situation), [{text: situation.failure, tone: 'failure'}]);
});

test('a diverged run says so first, and still what the last key did (a save, a setting for the restart)', () => {
	const diverged = new TrainingSession(lessonSplit(), {...lessonConfig('single'), learnRate: 1e308});
	diverged.advance(1);
	const state = diverged.snapshot();
	assert.equal(state.status, 'diverged');
	const saved = {text: 'saved run to run.json (epoch 0)', short: 'saved run to run.json (epoch 0)', tone: 'info' as const};
	assert.deepEqual(runMessages(state, saved, undefined, calm), [
		{text: 'diverged at epoch 1: lower η and press r', tone: 'failure', short: 'diverged at epoch 1'},
		saved,
	]);
	assert.deepEqual(runMessages(state, undefined, undefined, calm).length, 1);
});

test('a replay under way says how far it has come, in place of the last key\'s notice', () => {
	const situation = {...calm, loading: {epoch: 120, epochs: 300}};
	assert.equal(runState(snapshot, true, situation), 'loading');
	assert.deepEqual(runMessages(snapshot, 'loaded run.json at epoch 300/1000: space resumes', undefined, situation), [
		{text: 'loading the saved run: epoch 120 of 300 (run keys are off until then)', tone: 'info', short: 'loading: epoch 120 of 300 (keys off)'},
	]);
	assert.equal(runState(snapshot, true, calm), 'paused');
});

test('a restart waiting for a training thread\'s epoch reads as restarting, not as the old run going on', () => {
	assert.equal(runState(snapshot, false, {...calm, restarting: true}), 'restarting');
	assert.equal(runState(snapshot, true, {...calm, restarting: true}), 'restarting');
	assert.equal(runState(snapshot, false, {...calm, restarting: false}), 'running');
});

test('a pinned curve is labelled with the η it was trained with (first → last), not the η set since', () => {
	const session = new TrainingSession(lessonSplit(), {...lessonConfig('backprop'), epochs: 100});
	const label = () => pinnedLabel(session.history, trainedConfig(session.startingConfig, session.changes, 1), trainedConfig(session.startingConfig, session.changes, session.epoch));
	session.advance(3);
	assert.equal(label(), 'η 0.005 2 hidden seed 21');
	session.setLearnRate(0.5);
	session.setMomentum(0.5);
	session.setBatch(32);
	assert.equal(label(), 'η 0.005 2 hidden seed 21', 'settings changed after the last epoch: not yet trained with');
	session.advance(2);
	assert.equal(label(), 'η 0.005→0.5 2 hidden β 0→0.5 full batch→mini-batch 32 seed 21', 'each setting from its first epoch to its last');
	const compact = pinnedLabel(session.history, trainedConfig(session.startingConfig, session.changes, 1), trainedConfig(session.startingConfig, session.changes, session.epoch), true);
	assert.equal(compact, 'η 0.005→0.5 2 hidden β 0→0.5 full→b32 seed 21', 'the narrow legend\'s words for the batch');
});

test('a pinned curve whose η changed after its first epoch says so: the first epoch\'s η counts', () => {
	const session = new TrainingSession(lessonSplit(), {...lessonConfig('single'), epochs: 100});
	session.advance(1);
	session.setLearnRate(1);
	session.advance(3);
	assert.equal(pinnedLabel(session.history, trainedConfig(session.startingConfig, session.changes, 1), trainedConfig(session.startingConfig, session.changes, session.epoch)), 'η 0.5→1 seed 42');
});

test('the legend\'s ▲ η changed only where an epoch trained with another η than the one before it, as the chart marks', () => {
	const raised = {epoch: 5, change: {learnRate: 1}};
	assert.equal(learnRateChangedBefore(0.5, [raised], 6), true);
	assert.equal(learnRateChangedBefore(0.5, [raised], 5), false, 'no epoch has trained with it yet');
	assert.equal(learnRateChangedBefore(0.5, [{epoch: 0, change: {learnRate: 1}}], 9), false, 'from the first epoch on: nothing to compare with');
	// → then ← at one epoch (while paused): the epochs after train with the same η
	assert.equal(learnRateChangedBefore(0.5, [raised, {epoch: 5, change: {learnRate: 0.5}}], 9), false);
	assert.equal(learnRateChangedBefore(0.5, [{epoch: 5, change: {momentum: 0.5}}], 9), false, 'another setting');
	assert.equal(learnRateChangedBefore(0.5, [raised, {epoch: 7, change: {learnRate: 0.5}}], 9), true, 'raised, trained, lowered: two marks');
});

test('a rising loss is said before the last key\'s notice, so a long notice never cuts its epoch off', () => {
	assert.deepEqual(runMessages(snapshot, 'saved run to gdlab-run-single-20261130-081740.json (epoch 1000)', 998, calm), [
		{text: 'loss increasing at epoch 999', tone: 'warning', short: 'loss rising at 999'},
		{text: 'saved run to gdlab-run-single-20261130-081740.json (epoch 1000)', tone: 'info'},
	]);
});

test('a run done says so in place of a notice said while it trained on, and counts one epoch as one', () => {
	const session = new TrainingSession(lessonSplit(), {...lessonConfig('single'), epochs: 1});
	session.advance(1);
	const done = session.snapshot();
	assert.equal(done.status, 'done');
	const resumed = {text: 'epoch target 1 → 200: training resumes', tone: 'info' as const, whileTraining: true};
	assert.deepEqual(runMessages(done, resumed, undefined, calm).map(message => message.text), ['done after 1 epoch: ↑ raises the target, r restarts']);
	assert.deepEqual(runMessages(done, 'saved run to run.json (epoch 1)', undefined, calm).map(message => message.text), ['saved run to run.json (epoch 1)'], 'any other notice stays');
});

test('a run saved earlier that w replaces is said after a rising loss and before the last key\'s notice, but never before a failed save', () => {
	const situation = {...calm, earlierRunAt: 'run.json'};
	const earlier = {text: 'run.json holds an earlier run: w replaces it', short: 'w replaces run.json', shortKeepsEnd: 8, tone: 'warning'};
	assert.deepEqual(runMessages(snapshot, 'η 0.5 → 1 from epoch 3', 998, situation).map(message => message.text), ['loss increasing at epoch 999', earlier.text, 'η 0.5 → 1 from epoch 3']);
	const failed = {text: 'not saved: run-backprop.json: cannot write: no space left on device', tone: 'failure' as const};
	assert.deepEqual(runMessages(snapshot, failed, 998, situation), [{text: 'loss increasing at epoch 999', tone: 'warning', short: 'loss rising at 999'}, failed, earlier]);
	const diverged = new TrainingSession(lessonSplit(), {...lessonConfig('single'), learnRate: 1e308});
	diverged.advance(1);
	assert.deepEqual(runMessages(diverged.snapshot(), 'β 0 → 0.5', undefined, situation).map(message => message.text), ['diverged at epoch 1: lower η and press r', earlier.text, 'β 0 → 0.5']);
	assert.deepEqual(runMessages(diverged.snapshot(), failed, undefined, situation).map(message => message.text), ['diverged at epoch 1: lower η and press r', failed.text, earlier.text]);
});
