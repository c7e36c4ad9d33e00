/**
 * The dashboard's entry point: build a session per model, render the App, resolve when the user quits.
 * No JSX in this file: the import it compiles to would load React before choose-production-react runs.
 */
import './choose-production-react.js';
import {render} from 'ink';
import {createElement} from 'react';
import type {SplitDataset} from '../data/dataset.js';
import {TrainingSession, type SessionConfig} from '../engine/training-session.js';
import {App} from './App.js';
import {correctInkRewind} from './correct-ink-rewind.js';
import type {ScreenName} from './key-map.js';
import {shouldUseColor} from './theme.js';

/** Frames per second Ink may draw at most: smooth enough to watch, light enough for SSH. */
export const maxFramesPerSecond = 20;
/** Switch the terminal to its alternate screen (as full-screen programs do) and back. */
const enterAlternateScreen = '\u001B[?1049h';
const leaveAlternateScreen = '\u001B[?1049l';

/** What the dashboard starts from. */
export type DashboardOptions = {
	/** The data, split into training and test records. */
	split: SplitDataset;
	/** The starting state of each model. */
	configs: {single: SessionConfig; backprop: SessionConfig};
	/** The screen to open on. */
	initialModel: ScreenName;
	/** The seed of the 4×3×2 screen (the lesson's is 42). */
	forwardSeed: number;
	/** Where keys come from; process.stdin by default. */
	stdin?: NodeJS.ReadStream;
	/** Where frames go; process.stdout by default. */
	stdout?: NodeJS.WriteStream;
};

/** Render the dashboard and resolve when the user quits. */
export async function runDashboard(options: DashboardOptions): Promise<void> {
	const {split, configs, initialModel, forwardSeed, stdin = process.stdin, stdout = process.stdout} = options;
	const sessions = {
		single: new TrainingSession(split, configs.single),
		backprop: new TrainingSession(split, configs.backprop),
	};
	const fullScreen = Boolean(stdout.isTTY);
	const leave = () => {
		stdout.write(leaveAlternateScreen);
	};

	if (fullScreen) {
		stdout.write(enterAlternateScreen);
		process.once('exit', leave);
	}

	try {
		const app = createElement(App, {split, sessions, initialModel, forwardSeed, color: shouldUseColor(stdout)});
		const instance = render(app, {
			stdin,
			stdout: correctInkRewind(stdout),
			maxFps: maxFramesPerSecond,
			incrementalRendering: true,
			exitOnCtrlC: true,
			patchConsole: false,
		});
		// without raw mode (stdin not a terminal) Ctrl+C arrives as a signal: end as q would, so the finally below runs
		const quit = () => {
			instance.unmount();
		};

		process.once('SIGINT', quit);
		process.once('SIGTERM', quit);
		try {
			await instance.waitUntilExit();
		} finally {
			process.off('SIGINT', quit);
			process.off('SIGTERM', quit);
		}
	} finally {
		if (fullScreen) {
			process.off('exit', leave);
			leave();
		}
	}
}
