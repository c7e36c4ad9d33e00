/** `--export-history FILE.csv`: one row per epoch, written atomically. */
import {writeFileAtomic} from '../data/run-file.js';
import type {LossHistory} from '../engine/loss-history.js';

/** The header of an exported history. */
export const historyCsvHeader = 'epoch,train_mse,test_mse,test_accuracy,learn_rate';

/** The history as CSV text: epoch, training MSE, test MSE, test accuracy, learning rate. */
export function historyCsv(history: LossHistory): string {
	const lines = [historyCsvHeader];
	for (let epoch = 0; epoch < history.length; epoch++) {
		const {train, test, accuracy, learnRate} = history.at(epoch);
		lines.push(`${epoch},${train},${test},${accuracy},${learnRate}`);
	}

	return `${lines.join('\n')}\n`;
}

/** Write the history to a CSV file atomically. */
export function exportHistory(path: string, history: LossHistory): void {
	writeFileAtomic(path, historyCsv(history));
}
