/** `--export-history FILE.csv`: one row per epoch, written atomically. */
import {writeFileAtomic} from '../data/atomic-write.js';
import {checkOutputFile, type OutputKind} from '../data/output-file.js';
import type {LossHistory} from '../engine/loss-history.js';

/** The header of an exported history. */
export const historyCsvHeader = 'epoch,train_mse,test_mse,test_accuracy,learn_rate';

/** An exported history as an output: gdlab's own is told by its header line. */
export const historyOutput: OutputKind = {
	option: '--export-history',
	what: 'a gdlab history CSV',
	isOurs: head => head.split('\n', 1)[0]!.replace(/^\uFEFF/, '').trimEnd() === historyCsvHeader,
};

/** Epochs per piece of the CSV text: a long run's history is written a piece at a time, never held whole as text. */
const epochsPerPiece = 8192;

/** The history as CSV text, in pieces: epoch, training MSE, test MSE, test accuracy, learning rate. */
export function * historyCsv(history: LossHistory): Generator<string, void, void> {
	yield `${historyCsvHeader}\n`;
	for (let first = 0; first < history.length; first += epochsPerPiece) {
		const lines: string[] = [];
		for (let epoch = first; epoch < Math.min(first + epochsPerPiece, history.length); epoch++) {
			const {train, test, accuracy, learnRate} = history.at(epoch);
			lines.push(`${epoch},${train},${test},${accuracy},${learnRate}\n`);
		}

		yield lines.join('');
	}
}

/**
 * Write the history to a CSV file atomically, after checking again that the path takes it (never the
 * data file `dataPath`, never a file gdlab did not write); returns true when it replaced an earlier export.
 */
export function exportHistory(path: string, history: LossHistory, dataPath?: string | null): boolean {
	const replaced = checkOutputFile(path, historyOutput, dataPath);
	writeFileAtomic(path, historyCsv(history));
	return replaced;
}
