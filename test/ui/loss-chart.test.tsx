/** The chart component keeps its plot between frames while the history only grows, and starts over when it is cleared. */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup, render} from 'ink-testing-library';
import {LossHistory} from '../../src/engine/loss-history.js';
import {LossChart} from '../../src/ui/LossChart.js';

afterEach(() => {
	cleanup();
});

/** A history of `epochs` epochs whose losses fall from `start`, η 0.5 then 0.1 from `change` on. */
function fill(history: LossHistory, epochs: number, start: number, change: number): void {
	for (let epoch = 0; epoch < epochs; epoch++) {
		const loss = start / (1 + (epoch / 50));
		history.push(loss, loss * 1.1, 0.7, epoch < change ? 0.5 : 0.1);
	}
}

/** What a chart made afresh draws for `history`. */
function freshChart(history: LossHistory, epochs: number, version: number): string {
	const fresh = render(<LossChart history={history} epochs={epochs} version={version} epochTarget={1000} pinned={undefined} width={80} height={10}/>);
	const frame = fresh.lastFrame() ?? '';
	fresh.unmount();
	return frame;
}

test('the history counts its clears, so a chart can tell a restart from growth', () => {
	const history = new LossHistory();
	fill(history, 10, 0.3, 5);
	assert.equal(history.generation, 0);
	history.clear();
	assert.equal(history.generation, 1);
	assert.equal(history.length, 0);
});

test('a chart kept while the history grows, and after it is cleared and refilled longer, draws what a fresh one draws', () => {
	const history = new LossHistory();
	fill(history, 300, 0.3, 200);
	const chart = render(<LossChart history={history} epochs={200} version={1} epochTarget={1000} pinned={undefined} width={80} height={10}/>);
	chart.rerender(<LossChart history={history} epochs={300} version={2} epochTarget={1000} pinned={undefined} width={80} height={10}/>);
	assert.equal(chart.lastFrame(), freshChart(history, 300, 2));
	assert.match(chart.lastFrame() ?? '', /▲/, 'the change of η at epoch 200 is marked');

	// a restart: other values, and more epochs than the chart had seen before the next frame
	history.clear();
	fill(history, 500, 0.6, 1000);
	chart.rerender(<LossChart history={history} epochs={500} version={3} epochTarget={1000} pinned={undefined} width={80} height={10}/>);
	assert.equal(chart.lastFrame(), freshChart(history, 500, 3));
	assert.doesNotMatch(chart.lastFrame() ?? '', /▲/, 'no change of η in the new run');
});

test('a pinned curve longer than the epoch target is cut at it: the run under way keeps the width of the chart', () => {
	const history = new LossHistory();
	fill(history, 1000, 0.3, 2000);
	const pinned = {values: Float64Array.from({length: 100_000}, (_, epoch) => 0.25 / (1 + (epoch / 500))), label: 'η 0.5 seed 42'};
	const chart = render(<LossChart history={history} epochs={1000} version={1} epochTarget={1000} pinned={pinned} width={80} height={10}/>);
	const frame = chart.lastFrame() ?? '';
	// the x-axis spans the target, not the pinned run's 100,000 epochs
	assert.match(frame, /epoch 0 .* 1000\s*$/m, frame);
	assert.doesNotMatch(frame, /100000/, frame);
});
