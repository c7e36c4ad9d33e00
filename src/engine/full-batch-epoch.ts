/** One plain full-batch epoch, the unit `gdlab bench` times (the NumPy anchor's `single_epoch`/`backprop_epoch`). */
import type {Examples} from '../data/dataset.js';
import type {Model} from './model.js';
import {applyWeightSteps} from './weight-update.js';

/** Accumulate the weight steps over every record, then apply them with TrainingSession's update (no momentum). */
export function fullBatchEpoch(model: Model, examples: Examples, learnRate: number, steps: Float64Array, lastStep: Float64Array): void {
	steps.fill(0);
	model.accumulateWeightSteps(examples, 0, examples.rows, steps);
	applyWeightSteps(model.weights, steps, examples.rows, learnRate, 0, lastStep);
}
