/** Re-run a recorded training run: the same start, the same setting changes at the same epochs. */
import {TrainingSession, type ConfigChange, type SessionConfig, type TrainingData} from './training-session.js';

/**
 * Train from `startConfig`, applying each change when the run reaches its epoch, up to `epochs` epochs.
 * A run that ended diverged had tried one epoch more, which it rolled back: `diverged` tries it again.
 */
export function replayRun(data: TrainingData, startConfig: SessionConfig, changes: readonly ConfigChange[], epochs: number, diverged = false): TrainingSession {
	const replay = replaySteps(data, startConfig, changes, epochs, diverged);
	let step = replay.next();
	while (!step.done) {
		step = replay.next();
	}

	return step.value;
}

/**
 * The replay one epoch at a time: each `next()` trains an epoch (and applies the changes due before it)
 * and yields the epochs trained; the last returns the session. For a caller that must let other work in
 * between (an interrupt, say).
 */
export function * replaySteps(data: TrainingData, startConfig: SessionConfig, changes: readonly ConfigChange[], epochs: number, diverged = false): Generator<number, TrainingSession, void> {
	const session = new TrainingSession(data, startConfig);
	const due = [...changes];
	for (;;) {
		// a change at the epoch the run has reached (one raising the target of a run done there, say) first
		while (due.length > 0 && due[0]!.epoch <= session.epoch) {
			session.change(due.shift()!.change);
		}

		if (session.epoch >= epochs || session.status !== 'training') {
			break;
		}

		session.advance(1);
		yield session.epoch;
	}

	// as a live run: changes past the last epoch trained (a run that stopped) are taken where it stands
	for (const {change} of due) {
		session.change(change);
	}

	if (diverged) {
		session.advance(1);
	}

	return session;
}
