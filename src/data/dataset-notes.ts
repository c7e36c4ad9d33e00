/** What a user should be told about how a dataset was read: dropped rows, the target's labels, columns read in a way they may not expect. */
import {quote} from './data-error.js';
import type {Dataset} from './dataset.js';

/** One line per thing worth saying, e.g. `dropped 3 of 403 rows with a missing value`; none for plain data. */
export function datasetNotes(dataset: Dataset): string[] {
	const notes: string[] = [];
	if (dataset.droppedRows > 0) {
		const total = dataset.rows + dataset.droppedRows;
		notes.push(`dropped ${dataset.droppedRows} of ${total} rows with a missing value`);
	}

	const [negative, positive] = dataset.targetMapping;
	if (negative && positive && !(negative[0] === '0' && positive[0] === '1')) {
		notes.push(`target ${quote(dataset.targetName)}: ${quote(negative[0])} → 0, ${quote(positive[0])} → 1`);
	}

	return [...notes, ...(dataset.readingNotes ?? [])];
}
