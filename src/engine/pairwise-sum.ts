/**
 * NumPy's pairwise summation (add.reduce on float64, so np.sum and np.mean): blocks of at most 128 values
 * summed in eight lanes, the blocks added up by halving. Means and losses summed this way round as the
 * lesson's NumPy and pandas round them.
 */

const blockSize = 128;
const lanes = 8;

/** Sum `length` values from `start` the way numpy's add.reduce does for float64. */
export function pairwiseSum(values: ArrayLike<number>, start = 0, length = values.length - start): number {
	if (length <= blockSize) {
		return blockSum(values, start, length);
	}

	const half = halfOf(length);
	return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, length - half);
}

/** Where add.reduce splits `length` values (more than a block): about half, a multiple of eight. */
function halfOf(length: number): number {
	const half = Math.floor(length / 2);
	return half - (half % lanes);
}

/** One block (at most blockSize values): in order when fewer than eight, else in eight lanes. */
function blockSum(values: ArrayLike<number>, start: number, length: number): number {
	if (length < lanes) {
		let sum = 0;
		for (let index = 0; index < length; index++) {
			sum += values[start + index]!;
		}

		return sum;
	}

	let p0 = values[start]!;
	let p1 = values[start + 1]!;
	let p2 = values[start + 2]!;
	let p3 = values[start + 3]!;
	let p4 = values[start + 4]!;
	let p5 = values[start + 5]!;
	let p6 = values[start + 6]!;
	let p7 = values[start + 7]!;
	let index = lanes;
	for (const end = length - (length % lanes); index < end; index += lanes) {
		const at = start + index;
		p0 += values[at]!;
		p1 += values[at + 1]!;
		p2 += values[at + 2]!;
		p3 += values[at + 3]!;
		p4 += values[at + 4]!;
		p5 += values[at + 5]!;
		p6 += values[at + 6]!;
		p7 += values[at + 7]!;
	}

	let sum = ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
	for (; index < length; index++) {
		sum += values[start + index]!;
	}

	return sum;
}

/**
 * The pairwise sum of `length` values that arrive a run at a time (add), without holding them all: the
 * same bits as pairwiseSum over the whole array.
 */
export class PairwiseSum {
	/** The lengths of the blocks the sum splits into, in order. */
	private readonly blockLengths: number[] = [];
	/** The sums of the blocks complete so far. */
	private readonly blockSums: number[] = [];
	/** Values of the block under way that arrived in earlier runs. */
	private readonly pending = new Float64Array(blockSize);
	private pendingCount = 0;

	constructor(private readonly length: number) {
		this.split(length);
	}

	/** Add values[start … end) as the next ones. */
	add(values: ArrayLike<number>, start: number, end: number): void {
		let at = start;
		while (at < end) {
			const blockLength = this.blockLengths[this.blockSums.length];
			if (blockLength === undefined) {
				throw new RangeError(`more than the ${this.length} values this sum was made for`);
			}

			const take = Math.min(blockLength - this.pendingCount, end - at);
			if (this.pendingCount === 0 && take === blockLength) {
				this.blockSums.push(blockSum(values, at, blockLength));
			} else {
				for (let index = 0; index < take; index++) {
					this.pending[this.pendingCount++] = values[at + index]!;
				}

				if (this.pendingCount === blockLength) {
					this.blockSums.push(blockSum(this.pending, 0, blockLength));
					this.pendingCount = 0;
				}
			}

			at += take;
		}
	}

	/** The sum, once all `length` values have been added. */
	total(): number {
		if (this.length === 0) {
			return 0;
		}

		if (this.blockSums.length !== this.blockLengths.length) {
			throw new RangeError(`the sum was made for ${this.length} values and has fewer`);
		}

		let next = 0;
		const combine = (length: number): number => {
			if (length <= blockSize) {
				return this.blockSums[next++]!;
			}

			const half = halfOf(length);
			return combine(half) + combine(length - half);
		};

		return combine(this.length);
	}

	private split(length: number): void {
		if (length <= blockSize) {
			this.blockLengths.push(length);
			return;
		}

		const half = halfOf(length);
		this.split(half);
		this.split(length - half);
	}
}
