/**
 * Check that parsed JSON is a whole saved run before anything trusts it: a wrong type, a missing
 * history column or a hidden-unit count of 10⁹ would otherwise surface as a TypeError deep in the
 * engine, a replay that never ends, or a comparison that passes because it had nothing to compare.
 */
import type {RandomKind} from '../engine/random.js';
import {checkNetworkSize, ConfigError, validateConfig, validateSeed} from '../engine/validate-config.js';
import type {SessionConfig} from '../engine/training-session.js';
import type {RunRecord} from './run-file.js';

/** The keys every saved run has. */
const recordKeys = ['source', 'dataset', 'config', 'changes', 'epochs', 'status', 'history', 'initialWeights', 'weights'] as const;
/** The history's columns, one value per epoch each. */
export const historyColumns = ['train', 'test', 'accuracy', 'learnRate'] as const;
/** The settings a change during a run may hold (the rest would need a restart). */
const changeableSettings = ['learnRate', 'momentum', 'batch', 'epochs'] as const;
const statuses = ['training', 'done', 'diverged'] as const;

/** What is wrong with a saved run, as a message names it after the file. */
export class RecordProblem extends Error {
	override readonly name = 'RecordProblem';
}

/** A value as a message shows it: JSON, cut short. */
function shown(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, name: string): Record<string, unknown> {
	if (value === undefined) {
		throw new RecordProblem(`"${name}" is missing`);
	}

	if (!isObject(value)) {
		throw new RecordProblem(`"${name}" must be an object, got ${shown(value)}`);
	}

	return value;
}

function check(ok: boolean, name: string, what: string, value: unknown): void {
	if (!ok) {
		throw new RecordProblem(value === undefined ? `"${name}" is missing` : `"${name}" must be ${what}, got ${shown(value)}`);
	}
}

const isTextOrNull = (value: unknown) => value === null || (typeof value === 'string' && value !== '');
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The settings a saved config holds, each checked by validateConfig once it is there. */
const configKeys = ['model', 'hidden', 'epochs', 'learnRate', 'seed', 'rng', 'batch', 'momentum'] as const;

/** The config checks, with the setting's place in the file named. */
function validSettings(config: SessionConfig, name: string): SessionConfig {
	for (const key of configKeys) {
		if (config[key] === undefined) {
			throw new RecordProblem(`"${name}.${key}" is missing`);
		}
	}

	return settingsHold(() => validateConfig(config), name);
}

/** Run a check of the engine's, its ConfigError becoming a RecordProblem naming the setting's place in the file. */
function settingsHold<T>(check: () => T, name: string): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof ConfigError) {
			throw new RecordProblem(`${name}: ${error.message}`);
		}

		throw error;
	}
}

/** Check parsed JSON (format and version already checked) and return it as a RunRecord, or throw a RecordProblem. */
export function checkRunRecord(record: Record<string, unknown>): RunRecord {
	for (const key of recordKeys) {
		if (record[key] === undefined) {
			throw new RecordProblem(`the saved run has no "${key}"`);
		}
	}

	const config = validSettings(object(record.config, 'config') as SessionConfig, 'config');
	check(record.fusedMultiplyAdd === undefined || typeof record.fusedMultiplyAdd === 'boolean', 'fusedMultiplyAdd', 'true or false', record.fusedMultiplyAdd);
	const epochs = record.epochs;
	check(isCount(epochs), 'epochs', 'a whole number of at least 0', epochs);
	check((statuses as readonly unknown[]).includes(record.status), 'status', `one of ${statuses.join(', ')}`, record.status);
	checkSource(object(record.source, 'source'), config.rng);
	const features = checkDataset(object(record.dataset, 'dataset'));
	if (config.model === 'backprop') {
		settingsHold(() => {
			checkNetworkSize(features, config.hidden);
		}, 'config');
	}

	checkChanges(record.changes, config, epochs as number);
	checkHistory(object(record.history, 'history'), epochs as number);
	checkWeights(record.initialWeights, 'initialWeights', config, features);
	checkWeights(record.weights, 'weights', config, features);
	return record as RunRecord;
}

function checkSource(source: Record<string, unknown>, rng: RandomKind): void {
	check(isTextOrNull(source.data), 'source.data', 'a file path or null', source.data);
	check(isTextOrNull(source.target), 'source.target', 'a column name or null', source.target);
	const {categorical} = source;
	check(categorical === null || (Array.isArray(categorical) && categorical.every(name => typeof name === 'string')), 'source.categorical', 'a list of column names or null', categorical);
	const {ignore} = source;
	check(ignore === undefined || ignore === null || (Array.isArray(ignore) && ignore.every(name => typeof name === 'string')), 'source.ignore', 'a list of column names or null', ignore);
	check(typeof source.strict === 'boolean', 'source.strict', 'true or false', source.strict);
	const {testRatio} = source;
	check(typeof testRatio === 'number' && testRatio > 0 && testRatio < 1, 'source.testRatio', 'a number between 0 and 1 (exclusive)', testRatio);
	check(source.splitSeed !== undefined, 'source.splitSeed', 'a seed', source.splitSeed);
	try {
		validateSeed(source.splitSeed, rng, 'split seed');
	} catch (error) {
		throw new RecordProblem(`source: ${(error as Error).message}`);
	}
}

/** Check the dataset's description; returns how many features the weights are shaped for. */
function checkDataset(dataset: Record<string, unknown>): number {
	check(typeof dataset.name === 'string', 'dataset.name', 'text', dataset.name);
	check(isTextOrNull(dataset.path), 'dataset.path', 'a file path or null', dataset.path);
	check(dataset.sha256 === null || (typeof dataset.sha256 === 'string' && /^[\da-f]{64}$/.test(dataset.sha256)), 'dataset.sha256', '64 hex digits or null', dataset.sha256);
	check(isCount(dataset.rows) && dataset.rows >= 1, 'dataset.rows', 'a whole number of at least 1', dataset.rows);
	const {features} = dataset;
	check(Array.isArray(features) && features.length > 0 && features.every(name => typeof name === 'string'), 'dataset.features', 'a list of feature names', features);
	return (features as string[]).length;
}

function checkChanges(changes: unknown, config: SessionConfig, epochs: number): void {
	check(Array.isArray(changes), 'changes', 'a list', changes);
	let settings = config;
	let previous = 0;
	for (const [index, entry] of (changes as unknown[]).entries()) {
		const name = `changes[${index}]`;
		const {epoch, change} = object(entry, name);
		// changes are logged as the run reaches them: in order, never past the epochs trained
		check(isCount(epoch) && epoch >= previous && epoch <= epochs, `${name}.epoch`, `a whole number from ${previous} to ${epochs}`, epoch);
		const settingsChanged = object(change, `${name}.change`);
		const unknown = Object.keys(settingsChanged).find(key => !(changeableSettings as readonly string[]).includes(key));
		if (unknown !== undefined) {
			throw new RecordProblem(`"${name}.change" has an unknown setting "${unknown}" (known: ${changeableSettings.join(', ')})`);
		}

		settings = validSettings({...settings, ...settingsChanged}, name);
		previous = epoch as number;
	}
}

function checkHistory(history: Record<string, unknown>, epochs: number): void {
	for (const column of historyColumns) {
		const name = `history.${column}`;
		const values = history[column];
		check(Array.isArray(values), name, `a list of ${epochs} numbers`, values);
		if ((values as unknown[]).length !== epochs) {
			throw new RecordProblem(`"${name}" has ${(values as unknown[]).length} values for ${epochs} epochs`);
		}

		// JSON.stringify writes NaN and ±Infinity as null (a diverged run's last figures, say)
		const bad = (values as unknown[]).findIndex(value => value !== null && typeof value !== 'number');
		if (bad !== -1) {
			throw new RecordProblem(`"${name}[${bad}]" must be a number, got ${shown((values as unknown[])[bad])}`);
		}
	}
}

/** Weights are finite (a diverging epoch is rolled back) and shaped as the model's weightsJson writes them. */
function checkWeights(value: unknown, name: string, config: SessionConfig, features: number): void {
	const weights = object(value, name);
	const isNumbers = (row: unknown): row is number[] => Array.isArray(row) && row.every(weight => typeof weight === 'number');
	const isRow = (row: unknown, length: number) => isNumbers(row) && row.length === length;
	// well-formed weights for another number of features than the record names: say both, as either may be the one edited
	const featuresDiffer = (rows: unknown[], part: string, unit: string): void => {
		if (rows.length !== features) {
			throw new RecordProblem(`"${name}.${part}" has ${rows.length} ${unit}${rows.length === 1 ? '' : 's'} for the ${features} ${features === 1 ? 'feature' : 'features'} "dataset.features" names`);
		}
	};

	if (config.model === 'single') {
		if (isNumbers(weights.output)) {
			featuresDiffer(weights.output, 'output', 'weight');
		}

		check(isRow(weights.output, features), `${name}.output`, `a list of ${features} ${features === 1 ? 'number' : 'numbers'} (one per feature)`, weights.output);
		return;
	}

	const {inputHidden, hiddenOutput} = weights;
	if (Array.isArray(inputHidden) && inputHidden.every(row => isRow(row, config.hidden))) {
		featuresDiffer(inputHidden, 'inputHidden', 'row');
	}

	check(Array.isArray(inputHidden) && inputHidden.length === features && inputHidden.every(row => isRow(row, config.hidden)), `${name}.inputHidden`, `${features} rows (features) of ${config.hidden} numbers (hidden units)`, inputHidden);
	check(isRow(hiddenOutput, config.hidden), `${name}.hiddenOutput`, `a list of ${config.hidden} numbers (hidden units)`, hiddenOutput);
}

