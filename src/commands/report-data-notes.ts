/** What reading the data did that its user should know, said on stderr: one line per note, naming the data as its errors do (its file). */
import {datasetNotes} from '../data/dataset-notes.js';
import {place} from '../data/data-error.js';
import type {Dataset} from '../data/dataset.js';

/** Write `dataset`'s notes (dropped rows, the target's labels, reading notes) to stderr. */
export function reportDataNotes(dataset: Dataset): void {
	for (const note of datasetNotes(dataset)) {
		process.stderr.write(`gdlab: ${place(dataset.path ?? dataset.name)}: ${note}\n`);
	}
}
