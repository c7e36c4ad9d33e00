/** The mean and sample standard deviation used to standardise a numeric column. */
import {pairwiseSum} from '../engine/pairwise-sum.js';

/**
 * Mean and sample standard deviation (n − 1) as the lesson's pandas computes them: the mean by
 * NumPy's pairwise sum, the deviation by bottleneck's two sequential passes (pandas uses
 * bottleneck when installed, and the reference figures were made so). With these the first
 * training row of the admissions data matches the lesson to the last bit; keep the order of sums.
 */
export function columnStatistics(values: Float64Array): {mean: number; standardDeviation: number} {
	const count = values.length;
	const mean = pairwiseSum(values) / count;
	let sum = 0;
	for (let index = 0; index < count; index++) {
		sum += values[index]!;
	}

	const sequentialMean = sum / count;
	let squares = 0;
	for (let index = 0; index < count; index++) {
		const difference = values[index]! - sequentialMean;
		squares += difference * difference;
	}

	return {mean, standardDeviation: Math.sqrt(squares / (count - 1))};
}
