/**
 * `gdlab` with no command: the dashboard on a terminal, or the headless lesson run when stdout is
 * not a terminal (piped, CI). Flags are train's, plus --model forward to open the 4×3×2 screen.
 */
import {lessonConfig} from '../engine/training-session.js';
import {mainUsage} from './main-usage.js';
import {parseOptions, refuseOtherCommandsOptions, resolveRunOptions, runOptionSpec, type RunOptions} from './parse-options.js';
import type {Dataset, SplitDataset} from '../data/dataset.js';
import {DataError, place} from '../data/data-error.js';
import {locateRunData, readRunFile, runKernelSigmoid, runOutput, type RunDataLocation, type RunRecord} from '../data/run-file.js';
import {holdsOurFile, writtenFile} from '../data/output-file.js';
import {setKernelSigmoid} from '../engine/kernels/fast-epoch.js';
import {loadingText, openFullScreen, watchLoadingKeys, writeLoadingLine} from '../ui/full-screen.js';
import type {ScreenName} from '../ui/key-map.js';
import type {DashboardOptions} from '../ui/run-dashboard.js';
import {besideSavePaths} from '../ui/run-file-name.js';
import {savesUnderWay, summarizeSaves, type SaveLog} from '../ui/save-log.js';
import {noteOnInterrupt} from './interrupted.js';
import {checkDataOverride, recordRunOptions, runDataError, runReplay} from './replay.js';
import {loadRunDataInSteps} from './run-data.js';
import {UsageError} from './usage-error.js';
import {runForward} from './forward.js';
import {reportDataNotes} from './report-data-notes.js';
import {checkRunOutputs} from './run-outputs.js';
import {printRun} from './train.js';
import {flatWeights} from '../engine/model.js';
import {demoSeed} from '../engine/forward-pass.js';
import {packageVersion} from '../package-root.js';

/** The models the dashboard opens on. */
const dashboardModels = ['single', 'forward', 'backprop'] as const;

/**
 * On a terminal that cannot take the dashboard, say why, and what gdlab does `instead` (prints the headless
 * run, the forward pass, or replays a run); piped output is the usual case: no word.
 */
function noteNoDashboard(without: string, instead: string): void {
	if (process.stdout.isTTY) {
		process.stderr.write(`gdlab: ${without}: ${instead}, not the dashboard\n`);
	}
}

/** Open the dashboard (or, without a terminal, print the headless run); returns the exit code. */
export async function runDashboardCommand(argv: string[]): Promise<number> {
	// piped, --load replays: its JSON is replay's; --model forward's is forward's
	const given = (name: string, value?: string) => argv.some((word, at) => (value === undefined ? word === name || word.startsWith(`${name}=`) : word === `${name}=${value}` || (word === name && argv[at + 1] === value)));
	const json = given('--load')
		? 'gdlab replay FILE --json prints a saved run\'s replay as JSON'
		: (given('--model', 'forward') ? 'gdlab forward --json prints the forward pass as JSON' : 'gdlab train --json prints the run as JSON');
	refuseOtherCommandsOptions(argv, {
		json: `--json is not an option of the dashboard: ${json}`,
		'export-history': '--export-history is an option of gdlab train, not of the dashboard: gdlab train --export-history FILE writes the history (the dashboard saves whole runs with w)',
	}, mainUsage);
	const {values} = parseOptions(argv, {...runOptionSpec, load: {type: 'string'}, save: {type: 'string'}, version: {type: 'boolean', short: 'v'}}, mainUsage);
	if (values.help) { // gdlab --epochs 2 --help: the help, as --help alone gives it
		process.stdout.write(`${mainUsage}\n`);
		return 0;
	}

	if (values.version) { // gdlab --epochs 2 -v: the version, as -v alone gives it
		process.stdout.write(`${packageVersion()}\n`);
		return 0;
	}

	if (values.load?.trim() === '') {
		throw new UsageError('--load needs a saved run file', mainUsage);
	}

	const record = values.load === undefined ? undefined : readRunFile(values.load);
	if (record && Object.keys(values).some(name => !['load', 'save', 'data'].includes(name))) {
		throw new UsageError('--load takes the run\'s own settings; give it alone (with --save FILE, or --data FILE where its data is now)', mainUsage);
	}

	if (record) {
		checkDataOverride(record, values.data, mainUsage);
		// every run of this dashboard rounds as the loaded run did, so that its replay is identical
		setKernelSigmoid(runKernelSigmoid(record));
	}

	const without = missingTerminal();
	if (record && without !== undefined) {
		// without a terminal a saved run is replayed, as gdlab replay does: what differs is said, not refused
		if (values.save !== undefined) { // a replay only checks a run: saying so beats quietly saving nothing
			throw new UsageError('--load with --save needs a terminal (the dashboard); without one gdlab replays the run and saves nothing', mainUsage);
		}

		noteNoDashboard(without, `replaying ${values.load!}`);
		// the file after --: a name that starts with - is still a file
		return runReplay([...(values.data === undefined ? [] : [`--data=${values.data}`]), '--', values.load!]);
	}

	const loaded = record && loadedRunData(record, values.load!, values.data);
	const options = record ? {...recordRunOptions(record, loaded!.data), chosen: record.config.model} : resolveRunOptions(values, mainUsage, dashboardModels);
	if (without !== undefined) {
		// a forward pass has no run to save: saying so beats quietly saving nothing
		if (values.save !== undefined && options.chosen === 'forward') {
			throw new UsageError('--model forward with --save needs a terminal (the dashboard); without one gdlab prints the forward pass and saves nothing', mainUsage);
		}

		// no terminal to draw on: print the lesson's headless figures for the chosen model; a flag only the
		// dashboard would use (it has every model) is refused, not ignored, as train refuses it
		const unused = options.chosen === 'forward'
			? Object.keys(values).find(name => !['model', 'seed', 'rng'].includes(name))
			: (options.chosen === 'single' && values.hidden !== undefined ? 'hidden' : undefined);
		if (unused !== undefined) {
			throw new UsageError(`--${unused} does not apply without a terminal: gdlab then prints ${options.chosen === 'forward' ? 'the forward pass, which takes only --seed and --rng' : 'the single unit\'s run, which has no hidden layer'}`, mainUsage);
		}

		noteNoDashboard(without, options.chosen === 'forward' ? 'printing the forward pass' : 'printing the headless run');
		if (options.chosen === 'forward') {
			return runForward([...(values.seed === undefined ? [] : ['--seed', values.seed]), ...(values.rng === undefined ? [] : ['--rng', values.rng])]);
		}

		return printRun(options, {json: false, save: values.save});
	}

	// before the data loads and the run starts: w must find --save writable, and no file gdlab would destroy
	const {saveReplacesRun} = checkRunOutputs(options, {json: false, save: values.save});
	// the runs saved earlier that a w may replace: --save's file, and those beside it the other model's w saves
	// to; not the run loaded (--load), which a w there saves on
	const loadedFile = values.load === undefined ? undefined : writtenFile(values.load);
	const earlierRuns = values.save === undefined ? [] : [...(saveReplacesRun ? [values.save] : []), ...besideSavePaths(values.save).filter(path => holdsOurFile(path, runOutput))].filter(path => writtenFile(path) !== loadedFile);
	if (loaded?.moved) { // (replay says so itself, headless)
		process.stderr.write(`gdlab: ${loaded.moved}\n`);
	}

	// a frame at once, and the UI's modules loading while the data does (a million rows take seconds)
	const closeScreen = openFullScreen(process.stdout);
	// an interrupt (a second Ctrl+C while quitting waits for a save) says so on the main screen
	const interruptNote = noteOnInterrupt(() => {
		closeScreen();
		const paths = savesUnderWay();
		return paths.length === 0 ? undefined : `before the save to ${paths.join(' and ')} was written (a file already there is as it was)`;
	});
	const loadingKeys = watchLoadingKeys(process.stdin);
	let saves: SaveLog[] = [];
	let dataset: Dataset | undefined;
	try {
		const ui = import('../ui/run-dashboard.js');
		// awaited below; a data error may end this first, and must not leave the import's failure unhandled
		ui.catch(() => undefined);
		let shown = '';
		const split = await loadRunDataInSteps(options, (what, done) => {
			const text = loadingText(what, done);
			if (text[0] !== shown) {
				shown = text[0]!;
				writeLoadingLine(process.stdout, text);
			}
		}).catch((error: unknown) => {
			throw record ? runDataError(values.load!, error) : error;
		});
		// its notes are in the help while the dashboard is open, and on the main screen once it closes
		dataset = split.dataset;
		const {runDashboard} = await ui;
		// a run's first loss is measured before it shows: seconds on big data with a big network
		writeLoadingLine(process.stdout, loadingText(`starting the runs on ${split.train.rows} training records`));
		saves = await runDashboard({...dashboardOptions(options, split, {path: values.save, earlierRuns}, record, values.load), beforeDraw: loadingKeys.handOver});
	} finally {
		interruptNote();
		loadingKeys.release();
		// nothing reads keys any more: stdin must not hold the process open (after a data error, say)
		process.stdin.pause();
		closeScreen();
	}

	if (dataset) {
		reportDataNotes(dataset);
	}

	return reportSaves(saves, values.save);
}

/**
 * Say on the main screen where the runs were saved (the dashboard's screen is gone), or that nothing was
 * when --save named a file (the dashboard saves on w only); 1 when a run's last save failed.
 */
function reportSaves(saves: SaveLog[], savePath: string | undefined): number {
	const {lines, lastFailed} = summarizeSaves(saves);
	for (const {text, failed} of lines) {
		(failed ? process.stderr : process.stdout).write(`${failed ? 'gdlab: ' : ''}${text}\n`);
	}

	if (lines.length === 0 && savePath !== undefined) {
		process.stderr.write(`gdlab: nothing was saved to ${savePath} (in the dashboard, w saves the run on screen)\n`);
	}

	return lastFailed ? 1 : 0;
}

/** Why the dashboard cannot run here (it draws on stdout, reads keys from stdin, moves the cursor), or undefined when it can. */
function missingTerminal(): string | undefined {
	if (!process.stdout.isTTY) {
		return 'stdout is not a terminal';
	}

	if (!process.stdin.isTTY) {
		return 'stdin is not a terminal';
	}

	return process.env['TERM'] === 'dumb' ? 'TERM=dumb' : undefined;
}

/**
 * Where a loaded run's data is now. The dashboard replays the run to where it was saved: on other data
 * it would show other numbers as if they were the saved ones, so a changed or missing data file is
 * refused (replay says what differs).
 */
function loadedRunData(record: RunRecord, file: string, data: string | undefined): RunDataLocation {
	let location: RunDataLocation;
	try {
		location = locateRunData(record, file, data);
	} catch (error) {
		throw runDataError(file, error);
	}

	if (location.change) {
		throw new DataError(`${place(file)}: ${location.change}; gdlab replay ${file}${data === undefined ? '' : ` --data ${data}`} shows what differs`);
	}

	return location;
}

/** What the dashboard opens on: the chosen model's settings, the lesson's for the other, a saved run to resume. */
function dashboardOptions(options: RunOptions & {chosen: ScreenName}, split: SplitDataset, save: {path: string | undefined; earlierRuns: string[]}, record: RunRecord | undefined, loadPath: string | undefined): DashboardOptions {
	const other = options.model === 'single' ? 'backprop' : 'single';
	const otherConfig = {...lessonConfig(other), rng: options.config.rng, momentum: options.config.momentum, batch: options.config.batch};
	// --hidden with the single unit is for the backprop screen; a loaded single-unit run's own 0 is not
	if (other === 'backprop' && options.config.hidden >= 1) {
		otherConfig.hidden = options.config.hidden;
	}

	const configs = options.model === 'single' ? {single: options.config, backprop: otherConfig} : {single: otherConfig, backprop: options.config};
	// --model forward --seed N is the Forward screen's seed; the single unit keeps the lesson's
	const forwardSeed = options.chosen === 'forward' ? options.config.seed : demoSeed;
	if (options.chosen === 'forward') {
		configs.single = {...configs.single, seed: lessonConfig('single').seed};
	}

	return {
		split,
		configs,
		initialModel: options.chosen,
		forwardSeed,
		forwardRng: options.config.rng,
		source: options,
		savePath: save.path,
		earlierRuns: save.earlierRuns,
		resume: record && {model: record.config.model, changes: record.changes, epochs: record.epochs, path: loadPath, weights: flatWeights(record.weights), diverged: record.status === 'diverged'},
		screenOpen: true,
	};
}
