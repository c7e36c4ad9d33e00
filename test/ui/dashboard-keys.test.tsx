/** Every key of the dashboard, pressed as a user would, checked on screen and behind it. */
import '../helpers/outside-ci.js';
import assert from 'node:assert/strict';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {trainingKeyNotice} from '../../src/ui/ForwardScreen.js';
import stringWidth from 'string-width';
import {epochAxisOf, keys, linesOf, renderDashboard, waitFor} from './dashboard-harness.js';

/** An epoch target the tests never reach, so runs keep going until paused. */
const longRun = 100_000;

afterEach(() => {
	cleanup();
});

/** The dashboard with both runs long, the single unit paused on screen. */
async function bothRunsLong(): Promise<ReturnType<typeof renderDashboard>> {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}, backprop: {epochs: longRun}}});
	await pause(dashboard);
	return dashboard;
}

/** Pause with space and wait until the screen says so; returns the epoch the run stopped at. */
async function pause(dashboard: ReturnType<typeof renderDashboard>, model: 'single' | 'backprop' = 'single'): Promise<number> {
	dashboard.press(' ');
	await dashboard.waitForFrame(/ paused /, 'paused');
	return dashboard.sessions[model].epoch;
}

test('→ raises η on screen, the run goes on from the same weights, and the chart marks the change', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	await waitFor(() => session.epoch > 20);
	const epoch = await pause(dashboard);
	const weights = session.snapshot().weights;
	dashboard.press(keys.right);
	// epochs count from 1, as the status line's count does: after 57 epochs, η changes from epoch 58
	await dashboard.waitForFrame(`η 0.5 → 1 from epoch ${epoch + 1}`);
	assert.match(dashboard.frame(), /running|paused/);
	assert.match(dashboard.frame(), /η 1 {2}/);
	assert.equal(session.epoch, epoch, 'changing η does not restart the run');
	assert.deepEqual(session.snapshot().weights, weights);
	dashboard.press(' ');
	await waitFor(() => session.epoch > epoch + 20);
	assert.equal(session.history.at(epoch - 1).learnRate, 0.5);
	assert.equal(session.history.at(epoch).learnRate, 1, 'the epochs after the key train with the new η');
	await dashboard.waitForFrame(frame => epochAxisOf(frame)?.includes('▲') ?? false, 'a ▲ under the epoch where η changed');
});

test('← lowers η down the ladder, through the lesson\'s 0.005', async () => {
	const dashboard = renderDashboard({model: 'backprop', configs: {backprop: {epochs: longRun, learnRate: 0.01}}});
	dashboard.press(keys.left);
	await dashboard.waitForFrame('η 0.01 → 0.005');
	dashboard.press(keys.left);
	await dashboard.waitForFrame('η 0.005 → 0.002');
	assert.equal(dashboard.sessions.backprop.config.learnRate, 0.002);
});

test('↑ raises the epoch target and resumes a finished run', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 100}}});
	await dashboard.waitForFrame(/ done .*epoch 100\/100$/m, 'the run done at 100');
	assert.doesNotMatch(dashboard.frame(), /space (pause|resume)/, 'the footer offers no pause for a finished run');
	dashboard.press(' ');
	await dashboard.waitForFrame('done: ↑ raises the target, r restarts', 'space on a finished run says how to go on (it does not pause it)');
	// the 100 epochs more may be trained before the next frame, so the notice 'training resumes' may never be
	// drawn (the test of --epochs 150000 below reads it): the run is done again at 200, on from 100
	dashboard.press(keys.up);
	await dashboard.waitForFrame('epoch 200/200');
	// done again: the line says so, not that training resumes
	await dashboard.waitForFrame('done after 200 epochs: ↑ raises the target, r restarts');
	assert.equal(dashboard.sessions.single.epoch, 200);
	assert.equal(dashboard.sessions.single.history.length, 200, 'the run went on instead of starting again');
});

test('↑ twice on a finished run: once it is done again, the line says so, not the last target change', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 100}}});
	await dashboard.waitForFrame(/ done .*epoch 100\/100$/m, 'the run done at 100');
	dashboard.press(keys.up);
	dashboard.press(keys.up);
	await dashboard.waitForFrame('epoch 500/500');
	await dashboard.waitForFrame('done after 500 epochs: ↑ raises the target, r restarts');
});

test('a notice said of a run that trains on (→ changing η) gives way to "done after …" once it is done; a save\'s outcome stays', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 300}}});
	dashboard.press(keys.right);
	await dashboard.waitForFrame(/ done .*epoch 300\/300$/m, 'the run done');
	await dashboard.waitForFrame('done after 300 epochs: ↑ raises the target, r restarts');
	assert.doesNotMatch(dashboard.frame(), /η 0\.5 → 1 from/);
});

test('↓ below the epochs trained ends the run there and says so', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	await pause(dashboard);
	// trained to 60000 behind the screen's back, paused: ↓ to 50000 is below it
	session.engine.advance(60_000 - session.epoch);
	dashboard.press(keys.down);
	await dashboard.waitForFrame(`epoch target ${longRun} → 50000: below the epochs trained; done where it stands`);
	assert.match(dashboard.frame(), / done .*epoch 60000 \(target 50000\)$/m);
	assert.equal(session.status, 'done');
});

test('↑ on a run done past its target (after ↓) goes to the first target above its epoch and resumes', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 200}}});
	await dashboard.waitForFrame(/ done .*epoch 200\/200$/m, 'the run done at 200');
	dashboard.press(keys.down);
	await dashboard.waitForFrame('epoch target 200 → 100: below the epochs trained; done where it stands', 'a done run saying so too');
	dashboard.press(keys.down);
	await dashboard.waitForFrame('epoch 200 (target 100)');
	// the first rung above the 200 epochs trained is 500 (not 200, the rung above the target): it trains on to it
	dashboard.press(keys.up);
	await dashboard.waitForFrame('epoch 500/500');
	assert.equal(dashboard.sessions.single.history.length, 500, 'the run went on instead of starting again');
});

test('↑ on a run done at the ladder\'s top (1000000), after ↓ below it, steps the target back up (it cannot train again)', async () => {
	const top = 1_000_000;
	const dashboard = renderDashboard({configs: {single: {epochs: top}}});
	const session = dashboard.sessions.single;
	await pause(dashboard);
	// trained to the top of the ladder behind the screen's back, paused: done there
	session.engine.advance(top - session.epoch);
	dashboard.press(keys.down);
	await dashboard.waitForFrame(`epoch target ${top} → 500000: below the epochs trained; done where it stands`);
	dashboard.press(keys.down);
	await dashboard.waitForFrame('epoch target 500000 → 200000');
	dashboard.press(keys.up);
	await dashboard.waitForFrame('epoch target 200000 → 500000: below the epochs trained; done where it stands');
	dashboard.press(keys.up);
	await dashboard.waitForFrame(`epoch target 500000 → ${top}`);
	assert.equal(session.config.epochs, top);
	assert.equal(session.epoch, top);
	dashboard.press(keys.up);
	await dashboard.waitForFrame(`epoch target ${top} is the top of the ladder`);
	// no epoch after the millionth can train: a new η is for a restart, not "from epoch 1000001"
	dashboard.press(keys.left);
	await dashboard.waitForFrame(`η 0.5 → 0.2: r restarts with it (${top} epochs is the most a run trains)`);
	assert.doesNotMatch(dashboard.frame(), /from epoch 1000001/);
});

test('↑ on a run done between rungs (--epochs 150000), after ↓, goes to the next rung and trains on', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 150_000}}});
	const session = dashboard.sessions.single;
	await pause(dashboard);
	session.engine.advance(150_000 - session.epoch);
	dashboard.press(keys.down);
	await dashboard.waitForFrame('epoch target 150000 → 100000: below the epochs trained; done where it stands');
	dashboard.press(keys.up);
	await dashboard.waitForFrame('epoch target 100000 → 200000: training resumes');
	assert.equal(session.config.epochs, 200_000);
});

test('↓ lowers the epoch target along the ladder, past the lesson\'s 1000 and 900', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 2000}}});
	dashboard.press(keys.down);
	await dashboard.waitForFrame('epoch target 2000 → 1000');
	dashboard.press(keys.down);
	await dashboard.waitForFrame('epoch target 1000 → 900');
	assert.equal(dashboard.sessions.single.config.epochs, 900);
});

test('+ and − change the hidden units and restart the backprop run', async () => {
	const dashboard = renderDashboard({model: 'backprop', configs: {backprop: {epochs: longRun}}});
	const session = dashboard.sessions.backprop;
	await pause(dashboard, 'backprop');
	dashboard.press('+');
	await dashboard.waitForFrame('hidden units 2 → 3: restarted');
	await dashboard.waitForFrame('Backprop 6×3×1');
	assert.equal(session.config.hidden, 3);
	assert.equal(session.epoch, 0);
	assert.match(dashboard.frame(), /w h3/);
	dashboard.press('-', '-');
	await dashboard.waitForFrame('Backprop 6×1×1');
	assert.equal(session.config.hidden, 1);
	dashboard.press('-');
	await dashboard.waitForFrame('− stops at 1 hidden unit');
	assert.equal(session.config.hidden, 1);
});

test('+ and − (= and _ too) on a paused run say, as r and s do, that it restarted paused; running, they do not', async () => {
	const dashboard = renderDashboard({model: 'backprop', configs: {backprop: {epochs: longRun}}});
	await pause(dashboard, 'backprop');
	dashboard.press('+');
	await dashboard.waitForFrame('hidden units 2 → 3: restarted (paused: space trains)');
	dashboard.press('_');
	await dashboard.waitForFrame('hidden units 3 → 2: restarted (paused: space trains)');
	dashboard.press(' ');
	await dashboard.waitForFrame(/ running /, 'running');
	dashboard.press('=');
	const frame = await dashboard.waitForFrame('hidden units 2 → 3: restarted');
	assert.doesNotMatch(frame, /paused: space trains/);
});

test('+ on the single unit says hidden units belong to backprop', async () => {
	const dashboard = renderDashboard();
	dashboard.press('+');
	await dashboard.waitForFrame('hidden units belong to the backprop model');
});

test('space pauses and resumes training', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	const epoch = await pause(dashboard);
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
	assert.equal(session.epoch, epoch, 'no epoch runs while paused');
	assert.match(dashboard.frame(), /space resume/, 'the footer says what space does now');
	dashboard.press(' ');
	await dashboard.waitForFrame(/ running /, 'running');
	assert.match(dashboard.frame(), /space pause/);
	await waitFor(() => session.epoch > epoch);
});

test('. while running pauses the run and names the epoch it stays at, on the status line and the message line', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	await waitFor(() => session.epoch > 20);
	dashboard.press('.');
	const frame = await dashboard.waitForFrame(/ paused .*\n(?:.*\n)*.*paused at epoch \d+$/m);
	const epoch = session.epoch;
	assert.match(frame, new RegExp(`epoch ${epoch}/${longRun}(?:.*\n)+.*paused at epoch ${epoch}$`, 'm'), 'the epoch it stays at, on the status line and the message line');
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
	assert.equal(session.epoch, epoch, 'paused');
});

test('. trains exactly one epoch while paused', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	const epoch = await pause(dashboard);
	dashboard.press('.');
	await dashboard.waitForFrame(`epoch ${epoch + 1}/${longRun}`);
	assert.equal(session.epoch, epoch + 1);
	assert.match(dashboard.frame(), / paused /);
	// said as the key is taken (on big data the epoch may take seconds), counted as the status line counts
	assert.match(dashboard.frame(), new RegExp(`one epoch: epoch ${epoch + 1}\\b`));
	dashboard.press('.', '.');
	await dashboard.waitForFrame(`epoch ${epoch + 3}/${longRun}`);
	assert.match(dashboard.frame(), new RegExp(`one epoch: epoch ${epoch + 3}\\b`));
	assert.equal(session.epoch, epoch + 3);
});

test('r restarts from the same seed', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	await waitFor(() => session.epoch > 10);
	await pause(dashboard);
	const {initialWeights} = session.snapshot();
	dashboard.press('r');
	await dashboard.waitForFrame('restarted from seed 42 (paused: space trains)', 'the restart, saying the run waits paused');
	await dashboard.waitForFrame(`epoch 0/${longRun}`);
	assert.deepEqual(session.snapshot().weights, initialWeights);
});

test('s restarts from a new seed', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	await pause(dashboard);
	const before = session.snapshot().initialWeights;
	dashboard.press('s');
	await dashboard.waitForFrame('new seed 43: restarted');
	assert.equal(session.config.seed, 43);
	assert.notDeepEqual(session.snapshot().initialWeights, before);
});

test('s after numpy\'s last seed goes round to 0, not past the range', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun, seed: 4_294_967_295}}});
	const session = dashboard.sessions.single;
	await pause(dashboard);
	dashboard.press('s');
	await dashboard.waitForFrame('new seed 0: restarted');
	assert.equal(session.config.seed, 0);
});

test('a setting the engine refuses leaves the run as it was and says why on the message line', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun, rng: 'seedrandom', seed: 'not a number'}}});
	const session = dashboard.sessions.single;
	await pause(dashboard);
	// a word seed counts on from 1, which seedrandom takes: a refused change needs the session to refuse it
	const reseed = session.reseed.bind(session);
	session.reseed = () => {
		reseed(-1);
	};

	dashboard.press('s');
	await dashboard.waitForFrame('not changed: seed must be text or a whole number of at least 0 with rng seedrandom, got -1');
	assert.equal(session.config.seed, 'not a number');
});

test('b cycles the batch mode: full batch, per record, mini-batch', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	dashboard.press('b');
	await dashboard.waitForFrame('  per record  ');
	dashboard.press('b');
	await dashboard.waitForFrame('  mini-batch 32  ');
	dashboard.press('b');
	await dashboard.waitForFrame('  full batch  ');
	assert.equal(dashboard.sessions.single.config.batch, 'full');
});

test('m cycles the momentum: 0, 0.5, 0.9', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	dashboard.press('m');
	await dashboard.waitForFrame('β 0.5  ');
	dashboard.press('m');
	await dashboard.waitForFrame('β 0.9  ');
	dashboard.press('m');
	await dashboard.waitForFrame('β 0  ');
	assert.equal(dashboard.sessions.single.config.momentum, 0);
});

test('c pins the training curve, which stays through a restart', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	await waitFor(() => session.epoch > 300);
	dashboard.press('c');
	await dashboard.waitForFrame('· pinned η 0.5 seed 42');
	dashboard.press(keys.right, 'r');
	await dashboard.waitForFrame('restarted from seed 42');
	assert.equal(session.config.learnRate, 1);
	assert.match(dashboard.frame(), /· pinned η 0\.5 seed 42/);
	// and in the restarted run's frames after it, 300 epochs on
	await dashboard.waitForFrame(frame => Number(/epoch (\d+)\//.exec(frame)?.[1]) > 300, 'the restarted run 300 epochs on');
	assert.match(dashboard.frame(), /· pinned η 0\.5 seed 42/);
});

test('at 80 columns a long pinned label leaves the message line to what to do (the legend names what was pinned)', async () => {
	const dashboard = renderDashboard({model: 'backprop', configs: {backprop: {epochs: longRun}}, size: {columns: 80, rows: 24}});
	await dashboard.waitForFrame(/Backprop 6×2×1 {2}running .*epoch [1-9]\d*\//);
	dashboard.press('m', 'b');
	// epochs trained with β 0.5 and per record too: the label then spans both settings
	const changedAt = dashboard.sessions.backprop.epoch;
	await waitFor(() => dashboard.sessions.backprop.epoch > changedAt + 10, () => 'the run never went on');
	dashboard.press('c');
	const frame = await dashboard.waitForFrame(/^pinned: change something, r, compare$/m, 'the short pinned message, whole');
	assert.match(frame, /· pinned η 0\.005 2 hidden β 0→0\.5 /, 'the legend names what was pinned');
});

test('v cycles the panel: weights, one step explained, chart only', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	await dashboard.waitForFrame('│ rank_4 ');
	dashboard.press('v');
	await dashboard.waitForFrame('One step, explained');
	dashboard.press('v');
	await dashboard.waitForFrame(frame => !frame.includes('One step') && !frame.includes('│ rank_4 '), 'the chart alone');
	dashboard.press('v');
	await dashboard.waitForFrame('│ rank_4 ');
});

test('[ and ] pick what the step explains: the lesson\'s examples, then each training record', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	dashboard.press(']');
	await dashboard.waitForFrame('One step, explained · the lesson\'s worked example');
	dashboard.press(']');
	await dashboard.waitForFrame('One step, explained · the lesson\'s gradient.py');
	dashboard.press(']');
	await dashboard.waitForFrame(/training record 1 of 360 \(data row \d+\)/);
	assert.match(dashboard.frame(), /│ term │ +gre │ +gpa │/);
	dashboard.press('[', '[', '[');
	await dashboard.waitForFrame('training record 360 of 360');
});

test('[ or ] from the weights or the chart opens the step panel on the step it explained last, as v does; then they move', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const stepTitle = (frame: string) => /^One step, explained · (.*) · \[ \] another$/m.exec(frame)?.[1];
	await dashboard.waitForFrame('│ rank_4 ');
	dashboard.press('[');
	await dashboard.waitForFrame(frame => stepTitle(frame) !== undefined, 'the step panel');
	assert.equal(stepTitle(dashboard.frame()), 'the lesson\'s worked example', '[ from the weights opens on the first example, not the last record');
	dashboard.press(']');
	await dashboard.waitForFrame('· the lesson\'s gradient.py ·');
	dashboard.press('v');
	await dashboard.waitForFrame(frame => stepTitle(frame) === undefined && !frame.includes('│ rank_4 '), 'the chart alone');
	dashboard.press('[');
	await dashboard.waitForFrame(frame => stepTitle(frame) !== undefined, 'the step panel');
	assert.equal(stepTitle(dashboard.frame()), 'the lesson\'s gradient.py', '[ from the chart opens on the step shown last');
	dashboard.press('v', 'v');
	await dashboard.waitForFrame('│ rank_4 ');
	// in one chunk, faster than the screen redraws: the first ] opens the panel, the second moves on
	dashboard.press(']]');
	await dashboard.waitForFrame(/· training record 1 of 360 /, 'the record after gradient.py');
});

test('Tab, shift+Tab and 1 / 2 / 3 switch models, and each keeps its run', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}, backprop: {epochs: longRun}}});
	const {single, backprop} = dashboard.sessions;
	await waitFor(() => single.epoch > 10);
	dashboard.press(keys.tab);
	await dashboard.waitForFrame('Forward pass 4 → 3 → 2');
	dashboard.press(keys.tab);
	await dashboard.waitForFrame('Backprop 6×2×1');
	const singleEpoch = single.epoch;
	await waitFor(() => backprop.epoch > 10);
	assert.equal(single.epoch, singleEpoch, 'a hidden model\'s run waits');
	dashboard.press('\u001B[Z');
	await dashboard.waitForFrame('Forward pass 4 → 3 → 2');
	dashboard.press('1');
	await dashboard.waitForFrame('Single unit');
	assert.ok(single.epoch >= singleEpoch, 'the single unit picks up where it was');
	await waitFor(() => single.epoch > singleEpoch);
	dashboard.press('3');
	await dashboard.waitForFrame('Backprop 6×2×1');
	dashboard.press('2');
	await dashboard.waitForFrame('Forward pass 4 → 3 → 2');
});

test('a training key on the forward screen says where it acts, in a line that fits; s clears it', async () => {
	for (const size of [{columns: 80, rows: 24}, {columns: 60, rows: 18}]) {
		const dashboard = renderDashboard({model: 'forward', size});
		await dashboard.waitForFrame('seed 42 (the lesson\'s)');
		const before = await dashboard.waitForFrame('output f(hidden·W_ho)');
		dashboard.press('x');
		dashboard.press('w');
		const frame = await dashboard.waitForFrame(/^that key (acts on|is for) a training run/m, 'the notice');
		assert.ok(frame.split('\n').length < size.rows, `${size.columns}×${size.rows}: the frame still fits`);
		const notice = frame.split('\n').find(line => line.startsWith('that key'))!;
		assert.ok([trainingKeyNotice, 'that key is for a training run: 1 or 3'].includes(notice.trimEnd()), `whole, not cut: ${notice}`);
		// the matrices and the layers' values stay: the notice takes a product line's row, if any
		const matrixRows = (text: string) => text.split('\n').slice(2, 13).join('\n');
		assert.equal(matrixRows(frame), matrixRows(before), `${size.columns}×${size.rows}: nothing above the products moved`);
		dashboard.press('s');
		await dashboard.waitForFrame(text => text.includes('seed 43') && !/^that key/m.test(text), 'the notice gone with new values');
		dashboard.press('x');
		await new Promise(resolve => {
			setTimeout(resolve, 100);
		});
		assert.ok(!/^that key/m.test(dashboard.frame()), 'a key that does nothing anywhere says nothing');
		cleanup();
	}
});

test('s on the forward screen draws new values, r brings back the lesson\'s', async () => {
	const dashboard = renderDashboard({model: 'forward'});
	await dashboard.waitForFrame('seed 42 (the lesson\'s)');
	dashboard.press('s');
	await dashboard.waitForFrame('seed 43');
	dashboard.press('s', 's');
	await dashboard.waitForFrame('seed 45');
	dashboard.press('r');
	await dashboard.waitForFrame('seed 42 (the lesson\'s)');
});

test('? opens the help with every key of the screen, ? or esc closes it, and training goes on meanwhile', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	const session = dashboard.sessions.single;
	const helpOpen = (text: string) => text.includes('? esc close help');
	const helpClosed = (text: string) => !helpOpen(text);
	dashboard.press('?');
	const help = await dashboard.waitForFrame('? esc close help');
	for (const text of ['←→', '↑↓', 'space', 'momentum', 'pin this training curve', 'quit']) {
		assert.ok(help.includes(text), `the help lists ${text}`);
	}

	assert.ok(!help.includes('hidden units'), 'the single unit has no hidden units: + and − are backprop\'s');
	const epoch = session.epoch;
	await waitFor(() => session.epoch > epoch);
	dashboard.press('m');
	assert.equal(session.config.momentum, 0, 'keys of the screen wait while the help is open');
	dashboard.press(keys.escape);
	await dashboard.waitForFrame(helpClosed, 'esc closed the help');
	dashboard.press('?');
	await dashboard.waitForFrame(helpOpen, 'the help again');
	dashboard.press('?');
	await dashboard.waitForFrame(helpClosed, '? closed the help');
	// backprop's help has + and −; the forward screen's only its own keys
	dashboard.press('3');
	await dashboard.waitForFrame('Backprop 6×2×1');
	dashboard.press('?');
	await dashboard.waitForFrame(text => helpOpen(text) && text.includes('hidden units'), 'backprop\'s help');
	dashboard.press(keys.escape);
	await dashboard.waitForFrame(helpClosed, 'the help closed');
	dashboard.press('2');
	await dashboard.waitForFrame('Forward pass 4 → 3 → 2');
	dashboard.press('?');
	const forward = await dashboard.waitForFrame(text => helpOpen(text) && text.includes('new values'), 'the forward screen\'s help');
	for (const text of ['momentum', 'pin this training curve', 'epoch target', 'save the run']) {
		assert.ok(!forward.includes(text), `the forward screen's help leaves out ${text}`);
	}
});

test('backprop\'s help lists = and _ beside + and −, in 80×24 and in 60×18', async () => {
	for (const size of [{columns: 80, rows: 24}, {columns: 60, rows: 18}]) {
		const dashboard = renderDashboard({model: 'backprop', size});
		dashboard.press('?');
		const help = await dashboard.waitForFrame('? esc close help');
		assert.match(help, /^\+- =_ +(?:backprop: )?hidden units ± /m, `${size.columns}×${size.rows}:\n${help}`);
		assert.ok(linesOf(help).length <= size.rows - 1, `${size.columns}×${size.rows}: no taller than the terminal`);
		assert.ok(linesOf(help).every(line => stringWidth(line) <= size.columns), `${size.columns}×${size.rows}: no wider than the terminal`);
		assert.match(help, /(?:^| {2})q +quit \(ctrl\+c too\)/m, `${size.columns}×${size.rows}: the last key still listed`);
		cleanup();
	}
});

test('keys typed together in one chunk each count', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	dashboard.press('mm');
	await dashboard.waitForFrame('β 0.9  ');
});

test('keys typed in one chunk with a model switch go to the model switched to, and those behind ? to the help', async () => {
	const dashboard = await bothRunsLong();
	const {single, backprop} = dashboard.sessions;
	dashboard.press('2s');
	await dashboard.waitForFrame('Forward pass 4 → 3 → 2  seed 43');
	assert.equal(single.config.seed, 42, 'the s after 2 did not reseed the single unit');
	dashboard.press('3 m');
	await dashboard.waitForFrame(/Backprop 6×2×1 {2}paused .* β 0\.5 /, 'backprop paused with β 0.5');
	assert.match(dashboard.frame(), /momentum β 0 → 0\.5/);
	dashboard.press('?m');
	await dashboard.waitForFrame('? esc close help');
	dashboard.press(keys.escape);
	await dashboard.waitForFrame(/Backprop 6×2×1 .* β 0\.5 /, 'backprop, its β still 0.5');
	dashboard.press('m1');
	await dashboard.waitForFrame('Single unit  ');
	assert.match(dashboard.frame(), / β 0 /, 'the m before 1 did not reach the single unit');
	dashboard.press('3');
	await dashboard.waitForFrame(/Backprop 6×2×1 .* β 0\.9 /, 'the m before 1 applied to backprop, where it was typed');
	assert.equal(single.config.momentum, 0);
	assert.equal(backprop.config.momentum, 0.9);
});

test('a key in its own chunk right after a model switch goes to the screen switched to', async () => {
	const dashboard = await bothRunsLong();
	const {single, backprop} = dashboard.sessions;
	dashboard.press('2', 's');
	await dashboard.waitForFrame('Forward pass 4 → 3 → 2  seed 43');
	assert.equal(single.config.seed, 42, 'the s did not reseed the single unit left behind');
	dashboard.press('3', ' ');
	await dashboard.waitForFrame(/Backprop 6×2×1 {2}paused/, 'backprop paused by the space typed after 3');
	dashboard.press('1', 'm');
	await dashboard.waitForFrame(/Single unit .* β 0\.5 /, 'the m typed after 1 on the single unit');
	assert.equal(backprop.config.momentum, 0);
});

test('a key typed for a screen left again in the same burst, or behind ?, reaches no screen', async () => {
	const dashboard = await bothRunsLong();
	const {single, backprop} = dashboard.sessions;
	dashboard.press('3s2');
	await dashboard.waitForFrame('Forward pass 4 → 3 → 2  seed 42 (the lesson\'s)');
	dashboard.press('1?s?');
	await dashboard.waitForFrame(/Single unit {2}paused/, 'the single unit, the help closed again');
	dashboard.press('.');
	await waitFor(() => single.epoch > 0);
	assert.equal(single.config.seed, 42, 'the s behind ? did not reseed the single unit');
	assert.equal(backprop.config.seed, 21, 'the s typed for backprop, left at once, did not reseed it');
});

test('Esc and the key after it in one chunk (Ink reads them as Alt+key) are both keys: the help closes and the key acts', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	dashboard.press('?');
	await dashboard.waitForFrame('? esc close help');
	dashboard.press(`${keys.escape}3`);
	await dashboard.waitForFrame(/Backprop 6×2×1 {2}/);
	assert.doesNotMatch(dashboard.frame(), /close help/);
});

test('Esc and an arrow in one chunk (read by Ink as Alt+arrow) close the help and move the setting', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	dashboard.press('?');
	await dashboard.waitForFrame('? esc close help');
	dashboard.press(`${keys.escape}${keys.up}`);
	await dashboard.waitForFrame(`epoch target ${longRun} → 200000`);
	assert.doesNotMatch(dashboard.frame(), /close help/);
});

test('with Caps Lock on, keys do what they say (M is m); a key that does nothing says so, on every screen', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	dashboard.press('M');
	await dashboard.waitForFrame('momentum β 0 → 0.5');
	assert.equal(dashboard.sessions.single.config.momentum, 0.5);
	dashboard.press('x');
	await dashboard.waitForFrame('x is not a gdlab key: ? lists them');
	dashboard.press('\r');
	await dashboard.waitForFrame('Enter is not a gdlab key: ? lists them');
	dashboard.press('2', 'z');
	await dashboard.waitForFrame(frame => frame.includes('Forward pass') && frame.includes('z is not a gdlab key: ? lists them'), 'the forward screen naming z');
});

test('a key that does nothing never hides a failed save\'s line, and on a finished run says so until the next key', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: 300}}, size: {columns: 120, rows: 24}, props: {savePath: join(tmpdir(), `gdlab-no-such-folder-${process.pid}`, 'run.json')}});
	await dashboard.waitForFrame(/ done .*epoch 300\/300$/m, 'the run done');
	dashboard.press('x');
	await dashboard.waitForFrame('x is not a gdlab key: ? lists them', 'the notice on a finished run (it does not give way at once)');
	dashboard.press('w');
	await dashboard.waitForFrame(/could not save|not saved/, 'the failed save');
	dashboard.press('x');
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
	assert.match(dashboard.frame(), /could not save|not saved/);
	assert.doesNotMatch(dashboard.frame(), /x is not a gdlab key/);
});

test('the legend explains ▲ only once η has changed, as the chart marks it', async () => {
	const dashboard = renderDashboard({configs: {single: {epochs: longRun}}});
	await waitFor(() => dashboard.sessions.single.epoch > 5);
	await pause(dashboard);
	assert.doesNotMatch(dashboard.frame(), /▲ η/);
	dashboard.press(keys.right);
	await dashboard.waitForFrame('η 0.5 → 1 from epoch');
	assert.doesNotMatch(dashboard.frame(), /▲ η/, 'no epoch has trained with the new η yet: no ▲, no legend');
	dashboard.press('.');
	await dashboard.waitForFrame('▲ η changed');
	assert.match(epochAxisOf(dashboard.frame()) ?? '', /▲/);
});
