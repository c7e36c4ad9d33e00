/**
 * What the kernels need to know about a set of records, worked out once per features array and kept as
 * long as the array lives: each column's largest |x| (so the weights alone can prove every hidden input
 * small enough for the fast sigmoid), and which columns are worth storing sparsely. One-hot columns, like
 * the lesson's rank_1 … rank_4, are mostly zeros, and x·w with x = 0 adds nothing an epoch needs.
 *
 * Records are taken to be fixed once prepared (the data module writes them once, before any epoch).
 */
import type {Examples} from '../../data/dataset.js';
import {maxResidentBytes, residentBytes} from './resident-records.js';

/** A column whose share of nonzero values is at least this is stored densely. */
export const denseColumnShare = 0.5;
/** The most unit entries per record a kernel reads without a loop (record-profile's unitEntries). */
export const maxUnitEntries = 4;

/** The kernels' view of a set of records. */
export type RecordProfile = {
	/** max |x| over the records, per feature column. */
	columnMax: Float64Array;
	/** The leading columns to store densely (each has at least denseColumnShare nonzeros). */
	denseColumns: number;
	/** Nonzero values in the other columns, each stored as a (column, value) entry. */
	sparseEntries: number;
	/** Whether the records, laid out so, are small enough to live in a kernel's memory (resident-records.ts). */
	sparseFitsResident: boolean;
	/**
	 * k when every record has exactly k (1 … maxUnitEntries) sparse entries and every one is 1, as dummy
	 * columns give (one per categorical column); else 0.
	 */
	unitEntries: number;
};

const profiles = new WeakMap<Float64Array, RecordProfile>();

/** The profile of `examples`' records, computed on first use. */
export function recordProfile(examples: Examples): RecordProfile {
	let profile = profiles.get(examples.features);
	if (!profile) {
		profile = computeProfile(examples);
		profiles.set(examples.features, profile);
	}

	return profile;
}

function computeProfile(examples: Examples): RecordProfile {
	const {features, rows, featureCount} = examples;
	const columnMax = new Float64Array(featureCount);
	const nonzeros = new Float64Array(featureCount);
	for (let row = 0; row < rows; row++) {
		const offset = row * featureCount;
		for (let column = 0; column < featureCount; column++) {
			const magnitude = Math.abs(features[offset + column]!);
			if (magnitude > columnMax[column]!) {
				columnMax[column] = magnitude;
			}

			if (magnitude !== 0) {
				nonzeros[column]!++;
			}
		}
	}

	let denseColumns = 0;
	while (denseColumns < featureCount && nonzeros[denseColumns]! >= denseColumnShare * rows) {
		denseColumns++;
	}

	let sparseEntries = 0;
	for (let column = denseColumns; column < featureCount; column++) {
		sparseEntries += nonzeros[column]!;
	}

	// a sparse tail as full as a dense column gains nothing from skipping zeros
	if (sparseEntries >= denseColumnShare * rows * (featureCount - denseColumns)) {
		denseColumns = featureCount;
		sparseEntries = 0;
	}

	const sparseFitsResident = residentBytes(examples, denseColumns, sparseEntries) <= maxResidentBytes;
	return {columnMax, denseColumns, sparseEntries, sparseFitsResident, unitEntries: unitEntriesOf(examples, denseColumns, sparseEntries)};
}

/** k when every record has exactly k sparse entries (columns from `denseColumns` on), all 1; else 0. */
function unitEntriesOf({features, rows, featureCount}: Examples, denseColumns: number, sparseEntries: number): number {
	const perRow = rows > 0 ? sparseEntries / rows : 0;
	if (!Number.isInteger(perRow) || perRow < 1 || perRow > maxUnitEntries) {
		return 0;
	}

	for (let row = 0; row < rows; row++) {
		let entries = 0;
		for (let column = denseColumns; column < featureCount; column++) {
			const value = features[row * featureCount + column]!;
			if (value !== 0) {
				if (value !== 1) {
					return 0;
				}

				entries++;
			}
		}

		if (entries !== perRow) {
			return 0;
		}
	}

	return perRow;
}
