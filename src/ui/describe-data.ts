/** The data in words, for the tabs line (short) and the help (in full). */
import {listedName} from '../data/data-error.js';
import type {SplitDataset} from '../data/dataset.js';
import {displayWidth, truncateToWidth} from './text-width.js';

/** "1 feature", "6 features". */
const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * The dataset's name with its size, as long as `width` columns allow: "binary.csv · 400 rows × 6 features",
 * "binary.csv 400×6", a name with its file in brackets alone, then without its file ("admissions 400×6" for
 * "admissions (binary.csv)"), or the name, cut short if need be.
 */
export function describeDataShort({dataset}: SplitDataset, width: number): string {
	const features = dataset.featureNames.length;
	const size = `${dataset.rows}×${features}`;
	const nameWithoutFile = /^(.+?) \([^()]+\)$/.exec(dataset.name)?.[1];
	const choices = [
		`${dataset.name} · ${count(dataset.rows, 'row')} × ${count(features, 'feature')}`,
		`${dataset.name} ${size}`,
		...(nameWithoutFile === undefined ? [] : [dataset.name, `${nameWithoutFile} ${size}`, nameWithoutFile]),
	];
	// the name is cut here, not left to Ink: Ink's truncation can keep a wide character that straddles the edge
	return choices.find(text => displayWidth(text) <= width) ?? truncateToWidth(dataset.name, width);
}

/** The data as the help describes it: name, rows of each part, and the features by name (one with a comma quoted, as the file does). */
export function describeDataLong({dataset, train, test}: SplitDataset): string {
	return `data: ${dataset.name}, ${count(dataset.rows, 'row')} (${train.rows} training, ${test.rows} test), ${count(dataset.featureNames.length, 'feature')}: ${dataset.featureNames.map(name => listedName(name)).join(', ')}`;
}

/** What the help says about saved runs: how to make and reopen one, and the one loaded, if any. */
export function describeSavedRuns(loaded: string | undefined): string {
	return `saved runs: w saves one, gdlab --load FILE reopens it${loaded === undefined ? '' : ` · ${loaded}`}`;
}
