/** The lesson's weight update, shared by training sessions and the epochs `gdlab bench` times. */

/**
 * Apply one batch's weight steps: w += η·Δw/m (η·Δw first, then /m, as NumPy evaluates it), plus β times
 * the previous step when momentum is on. `lastStep` holds the previous step (zeros at the start) and
 * receives this one, whatever β is, so turning momentum on later carries the step just taken, never an
 * older one.
 */
export function applyWeightSteps(weights: Float64Array, steps: Float64Array, records: number, learnRate: number, momentum: number, lastStep: Float64Array): void {
	for (let index = 0; index < weights.length; index++) {
		let change = (learnRate * steps[index]!) / records;
		if (momentum !== 0) {
			change += momentum * lastStep[index]!;
		}

		weights[index]! += change;
		lastStep[index] = change;
	}
}
