/**
 * A loaded run (--load) is rebuilt from its settings: once the replay is back at the saved epoch, its
 * weights are held to the ones the file saved, bit for bit, so a file edited (or saved by a gdlab that
 * computes otherwise) is not shown as if it were that run.
 */
import {basename} from 'node:path';
import type {ModelKind} from '../engine/model.js';
import type {Message} from './run-state.js';

/** What the loaded run must come back to. */
export type LoadCheck = {
	/** The model replayed. */
	model: ModelKind;
	/** The epoch it was saved at. */
	epochs: number;
	/** Its saved final weights, flat, as the model lays them out. */
	weights: readonly number[];
	/** The file, for the message. */
	file: string;
};

/**
 * Whether a replay that ended at `epoch` with `weights` differs from what the file saved. Saved weights
 * are finite and JSON keeps every double exactly, but writes −0 as 0: === takes those as equal.
 */
export function replayDiffers(check: LoadCheck, epoch: number, weights: Float64Array): boolean {
	return epoch !== check.epochs || weights.length !== check.weights.length || check.weights.some((weight, index) => weight !== weights[index]);
}

/** The message line when it does: a warning, with a short form that keeps what to run. */
export function replayDiffersNotice(check: LoadCheck): Message {
	return {
		text: `replay differs from the weights saved in ${basename(check.file)}: see gdlab replay ${check.file}`,
		short: `replay differs from the saved weights: gdlab replay ${basename(check.file)}`,
		tone: 'warning',
	};
}
