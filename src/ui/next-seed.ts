/** The seed `s` moves to, on a training screen and on the Forward screen alike. */
import type {RandomKind} from '../engine/random.js';
import {maxNumpySeed} from '../engine/validate-config.js';

/** The next integer (a word seed starts the count at 1), back to 0 after numpy's last seed. */
export function nextSeed(seed: number | string, rng: RandomKind): number {
	const value = Number(seed);
	if (!Number.isSafeInteger(value)) {
		return 1;
	}

	return rng === 'numpy' && value >= maxNumpySeed ? 0 : value + 1;
}
