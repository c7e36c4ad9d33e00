/**
 * Fit a per-epoch series into the columns of a chart: epoch e goes to column ⌊e·columns/domain⌋, each
 * column shows the mean of its finite values, but a column where the series turns back and forth (a loss
 * oscillating under too large an η) shows its highest value in even columns and its lowest in odd ones, so
 * the curve zigzags over the band the loss swings in instead of running flat through its middle. The domain
 * (chartDomain: the epoch target, or less while a run is young) changes seldom, so a run's curve grows from
 * left to right in place instead of being squeezed anew on every frame.
 */

/**
 * A column shows the band, not the mean, when the series turns (a rise after a fall, or a fall after a
 * rise) at this share of its steps from epoch to epoch or more, and at least twice: a loss swinging every epoch turns at all
 * of them, while noise on a falling curve (mini-batches) turns at about two in three.
 */
const oscillatingShare = 0.9;
const oscillatingTurns = 2;

/** How many columns a chart of `width` uses for `domain` epochs (one per epoch when they are few). */
export function chartColumns(width: number, domain: number): number {
	return Math.max(1, Math.min(Math.floor(width), Math.ceil(domain)));
}

/** The column epoch `epoch` falls in. */
export function columnOfEpoch(epoch: number, domain: number, columns: number): number {
	return Math.min(columns - 1, Math.floor((epoch * columns) / domain));
}

/**
 * A series fitted to the columns of a chart as it grows: `extend` takes in the epochs recorded since the
 * last call, `points` gives what fitSeriesToWidth gives for all of them, so a frame costs the new epochs
 * rather than the whole history.
 */
export class ColumnFit {
	private readonly columns: number;
	private readonly sums: Float64Array;
	private readonly counts: Uint32Array;
	private readonly lows: Float64Array;
	private readonly highs: Float64Array;
	/** Per column, how often the series turned within it. */
	private readonly turns: Uint32Array;
	/** Epochs taken in so far. */
	private recorded = 0;
	/** The last finite value taken in, and whether the series was rising (1) or falling (−1) to it. */
	private previous = Number.NaN;
	private direction = 0;

	constructor(private readonly width: number, private readonly domain: number) {
		this.columns = chartColumns(width, domain);
		this.sums = new Float64Array(this.columns);
		this.counts = new Uint32Array(this.columns);
		this.lows = new Float64Array(this.columns).fill(Number.POSITIVE_INFINITY);
		this.highs = new Float64Array(this.columns).fill(Number.NEGATIVE_INFINITY);
		this.turns = new Uint32Array(this.columns);
	}

	/** Take in the epochs of `values` past those taken in already (up to the domain). */
	extend(values: ArrayLike<number>): this {
		const {domain, columns, sums, counts} = this;
		const recorded = Math.min(values.length, Math.ceil(domain));
		for (let epoch = this.recorded; epoch < recorded; epoch++) {
			const value = values[epoch]!;
			if (Number.isFinite(value)) {
				const column = columnOfEpoch(epoch, domain, columns);
				sums[column]! += value;
				counts[column]!++;
				this.lows[column] = Math.min(this.lows[column]!, value);
				this.highs[column] = Math.max(this.highs[column]!, value);
				const direction = Math.sign(value - this.previous);
				if (direction !== 0 && !Number.isNaN(direction)) {
					if (direction === -this.direction) {
						this.turns[column]!++;
					}

					this.direction = direction;
				}

				this.previous = value;
			}
		}

		this.recorded = Math.max(this.recorded, recorded);
		return this;
	}

	/**
	 * The series downsampled to at most `width` columns over epochs 0 … domain−1 (each column its mean, or
	 * where the series oscillates its high or low): only columns that hold a recorded epoch are returned; non-finite values are dropped, and a column left with none takes its
	 * neighbour's value so columns stay aligned with epochs. Empty when nothing finite was recorded.
	 */
	points(): number[] {
		if (this.recorded === 0 || this.width < 1) {
			return [];
		}

		const used = columnOfEpoch(this.recorded - 1, this.domain, this.columns) + 1;
		const fitted: number[] = [];
		let last = Number.NaN;
		for (let column = 0; column < used; column++) {
			if (this.counts[column]! > 0) {
				const turns = this.turns[column]!;
				last = turns >= oscillatingTurns && turns >= oscillatingShare * (this.counts[column]! - 1)
					? (column % 2 === 0 ? this.highs[column]! : this.lows[column]!)
					: this.sums[column]! / this.counts[column]!;
			}

			fitted.push(last);
		}

		const firstFinite = fitted.findIndex(value => Number.isFinite(value));
		if (firstFinite === -1) {
			return [];
		}

		return fitted.fill(fitted[firstFinite]!, 0, firstFinite);
	}
}

/** The series downsampled to at most `width` columns over epochs 0 … domain−1, as ColumnFit.points gives it. */
export function fitSeriesToWidth(values: ArrayLike<number>, width: number, domain: number = values.length): number[] {
	return new ColumnFit(width, domain).extend(values).points();
}
