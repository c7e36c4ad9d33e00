/**
 * The dashboard's colours in one place, and the plain theme used when colour is off (NO_COLOR, or a
 * terminal without colours). Ink's chalk ignores NO_COLOR, so components take colours only from here.
 */
import {createContext} from 'react';
import {cyan, darkgray, yellow} from 'asciichart';
import type {CurveGlyphs} from './plot-loss-chart.js';

/** Colours by role: Ink colour names for text, asciichart escapes for the chart's curves. */
export type Theme = {
	/** Training MSE: legend and status. */
	train: string | undefined;
	/** Test MSE: legend and status. */
	test: string | undefined;
	/** The pinned curve. */
	pinned: string | undefined;
	/** The active tab and headings. */
	accent: string | undefined;
	/** Warnings such as a rising loss. */
	warning: string | undefined;
	/** Divergence and other failures. */
	failure: string | undefined;
	/** asciichart escapes for the train, test and pinned curves. */
	chart: {train: string | undefined; test: string | undefined; pinned: string | undefined};
	/** The glyphs the curves are drawn with (asciichart's symbols), when colour cannot tell them apart; undefined: asciichart's own. */
	glyphs: {train: CurveGlyphs | undefined; test: CurveGlyphs | undefined; pinned: CurveGlyphs | undefined};
	/** The legend's mark for each curve: its colour, or its glyph. */
	marks: {train: string; test: string; pinned: string};
};

/** asciichart's symbols with dashed lines, for the test curve without colour. */
const dashedGlyphs: CurveGlyphs = ['┼', '┤', '╶', '╴', '┄', '╰', '╭', '╮', '╯', '┆'];
/** asciichart's symbols as dots, for the pinned curve without colour. */
const dottedGlyphs: CurveGlyphs = ['┼', '┤', '╶', '╴', '·', '·', '·', '·', '·', '·'];

/** Colours on. */
export const colorTheme: Theme = {
	train: 'cyan',
	test: 'yellow',
	pinned: 'gray',
	accent: 'green',
	warning: 'yellow',
	failure: 'red',
	chart: {train: cyan, test: yellow, pinned: darkgray},
	glyphs: {train: undefined, test: undefined, pinned: undefined},
	marks: {train: '━', test: '━', pinned: '━'},
};

/** No colour at all. */
export const plainTheme: Theme = {
	train: undefined,
	test: undefined,
	pinned: undefined,
	accent: undefined,
	warning: undefined,
	failure: undefined,
	chart: {train: undefined, test: undefined, pinned: undefined},
	// without colour the curves differ by line: solid train, dashed test, dotted pinned
	glyphs: {train: undefined, test: dashedGlyphs, pinned: dottedGlyphs},
	marks: {train: '─', test: '┄', pinned: '·'},
};

/**
 * Terminal types without colour that Node's hasColors() takes for 16-colour ones (it trusts any xterm* and
 * vt100): terminfo's monochrome variants (xterm-mono, xtermm, vt100, vt100-w, vt220, …), which `tput colors`
 * puts at -1. FORCE_COLOR, which Node honours, still wins.
 */
const monochromeTerm = /(?:-mono|-m)$|^xtermm$|^vt\d+(?:-w|nam)?$/;

/** Whether to draw in colour: never when NO_COLOR is set (https://no-color.org) or the terminal is monochrome, else when it has colours. */
export function shouldUseColor(stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
	if ((env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') || (env['FORCE_COLOR'] === undefined && monochromeTerm.test(env['TERM'] ?? ''))) {
		return false;
	}

	// Node's own check takes any NO_COLOR, an empty one too, for no colour: it is asked without it
	const {NO_COLOR: _empty, ...others} = env;
	return Boolean(stdout.isTTY) && typeof stdout.hasColors === 'function' && stdout.hasColors(others);
}

/** The theme components draw with. */
export const ThemeContext = createContext<Theme>(plainTheme);
