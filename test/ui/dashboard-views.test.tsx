/** What the dashboard shows: chart, tables, status, messages, the forward and one-step screens, and its fit to the terminal. */
import '../helpers/outside-ci.js';
import assert from 'node:assert/strict';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {cyan} from 'asciichart';
import {parseCsv} from '../../src/data/parse-csv.js';
import {prepareDataset} from '../../src/data/prepare-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {forwardDemo} from '../../src/engine/forward-pass.js';
import {createRandom} from '../../src/engine/random.js';
import {unsavedRunNotice, unsavedRunTooSmallNotice} from '../../src/ui/App.js';
import {formatNumber} from '../../src/ui/format-number.js';
import {chartLeftOutNote} from '../../src/ui/TrainingScreen.js';
import {assertEveryFrameFits, epochAxisOf, keys, linesOf, renderDashboard, resize} from './dashboard-harness.js';

afterEach(() => {
	cleanup();
});

const stripAnsi = (text: string) => text.replaceAll(/\u001B\[[\d;]*m/g, '');

test('the chart draws training and test MSE with y labels and epochs along the bottom', async () => {
	const dashboard = renderDashboard();
	const frame = await dashboard.waitForFrame(/ done /, 'the lesson\'s run done');
	const plotLines = linesOf(frame).filter(line => /^ +\d\.\d{4} [┤┼]/.test(line));
	assert.ok(plotLines.length >= 5, `y-axis labels on each plot row:\n${frame}`);
	assert.ok(plotLines.some(line => /[─╭╮╰╯]/.test(line)), 'the curves are drawn');
	assert.match(epochAxisOf(frame) ?? '', /epoch 0 +500 +1000$/);
	assert.match(frame, /─ train MSE 0\.19\d\d {2}┄ test MSE 0\.1\d{3}/);
	assert.doesNotMatch(frame, /NaN/);
});

test('without colour the curves differ by line, as the legend says: train solid, test dashed, pinned dotted', async () => {
	const dashboard = renderDashboard();
	await dashboard.waitForFrame(/ done /, 'the lesson\'s run done');
	// pinned, then run again at η 0.2: the pinned curve shows above the new one
	dashboard.press('c', keys.left, 'r');
	const frame = await dashboard.waitForFrame(/ done .*η 0\.2 /, 'the run at η 0.2 done, the first pinned');
	const plot = linesOf(frame).filter(line => /^ +\d\.\d{4} [┤┼]/.test(line)).map(line => line.slice(line.search(/[┤┼]/) + 1)).join('\n');
	assert.match(plot, /─/, 'the training curve, solid');
	assert.match(plot, /┄/, 'the test curve, dashed');
	assert.match(plot, /·/, 'the pinned curve, dotted');
	assert.match(frame, /─ train MSE 0\.19\d\d {2}┄ test MSE 0\.1\d{3}.*· pinned η 0\.5 seed 42/);
	const colored = renderDashboard({color: true});
	const colorFrame = stripAnsi(await colored.waitForFrame(/ done /, 'the coloured run done'));
	assert.match(colorFrame, /━ train MSE 0\.19\d\d {2}━ test MSE/, 'colour tells them apart: one mark for all');
	assert.doesNotMatch(colorFrame, /┄/);
});

test('the weights table has a row per input feature with weight, last Δw and gradient', async () => {
	const dashboard = renderDashboard();
	const frame = await dashboard.waitForFrame(/ done /);
	assert.match(frame, /│ input +│ +weight │ +last Δw │ +gradient │/);
	for (const feature of ['gre', 'gpa', 'rank_1', 'rank_2', 'rank_3', 'rank_4']) {
		assert.match(frame, new RegExp(`│ ${feature} +│ +-?\\d\\.\\d+ +│ +-?\\d[.\\de-]+ +│ +-?\\d[.\\de-]+ +│`), `a row for ${feature}`);
	}

	const weight = dashboard.sessions.single.snapshot().weights[0]!;
	assert.match(frame, new RegExp(`│ gre +│ +${weight.toPrecision(4)} │`));
});

test('the backprop table shows the input→hidden matrix and the hidden→output weights', async () => {
	const dashboard = renderDashboard({model: 'backprop'});
	const frame = await dashboard.waitForFrame(/ done /);
	assert.match(frame, /│ input +│ +w h1 │ +w h2 │ +Δw h1 │ +Δw h2 │ +∇ h1 │ +∇ h2 │/);
	const {weights} = dashboard.sessions.backprop.snapshot();
	assert.match(frame, new RegExp(`│ gre +│ +${weights[0]!.toPrecision(4)} │ +${weights[1]!.toPrecision(4)} │`));
	assert.match(frame, new RegExp(`│ h→ŷ +│ +${weights[12]!.toPrecision(4)} │ +${weights[13]!.toPrecision(4)} │`));
});

test('the status line shows model, η, momentum, batch, epoch e / E, losses, accuracy, speed and state', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 100_000}}});
	const running = await dashboard.waitForFrame(/epochs\/s/);
	assert.match(running, /Single unit {2}running {2}η 0\.5 {2}β 0 {2}full batch {2}epoch \d+\/100000 {2}[\d.]+k? epochs\/s/);
	assert.match(running, /─ train MSE \d\.\d{4} {2}┄ test MSE \d\.\d{4} {2}accuracy \d\.\d{3}/);
	dashboard.press(' ');
	await dashboard.waitForFrame('Single unit  paused  ');
});

test('a narrow status line shortens the settings rather than drop one, and keeps the epoch counter', async () => {
	const dashboard = renderDashboard({model: 'backprop', size: {columns: 60, rows: 18}, configs: {backprop: {epochs: 20_000, batch: 32, momentum: 0.5}}});
	const statusOf = (frame: string) => linesOf(frame).find(line => line.startsWith('Backprop 6×2×1')) ?? '';
	// the frame laid out for 60 columns (the one before it, laid out for the default width, is only cut to 60)
	const frame = await dashboard.waitForFrame(frame => / b32 {2}(epoch )?\d+\/20000/.test(statusOf(frame)), 'a 60-column status line');
	assert.match(statusOf(frame), /^Backprop 6×2×1 {2}\w+ {2}η 0\.005 β 0\.5 b32 {2}(epoch )?\d+\/20000$/);
	assert.ok(linesOf(frame).every(line => line.length <= 60));
	resize(dashboard.stdout, {columns: 180, rows: 24});
	await dashboard.waitForFrame(/Backprop 6×2×1 {2}\w+ {2}η 0\.005 {2}β 0\.5 {2}mini-batch 32 {2}epoch \d+\/20000/, 'everything in 180 columns');
});

test('a run that diverges says where, and what to do', async () => {
	const dashboard = renderDashboard({configs: {single: {learnRate: 1e308}}});
	const frame = await dashboard.waitForFrame('diverged at epoch 1: lower η and press r');
	assert.match(frame, /Single unit {2}diverged /);
	assert.doesNotMatch(frame, /NaN/);
});

test('a rising training loss is reported with its epoch', async () => {
	const dashboard = renderDashboard({configs: {single: {learnRate: 10, momentum: 0.9, epochs: 20}}});
	await dashboard.waitForFrame('loss increasing at epoch 18');
});

test('at 60×18 a key\'s notice that would be cut beside "loss increasing" has a line of its own, whole, and the frame still fits', async () => {
	const size = {columns: 60, rows: 18};
	const dashboard = renderDashboard({configs: {single: {learnRate: 10, momentum: 0.9, epochs: 20}}, size, props: {savePath: join(tmpdir(), `gdlab-no-such-folder-${process.pid}`, 'run.json')}});
	await dashboard.waitForFrame('loss increasing at epoch 18');
	dashboard.press('w');
	const frame = await dashboard.waitForFrame(/^loss increasing at epoch 18\nnot saved: .*\(run\.json\)$/m, 'the warning, then the failed save whole on the line below');
	assert.ok(linesOf(frame).length <= size.rows - 1, `${linesOf(frame).length} lines\n${frame}`);
	assert.match(linesOf(frame).at(-1)!, /\? help {2}q quit$/, `the key line still last\n${frame}`);
});

test('the forward screen labels every matrix with its shape and shows that W·X fails where X·W works', async () => {
	const dashboard = renderDashboard({model: 'forward'});
	const frame = await dashboard.waitForFrame('Forward pass 4 → 3 → 2');
	for (const label of ['X (4,)', 'W_ih (4,3)', 'hidden input X·W_ih (3,)', 'hidden output f(X·W_ih) (3,)', 'W_ho (3,2)', 'output input hidden·W_ho (2,)', 'output f(hidden·W_ho) (2,)']) {
		assert.ok(frame.includes(label), `${label} is on the screen`);
	}

	// the lesson's multilayer.py output for seed 42
	assert.match(frame, /0\.4149 +0\.4260 +0\.5002/);
	assert.match(frame, /0\.4982 +0\.4854/);
	assert.match(frame, /X·W_ih +\(4,\)·\(4,3\) → \(3,\) +works/);
	assert.match(frame, /W_ih·X +ValueError: shapes \(4,3\) and \(4,\) not aligned: 3 \(dim 1\) != 4 \(dim 0\)/);
});

test('the one-step panel walks the lesson\'s worked example through every term', async () => {
	const dashboard = renderDashboard();
	dashboard.press('v');
	const frame = await dashboard.waitForFrame('One step, explained · the lesson\'s worked example');
	assert.match(frame, /h = Σwᵢxᵢ = 0\.07000 {3}ŷ = f\(h\) = 0\.5175 {3}y = 0\.2000 {3}error = y−ŷ = -0\.3175/);
	assert.match(frame, /δ = error·f′\(h\) = -0\.3175·0\.2497 = -0\.07928/);
	assert.match(frame, /│ Δw +│ +-0\.003964 │ +-0\.01189 │/);
});

test('the backprop one-step panel walks backprop.py forward and back', async () => {
	const dashboard = renderDashboard({model: 'backprop'});
	dashboard.press('v');
	const frame = await dashboard.waitForFrame('One step, explained · the lesson\'s backprop.py');
	assert.match(frame, /δᵒ = error·ŷ\(1−ŷ\) = 0\.02873/);
	assert.match(frame, /│ h1 +│ +0\.2400 │ +0\.5597 │ +0\.1000 │/);
	assert.match(frame, /│ Δwᵢ→h1 │ +1\.77e-4 │ +3\.54e-5 │ +-7\.08e-5 │/);
});

test('in 80 and 60 columns the one-step panels keep every value, in their shorter forms', async () => {
	for (const columns of [80, 60]) {
		const backprop = renderDashboard({model: 'backprop', size: {columns, rows: 24}});
		backprop.press('v');
		const frame = await backprop.waitForFrame(text => text.includes('One step') && /δᵒ = (?:error·ŷ\(1−ŷ\) = )?0\.02873/.test(text), `δᵒ in ${columns} columns`);
		assert.match(frame, /ŷ = (?:f\(-0\.06012\) = )?0\.4850 {3}y = 0\.6000 {3}error = 0\.1150/);
		assert.match(frame, /δʰⱼ ?= ?δᵒ·Wⱼ·aⱼ\(1−aⱼ\) {2,3}ΔWⱼ ?= ?η·δᵒ·aⱼ {2,3}Δwᵢⱼ ?= ?η·δʰⱼ·xᵢ {2,3}η ?= ?0\.5/);
		// the table keeps δʰⱼ and ΔWⱼ: at 60 columns the step on the way to them (δᵒ·Wⱼ) gives way
		assert.match(frame, /│ h1 +│ +0\.2400 │ +0\.5597 │ +0\.1000 │(?: +0\.002873 │)? +7\.08e-4 │ +0\.008040 │/);
		backprop.unmount();
		const single = renderDashboard({size: {columns, rows: 24}});
		single.press('v');
		const singleFrame = await single.waitForFrame(text => text.includes('One step') && /δ = error·f′\(h\) = (?:-0\.3175·0\.2497 = )?-0\.07928/.test(text), `δ in ${columns} columns`);
		assert.match(singleFrame, /h = (?:Σwᵢxᵢ = )?0\.07000 {3}ŷ = (?:f\(h\) = )?0\.5175 {3}y = 0\.2000 {3}error = (?:y−ŷ = )?-0\.3175/);
		for (const line of singleFrame.split('\n').filter(text => /^(?:h|δ) = /.test(text))) {
			assert.doesNotMatch(line, /…/, `${columns} columns`);
		}

		single.unmount();
	}
});

test('a one-step panel that leaves the chart no room says so where the chart would be, within the screen', async () => {
	const dashboard = renderDashboard({model: 'backprop', size: {columns: 60, rows: 18}});
	dashboard.press('v');
	const frame = await dashboard.waitForFrame(text => text.includes('One step'), 'the one-step panel');
	assert.ok(frame.includes(chartLeftOutNote), frame);
	assert.ok(frame.split('\n').length <= 18, `${frame.split('\n').length} lines`);
	dashboard.unmount();
});

test('a terminal below 60×18 gets one clear line instead of the dashboard', async () => {
	const dashboard = renderDashboard({size: {columns: 52, rows: 16}});
	await dashboard.waitForFrame(frame => frame === 'terminal too small: 52×16, need 60×18 · only q works', 'the too-small line alone');
	// keys but q do nothing there: a switch or the help would land unseen
	dashboard.press('3', '?');
	resize(dashboard.stdout, {columns: 80, rows: 24});
	const frame = await dashboard.waitForFrame('Single unit  ');
	assert.doesNotMatch(frame, /Backprop 6×2×1|esc close help/);
});

test('q on the too-small screen after a failed save says so on its one line, and the run shows it once there is room', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 100_000}}, props: {savePath: join(tmpdir(), `gdlab-no-such-folder-${process.pid}`, 'run.json')}});
	dashboard.press('w');
	await dashboard.waitForFrame(/could not save|not saved/);
	resize(dashboard.stdout, {columns: 52, rows: 16});
	await dashboard.waitForFrame(frame => frame.startsWith('terminal too small'), 'the too-small line');
	dashboard.press('q');
	await dashboard.waitForFrame(frame => frame === unsavedRunTooSmallNotice, 'the warning in place of the too-small line');
	resize(dashboard.stdout, {columns: 100, rows: 24});
	await dashboard.waitForFrame(unsavedRunNotice);
});

test('frames are never taller or wider than the terminal, whatever the size, screen and panel', async () => {
	const dashboard = renderDashboard({configs: {backprop: {hidden: 8}}});
	await assertEveryFrameFits(dashboard, [{columns: 60, rows: 18}, {columns: 80, rows: 24}, {columns: 100, rows: 30}, {columns: 120, rows: 40}]);
});

test('with colour off no escape code reaches the screen; with colour on the curves are coloured', async () => {
	const plain = renderDashboard({color: false});
	assert.doesNotMatch(await plain.waitForFrame(/ done /), /\u001B\[/);
	cleanup();
	const colored = renderDashboard({color: true});
	assert.ok((await colored.waitForFrame(/ done /)).includes(cyan), 'the training curve is cyan');
});

test('the forward screen wraps its product and rule lines between words, never starting a line with a space', async () => {
	for (const columns of [60, 70, 79, 85, 100, 128]) {
		const dashboard = renderDashboard({model: 'forward', size: {columns, rows: 30}});
		const frame = await dashboard.waitForFrame(text => text.includes('The order matters') && text.split('\n').every(line => line.length <= columns), `the rule at ${columns} columns`);
		const lines = frame.split('\n');
		const wrapped = lines.slice(lines.findIndex(line => line.startsWith('W_ih·X')), lines.findIndex(line => line.includes('has entries.')) + 1);
		assert.ok(wrapped.length >= 2, `${columns} columns:\n${frame}`);
		for (const line of wrapped) {
			assert.doesNotMatch(line, /^ /, `${columns} columns:\n${frame}`);
		}

		assert.equal(wrapped.join(' ').replaceAll(/ +/g, ' '), 'W_ih·X ValueError: shapes (4,3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0) The order matters: an array on the left needs as many entries as the matrix has rows; a matrix on the left needs as many columns as the array has entries.');
		dashboard.unmount();
	}
});

test('the forward screen at 60 columns: its works line whole, and the rule in one line when a row is left for it', async () => {
	const small = renderDashboard({model: 'forward', size: {columns: 60, rows: 18}});
	const frame = await small.waitForFrame(/W_ih·X/, 'the forward screen at 60×18');
	assert.ok(frame.includes('X·W_ih   (4,)·(4,3) → (3,)  works: X meets each W_ih column'), frame);
	small.unmount();
	const taller = renderDashboard({model: 'forward', size: {columns: 60, rows: 19}});
	const withRule = await taller.waitForFrame(/The order matters/, 'the rule at 60×19');
	assert.ok(withRule.includes('The order matters: left columns must match right rows.'), withRule);
	assert.ok(withRule.split('\n').every(line => line.length <= 60), withRule);
});

test('narrowing the terminal never draws a line wider than it, not even the frame drawn before the dashboard hears of it', async () => {
	for (const [from, to] of [[{columns: 100, rows: 24}, {columns: 80, rows: 24}], [{columns: 81, rows: 30}, {columns: 80, rows: 30}]] as const) {
		const dashboard = renderDashboard({size: from});
		await dashboard.waitForFrame(frame => frame.split('\n').some(line => line.length > to.columns), `a frame wider than ${to.columns}`);
		const before = dashboard.frames.length;
		resize(dashboard.stdout, to);
		await dashboard.waitForFrame(frame => frame.split('\n').every(line => line.length <= to.columns), `the frame at ${to.columns} columns`);
		for (const frame of dashboard.frames.slice(before)) {
			for (const line of frame.split('\n')) {
				assert.ok(line.length <= to.columns, `${from.columns} → ${to.columns} columns: a line of ${line.length}: ${line}`);
			}
		}

		dashboard.unmount();
	}
});

test('the forward screen draws from the seed and generator it is given (--model forward --seed 7 --rng seedrandom); r returns to that seed', async () => {
	const dashboard = renderDashboard({model: 'forward', props: {forwardSeed: 7, forwardRng: 'seedrandom'}});
	// the generator named: seedrandom's seed 7 is not gdlab forward --seed 7's
	const frame = await dashboard.waitForFrame('Forward pass 4 → 3 → 2  seed 7 (seedrandom)  ·');
	const demo = forwardDemo(7, 'seedrandom');
	assert.ok(frame.includes(formatNumber(demo.hidden.output[0]!)), `hidden output ${formatNumber(demo.hidden.output[0]!)} of seedrandom seed 7:\n${frame}`);
	assert.ok(!frame.includes(formatNumber(forwardDemo(7, 'numpy').hidden.output[0]!)));
	dashboard.press('s');
	await dashboard.waitForFrame('seed 8 (seedrandom)  ·');
	dashboard.press('r');
	await dashboard.waitForFrame('seed 7 (seedrandom)  ·');
});

test('the help lists what reading the data did that the user should know (dropped rows, the target\'s labels)', async () => {
	const rows = Array.from({length: 40}, (_, row) => `${row % 2 === 0 ? 'no' : 'yes'},${row},${row === 3 ? '' : row % 7}`);
	const dataset = prepareDataset(parseCsv(`admit,x,y\n${rows.join('\n')}\n`, 'notes.csv'));
	const dashboard = renderDashboard({split: splitDataset(dataset, createRandom('numpy', 42)), size: {columns: 100, rows: 30}});
	dashboard.press('?');
	const frame = await dashboard.waitForFrame('? esc close help');
	assert.match(frame, /note: dropped 1 of 40 rows with a missing value/);
	assert.match(frame, /note: target "admit": "no" → 0, "yes" → 1/);
});

test('the help wraps the data line where the keys leave room: every feature shows at 80×24', async () => {
	const dashboard = renderDashboard({size: {columns: 80, rows: 24}});
	dashboard.press('?');
	const frame = await dashboard.waitForFrame('? esc close help');
	assert.match(frame, /gre, gpa, rank_1, rank_2, rank_3, rank_4$/m);
	assert.ok(frame.split('\n').length <= 23, 'the frame still fits');
});

test('a training record\'s one-step title keeps its [ ] hint at 80 and 60 columns, in fewer words', async () => {
	for (const columns of [80, 60]) {
		const dashboard = renderDashboard({model: 'backprop', size: {columns, rows: 24}});
		dashboard.press('v', ']', ']', ']');
		const frame = await dashboard.waitForFrame(/^One step.*record .*· \[ \] another$/m, `the title in ${columns} columns`);
		assert.ok(frame.split('\n').every(line => [...line].length <= columns));
		dashboard.unmount();
	}
});

test('at 80×24 the help wraps a data note to the end (an ID column warning), cutting only what has no room', async () => {
	const rows = Array.from({length: 120}, (_, row) => `${row % 2 === 0 ? 'no' : 'yes'},${row === 7 ? '' : row % 5},a_long_pet_name_${row}`);
	const dataset = prepareDataset(parseCsv(`adopted,x,name\n${rows.join('\n')}\n`, 'pets.csv'));
	const dashboard = renderDashboard({split: splitDataset(dataset, createRandom('numpy', 42)), size: {columns: 80, rows: 24}});
	dashboard.press('?');
	const frame = await dashboard.waitForFrame('? esc close help');
	assert.match(frame.replaceAll('\n', ' '), /note: column "name" has 119 distinct values, one-hot encoded into as many +features \(an id\? --ignore name leaves +it out\)/);
	assert.ok(frame.split('\n').length <= 23);
});

test('the forward screen lines up both layers\' values in one column, after the wider weight matrix', async () => {
	for (const seed of [42, 7]) {
		const dashboard = renderDashboard({model: 'forward', size: {columns: 80, rows: 24}, props: {forwardSeed: seed}});
		const frame = await dashboard.waitForFrame('hidden input X·W_ih');
		const lines = frame.split('\n');
		const start = (label: string) => lines.find(line => line.includes(label))!.indexOf(label);
		assert.equal(start('output input hidden·W_ho'), start('hidden input X·W_ih'), `seed ${seed}`);
		dashboard.unmount();
	}
});
