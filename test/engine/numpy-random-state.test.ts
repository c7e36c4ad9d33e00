import assert from 'node:assert/strict';
import {test} from 'node:test';
import {NumpyRandomState} from '../../src/engine/numpy-random-state.js';
import {choiceWithoutReplacement, createRandom, normal, permutation} from '../../src/engine/random.js';
import {readFixture} from '../helpers/fixtures.js';

const draws = readFixture('numpy-rng.json');

test('random_sample draws equal NumPy for seeds 42, 0 and 2^32−1', () => {
	const sample = (seed: number, count: number) => {
		const random = new NumpyRandomState(seed);
		return Array.from({length: count}, () => random.random());
	};

	assert.deepEqual(sample(42, 5), draws.seed42_random_sample_5);
	assert.deepEqual(sample(0, 3), draws.seed0_random_sample_3);
	assert.deepEqual(sample(4_294_967_295, 3), draws.seed4294967295_random_sample_3);
});

test('randn and normal(scale=1/√6) draws equal NumPy bit for bit', () => {
	const random = new NumpyRandomState(42);
	assert.deepEqual(Array.from({length: 5}, () => random.gauss()), draws.seed42_randn_5);
	assert.deepEqual(Array.from(normal(new NumpyRandomState(42), 0, 1 / Math.sqrt(6), 6)), draws['seed42_normal_scale0.4082_size6']);
});

test('the Gaussian cache carries across calls, as the backprop weights for seed 21 need', () => {
	const random = new NumpyRandomState(21);
	const [matrix, vector] = draws['seed21_normal_scale0.4082_size_6x2_then_2'];
	assert.deepEqual(Array.from(normal(random, 0, 1 / Math.sqrt(6), 12)), matrix.flat());
	assert.deepEqual(Array.from(normal(random, 0, 1 / Math.sqrt(6), 2)), vector);
});

test('permutation and choice without replacement equal NumPy', () => {
	assert.deepEqual(permutation(new NumpyRandomState(42), 10), draws.seed42_permutation_10);
	assert.deepEqual(choiceWithoutReplacement(new NumpyRandomState(42), 400, 360).slice(0, 20), draws.seed42_choice_400_360_first20);
});

test('random_sample across the generator\'s twists equals NumPy, the two words of a draw in one twist or split across two', () => {
	// numpy-rng-long.json: RandomState(7).random_sample(700), and the same after .permutation(5), which takes
	// 5 words, so that every draw's words are odd-even and the 310th takes the last word of one twist and the
	// first of the next
	const long = readFixture('numpy-rng-long.json');
	const even = new NumpyRandomState(7);
	assert.deepEqual(Array.from({length: 700}, () => even.random()), long.seed7_random_sample_700);
	const odd = new NumpyRandomState(7);
	assert.deepEqual(permutation(odd, 5), long.seed7_permutation_5);
	assert.deepEqual(Array.from({length: 700}, () => odd.random()), long.seed7_after_permutation_5_random_sample_700);
});

test('MT19937 seeded with 5489 gives 4123659995 as its 10000th word, as the C++ standard requires of mt19937', () => {
	const random = new NumpyRandomState(5489);
	for (let draw = 1; draw < 10_000; draw++) {
		random.nextUint32();
	}

	assert.equal(random.nextUint32(), 4_123_659_995);
});

test('a numpy seed outside 0…2^32−1 is refused with a clear message', () => {
	assert.throws(() => new NumpyRandomState(-1), {message: 'numpy seed must be an integer from 0 to 4294967295, got -1'});
	assert.throws(() => new NumpyRandomState(2 ** 32), /4294967296/);
	assert.throws(() => new NumpyRandomState(1.5), /got 1.5/);
});

test('seedrandom gives the same draws for the same string seed and others for another', () => {
	const first = createRandom('seedrandom', 'hello');
	const again = createRandom('seedrandom', 'hello');
	const other = createRandom('seedrandom', 'world');
	const a = Array.from({length: 4}, () => first.gauss());
	assert.deepEqual(Array.from({length: 4}, () => again.gauss()), a);
	assert.notDeepEqual(Array.from({length: 4}, () => other.gauss()), a);
	const shuffled = permutation(createRandom('seedrandom', 's'), 50);
	assert.deepEqual([...shuffled].sort((x, y) => x - y), Array.from({length: 50}, (_, index) => index));
});
