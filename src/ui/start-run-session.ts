/** Pick where a run trains: on the render thread when its epochs are light, in a worker thread when they are heavy. */
import {inSharedMemory, isShared} from '../engine/shared-float64-array.js';
import type {SessionConfig, TrainingData} from '../engine/training-session.js';
import {validateConfigForData} from '../engine/validate-config.js';
import {hiddenUnitLimits} from './ladders.js';
import {LocalRunSession, type RunContext} from './local-run-session.js';
import type {RunSession} from './run-session.js';
import type {ReplayPlan} from './training-loop.js';
import {WorkerRunSession} from './worker/worker-run-session.js';

/**
 * Training records from which a run trains in a worker thread. Below it an epoch over a few features takes
 * a millisecond or two and fits between frames; above it an epoch takes long enough to hold a key press back.
 */
export const workerMinTrainingRows = 50_000;
/**
 * Multiply-adds an epoch (training records × weights) from which a run trains in a worker whatever its
 * records: a few milliseconds of work. A wide network on fewer records (20,000 records of 1,000 features
 * through 200 hidden units: seconds an epoch) would otherwise hold every key, q included, for that long.
 */
export const workerMinEpochWork = 4_000_000;

/**
 * Whether a run trains in a worker: big data, or epochs heavy enough to hold keys back, counting the most
 * hidden units + can give the network in the dashboard.
 */
export function trainsInWorker(data: TrainingData, config: SessionConfig): boolean {
	const {rows, featureCount} = data.train;
	const hidden = Math.max(config.hidden, hiddenUnitLimits.max);
	const weights = config.model === 'single' ? featureCount : (featureCount * hidden) + hidden;
	return rows >= workerMinTrainingRows || rows * weights >= workerMinEpochWork;
}

/** Start a run (in a worker when its epochs are heavy); with `replay`, it first brings back a saved run. */
export async function startRunSession(context: RunContext, config: SessionConfig, replay?: ReplayPlan): Promise<RunSession> {
	if (!trainsInWorker(context.data, config)) {
		return new LocalRunSession(context, config, replay);
	}

	// refused here as the engine would refuse it: a usage error, not a training thread that could not start
	validateConfigForData(config, context.data.train.featureCount);
	return WorkerRunSession.start({...context, data: sharedData(context.data)}, config, replay);
}

/** `data` where a worker can read it without a copy: itself when it is in shared memory, else shared copies (made once). */
function sharedData(data: TrainingData): TrainingData {
	const {train, test} = data;
	return isShared(train) && isShared(test) ? data : {...data, train: inSharedMemory(train), test: inSharedMemory(test)};
}
