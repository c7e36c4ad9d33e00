/** Render the dashboard under ink-testing-library on the lesson's data, and wait for what it shows. */
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import type {SplitDataset} from '../../src/data/dataset.js';
import {loadDataset} from '../../src/data/load-dataset.js';
import type {RunSource} from '../../src/data/run-file.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import type {ModelKind} from '../../src/engine/model.js';
import {createRandom} from '../../src/engine/random.js';
import {lessonConfig, type SessionConfig} from '../../src/engine/training-session.js';
import {App, type AppProps} from '../../src/ui/App.js';
import {LocalRunSession, type RunContext} from '../../src/ui/local-run-session.js';
import type {ReplayPlan} from '../../src/ui/training-loop.js';
import type {TerminalSize} from '../../src/ui/hooks/use-terminal-size.js';
import type {ScreenName} from '../../src/ui/key-map.js';

/** How long a screen may take to show what a test waits for before the test fails. */
export const screenTimeoutMs = 5000;
/** Time for a resize or a key to reach the screen. */
const frameSettleMs = 30;
/** How often waitFor looks again. */
const pollMs = 5;

/** Keys as a terminal sends them. */
export const keys = {
	left: '\u001B[D',
	right: '\u001B[C',
	up: '\u001B[A',
	down: '\u001B[B',
	tab: '\t',
	escape: '\u001B',
} as const;

/** The lesson's admissions data split with the lesson's seed. */
export function lessonSplit(): SplitDataset {
	return splitDataset(loadDataset(undefined), createRandom('numpy', 42));
}

/** How the lesson's data is chosen, as a saved run records it. */
export const lessonSource: RunSource = {data: undefined, splitSeed: 42, target: undefined, categorical: undefined, strict: false, testRatio: 0.1};

/** What a run on `split` needs besides its configuration. */
export function runContext(split: SplitDataset): RunContext {
	return {data: split, dataset: split.dataset, source: lessonSource};
}

/** What a test sets up: the model to open on, config changes per model, the terminal's size, colour. */
export type DashboardSetup = {
	/** The screen to open on (default single). */
	model?: ScreenName;
	/** Changes to the lesson's configuration of each model. */
	configs?: Partial<Record<ModelKind, Partial<SessionConfig>>>;
	/** The terminal's size (ink-testing-library's is 100 columns and no rows, read as 24). */
	size?: TerminalSize;
	/** Draw in colour. */
	color?: boolean;
	/** Other props of the App (savePath, startControls, loaded). */
	props?: Partial<AppProps>;
	/** A saved run one model replays first. */
	replay?: {model: ModelKind} & ReplayPlan;
	/** The data to run on (default the lesson's split). */
	split?: SplitDataset;
};

/** Render the App; returns ink-testing-library's handles plus the sessions, so tests can look behind the screen. */
export function renderDashboard(setup: DashboardSetup = {}) {
	const split = setup.split ?? lessonSplit();
	const config = (model: ModelKind) => ({...lessonConfig(model), ...setup.configs?.[model]});
	const start = (model: ModelKind) => new LocalRunSession(runContext(split), config(model), setup.replay?.model === model ? setup.replay : undefined);
	const sessions = {single: start('single'), backprop: start('backprop')};
	const instance = render(<App split={split} sessions={sessions} initialModel={setup.model ?? 'single'} forwardSeed={42} color={setup.color ?? false} {...setup.props}/>);
	if (setup.size) {
		resize(instance.stdout, setup.size);
	}

	const frame = () => instance.lastFrame() ?? '';
	return {
		...instance,
		sessions,
		split,
		frame,
		/** Wait until the frame passes `check` (a string it contains, a pattern, or a predicate). */
		async waitForFrame(check: string | RegExp | ((frame: string) => boolean), what = String(check)): Promise<string> {
			const passes = typeof check === 'string' ? (text: string) => text.includes(check) : (check instanceof RegExp ? (text: string) => check.test(text) : check);
			await waitFor(() => passes(frame()), () => `the screen never showed ${what}; it shows:\n${frame()}`);
			return frame();
		},
		/** Press keys (a string of characters or escape sequences), one write per key. */
		press(...sequence: string[]) {
			for (const key of sequence) {
				instance.stdin.write(key);
			}
		},
	};
}

/** Give the test stdout a new size and tell the app, as a terminal does on SIGWINCH. */
export function resize(stdout: NodeJS.EventEmitter, {columns, rows}: TerminalSize): void {
	Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
	Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
	stdout.emit('resize');
}

/** Poll until `condition` holds, failing with `describe()` after screenTimeoutMs. */
export async function waitFor(condition: () => boolean, describe: () => string = () => 'condition'): Promise<void> {
	const deadline = Date.now() + screenTimeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out: ${describe()}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, pollMs);
		});
	}
}

/** The lines of a frame. */
export function linesOf(frame: string): string[] {
	return frame.split('\n');
}

/** The chart's epoch axis line of a frame. */
export function epochAxisOf(frame: string): string | undefined {
	return linesOf(frame).find(line => /^\s*epoch\s/.test(line));
}

/**
 * Walk every screen (1, 2, 3) and view (weights, one step, chart only, the help) at each size, checking
 * each frame: no taller than the terminal less one line, the tabs line first, no line wider (in terminal
 * columns) than the terminal.
 */
export async function assertEveryFrameFits(dashboard: ReturnType<typeof renderDashboard>, sizes: TerminalSize[]): Promise<void> {
	const settle = async () => new Promise(resolve => {
		setTimeout(resolve, frameSettleMs);
	});
	// what each screen's frame starts its second line with, and what only the help shows
	const screenMarks: Record<string, RegExp> = {1: /^Single unit /m, 2: /^Forward pass /m, 3: /^Backprop /m};
	const helpMark = /\? esc close help/;
	// frames stop coming once the dashboard has caught up with a resize (the first may be laid out for the old size)
	const settleFrames = async () => {
		let count = -1;
		while (count !== dashboard.frames.length) {
			count = dashboard.frames.length;
			await settle();
		}
	};

	for (const size of sizes) {
		resize(dashboard.stdout, size);
		await settleFrames();
		for (const screen of ['1', '2', '3']) {
			dashboard.press(screen);
			for (const view of ['weights', 'step', 'chart', 'help']) {
				const where = `${size.columns}×${size.rows}, screen ${screen}, ${view}`;
				// the frame of this screen and view at this size, not one left from before
				await dashboard.waitForFrame(frame => (view === 'help' ? helpMark.test(frame) : screenMarks[screen]!.test(frame) && !helpMark.test(frame)), where);
				await settleFrames();
				const frame = dashboard.frame();
				const lines = linesOf(frame);
				assert.ok(lines.length <= size.rows - 1, `${where}: ${lines.length} lines\n${frame}`);
				assert.match(lines[0]!, /^gdlab {2}1 Single( unit)? /, `${where}: the tabs line is first\n${frame}`);
				for (const line of lines) {
					assert.ok(stringWidth(line) <= size.columns, `${where}: a line of ${stringWidth(line)} columns: ${line}`);
				}

				dashboard.press(view === 'chart' ? '?' : 'v');
			}

			dashboard.press(keys.escape, 'v');
		}
	}
}
