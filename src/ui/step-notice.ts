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

/** Where the run stands as a . is pressed. */
export type StepPress = {
	/** Whether the run was paused (by the keys so far) when . was pressed. */
	paused: boolean;
	/** The epoch the . trains, when the screen shows the run as every key so far left it; else undefined. */
	nextEpoch: number | undefined;
	/** The epoch on show. */
	shownEpoch: number;
	/** The epoch target, where the run stops. */
	target: number;
};

/**
 * The notice of one more . press. Paused with the next epoch known, the . names it; paused without it (a
 * training thread behind the keys), after another ., it counts on from that one: the epoch it reaches, or
 * how many more epochs train before the run stays paused, either no further than the target. Running, it
 * promises one more epoch, unnamed.
 */
export function stepNotice(previous: string | Message | undefined, {paused, nextEpoch, shownEpoch, target}: StepPress): StepNotice {
	const before = paused && nextEpoch === undefined && isStepNotice(previous) ? previous : undefined;
	const steps = (before?.steps ?? 0) + 1;
	const epoch = paused && nextEpoch !== undefined ? nextEpoch : (before?.epoch === undefined ? undefined : Math.min(before.epoch + 1, target));
	const more = Math.min(steps, Math.max(1, target - shownEpoch));
	const text = epoch === undefined
		? `paused after ${more === 1 ? 'one more epoch' : `${more} more epochs`}`
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
