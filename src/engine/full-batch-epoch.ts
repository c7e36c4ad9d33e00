/** One plain full-batch epoch, the unit `gdlab bench` times (the NumPy anchor's `single_epoch`/`backprop_epoch`). */
import type {Examples} from '../data/dataset.js';
import type {Model} from './model.js';

/** Accumulate the weight steps over every record, then w += (η·Δw)/m as TrainingSession's update does. */
export function fullBatchEpoch(model: Model, examples: Examples, learnRate: number, steps: Float64Array): void {
	const {weights} = model;
	steps.fill(0);
	model.accumulateWeightSteps(examples, 0, examples.rows, steps);
	for (let index = 0; index < weights.length; index++) {
		weights[index]! += (learnRate * steps[index]!) / examples.rows;
	}
}
