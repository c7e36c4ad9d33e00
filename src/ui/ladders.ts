/**
 * The values the dashboard's keys step through, and the limits they stop at. Every number a key can
 * set lives here, so the footer, the help and the tests agree on them.
 */
import type {BatchMode} from '../engine/training-session.js';
import {maxEpochs} from '../engine/validate-config.js';

/** Learning rates ← / → step through: 0.0001 … 10 in 1-2-5 steps, the lesson's 0.005 and 0.5 among them. */
export const learnRateLadder: readonly number[] = [
	0.0001, 0.0002, 0.0005,
	0.001, 0.002, 0.005,
	0.01, 0.02, 0.05,
	0.1, 0.2, 0.5,
	1, 2, 5,
	10,
];

/**
 * Epoch targets ↑ / ↓ step through, including the lesson's 900 (backprop) and 1000 (single unit), up to the
 * most a run may have: any --epochs or saved run's target can be stepped back to.
 */
export const epochTargetLadder: readonly number[] = [100, 200, 500, 900, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, maxEpochs];

/** Momentum values m cycles through (0 is the lesson's plain gradient descent). */
export const momentumChoices: readonly number[] = [0, 0.5, 0.9];

/** Records per update in the mini-batch mode b offers. */
export const miniBatchSize = 32;

/** Batch modes b cycles through: the lesson's full batch, one record at a time, mini-batches. */
export const batchModes: readonly BatchMode[] = ['full', 'record', miniBatchSize];

/** The fewest and most hidden units + / − allow. */
export const hiddenUnitLimits = {min: 1, max: 8} as const;

/** The value after `current` on a sorted ladder in `direction` (+1 up, −1 down), or undefined at the end. */
export function stepLadder(ladder: readonly number[], current: number, direction: 1 | -1): number | undefined {
	if (direction > 0) {
		return ladder.find(value => value > current * (1 + ladderTolerance));
	}

	let below: number | undefined;
	for (const value of ladder) {
		if (value < current * (1 - ladderTolerance)) {
			below = value;
		}
	}

	return below;
}

/** What can follow a run done at `epoch`: ↑ while the ladder has a target above it, else only r (short: for a line with a file name in it). */
export function doneHint(epoch: number, length: 'full' | 'short' = 'full'): string {
	if (stepLadder(epochTargetLadder, epoch, 1) === undefined) {
		return length === 'short' ? 'r restarts' : `r restarts (${epochTargetLadder.at(-1)} epochs is the most)`;
	}

	return length === 'short' ? '↑ goes on' : '↑ raises the target, r restarts';
}

/** The choice after `current` in a cycle, wrapping round; the first choice when `current` is not one of them. */
export function nextChoice<Choice>(choices: readonly Choice[], current: Choice): Choice {
	const index = choices.indexOf(current);
	return choices[(index + 1) % choices.length]!;
}

/** The momentum after β: the next choice above it (a β typed between them steps on up), wrapping round to 0. */
export function nextMomentum(momentum: number): number {
	return momentumChoices.find(choice => choice > momentum * (1 + ladderTolerance)) ?? momentumChoices[0]!;
}

/** Relative slack so a value typed on the command line (0.50000001) counts as the rung it sits on. */
const ladderTolerance = 1e-9;
