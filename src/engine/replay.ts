/** Re-run a recorded training run: the same start, the same setting changes at the same epochs. */
import {TrainingSession, type ConfigChange, type SessionConfig, type TrainingData} from './training-session.js';

/**
 * Train from `startConfig`, applying each change when the run reaches its epoch, up to `epochs` epochs.
 * A run that ended diverged had tried one epoch more, which it rolled back: `diverged` tries it again.
 */
export function replayRun(data: TrainingData, startConfig: SessionConfig, changes: readonly ConfigChange[], epochs: number, diverged = false): TrainingSession {
	const session = new TrainingSession(data, startConfig);
	for (const {epoch, change} of changes) {
		session.advance(epoch - session.epoch);
		session.change(change);
	}

	session.advance(epochs - session.epoch);
	if (diverged) {
		session.advance(1);
	}

	return session;
}
