/**
 * The dashboard's entry point: build a session per model, render the App, resolve when the user quits.
 * No JSX in this file: the import it compiles to would load React before choose-production-react runs.
 */
import './choose-production-react.js';
import {render} from 'ink';
import {createElement, Fragment, useLayoutEffect} from 'react';
import {basename} from 'node:path';
import type {SplitDataset} from '../data/dataset.js';
import type {RunSource} from '../data/run-file.js';
import type {ModelKind} from '../engine/model.js';
import type {RandomKind} from '../engine/random.js';
import type {ConfigChange, SessionConfig} from '../engine/training-session.js';
import {App} from './App.js';
import {correctInkRewind} from './correct-ink-rewind.js';
import {clearedBeforeFirstWrite, fullScreenStdout, openFullScreen} from './full-screen.js';
import type {ScreenName} from './key-map.js';
import type {RunControls} from './run-controls.js';
import type {RunSession} from './run-session.js';
import type {Message} from './run-state.js';
import type {SaveLog} from './save-log.js';
import {doneHint} from './ladders.js';
import {startRunSession} from './start-run-session.js';
import {shouldUseColor} from './theme.js';

/**
 * Frames per second Ink may draw at most. Training draws at its own, slower cadence (training-cadence.ts),
 * so this cap only holds back bursts; kept high, a key's frame never waits long behind the last one.
 */
export const maxFramesPerSecond = 60;

/** What the dashboard starts from. */
export type DashboardOptions = {
	/** The data, split into training and test records. */
	split: SplitDataset;
	/** The starting state of each model. */
	configs: {single: SessionConfig; backprop: SessionConfig};
	/** The screen to open on. */
	initialModel: ScreenName;
	/** The seed of the 4×3×2 screen (the lesson's is 42). */
	forwardSeed: number | string;
	/** The generator of the 4×3×2 screen. */
	forwardRng?: RandomKind;
	/** How the data was chosen, written into saved runs. */
	source: RunSource;
	/** Where w saves; by default gdlab-run-<model>-<YYYYMMDD-HHMMSS>.json in the working directory. */
	savePath?: string;
	/** The files w may save to (savePath, and those beside it) that hold a run saved earlier: the message line says a w replaces it until one does. */
	earlierRuns?: readonly string[];
	/** A saved run to open (--load): its model is replayed to its epoch from configs[model], then paused. */
	resume?: ResumedRun;
	/** Where keys come from; process.stdin by default. */
	stdin?: NodeJS.ReadStream;
	/** Where frames go; process.stdout by default. */
	stdout?: NodeJS.WriteStream;
	/** The caller has the terminal on its alternate screen already (full-screen.ts), and leaves it itself. */
	screenOpen?: boolean;
	/**
	 * Called just before Ink takes the keyboard: until then the caller keeps reading keys (q and Ctrl+C work
	 * while the runs start, which on big data and a big network means a first pass that takes a while).
	 */
	beforeDraw?: () => void;
};

/** A saved run to reopen. */
export type ResumedRun = {
	/** Its model. */
	model: ModelKind;
	/** Its setting changes, with their epochs. */
	changes: readonly ConfigChange[];
	/** Epochs it had trained. */
	epochs: number;
	/** The file it came from, for the message line. */
	path?: string;
	/** Its saved final weights, flat: the replay must come back to them (load-check.ts). */
	weights?: readonly number[];
	/** Whether it was saved diverged (the epoch after its last blew up). */
	diverged?: boolean;
};

/** Render the dashboard and resolve when the user quits and every save asked for is written, with the runs' saves. */
export async function runDashboard(options: DashboardOptions): Promise<SaveLog[]> {
	const {split, configs, source, resume, stdin = process.stdin, stdout = process.stdout} = options;
	const context = {data: split, dataset: split.dataset, source};
	const replayOf = (model: ModelKind) => (resume?.model === model ? {changes: resume.changes, epochs: resume.epochs, diverged: resume.diverged} : undefined);
	// big data trains in worker threads, which start side by side
	const started = await Promise.allSettled([
		startRunSession(context, configs.single, replayOf('single')),
		startRunSession(context, configs.backprop, replayOf('backprop')),
	]);
	const sessions = started.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []));
	try {
		const failed = started.find(result => result.status === 'rejected');
		if (failed) {
			throw failed.reason;
		}

		await show({...options, sessions: {single: sessions[0]!, backprop: sessions[1]!}, stdin, stdout});
		for (const session of sessions) {
			session.saves.end(session.epoch);
		}
	} finally {
		// the workers go with the dashboard, so the process can end (once the saves asked for are written)
		await Promise.all(sessions.map(async session => session.close()));
	}

	return sessions.map(session => session.saves);
}

/** Draw the App over these sessions until the user quits. */
async function show(options: DashboardOptions & {sessions: Record<ModelKind, RunSession>; stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream}): Promise<void> {
	const {split, sessions, initialModel, forwardSeed, forwardRng, savePath, resume, stdin, stdout} = options;
	const described = resume === undefined ? undefined : describeLoadedRun(resume, options.configs[resume.model]);
	const loaded = described?.text;
	const notice = described?.notice;
	const startControls: Partial<Record<ModelKind, Partial<RunControls>>> = resume === undefined ? {} : {[resume.model]: {paused: true, notice}};
	// on a terminal, the alternate screen (opened here unless the caller has it open, a loading line on it)
	const closeScreen = stdout.isTTY && !options.screenOpen ? openFullScreen(stdout) : undefined;

	try {
		const loadCheck = resume?.weights && {model: resume.model, epochs: resume.epochs, weights: resume.weights, file: resume.path ?? 'the saved run'};
		const props = {split, sessions, savePath, earlierRuns: options.earlierRuns, startControls, loaded, initialModel, forwardSeed, forwardRng, color: shouldUseColor(stdout), loadCheck};
		options.beforeDraw?.();
		// Ink redraws on a resize with the tree it has, laid out for the old size: a terminal made shorter got
		// one frame taller than itself, which scrolled the title away. Heard ahead of Ink, the resize first
		// renders the App again (synchronously: a new element, whose size is read from the terminal), which
		// draws the frame for the new size; Ink's redraw after it draws that frame again
		let renderAgain: (() => void) | undefined;
		const onResize = () => {
			renderAgain?.();
		};

		const tree = () => createElement(Fragment, null, createElement(App, props), createElement(AheadOfInkResize, {stdout, onResize}));
		const instance = render(tree(), {
			stdin,
			// on the full screen (a terminal) auto-wrap is off: lines are written after their erase
			// the loading line stays until Ink's first frame replaces it: cleared at once, the screen stood blank
			// while the first frame was made (a tenth of a second)
			stdout: correctInkRewind(stdout.isTTY ? fullScreenStdout(options.screenOpen ? clearedBeforeFirstWrite(stdout) : stdout) : stdout),
			maxFps: maxFramesPerSecond,
			incrementalRendering: true,
			exitOnCtrlC: true,
			patchConsole: false,
		});
		// a SIGTERM ends the dashboard as q would, so the finally below runs (Ctrl+C without raw mode, a SIGINT,
		// ends the process at once in cli.tsx, as an interrupt should)
		const quit = () => {
			instance.unmount();
		};

		renderAgain = () => {
			instance.rerender(tree());
		};

		process.once('SIGTERM', quit);
		try {
			await instance.waitUntilExit();
		} finally {
			process.off('SIGTERM', quit);
		}
	} finally {
		closeScreen?.();
	}
}

/**
 * Has `onResize` hear each resize of `stdout` ahead of Ink's own handler (registered when Ink started), for
 * as long as the tree is mounted: its listener goes as the tree is unmounted, so a resize after q cannot
 * render the App again into Ink's unmounted container.
 */
function AheadOfInkResize({stdout, onResize}: {stdout: NodeJS.WriteStream; onResize: () => void}) {
	useLayoutEffect(() => {
		stdout.prependListener('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, onResize]);
	return null;
}

/**
 * "loaded FILE at epoch 300/1000", and the notice said once the replay is back where the run was saved:
 * that, and how to go on. A loaded run waits there, paused, for the user to look (one saved at its target
 * is done; one saved diverged is diverged again, and the message line says so and what to do before this).
 * The notice's short form, for a narrow line, keeps the epoch and what to do and drops the file's name.
 */
function describeLoadedRun(resume: ResumedRun, config: SessionConfig): {text: string; notice: Message} {
	const target = resume.changes.reduce((epochs, {change}) => change.epochs ?? epochs, config.epochs);
	const where = `at epoch ${resume.epochs}/${target}`;
	const text = `loaded ${resume.path === undefined ? 'the saved run' : basename(resume.path)} ${where}`;
	const next = resume.diverged ? '' : `: ${resume.epochs >= target ? `done, ${doneHint(resume.epochs, 'short')}` : 'space resumes'}`;
	return {text, notice: {text: `${text}${next}`, short: `loaded ${where}${next}`, tone: 'info'}};
}
