/**
 * The one check of a run's configuration. The CLI's flags pass it by construction; a saved run read
 * from disk may hold anything, so every setting's type and range is checked here, where the engine
 * that would choke on it (a typed array of 10⁹ hidden units, an unknown generator) lives.
 */
import {modelKinds} from './model.js';
import {randomKinds, type RandomKind} from './random.js';
import type {SessionConfig} from './training-session.js';

/** The most hidden units gdlab builds (a bigger network would take the dashboard minutes per frame). */
export const maxHiddenUnits = 1024;

/**
 * The most weights a network may have: a run keeps some six copies of them (and the dashboard's worker
 * more), so 100,000 one-hot columns × 1024 hidden units would take gigabytes and minutes an epoch.
 */
export const maxWeights = 4_000_000;

/** Refuse a network of `featureCount` inputs and `hidden` hidden units with more than maxWeights weights. */
export function checkNetworkSize(featureCount: number, hidden: number): void {
	const weights = (featureCount * hidden) + hidden;
	if (weights > maxWeights) {
		throw new ConfigError(`${hidden} hidden units on ${featureCount.toLocaleString('en-US')} features make ${weights.toLocaleString('en-US')} weights; at most ${maxWeights.toLocaleString('en-US')} (fewer hidden units or fewer columns)`);
	}
}

/** `config`, checked, with a network that is not too big for data of `featureCount` features (a ConfigError otherwise). */
export function validateConfigForData(config: SessionConfig, featureCount: number): SessionConfig {
	validateConfig(config);
	if (config.model === 'backprop') {
		checkNetworkSize(featureCount, config.hidden);
	}

	return config;
}

/** The largest seed NumPy's RandomState takes (2³² − 1). */
export const maxNumpySeed = 0xff_ff_ff_ff;

/**
 * The most epochs a run may target: its history keeps 32 bytes an epoch, and a saved run some 70 to 100
 * bytes of JSON an epoch, which must stay one string well under V8's limit of 512 MB.
 */
export const maxEpochs = 1_000_000;

/** A configuration value the engine cannot run with. */
export class ConfigError extends Error {
	override readonly name = 'ConfigError';
}

/**
 * A value as a message shows it: a number as written, anything else as JSON (text quoted, so "50" and 50
 * read apart; an object from a run file as the file has it), cut short.
 */
function shown(value: unknown): string {
	const text = typeof value === 'number' || value === undefined ? String(value) : (JSON.stringify(value) ?? String(value));
	return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function isWholeNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Check a seed for the generator, returning it, or throw a ConfigError naming it (`what`: "seed", "split seed"). */
export function validateSeed(seed: unknown, rng: RandomKind, what = 'seed'): number | string {
	if (rng === 'numpy') {
		if (!isWholeNumber(seed) || seed < 0 || seed > maxNumpySeed) {
			throw new ConfigError(`${what} must be a whole number from 0 to ${maxNumpySeed} with rng numpy, got ${shown(seed)}`);
		}

		return seed;
	}

	// seedrandom takes any text; a number is what --seed 7 gives
	if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0)) {
		throw new ConfigError(`${what} must be text or a whole number of at least 0 with rng seedrandom, got ${shown(seed)}`);
	}

	return seed;
}

/** Check a configuration, returning it, or throw a ConfigError naming the bad value. */
export function validateConfig(config: SessionConfig): SessionConfig {
	const {epochs, learnRate, momentum, hidden, batch, model, rng, seed} = config;
	if (!(modelKinds as readonly unknown[]).includes(model)) {
		throw new ConfigError(`model must be one of ${modelKinds.join(', ')}, got ${shown(model)}`);
	}

	if (!(randomKinds as readonly unknown[]).includes(rng)) {
		throw new ConfigError(`rng must be one of ${randomKinds.join(', ')}, got ${shown(rng)}`);
	}

	if (!isWholeNumber(epochs) || epochs < 1 || epochs > maxEpochs) {
		throw new ConfigError(`epochs must be a whole number from 1 to ${maxEpochs}, got ${shown(epochs)}`);
	}

	if (typeof learnRate !== 'number' || !(learnRate > 0) || !Number.isFinite(learnRate)) {
		throw new ConfigError(`learning rate must be a positive number, got ${shown(learnRate)}`);
	}

	if (typeof momentum !== 'number' || !(momentum >= 0 && momentum < 1)) {
		throw new ConfigError(`momentum must be at least 0 and below 1, got ${shown(momentum)}`);
	}

	// the single unit ignores hidden (the dashboard keeps 0 there), but a backprop restart builds it
	const fewestHidden = model === 'backprop' ? 1 : 0;
	if (!isWholeNumber(hidden) || hidden < fewestHidden || hidden > maxHiddenUnits) {
		throw new ConfigError(`hidden units must be a whole number from ${fewestHidden} to ${maxHiddenUnits}, got ${shown(hidden)}`);
	}

	if (typeof batch === 'number' && (!isWholeNumber(batch) || batch < 1)) {
		throw new ConfigError(`batch size must be a whole number of at least 1, got ${batch}`);
	}

	if (typeof batch !== 'number' && batch !== 'full' && batch !== 'record') {
		throw new ConfigError(`batch must be full, record or a mini-batch size, got ${shown(batch)}`);
	}

	validateSeed(seed, rng);
	return config;
}
