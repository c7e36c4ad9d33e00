/**
 * How the screen's rows are shared out. The frame is one line shorter than the terminal: a frame as
 * tall as the terminal makes Ink clear and redraw the whole screen on every update.
 */
import type {TerminalSize} from './hooks/use-terminal-size.js';
import {minimumPlotRows} from './plot-loss-chart.js';
import {displayWidth} from './text-width.js';

/** The smallest terminal the dashboard draws in; below it, one line says so. */
export const minimumSize: TerminalSize = {columns: 60, rows: 18};
/** The tabs line at the top. */
export const tabsRows = 1;
/** A training screen's fixed lines: two status lines, the message line and the footer. */
export const trainingChromeRows = 4;
/** The smallest chart worth drawing: its minimum plot rows and the epoch axis. */
export const minimumChartRows = minimumPlotRows + 1;

/** The message shown instead of the dashboard when the terminal is too small, or undefined. */
export function tooSmallMessage({columns, rows}: TerminalSize): string | undefined {
	if (columns >= minimumSize.columns && rows >= minimumSize.rows) {
		return undefined;
	}

	// the longest form that fits on the one line there is (the need goes last, so it is what stays); keys
	// but q have no screen to act on meanwhile
	const need = `need ${minimumSize.columns}×${minimumSize.rows}`;
	const forms = [`terminal too small: ${columns}×${rows}, ${need} · only q works`, `terminal too small: ${columns}×${rows}, ${need}`, `too small: ${need}`, need];
	return forms.find(form => displayWidth(form) <= columns) ?? need;
}

/** Lines a frame may take in a terminal of `rows` lines. */
export function frameRows(rows: number): number {
	return rows - 1;
}

/** Rows of a screen below the tabs line. */
export function screenRows(size: TerminalSize): number {
	return frameRows(size.rows) - tabsRows;
}

/** Rows for the chart and for the panel under it. */
export type TrainingLayout = {
	/** Chart rows (plot and epoch axis); 0 hides the chart. */
	chartRows: number;
	/** Panel rows; 0 hides the panel. */
	panelRows: number;
};

/** The panel under the chart as the layout sees it. */
export type PanelNeeds = {
	/** Lines it takes in full. */
	height: number;
	/** Whether it may give up rows to keep the chart (a long weights table may; the one-step walk-through may not). */
	clippable: boolean;
};

/**
 * Share a training screen's body between chart and panel: the panel in full and the chart the rest
 * when the chart keeps its minimum; otherwise a clippable panel shares the body half and half, and
 * any other panel takes it all. Without a panel (the chart-only view) the chart takes everything.
 * `messageRows` is how many lines the messages take (two when the first is a failure or a warning,
 * a diverged run's advice, a rising loss or a run saved earlier that w replaces, beside which the rest would be cut): a line more than the one in the chrome comes out of the body.
 */
export function planTrainingLayout(screenHeight: number, panel: PanelNeeds | undefined, messageRows = 1): TrainingLayout {
	const body = Math.max(0, screenHeight - trainingChromeRows - (messageRows - 1));
	if (panel === undefined || panel.height === 0) {
		return {chartRows: body, panelRows: 0};
	}

	if (body - panel.height >= minimumChartRows) {
		return {chartRows: body - panel.height, panelRows: panel.height};
	}

	if (panel.clippable) {
		const chartRows = Math.max(minimumChartRows, Math.floor(body / 2));
		return {chartRows, panelRows: body - chartRows};
	}

	return {chartRows: 0, panelRows: body};
}
