/**
 * One interface for random numbers, two generators: `numpy` (the lesson's seeds give the lesson's
 * numbers) and `seedrandom` (any string seed). Everything random in gdlab draws through here.
 */
import seedrandom from 'seedrandom';
import {NumpyRandomState} from './numpy-random-state.js';
import {PolarGaussian} from './polar-gaussian.js';

/** The generators gdlab offers. */
export const randomKinds = ['numpy', 'seedrandom'] as const;
export type RandomKind = (typeof randomKinds)[number];

/** The draws every generator provides; the derived draws below are built on them. */
export type Random = {
	/** Which generator this is. */
	readonly kind: string;
	/** A double in [0, 1). */
	random(): number;
	/** A standard normal draw. */
	gauss(): number;
	/** A uniform integer in [0, max]. */
	interval(max: number): number;
};

/** Make a generator of the given kind from a seed. */
export function createRandom(kind: RandomKind, seed: number | string): Random {
	if (kind === 'numpy') {
		const numericSeed = typeof seed === 'number' ? seed : Number(seed);
		return new NumpyRandomState(numericSeed);
	}

	return new SeedrandomRandom(String(seed));
}

/** `normal(loc, scale, size)`: `size` draws of loc + scale · gauss, in row-major order. */
export function normal(random: Random, loc: number, scale: number, size: number): Float64Array {
	const values = new Float64Array(size);
	for (let index = 0; index < size; index++) {
		values[index] = loc + scale * random.gauss();
	}

	return values;
}

/** `permutation(n)`: 0..n−1 shuffled from the back, as NumPy's legacy shuffle does. */
export function permutation(random: Random, n: number): number[] {
	const values = Array.from({length: n}, (_, index) => index);
	for (let index = n - 1; index > 0; index--) {
		const other = random.interval(index);
		const swap = values[index]!;
		values[index] = values[other]!;
		values[other] = swap;
	}

	return values;
}

/** `choice(n, size, replace=False)`: the first `size` of a permutation, as legacy NumPy draws it. */
export function choiceWithoutReplacement(random: Random, n: number, size: number): number[] {
	if (size > n) {
		throw new RangeError(`cannot choose ${size} of ${n} without replacement`);
	}

	return permutation(random, n).slice(0, size);
}

/** The seedrandom package (its default ARC4 generator), with a polar Gaussian that caches like NumPy's. */
class SeedrandomRandom extends PolarGaussian implements Random {
	readonly kind = 'seedrandom';
	private readonly prng: seedrandom.PRNG;

	constructor(seed: string) {
		super();
		this.prng = seedrandom(seed);
	}

	random(): number {
		return this.prng.double();
	}

	interval(max: number): number {
		return Math.floor(this.random() * (max + 1));
	}
}
