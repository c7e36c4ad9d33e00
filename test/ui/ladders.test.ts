import assert from 'node:assert/strict';
import {test} from 'node:test';
import {batchModes, doneHint, epochTargetLadder, learnRateLadder, momentumChoices, nextChoice, nextMomentum, stepLadder} from '../../src/ui/ladders.js';

test('the learning-rate ladder runs 0.0001 … 10 in 1-2-5 steps and holds the lesson\'s 0.005 and 0.5', () => {
	assert.equal(learnRateLadder[0], 0.0001);
	assert.equal(learnRateLadder.at(-1), 10);
	assert.ok(learnRateLadder.includes(0.005) && learnRateLadder.includes(0.5));
	assert.deepEqual(learnRateLadder.slice(3, 6), [0.001, 0.002, 0.005]);
});

test('the epoch ladder runs 100 … 1000000 (the most a run may have) and holds the lesson\'s 900 and 1000', () => {
	assert.equal(epochTargetLadder[0], 100);
	assert.equal(epochTargetLadder.at(-1), 1_000_000);
	assert.ok(epochTargetLadder.includes(900) && epochTargetLadder.includes(1000));
});

test('stepping the ladder goes to the next rung, even from a value between rungs, and stops at the ends', () => {
	assert.equal(stepLadder(learnRateLadder, 0.5, 1), 1);
	assert.equal(stepLadder(learnRateLadder, 0.5, -1), 0.2);
	assert.equal(stepLadder(learnRateLadder, 0.3, 1), 0.5);
	assert.equal(stepLadder(learnRateLadder, 0.3, -1), 0.2);
	assert.equal(stepLadder(learnRateLadder, 0.5 * (1 + 1e-12), 1), 1, 'a value a rounding away from a rung counts as the rung');
	assert.equal(stepLadder(learnRateLadder, 10, 1), undefined);
	assert.equal(stepLadder(learnRateLadder, 0.0001, -1), undefined);
});

test('b and m cycle through their choices and wrap round', () => {
	assert.deepEqual(batchModes, ['full', 'record', 32]);
	assert.equal(nextChoice(batchModes, 'full'), 'record');
	assert.equal(nextChoice(batchModes, 32), 'full');
	assert.equal(nextChoice(batchModes, 64), 'full', 'a size from the command line cycles on from the start');
	assert.equal(nextChoice(momentumChoices, 0.9), 0);
});

test('m steps β up to the next choice, from one typed between them too, and wraps round to 0', () => {
	assert.deepEqual([0, 0.5, 0.9].map(nextMomentum), [0.5, 0.9, 0]);
	assert.equal(nextMomentum(0.33), 0.5);
	assert.equal(nextMomentum(0.7), 0.9);
	assert.equal(nextMomentum(0.95), 0);
	assert.equal(nextMomentum(0.500000000001), 0.9, 'a β typed a hair above a choice counts as that choice');
});

test('a run done below the ladder\'s top is told ↑ goes on; at the top (--epochs 1000000), only r', () => {
	assert.equal(doneHint(100_000), '↑ raises the target, r restarts');
	assert.equal(doneHint(999_999), '↑ raises the target, r restarts');
	assert.equal(doneHint(1_000_000), 'r restarts (1000000 epochs is the most)');
});
