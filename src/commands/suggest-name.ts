/** "did you mean …?" for a mistyped option or command: the one name it is nearest to, if any is near. */

/** Words users type for an option under another name. */
const synonyms: Readonly<Record<string, string>> = {
	'learning-rate': 'lr',
	'learn-rate': 'lr',
	learnrate: 'lr',
	rate: 'lr',
	eta: 'lr',
	'hidden-units': 'hidden',
	units: 'hidden',
	'random-seed': 'seed',
	beta: 'momentum',
	'batch-size': 'batch',
	file: 'data',
	csv: 'data',
	label: 'target',
	history: 'export-history',
	export: 'export-history',
	'test-split': 'test-ratio',
	'seed-split': 'split-seed',
};

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
	const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : (j === 0 ? i : 0))));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const replace = rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, replace);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			}

			rows[i]![j] = best;
		}
	}

	return rows[a.length]![b.length]!;
}

/**
 * The name among `names` that `typed` most likely meant: the same once case and _ are set aside, a known
 * synonym, or the one nearest within two edits (one for short names), when no other is as near.
 */
export function suggestName(typed: string, names: readonly string[]): string | undefined {
	const word = typed.toLowerCase().replaceAll('_', '-');
	if (names.includes(word)) {
		return word;
	}

	const synonym = synonyms[word];
	if (synonym !== undefined && names.includes(synonym)) {
		return synonym;
	}

	const allowed = word.length <= 4 ? 1 : 2;
	const ranked = names.map(name => ({name, distance: editDistance(word, name)})).sort((a, b) => a.distance - b.distance);
	const [best, next] = ranked;
	if (best === undefined || best.distance > allowed || (next !== undefined && next.distance === best.distance)) {
		return undefined;
	}

	return best.name;
}
