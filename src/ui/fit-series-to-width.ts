/**
 * Fit a per-epoch series into the columns of a chart: epoch e goes to column ⌊e·columns/domain⌋, each
 * column shows the mean of its finite values. The domain is the epoch target, so a run's curve grows
 * from left to right in place instead of being squeezed anew on every frame.
 */

/** How many columns a chart of `width` uses for `domain` epochs (one per epoch when they are few). */
export function chartColumns(width: number, domain: number): number {
	return Math.max(1, Math.min(Math.floor(width), Math.ceil(domain)));
}

/** The column epoch `epoch` falls in. */
export function columnOfEpoch(epoch: number, domain: number, columns: number): number {
	return Math.min(columns - 1, Math.floor((epoch * columns) / domain));
}

/**
 * The series downsampled to at most `width` columns over epochs 0 … domain−1: only columns that hold a
 * recorded epoch are returned; non-finite values are dropped, and a column left with none takes its
 * neighbour's value so columns stay aligned with epochs. Empty when nothing finite was recorded.
 */
export function fitSeriesToWidth(values: ArrayLike<number>, width: number, domain: number = values.length): number[] {
	const recorded = Math.min(values.length, Math.ceil(domain));
	if (recorded === 0 || width < 1) {
		return [];
	}

	const columns = chartColumns(width, domain);
	const used = columnOfEpoch(recorded - 1, domain, columns) + 1;
	const sums = new Float64Array(used);
	const counts = new Uint32Array(used);
	for (let epoch = 0; epoch < recorded; epoch++) {
		const value = values[epoch]!;
		if (Number.isFinite(value)) {
			const column = columnOfEpoch(epoch, domain, columns);
			sums[column]! += value;
			counts[column]!++;
		}
	}

	const fitted: number[] = [];
	let last = Number.NaN;
	for (let column = 0; column < used; column++) {
		if (counts[column]! > 0) {
			last = sums[column]! / counts[column]!;
		}

		fitted.push(last);
	}

	const firstFinite = fitted.findIndex(value => Number.isFinite(value));
	if (firstFinite === -1) {
		return [];
	}

	return fitted.fill(fitted[firstFinite]!, 0, firstFinite);
}
