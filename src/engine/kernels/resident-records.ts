/**
 * Records held in a kernel's memory for good, in the layout its functions read: targets, the dense columns
 * row by row, then the sparse columns' nonzero values as entries, CSR style (row r owns entries
 * rowStarts[r] … rowStarts[r + 1] − 1, each a column's weight-row offset and a value). Written once per
 * record set, so an epoch over small data copies nothing but the weights.
 */
import type {Examples} from '../../data/dataset.js';
import {alignToVector, spareRecords} from './kernel-layout.js';
import type {RecordProfile} from './record-profile.js';
import {sizes} from './wasm-assembler.js';

/** Record sets up to this many bytes live in a kernel's memory; bigger ones are streamed a chunk at a time. */
export const maxResidentBytes = 2 * 1024 * 1024;

const i32Bytes = 4;

/** Byte offsets of a record set's arrays in a kernel's memory, as the kernel functions take them. */
export type RecordPointers = {targets: number; features: number; rowStarts: number; columns: number; values: number};

/** The sparse entries `examples` have with `denseColumns` dense columns (the profile's choice, or all dense). */
export function sparseEntriesOf(profile: RecordProfile, denseColumns: number, featureCount: number): number {
	if (denseColumns === featureCount) {
		return 0;
	}

	if (denseColumns !== profile.denseColumns) {
		throw new RangeError(`records profiled with ${profile.denseColumns} dense columns cannot be laid out with ${denseColumns}`);
	}

	return profile.sparseEntries;
}

/** Bytes `examples` take resident with `denseColumns` dense columns and `sparseEntries` entries for the rest. */
export function residentBytes({rows}: Examples, denseColumns: number, sparseEntries: number): number {
	return alignToVector((rows + spareRecords) * sizes.f64)
		+ alignToVector(rows * denseColumns * sizes.f64 + sizes.v128)
		+ alignToVector((rows + 1) * i32Bytes)
		+ alignToVector(sparseEntries * i32Bytes)
		+ alignToVector(sparseEntries * sizes.f64);
}

/**
 * Write `examples` at byte `at` of `memory` with its first `denseColumns` columns dense and the rest as
 * `entries` entries (sparseEntriesOf), each column stored as column × `columnStride` (its weight row's offset).
 */
export function writeRecords(
	memory: ArrayBufferLike,
	at: number,
	examples: Examples,
	denseColumns: number,
	entries: number,
	columnStride: number,
): RecordPointers {
	const {features, targets, rows, featureCount} = examples;
	const pointers = {targets: at, features: 0, rowStarts: 0, columns: 0, values: 0};
	pointers.features = alignToVector(pointers.targets + (rows + spareRecords) * sizes.f64);
	pointers.rowStarts = alignToVector(pointers.features + rows * denseColumns * sizes.f64 + sizes.v128);
	pointers.columns = alignToVector(pointers.rowStarts + (rows + 1) * i32Bytes);
	pointers.values = alignToVector(pointers.columns + entries * i32Bytes);
	new Float64Array(memory, pointers.targets, rows).set(targets.subarray(0, rows));
	const dense = new Float64Array(memory, pointers.features, rows * denseColumns);
	const rowStarts = new Int32Array(memory, pointers.rowStarts, rows + 1);
	const columns = new Int32Array(memory, pointers.columns, entries);
	const values = new Float64Array(memory, pointers.values, entries);
	let entry = 0;
	for (let row = 0; row < rows; row++) {
		const offset = row * featureCount;
		rowStarts[row] = entry;
		for (let column = 0; column < featureCount; column++) {
			const value = features[offset + column]!;
			if (column < denseColumns) {
				dense[row * denseColumns + column] = value;
			} else if (value !== 0) {
				columns[entry] = column * columnStride;
				values[entry] = value;
				entry++;
			}
		}
	}

	rowStarts[rows] = entry;
	return pointers;
}
