/**
 * What . says on the message line. On a training thread's run, . typed again before the screen has
 * caught up with the last one cannot read the epoch off the screen: it counts on from the . before it.
 */
import type {Message} from './run-state.js';

/** The notice of . pressed one or more times in a row, with what the next . counts on from. */
export type StepNotice = Message & {
	/** How many . in a row it speaks for. */
	steps: number;
	/** The epoch the last of them trains, where known. */
	epoch: number | undefined;
};

/** Whether a notice is that of a . press. */
export function isStepNotice(notice: string | Message | undefined): notice is StepNotice {
	return typeof notice === 'object' && 'steps' in notice;
}

/**
 * The notice of one more . press. `nextEpoch` is the epoch it trains when the screen shows the run as every
 * key so far left it (undefined when it does not: a training thread behind the keys). Paused with it known,
 * the . names it; paused without it, after another ., it counts on from that one: the epoch it reaches (at
 * most `target`, where the run stops), or how many more epochs train before the run stays paused. Running,
 * it promises one more epoch, unnamed.
 */
export function stepNotice(previous: string | Message | undefined, paused: boolean, nextEpoch: number | undefined, target: number): StepNotice {
	const before = paused && nextEpoch === undefined && isStepNotice(previous) ? previous : undefined;
	const steps = (before?.steps ?? 0) + 1;
	const epoch = paused && nextEpoch !== undefined ? nextEpoch : (before?.epoch === undefined ? undefined : Math.min(before.epoch + 1, target));
	const text = epoch === undefined
		? `paused after ${steps === 1 ? 'one more epoch' : `${steps} more epochs`}`
		: `one epoch: epoch ${epoch}`;
	return {text, tone: 'info', whileTraining: true, steps, epoch};
}

/**
 * A . notice that could name no epoch, once the screen has caught up with the run (`caughtUp`) and it stays
 * paused there: it names the epoch the run paused at (a . on a training thread's running run may have let
 * the epoch under way end first, so "one more" than the screen showed was not always one). Any other notice
 * as it is.
 */
export function settledStepNotice(notice: string | Message | undefined, caughtUp: boolean, paused: boolean, epoch: number): string | Message | StepNotice | undefined {
	if (!isStepNotice(notice) || notice.epoch !== undefined || !caughtUp || !paused) {
		return notice;
	}

	const settled: StepNotice = {...notice, text: `paused at epoch ${epoch}`, epoch};
	return settled;
}
