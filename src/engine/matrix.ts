/** A dense row-major matrix of doubles, and the products the lesson uses. */

/** rows × columns values, row-major: values[row * columns + column]. */
export type Matrix = {
	/** Number of rows. */
	rows: number;
	/** Number of columns. */
	columns: number;
	/** The entries, row-major. */
	values: Float64Array;
};

/** Wrap values as a rows × columns matrix. */
export function matrix(rows: number, columns: number, values: Float64Array = new Float64Array(rows * columns)): Matrix {
	if (values.length !== rows * columns) {
		throw new RangeError(`a ${rows}×${columns} matrix needs ${rows * columns} values, got ${values.length}`);
	}

	return {rows, columns, values};
}

/** The matrix as nested arrays, one inner array per row (for JSON and tables). */
export function toRows(m: Matrix): number[][] {
	return Array.from({length: m.rows}, (_, row) => Array.from(m.values.subarray(row * m.columns, (row + 1) * m.columns)));
}

/** The shape error NumPy raises for np.dot(a, b) when the inner dimensions differ. */
export class ShapeError extends Error {
	override readonly name = 'ShapeError';
}

/** Row vector × matrix, `np.dot(vector, m)`: needs vector.length === m.rows. */
export function vectorTimesMatrix(vector: ArrayLike<number>, m: Matrix): Float64Array {
	if (vector.length !== m.rows) {
		throw new ShapeError(`shapes (${vector.length},) and (${m.rows},${m.columns}) not aligned: ${vector.length} (dim 0) != ${m.rows} (dim 0)`);
	}

	const result = new Float64Array(m.columns);
	for (let row = 0; row < m.rows; row++) {
		const value = vector[row]!;
		for (let column = 0; column < m.columns; column++) {
			result[column]! += value * m.values[row * m.columns + column]!;
		}
	}

	return result;
}

/** Matrix × column vector, `np.dot(m, vector)`: needs m.columns === vector.length. */
export function matrixTimesVector(m: Matrix, vector: ArrayLike<number>): Float64Array {
	if (vector.length !== m.columns) {
		throw new ShapeError(`shapes (${m.rows},${m.columns}) and (${vector.length},) not aligned: ${m.columns} (dim 1) != ${vector.length} (dim 0)`);
	}

	const result = new Float64Array(m.rows);
	for (let row = 0; row < m.rows; row++) {
		let sum = 0;
		for (let column = 0; column < m.columns; column++) {
			sum += m.values[row * m.columns + column]! * vector[column]!;
		}

		result[row] = sum;
	}

	return result;
}
