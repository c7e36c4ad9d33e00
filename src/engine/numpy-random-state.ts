/**
 * A faithful port of NumPy's legacy `RandomState` (what `np.random.seed(n)` drives): the MT19937
 * generator seeded from a 32-bit integer, 53-bit `random_sample` doubles, the legacy polar Gaussian
 * (which caches its second value), and the legacy shuffle behind `permutation` and `choice`.
 * Same seed, same draws, bit for bit.
 */
import {PolarGaussian} from './polar-gaussian.js';
import type {Random} from './random.js';

const stateLength = 624;
const middleWord = 397;
// the generator's constants as int32 (its words are kept in Int32Arrays: V8 then keeps every step in
// 32-bit registers, where uint32 words above 2^31 would be doubles; about twice as fast, the same bits)
const matrixA = 0x9908b0df | 0;
const upperMask = 0x80000000 | 0;
const lowerMask = 0x7fffffff;
const temperingB = 0x9d2c5680 | 0;
const temperingC = 0xefc60000 | 0;

/** NumPy's legacy RandomState, seeded like `np.random.seed(seed)`. */
export class NumpyRandomState extends PolarGaussian implements Random {
	readonly kind = 'numpy';
	private readonly key = new Int32Array(stateLength);
	/** The key's words tempered, made at each twist: the draws themselves. */
	private readonly words = new Int32Array(stateLength);
	private position = stateLength;

	constructor(seed: number) {
		super();
		if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
			throw new RangeError(`numpy seed must be an integer from 0 to 4294967295, got ${seed}`);
		}

		// init_genrand, as mt19937_seed does it
		let value = seed >>> 0;
		for (let index = 0; index < stateLength; index++) {
			this.key[index] = value;
			value = (Math.imul(1812433253, value ^ (value >>> 30)) + index + 1) >>> 0;
		}
	}

	/** The next raw 32-bit word of MT19937. */
	nextUint32(): number {
		if (this.position >= stateLength) {
			this.generate();
		}

		return this.words[this.position++]! >>> 0;
	}

	/** A double in [0, 1) from 53 random bits, like `random_sample`. */
	random(): number {
		const at = this.position;
		if (at + 1 >= stateLength) {
			const high = this.nextUint32() >>> 5;
			const low = this.nextUint32() >>> 6;
			return (high * 67108864 + low) / 9007199254740992;
		}

		this.position = at + 2;
		return (((this.words[at]! >>> 5) * 67108864) + (this.words[at + 1]! >>> 6)) / 9007199254740992;
	}

	/** A uniform integer in [0, max] by masked rejection, like the legacy `random_interval`. */
	interval(max: number): number {
		if (max === 0) {
			return 0;
		}

		let mask = max;
		mask |= mask >>> 1;
		mask |= mask >>> 2;
		mask |= mask >>> 4;
		mask |= mask >>> 8;
		mask |= mask >>> 16;
		mask >>>= 0;
		let value: number;
		do {
			value = (this.nextUint32() & mask) >>> 0;
		} while (value > max);

		return value;
	}

	/** The twist of the key, then every word tempered. */
	private generate(): void {
		const {key, words} = this;
		let index = 0;
		for (; index < stateLength - middleWord; index++) {
			const y = (key[index]! & upperMask) | (key[index + 1]! & lowerMask);
			key[index] = key[index + middleWord]! ^ (y >>> 1) ^ (-(y & 1) & matrixA);
		}

		for (; index < stateLength - 1; index++) {
			const y = (key[index]! & upperMask) | (key[index + 1]! & lowerMask);
			key[index] = key[index + middleWord - stateLength]! ^ (y >>> 1) ^ (-(y & 1) & matrixA);
		}

		const y = (key[stateLength - 1]! & upperMask) | (key[0]! & lowerMask);
		key[stateLength - 1] = key[middleWord - 1]! ^ (y >>> 1) ^ (-(y & 1) & matrixA);
		for (index = 0; index < stateLength; index++) {
			let word = key[index]!;
			word ^= word >>> 11;
			word ^= (word << 7) & temperingB;
			word ^= (word << 15) & temperingC;
			word ^= word >>> 18;
			words[index] = word;
		}

		this.position = 0;
	}
}
