/** Pick where a run trains: on the render thread for small data, in a worker thread for big data. */
import type {TrainingData} from '../engine/training-session.js';
import type {SessionConfig} from '../engine/training-session.js';
import {LocalRunSession, type RunContext} from './local-run-session.js';
import type {RunSession} from './run-session.js';
import type {ReplayPlan} from './training-loop.js';
import {WorkerRunSession} from './worker/worker-run-session.js';

/**
 * Training records from which a run trains in a worker thread. Below it an epoch takes a millisecond or
 * two and fits between frames; above it an epoch takes long enough to hold a key press back.
 */
export const workerMinTrainingRows = 50_000;

/** Whether a run on this data trains in a worker (big data, on memory a worker can share without a copy). */
export function trainsInWorker(data: TrainingData): boolean {
	const {train, test} = data;
	return train.rows >= workerMinTrainingRows
		&& [train.features, train.targets, test.features, test.targets].every(array => array.buffer instanceof SharedArrayBuffer);
}

/** Start a run (in a worker for big data); with `replay`, it first brings back a saved run. */
export async function startRunSession(context: RunContext, config: SessionConfig, replay?: ReplayPlan): Promise<RunSession> {
	return trainsInWorker(context.data) ? WorkerRunSession.start(context, config, replay) : new LocalRunSession(context, config, replay);
}
