/**
 * Command-line options shared by `gdlab train` and the dashboard: parsed with node:util parseArgs,
 * every value checked, every mistake a UsageError naming the option and the value.
 */
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {modelKinds, type ModelKind} from '../engine/model.js';
import {randomKinds, type RandomKind} from '../engine/random.js';
import {lessonConfig, type BatchMode, type SessionConfig} from '../engine/training-session.js';
import {maxEpochs, maxHiddenUnits, maxNumpySeed} from '../engine/validate-config.js';
import {DataError, unquotedName} from '../data/data-error.js';
import {defaultTestRatio} from '../data/split-dataset.js';
import {parseSyntheticName, syntheticTarget} from '../data/synthetic-dataset.js';
import {suggestName} from './suggest-name.js';
import {UsageError} from './usage-error.js';

/** The lesson's split seed. */
export const lessonSplitSeed = 42;

/** Options that describe a training run, shared by train, the dashboard and saved runs. */
export const runOptionSpec = {
	model: {type: 'string'},
	epochs: {type: 'string'},
	lr: {type: 'string'},
	hidden: {type: 'string'},
	seed: {type: 'string'},
	'split-seed': {type: 'string'},
	rng: {type: 'string'},
	batch: {type: 'string'},
	momentum: {type: 'string'},
	data: {type: 'string'},
	target: {type: 'string'},
	categorical: {type: 'string'},
	ignore: {type: 'string'},
	'test-ratio': {type: 'string'},
	strict: {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
} as const satisfies ParseArgsConfig['options'];

/** Parse argv against an option spec; unknown options, missing values and stray words are UsageErrors. */
export function parseOptions<Spec extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: Spec, usage: string, allowPositionals = false) {
	const args = joinNegativeValues(argv, options);
	checkSingleDashWords(args, options, usage);
	let parsed;
	try {
		parsed = parseArgs({args, options, strict: true, allowPositionals, tokens: true});
	} catch (error) {
		throw new UsageError(describeParseError(error, options), usage);
	}

	const {values, positionals, tokens} = parsed;
	// a list option given again adds to the list (--ignore id --ignore name); any other option given again is
	// refused rather than silently overruled (a script's --epochs 10 … --epochs 20)
	const given = new Map<string, string[]>();
	for (const token of tokens) {
		if (token.kind === 'option' && token.value !== undefined) {
			given.set(token.name, [...(given.get(token.name) ?? []), token.value]);
		}
	}

	for (const [name, texts] of given) {
		if (texts.length < 2) {
			continue;
		}

		if (!listOptions.has(name)) {
			throw new UsageError(`--${name} is given ${texts.length === 2 ? 'twice' : `${texts.length} times`} (${texts.map(text => JSON.stringify(text)).join(', ')}): give it once`, usage);
		}

		(values as Record<string, unknown>)[name] = texts.join(',');
	}

	return {values, positionals};
}

/** Options whose value is a list of names: given again, each adds its names. */
const listOptions: ReadonlySet<string> = new Set(['categorical', 'ignore']);

/**
 * `--lr -1` and `--data -file.csv` read as the option with that value (parseArgs alone would take a word
 * starting with - for a flag); a word that is one of the options (`--data --epochs 5`) is still a flag.
 */
function joinNegativeValues(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
	const isOption = (word: string): boolean => (word.startsWith('--')
		? options[word.slice(2).split('=')[0]!] !== undefined
		: Object.values(options).some(option => option.short !== undefined && word === `-${option.short}`));
	const joined: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		const next = argv[index + 1];
		const option = argument.startsWith('--') ? options[argument.slice(2)] : undefined;
		if (option?.type === 'string' && next !== undefined && next.startsWith('-') && next !== '--' && !isOption(next)) {
			joined.push(`${argument}=${next}`);
			index++;
		} else {
			joined.push(argument);
		}
	}

	return joined;
}

/**
 * Refuse an option that belongs to another command, saying whose it is and what to run instead (`hints`:
 * option name → the message), rather than calling it unknown.
 */
export function refuseOtherCommandsOptions(argv: readonly string[], hints: Readonly<Record<string, string>>, usage: string): void {
	for (const word of argv) {
		if (word === '--') {
			return;
		}

		const name = word.startsWith('--') ? word.slice(2).split('=')[0]! : '';
		if (Object.hasOwn(hints, name)) {
			throw new UsageError(hints[name]!, usage);
		}
	}
}

/**
 * A word of one dash and several letters (`-lr 0.1`, a long option typed with one dash) that is not a group
 * of the short flags: parseArgs would read it as -l -r and name a -l nobody typed. Named as typed instead.
 */
function checkSingleDashWords(args: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string): void {
	const shorts = new Set(Object.values(options).map(option => option.short));
	for (const word of args) {
		if (word === '--') {
			return;
		}

		const short = /^-([^-\d.])=/.exec(word)?.[1];
		if (short !== undefined) {
			throw new UsageError(shorts.has(short) ? `option -${short} takes no value` : `unknown option -${short}`, usage);
		}

		const name = /^-([^-\d.][^=]+)/.exec(word)?.[1];
		if (name !== undefined && ![...name].every(letter => shorts.has(letter))) {
			throw new UsageError(`unknown option ${word}${optionSuggestion(word, options)}`, usage);
		}
	}
}

/** ` (did you mean --NAME?)` when `word` (an option as typed) is near one of `options`, else nothing. */
function optionSuggestion(word: string, options: NonNullable<ParseArgsConfig['options']>): string {
	const name = suggestName(word.replace(/^--?/, '').split('=')[0]!, Object.keys(options));
	return name === undefined ? '' : ` (did you mean --${name}?)`;
}

function describeParseError(error: unknown, options: NonNullable<ParseArgsConfig['options']>): string {
	const {code, message} = error as {code?: string; message: string};
	// node names an option with a short form as '-h, --help': the long form is what was typed with a value
	const option = /'(?:-[^-' ], )?(-[^' ]+)/.exec(message)?.[1];
	switch (code) {
		case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
			return option === undefined ? `unknown option ${message}` : `unknown option ${option}${optionSuggestion(option, options)}`;
		}

		case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
			return message.includes('does not take') ? `option ${option} takes no value` : `option ${option} needs a value`;
		}

		case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
			const word = /'([^']*)'/.exec(message)?.[1];
			return `unexpected argument "${word ?? message}"`;
		}

		default: {
			return message;
		}
	}
}

/** The flags of a training run, as typed (strings), before checking. */
export type RunFlags = Partial<Record<Exclude<keyof typeof runOptionSpec, 'strict' | 'help'>, string>> & {strict?: boolean};

/** A checked training run: what to train, on which data, split how. */
export type RunOptions = {
	/** The model chosen with --model. */
	model: ModelKind;
	/** The run's configuration (lesson defaults for the model, overridden by flags). */
	config: SessionConfig;
	/** Seed of the train/test split. */
	splitSeed: number | string;
	/** --data: a CSV path or synthetic:ROWS:FEATURES; undefined for the bundled admissions data. */
	data: string | undefined;
	/** --target column. */
	target: string | undefined;
	/** --categorical columns. */
	categorical: string[] | undefined;
	/** --ignore columns: left out of the data altogether. */
	ignore?: string[] | undefined;
	/** --strict: refuse rows with missing values. */
	strict: boolean;
	/** Share of records held out for testing. */
	testRatio: number;
};

/** Check the run flags and fill in the lesson's defaults; `models` are the values --model accepts. */
export function resolveRunOptions<Model extends string = ModelKind>(flags: RunFlags, usage: string, models: readonly Model[] = modelKinds as unknown as Model[]): RunOptions & {chosen: Model} {
	if (flags.model === 'forward' && !(models as readonly string[]).includes('forward')) {
		throw new UsageError('--model forward is the dashboard\'s 4×3×2 screen; gdlab forward prints the forward pass headless', usage);
	}

	const chosen = oneOf('--model', flags.model ?? models[0]!, models, usage);
	const model: ModelKind = chosen === 'backprop' ? 'backprop' : 'single';
	const rng = oneOf<RandomKind>('--rng', flags.rng ?? 'numpy', randomKinds, usage);
	const defaults = lessonConfig(model);
	const config: SessionConfig = {
		model,
		rng,
		epochs: flags.epochs === undefined ? defaults.epochs : wholeNumber('--epochs', flags.epochs, 1, usage, maxEpochs),
		learnRate: flags.lr === undefined ? defaults.learnRate : positiveNumber('--lr', flags.lr, usage),
		hidden: flags.hidden === undefined ? lessonConfig('backprop').hidden : wholeNumber('--hidden', flags.hidden, 1, usage, maxHiddenUnits),
		seed: flags.seed === undefined ? defaults.seed : seedValue('--seed', flags.seed, rng, usage),
		momentum: flags.momentum === undefined ? 0 : momentumValue(flags.momentum, usage),
		batch: flags.batch === undefined ? 'full' : batchValue(flags.batch, usage),
	};
	return {
		chosen,
		model,
		config,
		splitSeed: flags['split-seed'] === undefined ? lessonSplitSeed : seedValue('--split-seed', flags['split-seed'], rng, usage),
		...dataColumns(flags.data === undefined ? undefined : dataValue(flags.data, usage), flags, usage),
		strict: flags.strict ?? false,
		testRatio: flags['test-ratio'] === undefined ? defaultTestRatio : ratioValue(flags['test-ratio'], usage),
	};
}

/**
 * --data with --target, --categorical and --ignore as given; naming columns of synthetic data (x1… and the
 * target y) other than y is a mistake in the flags (exit 2), found before any data is made.
 */
export function dataColumns(data: string | undefined, flags: {target?: string; categorical?: string; ignore?: string}, usage: string): {data: string | undefined; target: string | undefined; categorical: string[] | undefined; ignore: string[] | undefined} {
	const target = flags.target?.trim();
	const categorical = flags.categorical === undefined ? undefined : columnList(flags.categorical, '--categorical', usage);
	const ignore = flags.ignore === undefined ? undefined : columnList(flags.ignore, '--ignore', usage);
	if (data !== undefined && parseSyntheticName(data) !== undefined) {
		if (target !== undefined && (unquotedName(target) ?? target) !== syntheticTarget) {
			throw new UsageError(`--target ${target}: synthetic data's target is ${syntheticTarget}`, usage);
		}

		for (const [flag, columns, why] of [['--categorical', categorical, 'its features are all numeric'], ['--ignore', ignore, 'every column of it, x1 … and y, is made to be used']] as const) {
			if (columns !== undefined && columns.length > 0) {
				throw new UsageError(`${flag} does not apply to synthetic data (${why})`, usage);
			}
		}
	}

	return {data, target, categorical, ignore};
}

/** --data as given, when it can name data: a file (any non-empty name), or a well-formed synthetic:ROWS:FEATURES. */
export function dataValue(text: string, usage: string): string {
	if (text.trim() === '') {
		throw new UsageError('--data needs a CSV file or synthetic:ROWS:FEATURES', usage);
	}

	try {
		parseSyntheticName(text);
	} catch (error) {
		// a bad synthetic: spec is a mistake in the flag itself
		throw error instanceof DataError ? new UsageError(error.message, usage) : error;
	}

	return text;
}

/**
 * Column names as --categorical and --ignore list them: comma-separated, spaces around them ignored; a
 * name with a comma in it is quoted as in the CSV file (`"first, last",city`, "" for a quote inside). A
 * quote left open is a UsageError naming `flag`.
 */
export function columnList(text: string, flag: string, usage: string): string[] {
	const names: string[] = [];
	let name = '';
	let quoted = false;
	let inQuotes = false;
	for (let at = 0; at < text.length; at++) {
		const character = text[at]!;
		if (inQuotes) {
			if (character === '"' && text[at + 1] === '"') {
				name += '"';
				at++;
			} else if (character === '"') {
				inQuotes = false;
			} else {
				name += character;
			}
		} else if (character === '"' && name.trim() === '') {
			name = '';
			quoted = true;
			inQuotes = true;
		} else if (character === ',') {
			names.push(quoted ? name : name.trim());
			name = '';
			quoted = false;
		} else if (!quoted || character.trim() !== '') {
			name += character;
		}
	}

	if (inQuotes) {
		throw new UsageError(`${flag} ${text}: a quote is not closed (a name with a comma in it is quoted whole: "first, last")`, usage);
	}

	names.push(quoted ? name : name.trim());
	return names.filter(Boolean);
}

/** `text` when it is one of `values`, else a UsageError listing them. */
export function oneOf<Value extends string>(flag: string, text: string, values: readonly Value[], usage: string): Value {
	if (!(values as readonly string[]).includes(text)) {
		throw new UsageError(`${flag} must be one of ${values.join(', ')}, got "${text}"`, usage);
	}

	return text as Value;
}

/** A flag's whole number in [min, max], written in plain digits, or a UsageError naming the flag. */
export function wholeNumber(flag: string, text: string, min: number, usage: string, max = Number.MAX_SAFE_INTEGER): number {
	const value = Number(text);
	if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
		throw new UsageError(`${flag} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got "${text}"`, usage);
	}

	return value;
}

/** A number written in decimal (1e-3 and .5 too), else NaN: Number() would also read 0x10, 0b1 and an empty string. */
function decimalNumber(text: string): number {
	return /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : Number.NaN;
}

/** Whether `text`, read as `value`, is a positive number too small for a double: it rounds to 0 (1e-400). */
function roundsToZero(text: string, value: number): boolean {
	return value === 0 && /^\s*\+?[\d.]*[1-9]/.test(text);
}

function positiveNumber(flag: string, text: string, usage: string): number {
	const value = decimalNumber(text);
	if (value === Number.POSITIVE_INFINITY) {
		throw new UsageError(`${flag} ${text.trim()} is too large: the largest number is about 1.8e308`, usage);
	}

	if (roundsToZero(text, value)) {
		throw new UsageError(`${flag} ${text.trim()} is too small: it rounds to 0 (the smallest positive number is about 4.9e-324)`, usage);
	}

	if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
		throw new UsageError(`${flag} must be a positive number, got "${text}"`, usage);
	}

	return value;
}

function momentumValue(text: string, usage: string): number {
	const value = decimalNumber(text);
	// a negative number too small for a double reads as -0: still a negative momentum
	const negative = Object.is(value, -0) && /[1-9]/.test(text.split(/e/i)[0]!);
	if (text.trim() === '' || !(value >= 0 && value < 1) || negative) {
		// 0.99999999999999999 is below 1 as typed, but is 1 as a double
		const rounded = value === 1 && /^\s*0?\.9+\d*\s*$/.test(text) ? ' (as a number it rounds to 1)' : '';
		throw new UsageError(`--momentum must be a number from 0 up to (not including) 1, got "${text}"${rounded}`, usage);
	}

	// a momentum too small for a double is not "no momentum" said another way: the run would not be the one asked for
	if (roundsToZero(text, value)) {
		throw new UsageError(`--momentum ${text.trim()} is too small: it rounds to 0 (the smallest positive number is about 4.9e-324; 0 is no momentum)`, usage);
	}

	return value;
}

function ratioValue(text: string, usage: string): number {
	const value = decimalNumber(text);
	if (text.trim() === '' || !(value > 0 && value < 1)) {
		const rounded = roundsToZero(text, value) ? ' (as a number it rounds to 0)' : '';
		throw new UsageError(`--test-ratio must be a number between 0 and 1 (exclusive), got "${text}"${rounded}`, usage);
	}

	return value;
}

function batchValue(text: string, usage: string): BatchMode {
	// spaces around a value are let by, as around every number (" 32", as a script may quote it)
	const value = text.trim();
	if (value === 'full' || value === 'record') {
		return value;
	}

	if (/^\d+$/.test(value) && Number(value) >= 1) {
		if (!Number.isSafeInteger(Number(value))) {
			throw new UsageError(`--batch ${value} is too large for a mini-batch size (records per update)`, usage);
		}

		return Number(value);
	}

	throw new UsageError(`--batch must be full, record or a mini-batch size of at least 1, got "${text}"`, usage);
}

/** A seed as typed: a whole number (0 to numpy's last seed with numpy), or any text but none with seedrandom. */
export function seedValue(flag: string, text: string, rng: RandomKind, usage: string): number | string {
	if (rng === 'seedrandom') {
		if (text.trim() === '') {
			throw new UsageError(`${flag} must not be empty`, usage);
		}

		// digits beyond 2^53 would round to another number: such a seed stays the text typed
		return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
	}

	const value = Number(text);
	if (!/^\s*\d+\s*$/.test(text) || value > maxNumpySeed) {
		throw new UsageError(`${flag} must be a whole number from 0 to ${maxNumpySeed} with --rng numpy, got "${text}"`, usage);
	}

	return value;
}
