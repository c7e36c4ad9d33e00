import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {blue, cyan, plot} from 'asciichart';
import {chartDomain, learnRateMark, LossChartPlot, mergeColourRuns, plotLossChart, waitingText} from '../../src/ui/plot-loss-chart.js';

const stripAnsi = (text: string) => text.replaceAll(/\u001B\[\d+m/g, '');
const decreasing = Float64Array.from({length: 500}, (_, epoch) => 0.2 + (0.06 / (1 + (epoch / 20))));

test('the chart is exactly as tall as asked and no wider than the room', () => {
	for (const [width, height] of [[60, 4], [80, 10], [120, 30], [61, 7]] as const) {
		const lines = plotLossChart({series: [{values: decreasing, color: undefined}], domain: 1000, learnRateChanges: [], width, height});
		assert.equal(lines.length, height);
		for (const line of lines) {
			assert.ok([...line].length <= width, `${width}×${height}: ${line}`);
		}
	}
});

test('y labels run from the top of the range to the bottom and the last row is the epoch axis', () => {
	const lines = plotLossChart({series: [{values: decreasing, color: undefined}], domain: 1000, learnRateChanges: [], width: 80, height: 8});
	// the range spans the curve as drawn: its first column is the mean of epochs 0–12, about 0.245
	assert.match(lines[0]!, /^ 0\.25\d* ┤/);
	assert.match(lines[6]!, /^ 0\.20\d* [┤┼]/);
	assert.match(lines[7]!, /^ +epoch 0 +500 +1000$/);
});

test('a y label at zero reads 0, not the rounding left over from the steps down to it', () => {
	// a loss falling to 0 over 50 epochs: the range is [0, 0.1] over four rows, the last 0.1 − 3 × (0.1 / 3)
	const toZero = Float64Array.from({length: 50}, (_, epoch) => 0.1 * (1 - (epoch / 49)));
	const lines = plotLossChart({series: [{values: toZero, color: undefined}], domain: 50, learnRateChanges: [], width: 60, height: 5});
	const labels = lines.slice(0, -1).map(line => line.slice(0, line.search(/[┤┼]/)).trim());
	assert.equal(labels.at(-1), '0', labels.join(' | '));
	assert.ok(labels.every(label => !label.includes('e-')), labels.join(' | '));
});

test('▲ marks each epoch where η changed, under its column', () => {
	const lines = plotLossChart({series: [{values: decreasing, color: undefined}], domain: 1000, learnRateChanges: [250], width: 80, height: 8});
	const axis = lines.at(-1)!;
	const labelWidth = lines[0]!.indexOf('┤') - 1;
	const plotWidth = 80 - labelWidth - 2;
	assert.equal(axis.indexOf(learnRateMark), labelWidth + 1 + Math.floor((250 * plotWidth) / 1000));
});

test('a ▲ at the axis\'s end leaves the last epoch named, moved a few columns left', () => {
	for (const change of [499_000, 500_000, 495_000]) {
		const axis = plotLossChart({series: [{values: decreasing, color: undefined}], domain: 500_000, learnRateChanges: [change], width: 60, height: 6}).at(-1)!;
		assert.match(axis, / 500000 +▲$/, `η changed at ${change}: ${axis}`);
	}
});

test('an empty history shows a waiting line at full height', () => {
	const lines = plotLossChart({series: [{values: new Float64Array(0), color: undefined}], domain: 900, learnRateChanges: [], width: 80, height: 6});
	assert.equal(lines.length, 6);
	assert.ok(lines.includes(waitingText));
});

test('a flat series and a single epoch still draw at full height', () => {
	for (const values of [Float64Array.of(0.25, 0.25, 0.25), Float64Array.of(0.25)]) {
		const lines = plotLossChart({series: [{values, color: undefined}], domain: 100, learnRateChanges: [], width: 60, height: 5});
		assert.equal(lines.length, 5);
		assert.ok(lines.some(line => line.includes('┼')));
	}
});

test('curves carry their colour, and none when colour is off', () => {
	const colored = plotLossChart({series: [{values: decreasing, color: cyan}], domain: 500, learnRateChanges: [], width: 60, height: 6});
	assert.ok(colored.some(line => line.includes(cyan)));
	const plain = plotLossChart({series: [{values: decreasing, color: undefined}], domain: 500, learnRateChanges: [], width: 60, height: 6});
	assert.ok(plain.every(line => !line.includes('\u001B')));
});

test('whatever the values, no NaN reaches the chart and its size holds', () => {
	const value = fc.oneof(fc.double({min: -1e3, max: 1e3, noNaN: true}), fc.constant(Number.NaN), fc.constant(Number.NEGATIVE_INFINITY));
	fc.assert(fc.property(fc.array(value, {maxLength: 300}), fc.array(value, {maxLength: 300}), fc.integer({min: 30, max: 150}), fc.integer({min: 2, max: 30}), (train, test, width, height) => {
		const lines = plotLossChart({series: [{values: train, color: undefined}, {values: test, color: undefined}], domain: Math.max(train.length, test.length, 1), learnRateChanges: [], width, height});
		assert.equal(lines.length, height);
		assert.ok(lines.every(line => !line.includes('NaN') && [...stripAnsi(line)].length <= width));
	}));
});

test('a chart kept from frame to frame draws exactly what a fresh one draws for the series so far', () => {
	const value = fc.oneof(fc.double({min: -1e3, max: 1e3, noNaN: true}), fc.double({min: 0.1, max: 0.3, noNaN: true}), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));
	const growth = fc.array(fc.integer({min: 0, max: 120}), {minLength: 1, maxLength: 8});
	fc.assert(fc.property(fc.array(value, {maxLength: 600}), fc.array(value, {maxLength: 600}), growth, fc.integer({min: 30, max: 150}), fc.integer({min: 2, max: 20}), fc.boolean(), (train, test, steps, width, height, pinnedToo) => {
		const length = Math.min(train.length, test.length);
		const domain = Math.max(1, length + 7);
		const pinned = Float64Array.from({length: 40}, (_, epoch) => 0.3 - (epoch / 400));
		const kept = new LossChartPlot(domain, width, height);
		let epochs = 0;
		for (const step of steps) {
			epochs = Math.min(length, epochs + step);
			const series = [
				...(pinnedToo ? [{values: pinned, color: undefined}] : []),
				{values: Float64Array.from(test.slice(0, epochs)), color: undefined},
				{values: Float64Array.from(train.slice(0, epochs)), color: undefined},
			];
			const changes = epochs > 3 ? [Math.floor(epochs / 3)] : [];
			assert.deepEqual(kept.draw(series, changes), plotLossChart({series, domain, learnRateChanges: changes, width, height}), `after ${epochs} epochs`);
		}
	}));
});

test('a kept chart fits every epoch again when its y labels change width', () => {
	// 0.2… then values a thousand times larger: the labels widen, the plot narrows, the columns are others
	const values = Float64Array.from({length: 400}, (_, epoch) => (epoch < 200 ? 0.2 + (epoch / 10_000) : 200 + epoch));
	const kept = new LossChartPlot(400, 80, 8);
	const series = (epochs: number) => [{values: values.subarray(0, epochs), color: undefined}];
	const narrow = kept.draw(series(200), []);
	const wide = kept.draw(series(400), []);
	assert.notEqual(narrow[0]!.indexOf('┤'), wide[0]!.indexOf('┤'), 'the label column changed width');
	assert.deepEqual(wide, plotLossChart({series: series(400), domain: 400, learnRateChanges: [], width: 80, height: 8}));
});

/** Each visible character with the colour it is drawn in (the last colour code before it, none after a reset). */
function colouredCharacters(line: string): Array<[string, string]> {
	const result: Array<[string, string]> = [];
	let colour = '';
	for (const part of line.split(/(\u001B\[[\d;]*m)/)) {
		if (part.startsWith('\u001B[')) {
			colour = part === '\u001B[0m' ? '' : part;
		} else {
			for (const character of part) {
				result.push([character, character.trim() === '' ? '' : colour]);
			}
		}
	}

	return result;
}

test('colour runs are merged: one code per run, every character still drawn in its colour', () => {
	const line = `  3.40 ┤ ${cyan}╭\u001B[0m\u001B[34m╭\u001B[0m\u001B[34m─\u001B[0m\u001B[34m─\u001B[0m\u001B[34m╮\u001B[0m${cyan}╯\u001B[0m  ${cyan}╰\u001B[0m`;
	const merged = mergeColourRuns(line);
	assert.equal(merged, `  3.40 ┤ ${cyan}╭\u001B[34m╭──╮${cyan}╯  ╰\u001B[0m`);
	assert.deepEqual(colouredCharacters(merged), colouredCharacters(line));
	assert.equal(mergeColourRuns('no colour at all'), 'no colour at all');
	assert.equal(mergeColourRuns(`${cyan}x\u001B[0m plain`), `${cyan}x\u001B[0m plain`, 'a reset before text in no colour is kept');
});

test('merged lines draw the same characters in the same colours as asciichart\'s own (generated series), with fewer codes', () => {
	fc.assert(fc.property(
		fc.array(fc.double({min: -5, max: 5, noNaN: true}), {minLength: 2, maxLength: 100}),
		fc.array(fc.double({min: -5, max: 5, noNaN: true}), {minLength: 2, maxLength: 100}),
		(first, second) => {
			const raw = plot([first, second], {height: 10, colors: [cyan, blue]});
			for (const line of raw.split('\n')) {
				const merged = mergeColourRuns(line);
				assert.deepEqual(colouredCharacters(merged), colouredCharacters(line));
				assert.ok(merged.length <= line.length + 4);
			}
		},
	), {numRuns: 200});
});

test('each value is drawn on the row whose y label is nearest to it', () => {
	// asciichart rounds min·ratio and v·ratio apart, so without a shift a value could land a row off its label
	const misplaced: string[] = [];
	for (const height of [6, 9, 13]) {
		for (let step = 0; step <= 200; step++) {
			const value = 0.19 + (step * 0.07) / 200;
			const values = Float64Array.from({length: 40}, (_, epoch) => (epoch === 0 ? 0.26 : (epoch === 39 ? 0.19 : value)));
			const lines = plotLossChart({series: [{values, color: undefined}], domain: 40, learnRateChanges: [], width: 80, height}).slice(0, -1).map(stripAnsi);
			const axisColumn = lines[0]!.search(/[┤┼]/);
			const labels = lines.map(line => Number.parseFloat(line.slice(0, axisColumn)));
			const column = axisColumn + 1 + 20;
			const row = lines.findIndex(line => line[column] === '─');
			const nearest = Math.min(...labels.map(label => Math.abs(label - value)));
			if (row < 0 || Math.abs(labels[row]! - value) > nearest + 1e-9) {
				misplaced.push(`height ${height}: ${value.toFixed(4)} on the ${labels[row]} row`);
			}
		}
	}

	assert.deepEqual(misplaced, []);
});

test('on a long run the chart spans the curve as drawn: its first column starts near the top, not under empty rows', () => {
	const long = Float64Array.from({length: 100_000}, (_, epoch) => 0.19 + (0.08 / (1 + (epoch / 50))));
	const lines = plotLossChart({series: [{values: long, color: undefined}], domain: 100_000, learnRateChanges: [], width: 80, height: 12}).map(stripAnsi);
	const firstValueRow = lines.findIndex(line => line.includes('┼'));
	assert.ok(firstValueRow >= 0 && firstValueRow <= 1, `the first column is on row ${firstValueRow}:\n${lines.join('\n')}`);
	assert.ok(lines.at(-2)!.trim().length > 0);
});

test('a narrow range over many rows (a long run\'s first columns) still gives every row its own y label', () => {
	const early = Float64Array.from({length: 720}, (_, epoch) => 0.1029 - (epoch * 1e-6));
	const lines = plotLossChart({series: [{values: early, color: undefined}], domain: 100_000, learnRateChanges: [], width: 120, height: 25});
	const labels = lines.slice(0, -1).map(line => /^ *(\S+) [┤┼]/.exec(line)?.[1]);
	assert.ok(labels.every(label => label !== undefined), lines.join('\n'));
	assert.equal(new Set(labels).size, labels.length, `repeated labels:\n${lines.join('\n')}`);
	for (const line of lines) {
		assert.ok([...line].length <= 120);
	}
});

test('y labels step evenly: rounded to a tenth of a row\'s step or finer (not 0.2562 0.2560 0.2559 for steps of 0.00017)', () => {
	for (const [top, span] of [[0.2562, 0.0012], [0.27, 0.09], [0.1029, 0.0007], [3.5, 2.9], [1.258e-4, 1.2e-7], [0.0012, 0.0004]] as const) {
		const values = Float64Array.from({length: 300}, (_, epoch) => top - ((epoch * span) / 300));
		const lines = plotLossChart({series: [{values, color: undefined}], domain: 300, learnRateChanges: [], width: 80, height: 10});
		const labels = lines.slice(0, -1).map(line => Number(/^ *(\S+) [┤┼]/.exec(line)?.[1]));
		const steps = labels.slice(1).map((label, row) => labels[row]! - label);
		const step = (labels[0]! - labels.at(-1)!) / steps.length;
		for (const each of steps) {
			assert.ok(Math.abs(each - step) <= step / 5 + 1e-15, `${top} − ${span}: steps ${steps.join(', ')}\n${lines.join('\n')}`);
		}
	}
});

test('the x-axis spans the epoch target, but a young long run gets 100, 200, 500 … epochs with room to grow', () => {
	assert.equal(chartDomain(0, 100_000), 100);
	assert.equal(chartDomain(80, 100_000), 100);
	assert.equal(chartDomain(81, 100_000), 200);
	assert.equal(chartDomain(720, 100_000), 1000);
	assert.equal(chartDomain(5000, 100_000), 10_000);
	assert.equal(chartDomain(90_000, 100_000), 100_000, 'never past the target');
	assert.equal(chartDomain(300, 900), 500);
	assert.equal(chartDomain(800, 900), 900);
	assert.equal(chartDomain(1200, 900), 1200, 'a run past its target (↓ below it) shows every epoch');
	assert.equal(chartDomain(10, 100_000, 3000), 3000, 'the whole pinned curve');
	assert.equal(chartDomain(10, 1000, 100_000), 1000, 'a pinned curve longer than the target is cut at the target');
	assert.equal(chartDomain(1200, 1000, 100_000), 1200, 'the epochs trained past it still shown');
});
