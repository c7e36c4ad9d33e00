/** NumPy's pairwise summation, so means and deviations round as pandas computes them. */

const blockSize = 128;

/** Sum `length` values from `start` the way numpy's add.reduce does for float64. */
export function pairwiseSum(values: ArrayLike<number>, start = 0, length = values.length - start): number {
	if (length < 8) {
		let sum = 0;
		for (let index = 0; index < length; index++) {
			sum += values[start + index]!;
		}

		return sum;
	}

	if (length <= blockSize) {
		const partial = [0, 0, 0, 0, 0, 0, 0, 0];
		for (let lane = 0; lane < 8; lane++) {
			partial[lane] = values[start + lane]!;
		}

		let index = 8;
		for (; index < length - (length % 8); index += 8) {
			for (let lane = 0; lane < 8; lane++) {
				partial[lane]! += values[start + index + lane]!;
			}
		}

		const [p0, p1, p2, p3, p4, p5, p6, p7] = partial as [number, number, number, number, number, number, number, number];
		let sum = ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
		for (; index < length; index++) {
			sum += values[start + index]!;
		}

		return sum;
	}

	let half = Math.floor(length / 2);
	half -= half % 8;
	return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, length - half);
}
