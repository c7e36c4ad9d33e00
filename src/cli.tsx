#!/usr/bin/env node
/** gdlab's entry: pick a command or the dashboard; print user mistakes as one line, never a stack trace. */
import {OptionDataError, DataError, escapeControl} from './data/data-error.js';
import {ConfigError} from './engine/training-session.js';
import {mainUsage} from './commands/main-usage.js';
import {runForward} from './commands/forward.js';
import {runReplay} from './commands/replay.js';
import {runStep} from './commands/step.js';
import {guardProcess, settleProcess} from './commands/process-guards.js';
import {runTrain} from './commands/train.js';
import {suggestName} from './commands/suggest-name.js';
import {UsageError} from './commands/usage-error.js';
import {packageVersion} from './package-root.js';

const commands: Record<string, (argv: string[]) => number | Promise<number>> = {
	train: runTrain,
	forward: runForward,
	step: runStep,
	replay: runReplay,
	async bench(argv) {
		const {runBench} = await import('./commands/bench.js');
		return runBench(argv);
	},
};

async function main(argv: string[]): Promise<number> {
	const [first, ...rest] = argv;
	// gdlab help train, gdlab --help train: that command's help (anything after it is the command's to refuse)
	if ((first === 'help' || first === '--help' || first === '-h') && rest.length > 0 && Object.hasOwn(commands, rest[0]!)) {
		return main([rest[0]!, '--help', ...rest.slice(1)]);
	}

	if (first === 'help' && rest.length === 1 && ['help', '--help', '-h'].includes(rest[0]!)) { // gdlab help help
		process.stdout.write(`${mainUsage}\n`);
		return 0;
	}

	if (first === 'help' && rest.length > 0) {
		throw new UsageError(unknownCommand(rest[0]!), mainUsage);
	}

	checkCommandComesFirst(argv);

	// alone; with more after them the dashboard's options take them, and refuse what they do not know
	if (rest.length === 0 && (first === '--help' || first === '-h' || first === 'help')) {
		process.stdout.write(`${mainUsage}\n`);
		return 0;
	}

	if (rest.length === 0 && (first === '--version' || first === '-v')) {
		process.stdout.write(`${packageVersion()}\n`);
		return 0;
	}

	if (first !== undefined && !first.startsWith('-')) {
		const command = Object.hasOwn(commands, first) ? commands[first] : undefined;
		if (!command) {
			throw new UsageError(unknownCommand(first), mainUsage);
		}

		return withUsage(first, async () => command(rest));
	}

	const {runDashboardCommand} = await import('./commands/dashboard.js');
	return withUsage(undefined, async () => runDashboardCommand(argv));
}

/** The dashboard's options that take no value: a word after one of them is not that option's value. */
const dashboardFlags = new Set(['--strict', '--help', '-h', '--version', '-v', '--json']);

/** `unknown command "WORD"`, with the command it is near, if any (`tran`: did you mean train?). */
function unknownCommand(word: string): string {
	if (word.toLowerCase().endsWith('.json')) { // a saved run, most likely
		// quoted for the shell when it needs to be, so the advice can be pasted back
		const file = /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll('\'', '\'\\\'\'')}'`;
		return `unknown command "${word}" (a saved run? gdlab --load ${file} opens it, gdlab replay ${file} checks it)`;
	}

	const near = suggestName(word, [...Object.keys(commands), 'help']);
	return `unknown command "${word}"${near === undefined ? '' : ` (did you mean ${near}?)`}`;
}

/**
 * A command typed after the dashboard's options (`gdlab --epochs 5 train`) is named as such, and so is a
 * word there that is near one (`gdlab --lr 0.1 tran`). Only when the line starts with an option: after a
 * command, a word is that command's (`gdlab replay train`, a run file).
 */
function checkCommandComesFirst(argv: readonly string[]): void {
	if (!argv[0]?.startsWith('-')) {
		return;
	}

	// a word no option takes as its value: one after a value, after --opt=value, or after a flag
	const loose = argv.filter((word, at) => at > 0 && !word.startsWith('-') && (!argv[at - 1]!.startsWith('-') || argv[at - 1]!.includes('=') || dashboardFlags.has(argv[at - 1]!)));
	const command = loose.find(word => Object.hasOwn(commands, word));
	if (command !== undefined) {
		throw new UsageError(`the command goes first: gdlab ${command} [options]`, mainUsage);
	}

	for (const word of loose) {
		const near = suggestName(word, Object.keys(commands));
		if (near !== undefined) {
			throw new UsageError(`unknown command "${word}" (did you mean gdlab ${near}? the command goes first)`, mainUsage);
		}
	}
}

/**
 * Run a command, pointing a usage error found past its flags (an empty --save, say) to the command's --help,
 * and so a setting the engine refuses (a network too big for the data's columns) and a --target,
 * --categorical or --ignore the data has no column for: a saved run's settings are checked as the file is read, and
 * replay makes its data's problems (a changed file too wide for its network) the run file's, so one that
 * reaches here came from the flags.
 */
async function withUsage(command: string | undefined, run: () => Promise<number>): Promise<number> {
	try {
		return await run();
	} catch (error) {
		const usage = `Usage: gdlab${command === undefined ? '' : ` ${command}`}`;
		if (error instanceof UsageError && error.usage === undefined) {
			throw new UsageError(error.message, usage);
		}

		throw error instanceof ConfigError || error instanceof OptionDataError ? new UsageError(error.message, usage) : error;
	}
}

/**
 * Print a user's mistake as one line (for command-line mistakes, ending with where the options are listed:
 * the whole usage would push the line off an 80×24 screen) and pick the exit code.
 */
function report(error: unknown): number {
	// what was typed is quoted as typed, but a newline or an escape sequence in it must not break the line
	const message = escapeControl(error instanceof Error ? error.message : String(error));
	if (error instanceof UsageError) {
		process.stderr.write(`gdlab: ${message}${error.usage ? `; see ${usageCommand(error.usage)} --help` : ''}\n`);
		return 2;
	}

	if (error instanceof DataError || error instanceof ConfigError) {
		process.stderr.write(`gdlab: ${message}\n`);
		return error instanceof ConfigError ? 2 : 1;
	}

	if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (error as NodeJS.ErrnoException).syscall === 'uv_cwd') {
		process.stderr.write('gdlab: the current folder no longer exists (removed since the shell entered it); cd to one that does\n');
		return 1;
	}

	process.stderr.write(`gdlab: unexpected error: ${message}\n`);
	return 70;
}

/** The command a usage text is for ("Usage: gdlab train [options]" → gdlab train). */
function usageCommand(usage: string): string {
	return /^Usage: (gdlab(?: [a-z]+)?)/.exec(usage)?.[1] ?? 'gdlab';
}

guardProcess();
try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	process.exitCode = report(error);
}

settleProcess();
