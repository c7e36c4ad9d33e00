/**
 * The loss chart as lines of text: asciichart draws the series (always given a height and an explicit
 * range, never a NaN), and a last row carries the epoch axis with ▲ under each epoch where η changed.
 * Exactly `height` lines, none wider than `width`, whatever the data.
 */
import {plot} from 'asciichart';
import {chartColumns, ColumnFit, columnOfEpoch} from './fit-series-to-width.js';
import {formatNumber, roundingPlace, significantDigits} from './format-number.js';

/** asciichart's ten symbols: the axis, its ends, a flat step, the four corners and a rise or fall. */
export type CurveGlyphs = [string, string, string, string, string, string, string, string, string, string];

/** One curve on the chart. */
export type ChartSeries = {
	/** Per-epoch values: entry e is epoch e. */
	values: ArrayLike<number>;
	/** asciichart colour escape, or undefined for none. */
	color: string | undefined;
	/** asciichart symbols to draw it with (a dashed line, say, when colour is off); undefined for asciichart's own. */
	glyphs?: CurveGlyphs | undefined;
};

/** What to draw and how much room there is. */
export type LossChartRequest = {
	/** Curves, drawn in order (later ones on top). */
	series: ChartSeries[];
	/** Epochs the x-axis spans (the epoch target, or more when the run went past it). */
	domain: number;
	/** Epochs at which the learning rate changed. */
	learnRateChanges: number[];
	/** Columns available. */
	width: number;
	/** Rows available: the plot and one axis row (at least 2). */
	height: number;
};

/** The fewest plot rows worth drawing (the layout hides a chart that would get fewer). */
export const minimumPlotRows = 3;
/** The mark under an epoch where η changed. */
export const learnRateMark = '▲';
/** Shown in an empty chart (also while paused before the first epoch: it promises nothing is under way). */
export const waitingText = 'the loss curve appears as epochs are trained';
/** The most significant digits a y label gets to differ from the next. */
const maxLabelDigits = 8;
/** The y range is snapped to a grid of its span divided by this. */
const rangeGridDivisions = 10;
/** Range given to a flat series so it sits in the middle instead of collapsing the chart. */
const flatRangeHalfWidth = 1e-6;

/** The fewest epochs the x-axis spans while a long run is young. */
const minimumZoomedDomain = 100;
/** While zoomed in, the x-axis spans at least this many times the epochs trained, so the curve has room to grow. */
const zoomHeadroom = 1.25;

/**
 * The epochs the x-axis spans: the epoch target, but while a long run has trained a small part of it, the
 * first of 100, 200, 500, 1000, 2000 … with room to spare (the first 720 of 100,000 epochs would otherwise
 * share one column and show no curve), growing as it trains; always the epochs trained, and the pinned
 * curve up to the epoch target (a pinned run longer than the target is cut there: spanning it would squeeze
 * the run under way into the first columns).
 */
export function chartDomain(epochs: number, epochTarget: number, pinnedLength = 0): number {
	let zoomed = minimumZoomedDomain;
	for (let multiple = 0; zoomed < epochs * zoomHeadroom; multiple++) {
		zoomed = [1, 2, 5][multiple % 3]! * minimumZoomedDomain * (10 ** Math.floor(multiple / 3));
	}

	return Math.max(Math.min(epochTarget, zoomed), epochs, Math.min(pinnedLength, epochTarget));
}

/** Draw the chart: `height` lines of at most `width` characters (ANSI colour codes aside). */
export function plotLossChart(request: LossChartRequest): string[] {
	return new LossChartPlot(request.domain, request.width, request.height).draw(request.series, request.learnRateChanges);
}

/**
 * One chart's data kept from frame to frame, for series that only grow (a run's history between
 * restarts): each draw takes in the epochs recorded since the last one, so it costs those and the chart's
 * width, not the whole history (a million epochs took 11 ms a frame). Give it the same series, in the same
 * order, each time; anything else wants a new LossChartPlot.
 */
export class LossChartPlot {
	/** Per series, its columns for the plot width below. */
	private fits: ColumnFit[] = [];
	private plotWidth = 0;

	constructor(private readonly domain: number, private readonly width: number, private readonly height: number) {}

	/** The chart of `series` as they are now, with ▲ under `learnRateChanges`: exactly `height` lines. */
	draw(series: ChartSeries[], learnRateChanges: number[]): string[] {
		const {width, domain} = this;
		const plotRows = Math.max(1, this.height - 1);
		// the y range spans the curves as drawn (a column's mean of its epochs: on a long run the first column
		// lies well below epoch 0's loss), and the labels it gives decide the columns left for the curves
		let plotWidth = this.plotWidth > 0 ? this.plotWidth : Math.max(1, width - 2);
		let drawn = this.fitted(series, plotWidth);
		let range = snappedRange(...extremes(drawn));
		let labels: string[] = [];
		let labelWidth = 0;
		for (let pass = 0; range !== undefined && pass < 3; pass++) {
			labels = axisLabels(range, plotRows);
			labelWidth = Math.max(...labels.map(label => label.length)) + 1;
			const wanted = Math.max(1, width - labelWidth - 2);
			if (wanted === plotWidth) {
				break;
			}

			plotWidth = wanted;
			drawn = this.fitted(series, plotWidth);
			range = snappedRange(...extremes(drawn));
		}

		if (range === undefined) {
			const blank = Array.from({length: plotRows}, () => '');
			blank[Math.floor(plotRows / 2)] = waitingText.slice(0, width);
			return [...blank, ''];
		}

		labels = axisLabels(range, plotRows);
		// asciichart puts value v on row round(v·ratio) − round(min·ratio), which can be a row off the label
		// nearest to v. Shifted so that the bottom of the range is exactly one row (never 0, where asciichart
		// draws ┼ on the top row), its rounding is the nearest row; the labels are ours, by row.
		const rowSpan = (range.max - range.min) / Math.max(1, plotRows - 1);
		const shift = rowSpan - range.min;
		const plotted = (entries: typeof drawn) => plot(entries.map(entry => entry.points.map(value => value + shift)), {
			height: plotRows - 1,
			min: rowSpan,
			max: range.max + shift,
			colors: entries.map(entry => entry.color),
			format: (_, row) => (labels[row] ?? '').padStart(labelWidth),
			...(entries.length === 1 && entries[0]!.glyphs ? {symbols: entries[0]!.glyphs} : {}),
		}).split('\n');
		// asciichart draws every curve of a plot with the same symbols: curves with their own are drawn one by one and laid over each other
		// (only without colour: a cell is then one character)
		const text = drawn.some(entry => entry.glyphs) && drawn.every(entry => entry.color === undefined) ? overlay(drawn.map(entry => plotted([entry]))) : plotted(drawn);
		const lines = fitLineCount(text.map(mergeColourRuns), plotRows);
		const columns = chartColumns(plotWidth, domain);
		return [...lines, epochAxis({labelWidth, columns, domain, width, learnRateChanges})];
	}

	/** Each series with points, fitted to `plotWidth` columns (all its epochs again when the width changed), and its colour. */
	private fitted(series: ChartSeries[], plotWidth: number): Array<{points: number[]; color: string | undefined; glyphs: CurveGlyphs | undefined}> {
		if (plotWidth !== this.plotWidth) {
			// the labels grew or shrank: the columns are others, so every epoch is fitted again
			this.plotWidth = plotWidth;
			this.fits = [];
		}

		return series
			.map((entry, index) => {
				this.fits[index] ??= new ColumnFit(plotWidth, this.domain);
				return {points: this.fits[index].extend(entry.values).points(), color: entry.color, glyphs: entry.glyphs};
			})
			.filter(entry => entry.points.length > 0);
	}
}

/** Charts of one curve each, laid over each other in order: a later curve's cell wins unless it is blank or the bare axis. */
function overlay(charts: string[][]): string[] {
	const [first = [], ...rest] = charts;
	return first.map((line, row) => {
		const cells = Array.from(line);
		for (const chart of rest) {
			for (const [column, cell] of Array.from(chart[row] ?? '').entries()) {
				if (cell !== ' ' && cell !== '┤') {
					cells[column] = cell;
				}
			}
		}

		return cells.join('');
	});
}

/** The smallest and largest point drawn (ColumnFit keeps only finite ones); min above max when there is none. */
function extremes(drawn: ReadonlyArray<{points: readonly number[]}>): [number, number] {
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	for (const {points} of drawn) {
		for (const value of points) {
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
	}

	return [min, max];
}

/** The chart's y range for finite values from `min` to `max`: widened when they are equal, snapped to a grid; undefined when there are none. */
function snappedRange(min: number, max: number): {min: number; max: number} | undefined {
	if (min > max) {
		return undefined;
	}

	if (max - min <= flatRangeHalfWidth * Math.max(1, Math.abs(max))) {
		const pad = flatRangeHalfWidth * Math.max(1, Math.abs(max));
		return {min: min - pad, max: max + pad};
	}

	// snap to a grid a tenth of the span wide, so the y labels (and with them every chart line) stay put while the loss creeps down
	const grid = niceStep((max - min) / rangeGridDivisions);
	return {min: Math.floor(min / grid) * grid, max: Math.ceil(max / grid) * grid};
}

/** The smallest 1, 2 or 5 × 10ⁿ at least `step`. */
function niceStep(step: number): number {
	const power = 10 ** Math.floor(Math.log10(step));
	return [1, 2, 5, 10].map(multiple => multiple * power).find(candidate => candidate >= step * (1 - 1e-12))!;
}

/** The labels asciichart will print down the y-axis, to size the label column. */
function axisLabels({min, max}: {min: number; max: number}, plotRows: number): string[] {
	// a row within rounding of zero is 0 (0.1 − 2 × 0.05 is 5.55e-17 in floating point)
	const values = Array.from({length: plotRows}, (_, row) => max - (row * (max - min)) / Math.max(1, plotRows - 1))
		.map(value => (Math.abs(value) < (max - min) * 1e-9 ? 0 : value));
	// a narrow range over many rows (a long run's first columns) needs more digits to tell its rows apart, and
	// to step evenly: rounded to a place larger than a tenth of a row's step, 0.2562 0.2560 0.2559 0.2557
	// read as steps of 0.0002 and 0.0001 where every step is 0.00017
	const rowStep = (max - min) / Math.max(1, plotRows - 1);
	const coarsest = (digits: number) => Math.max(...values.map(value => roundingPlace(value, digits)));
	let digits = significantDigits;
	while (digits < maxLabelDigits && rowStep > 0 && coarsest(digits) > rowStep / 10) {
		digits++;
	}

	return values.map(value => formatNumber(value, digits));
}

/** asciichart may round one row more or less than asked: trim or pad to exactly `rows` lines. */
function fitLineCount(lines: string[], rows: number): string[] {
	if (lines.length > rows) {
		return lines.slice(0, rows);
	}

	return [...lines, ...Array.from({length: rows - lines.length}, () => '')];
}

/** How many columns left of its place the axis's last epoch may move to stay clear of a ▲. */
const maxEndShift = 3;

/** The bottom row: "epoch", 0, the middle and the last epoch of the domain, and ▲ where η changed. */
function epochAxis({labelWidth, columns, domain, width, learnRateChanges}: {labelWidth: number; columns: number; domain: number; width: number; learnRateChanges: number[]}): string {
	// asciichart puts point k at character labelWidth + 1 + k (after the labels, a space and the axis)
	const origin = labelWidth + 1;
	const cells = Array.from({length: Math.min(width, origin + columns)}, () => ' ');
	const marks = new Set<number>();
	for (const epoch of learnRateChanges) {
		const position = origin + columnOfEpoch(epoch, domain, columns);
		if (position < cells.length) {
			cells[position] = learnRateMark;
			marks.add(position);
		}
	}

	// a label with a blank column on each side, clear of ▲ and other labels; whether it was placed
	const place = (text: string, start: number): boolean => {
		const end = start + text.length;
		if (start < 0 || end > cells.length) {
			return false;
		}

		for (let position = start - 1; position <= end; position++) {
			const taken = cells[position] !== undefined && cells[position] !== ' ';
			if (marks.has(position) || taken) {
				return false;
			}
		}

		for (const [offset, character] of [...text].entries()) {
			cells[start + offset] = character;
		}

		return true;
	};

	place('epoch', origin - 1 - 'epoch'.length);
	place('0', origin);
	// the axis's end is named even beside a ▲ at the last columns: up to three columns further left
	const last = String(Math.round(domain));
	Array.from({length: maxEndShift + 1}, (_, shift) => shift).some(shift => place(last, origin + columns - last.length - shift));

	const middle = String(Math.round(domain / 2));
	place(middle, origin + columnOfEpoch(domain / 2, domain, columns) - Math.floor(middle.length / 2));
	return cells.join('').trimEnd();
}

/** An SGR escape (colour or reset), as asciichart writes them. */
const sgrPattern = /\u001B\[[\d;]*m/g;
const reset = '\u001B[0m';

/**
 * The same line with one colour code per run of a colour instead of one around every character (asciichart
 * colours cell by cell; blanks between cells of a colour keep it). The terminal shows the same; the
 * dashboard tokenizes a fraction of the codes on every frame.
 */
export function mergeColourRuns(line: string): string {
	let merged = '';
	let active = '';
	let wanted = '';
	let from = 0;
	const addText = (text: string): void => {
		if (text === '') {
			return;
		}

		if (wanted !== active && text.trim() !== '') {
			merged += wanted === '' ? reset : wanted;
			active = wanted;
		}

		merged += text;
	};

	for (const match of line.matchAll(sgrPattern)) {
		addText(line.slice(from, match.index));
		wanted = match[0] === reset ? '' : match[0];
		from = match.index + match[0].length;
	}

	addText(line.slice(from));
	return active === '' ? merged : merged + reset;
}
