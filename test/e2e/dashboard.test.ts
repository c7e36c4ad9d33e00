/**
 * The dashboard in a real pseudo-terminal: tmux runs the built gdlab, the tests type keys and read the
 * screen back, then quit (q or Ctrl+C) and check the exit, the terminal and the files left behind.
 * Needs `npm test` (or tsc) first.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import {readRunFile} from '../../src/data/run-file.js';
import {runCli} from '../helpers/run-cli.js';
import {runOnCopiedData} from '../helpers/run-on-copied-data.js';

/** The repository root (tests run from dist/test/e2e). */
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** How long the screen may take to show what the test waits for. */
const screenTimeoutMs = 10_000;
/** The terminal the tests open. */
const size = {columns: 80, rows: 24};
/** Data big enough that training runs in a worker thread, small enough to start at once. */
const bigData = 'synthetic:100000:8';

const tmuxMissing = spawnSync('tmux', ['-V']).status !== 0;
const notBuilt = !existsSync(join(root, 'dist/bin/gdlab.js'));
const skip = tmuxMissing ? 'tmux is not installed: apt-get install tmux to run the end-to-end test' : (notBuilt ? 'dist/bin/gdlab.js is missing: run npm test' : false);

/** A folder of the test's own, removed when it ends. */
function workspace(t: TestContext, prefix: string): string {
	const cwd = mkdtempSync(join(tmpdir(), prefix));
	t.after(() => {
		rmSync(cwd, {recursive: true, force: true});
	});
	return cwd;
}

/** A shell word, single-quoted. */
function quote(word: string): string {
	return `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

async function sleep(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

/** gdlab running in its own tmux server, in `cwd`, with handles to type, read and wait. */
function startGdlab(t: TestContext, args: string[], cwd: string, shell: {environment?: readonly string[]; stdin?: string; stderr?: string} = {}) {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-e2e-'));
	const socket = `gdlab-e2e-${process.pid}-${Math.random().toString(36).slice(2)}`;
	const config = join(directory, 'tmux.conf');
	const exitFile = join(directory, 'exit-status');
	// no status bar: the pane is the whole window
	writeFileSync(config, 'set -g status off\n');
	const tmux = (...tmuxArgs: string[]) => spawnSync('tmux', ['-L', socket, '-f', config, ...tmuxArgs], {encoding: 'utf8'});
	// Ink draws nothing but the last frame when it thinks it runs in CI; after gdlab the shell stays, as a user's would
	const environment = (shell.environment ?? []).map(quote).join(' ');
	const stdin = shell.stdin === undefined ? '' : ` < ${quote(shell.stdin)}`;
	const stderr = shell.stderr === undefined ? '' : ` 2> ${quote(shell.stderr)}`;
	const command = `cd ${quote(cwd)} && env -u CI -u CONTINUOUS_INTEGRATION ${environment} node ${quote(join(root, 'dist/bin/gdlab.js'))} ${args.map(quote).join(' ')}${stdin}${stderr}; echo $? > ${quote(exitFile)}; echo gdlab-exited; exec sleep 600`;
	const started = tmux('new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), '-s', 'e2e', command);
	assert.equal(started.status, 0, started.stderr);
	t.after(() => {
		tmux('kill-server');
		rmSync(directory, {recursive: true, force: true});
	});

	const screen = () => tmux('capture-pane', '-p', '-t', 'e2e').stdout;
	return {
		tmux,
		screen,
		lines: () => screen().split('\n').filter(line => line.trim() !== ''),
		press: (...keys: string[]) => tmux('send-keys', '-t', 'e2e', ...keys),
		/** Whether the pane shows the alternate screen (full-screen programs draw there). */
		alternateScreen: () => tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').stdout.trim() === '1',
		/** Whether the pane wraps lines wider than itself (the terminal's auto-wrap mode). */
		autoWraps: () => tmux('display-message', '-p', '-t', 'e2e', '#{wrap_flag}').stdout.trim() === '1',
		/** Whether the pane shows its cursor. */
		cursorShown: () => tmux('display-message', '-p', '-t', 'e2e', '#{cursor_flag}').stdout.trim() === '1',
		async waitForScreen(check: (text: string) => boolean, what: string): Promise<number> {
			const start = Date.now();
			while (!check(screen())) {
				if (Date.now() - start > screenTimeoutMs) {
					assert.fail(`the terminal never showed ${what}; it shows:\n${screen()}`);
				}

				await sleep(10);
			}

			return Date.now() - start;
		},
		/** Wait for gdlab to end; returns its exit status. */
		async exitStatus(): Promise<string> {
			const start = Date.now();
			while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
				assert.ok(Date.now() - start < screenTimeoutMs, `gdlab did not exit; the terminal shows:\n${screen()}`);
				await sleep(20);
			}

			return readFileSync(exitFile, 'utf8').trim();
		},
	};
}

test('gdlab in a real terminal opens the dashboard, trains, answers keys and quits with q, exit status 0', {skip, timeout: 60_000}, async t => {
	const gdlab = startGdlab(t, ['--epochs', '100000'], root);
	const openedIn = await gdlab.waitForScreen(text => text.includes('Single unit'), 'the dashboard');
	t.diagnostic(`first frame after ${openedIn} ms`);
	await gdlab.waitForScreen(text => /running .*epoch [1-9]\d*\/100000/.test(text), 'training under way');

	const shown = gdlab.lines();
	assert.ok(shown[0]!.startsWith('gdlab '), `the tabs line on top:\n${shown.join('\n')}`);
	assert.equal(shown.filter(line => line.startsWith('gdlab ')).length, 1, 'no stale frames left behind');
	assert.match(shown.at(-1)!, /w save .*\? help {2}q quit$/, 'the key line at the bottom, with w');
	assert.ok(shown.length <= size.rows - 1);
	assert.ok(shown.every(line => [...line].length <= size.columns));

	gdlab.press('Right');
	const keyShownIn = await gdlab.waitForScreen(text => text.includes('η 0.5 → 1 from the next epoch'), 'η raised by →');
	t.diagnostic(`→ reached the screen in ${keyShownIn} ms while training`);
	await gdlab.waitForScreen(text => text.includes('│ rank_4 '), 'the weights table');

	gdlab.press('Tab');
	await gdlab.waitForScreen(text => text.includes('W_ih·X   ValueError: shapes (4,3) and (4,) not aligned'), 'the forward screen');
	gdlab.press('?');
	// the forward screen's help: its own keys, not the training ones
	await gdlab.waitForScreen(text => text.includes('close help') && text.includes('new values') && !text.includes('momentum β') && text.includes('data: admissions (binary.csv), 400 rows'), 'the help');
	gdlab.press('Escape');
	await gdlab.waitForScreen(text => text.includes('Forward pass 4 → 3 → 2'), 'the forward screen again');
	gdlab.press('3');
	await gdlab.waitForScreen(text => text.includes('Backprop 6×2×1'), 'the backprop screen');

	gdlab.tmux('resize-window', '-t', 'e2e', '-x', '50', '-y', '15');
	await gdlab.waitForScreen(text => text.includes('terminal too small: 50×15, need 60×18'), 'the too-small line');
	gdlab.tmux('resize-window', '-t', 'e2e', '-x', '120', '-y', '40');
	await gdlab.waitForScreen(text => text.includes('Backprop 6×2×1') && text.split('\n').some(line => line.length > 80), 'the dashboard at 120×40');
	assert.equal(gdlab.lines().filter(line => line.startsWith('gdlab ')).length, 1, 'resizing leaves no stale frames');

	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
	assert.equal(gdlab.alternateScreen(), false, 'the terminal is back on its main screen');
});

test('a terminal made narrower redraws whole: no rows of the wider frame are left behind, and wrapping is back after', {skip, timeout: 60_000}, async t => {
	const gdlab = startGdlab(t, ['--model', 'backprop', '--hidden', '8'], root);
	gdlab.tmux('resize-window', '-t', 'e2e', '-x', '200', '-y', '40');
	await gdlab.waitForScreen(text => /Backprop 6×8×1 {2}done /.test(text) && text.split('\n').some(line => line.length > 150), 'the finished run at 200×40, with its wide rows');
	assert.equal(gdlab.autoWraps(), false, 'a line wider than the terminal is cut, not wrapped');
	// the tabs on top, the status line below them, each once, and the chart's legend: the whole frame
	const whole = (text: string) => {
		const lines = text.split('\n').filter(line => line.trim() !== '');
		return /^gdlab {2}1 Single( unit)? /.test(lines[0] ?? '') && /^Backprop 6×8×1 {2}done /.test(lines[1] ?? '') && lines.filter(line => line.startsWith('gdlab ')).length === 1 && text.includes('accuracy');
	};

	for (const [columns, rows] of [[120, 40], [100, 40], [60, 30]] as const) {
		gdlab.tmux('resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows));
		await gdlab.waitForScreen(whole, `the whole dashboard at ${columns}×${rows}`);
		// and so it stays once the redraws after the resize are done (a stale frame, cut by tmux, can look whole for a moment)
		await sleep(500);
		await gdlab.waitForScreen(whole, `the whole dashboard at ${columns}×${rows}, settled`);
		assert.ok(gdlab.screen().split('\n').every(line => line.length <= columns));
	}

	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
	assert.equal(gdlab.autoWraps(), true, 'the terminal wraps again once gdlab has quit');
});

test('a terminal made shorter gets no frame taller than itself (which would scroll the title away)', {skip, timeout: 60_000}, async t => {
	const gdlab = startGdlab(t, ['--model', 'backprop', '--epochs', '1000000'], root);
	await gdlab.waitForScreen(text => text.includes('Backprop 6×2×1  running'), 'the backprop run');
	// paused, nothing is drawn but what the resize brings
	gdlab.press('Space');
	await gdlab.waitForScreen(text => text.includes('Backprop 6×2×1  paused'), 'the paused run');
	const bytes = join(workspace(t, 'gdlab-e2e-shrink-'), 'pane.log');
	// the whole frame for a size: the key line last, on the terminal's last row but one
	const laidOutFor = (rows: number) => (text: string) => text.split('\n')[rows - 2]?.endsWith('q quit') === true && text.startsWith('gdlab ');
	// a frame begins where Ink starts an update, clears the screen or erases the lines it drew before
	const frameStart = /\u001B\[\?2026h|\u001B\[2J|(?:\u001B\[2K\u001B\[1A)+/;
	for (let round = 1; round <= 3; round++) {
		gdlab.tmux('resize-window', '-t', 'e2e', '-x', '80', '-y', '24');
		await gdlab.waitForScreen(laidOutFor(24), 'the dashboard at 80×24');
		// and its last redraws for that size done (paused, nothing is drawn after them), so the pipe below
		// takes in the shrink's frames alone
		await sleep(500);
		writeFileSync(bytes, '');
		gdlab.tmux('pipe-pane', '-t', 'e2e', `cat >> ${quote(bytes)}`);
		gdlab.tmux('resize-window', '-t', 'e2e', '-x', '60', '-y', '18');
		await gdlab.waitForScreen(laidOutFor(18), 'the dashboard at 60×18');
		// the frames of one resize are written together; the pipe may pass them on a moment later
		await sleep(300);
		gdlab.tmux('pipe-pane', '-t', 'e2e');
		const lineFeeds = readFileSync(bytes, 'utf8').split(frameStart).map(frame => frame.split('\n').length - 1);
		assert.ok(lineFeeds.length > 1, `round ${round}: the resize redrew the screen`);
		// 17 line feeds from the top row reach the last of 18 rows; one more scrolls the title away
		assert.ok(Math.max(...lineFeeds) <= 17, `round ${round}: a frame of ${Math.max(...lineFeeds)} line feeds went into 18 rows`);
	}

	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
});

test('lines as wide as the terminal keep their last character when redrawn (auto-wrap is off)', {skip, timeout: 60_000}, async t => {
	// a data name too long for the tabs line at 60 columns, which is then cut to its last column
	const cwd = workspace(t, 'gdlab-e2e-wide-');
	copyFileSync(join(root, 'data', 'binary.csv'), join(cwd, 'graduate-admissions-export.csv'));
	const gdlab = startGdlab(t, ['--epochs', '100000', '--data', 'graduate-admissions-export.csv'], cwd);
	gdlab.tmux('resize-window', '-t', 'e2e', '-x', '60', '-y', '18');
	await gdlab.waitForScreen(text => text.includes('Single unit  running'), 'the dashboard at 60×18');
	// a switch away and back redraws the tabs and keys lines, each 60 columns wide here
	gdlab.press('3');
	await gdlab.waitForScreen(text => text.includes('Backprop 6×2×1'), 'the backprop screen');
	gdlab.press('1');
	await gdlab.waitForScreen(text => text.includes('Single unit  running'), 'the single unit again');
	const lines = gdlab.screen().split('\n');
	assert.ok(lines.some(line => line.length === 60 && line.endsWith('q quit')), gdlab.screen());
	assert.ok(lines[0]!.length === 60 && lines[0]!.endsWith('…'), gdlab.screen());
	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
});

test('with stderr in a file, the cursor comes back on the terminal and the file gets no escape codes', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-stderr-');
	const errors = join(cwd, 'errors.txt');
	const gdlab = startGdlab(t, [], root, {stderr: errors});
	await gdlab.waitForScreen(text => text.includes('Single unit'), 'the dashboard');
	assert.equal(gdlab.cursorShown(), false, 'the dashboard hides the cursor');
	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
	assert.equal(gdlab.cursorShown(), true, 'the cursor is back');
	assert.doesNotMatch(readFileSync(errors, 'utf8'), /\u001B/, 'no escape code in the file');
});

test('w saves the run; gdlab --load reopens it paused at the saved epoch', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-runs-');
	const saving = startGdlab(t, ['--epochs', '1000000', '--save', 'run.json'], cwd);
	await saving.waitForScreen(text => /running .*epoch [1-9]\d*\/1000000/.test(text), 'training under way');
	saving.press('Right');
	saving.press('Space');
	await saving.waitForScreen(text => text.includes(' paused '), 'paused');
	saving.press('w');
	await saving.waitForScreen(text => /saved run to run\.json \(epoch \d+\)/.test(text), 'the save confirmed');
	const epoch = /saved run to run\.json \(epoch (\d+)\)/.exec(saving.screen())![1]!;
	saving.press('q');
	assert.equal(await saving.exitStatus(), '0');
	assert.equal(readRunFile(join(cwd, 'run.json')).epochs, Number(epoch));

	const loading = startGdlab(t, ['--load', 'run.json'], cwd);
	// the file's name when the command passes it on, else "the saved run"
	await loading.waitForScreen(text => new RegExp(`loaded (run\\.json|the saved run) at epoch ${epoch}/1000000: space resumes`).test(text), 'the loaded run');
	assert.match(loading.screen(), new RegExp(`Single unit {2}paused {2}η 1 {2}.*epoch ${epoch}/1000000`));
	loading.press('q');
	assert.equal(await loading.exitStatus(), '0');
});

test('the dashboard refuses to --load a run whose data changed since the save, and points to gdlab replay', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-changed-data-');
	const {data, changeData} = runOnCopiedData(cwd, 'run.json', 10);
	const other = join(cwd, 'other.csv');
	writeFileSync(other, readFileSync(data, 'utf8').replace(/\n1,/, '\n0,'));
	changeData();
	// on the main screen, one line (wrapped by the terminal): the dashboard would show other numbers as if they were the saved ones
	const sha = '\\(SHA-256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\\)';
	for (const [args, message] of [
		[[], `the data file .*/admissions\\.csv changed since the run was saved ${sha}; gdlab replay run\\.json shows what differs`],
		[['--data', 'other.csv'], `the data file other\\.csv is not the one the run trained on ${sha}; gdlab replay run\\.json --data other\\.csv shows what differs`],
	] as const) {
		const loading = startGdlab(t, ['--load', 'run.json', ...args], cwd);
		assert.equal(await loading.exitStatus(), '1');
		assert.match(loading.screen().replaceAll('\n', ''), new RegExp(`^gdlab: run\\.json: ${message}gdlab-exited`));
	}
});

test('keys typed while the data loads are never echoed, and the dashboard takes them once drawn', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-early-keys-');
	const gdlab = startGdlab(t, ['--data', 'synthetic:300000:16'], cwd);
	await gdlab.waitForScreen(text => text.startsWith('gdlab · '), 'the loading line');
	gdlab.press('3');
	gdlab.press('Right');
	await gdlab.waitForScreen(text => /Backprop 16×2×1 .*η 0\.01 /.test(text), 'the backprop screen, η one step up');
	assert.doesNotMatch(gdlab.screen(), /\^\[/);
	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
});

test('q typed amid other keys while the data loads quits at once, exit status 0', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-early-quit-');
	const gdlab = startGdlab(t, ['--data', 'synthetic:3000000:16'], cwd);
	await gdlab.waitForScreen(text => text.startsWith('gdlab · '), 'the loading line');
	const pressed = Date.now();
	gdlab.press('-l', '3q');
	assert.equal(await gdlab.exitStatus(), '0');
	// 3,000,000 rows take some 6 s to make and start: a q left for the dashboard would wait for all of it
	assert.ok(Date.now() - pressed < 2500, `it took ${Date.now() - pressed} ms to quit`);
});

test('--load of a run saved before the kernels fused replays it as it trained: no "replay differs"', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-before-fused-');
	copyFileSync(join(root, 'test/fixtures/run-before-fused.json'), join(cwd, 'run.json'));
	const loading = startGdlab(t, ['--load', 'run.json'], cwd);
	await loading.waitForScreen(text => /loaded (run\.json|the saved run) at epoch 60\/60/.test(text), 'the loaded run');
	// the replay's check against the saved weights comes a moment after: "replay differs" would then take the line
	await new Promise(resolve => setTimeout(resolve, 1500));
	assert.match(loading.screen(), /loaded (run\.json|the saved run) at epoch 60\/60/);
	assert.doesNotMatch(loading.screen(), /differs/);
	loading.press('q');
	assert.equal(await loading.exitStatus(), '0');
});

test('--save without a w: quitting says nothing was saved there, exit status 0', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-nosave-');
	const errors = join(cwd, 'errors.txt');
	const gdlab = startGdlab(t, ['--save', 'run.json'], cwd, {stderr: errors});
	await gdlab.waitForScreen(text => text.includes('Single unit'), 'the dashboard');
	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
	assert.equal(readFileSync(errors, 'utf8'), 'gdlab: nothing was saved to run.json (in the dashboard, w saves the run on screen)\n');
	assert.equal(existsSync(join(cwd, 'run.json')), false);
});

test('a single-unit run saved from a dashboard opened on backprop loads again, its backprop screen with the default hidden units', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-runs-');
	const saving = startGdlab(t, ['--model', 'backprop', '--save', 'b.json'], cwd);
	await saving.waitForScreen(text => text.includes('Backprop 6×2×1'), 'the backprop screen');
	saving.press('1');
	await saving.waitForScreen(text => text.includes('Single unit  '), 'the single unit');
	saving.press('w');
	await saving.waitForScreen(text => /saved run to b\.json \(epoch \d+\)/.test(text), 'the save confirmed');
	saving.press('q');
	assert.equal(await saving.exitStatus(), '0');
	assert.equal(readRunFile(join(cwd, 'b.json')).config.model, 'single');

	const loading = startGdlab(t, ['--load', 'b.json'], cwd);
	await loading.waitForScreen(text => /loaded (b\.json|the saved run) at epoch \d+/.test(text), 'the loaded run');
	loading.press('3');
	await loading.waitForScreen(text => text.includes('Backprop 6×2×1'), 'the backprop screen, 2 hidden units');
	loading.press('q');
	assert.equal(await loading.exitStatus(), '0');
});

test('a run saved earlier beside --save\'s file: once the single unit saved there, the network\'s screen warns that w replaces it', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-beside-');
	assert.equal(runCli(['train', '--model', 'backprop', '--epochs', '5', '--save', 'pair-backprop.json'], {cwd}).status, 0);
	const gdlab = startGdlab(t, ['--save', 'pair.json'], cwd);
	await gdlab.waitForScreen(text => text.includes('Single unit'), 'the dashboard');
	gdlab.press('w');
	await gdlab.waitForScreen(text => /saved run to pair\.json \(epoch \d+\)/.test(text), 'the save confirmed');
	gdlab.press('3');
	await gdlab.waitForScreen(text => text.includes('pair-backprop.json holds an earlier run: w replaces it'), 'the warning on the network\'s screen');
	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
	assert.equal(readRunFile(join(cwd, 'pair-backprop.json')).epochs, 5, 'the earlier run is still there');
});

test('the run loaded from beside --save\'s file is not an earlier run: its screen never warns that w replaces it', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-loaded-beside-');
	assert.equal(runCli(['train', '--model', 'backprop', '--epochs', '5', '--save', 'pair-backprop.json'], {cwd}).status, 0);
	const gdlab = startGdlab(t, ['--load', 'pair-backprop.json', '--save', 'pair.json'], cwd);
	await gdlab.waitForScreen(text => text.includes('Backprop 6×2×1'), 'the loaded run');
	gdlab.press('1');
	await gdlab.waitForScreen(text => text.includes('Single unit'), 'the single unit');
	gdlab.press('w');
	await gdlab.waitForScreen(text => /saved run to pair\.json \(epoch \d+\)/.test(text), 'the save confirmed');
	gdlab.press('3');
	await gdlab.waitForScreen(text => text.includes('Backprop 6×2×1'), 'the loaded run again');
	await sleep(300);
	assert.doesNotMatch(gdlab.screen(), /holds an earlier run/);
	gdlab.press('q');
	assert.equal(await gdlab.exitStatus(), '0');
});

test('gdlab --data FILE --save FILE in a terminal refuses at once, before the dashboard opens, and keeps the data', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-refuse-');
	const data = readFileSync(join(root, 'data/binary.csv'), 'utf8');
	writeFileSync(join(cwd, 'victim.csv'), data);
	const gdlab = startGdlab(t, ['--data', 'victim.csv', '--save', 'victim.csv'], cwd);
	assert.equal(await gdlab.exitStatus(), '1');
	assert.match(gdlab.screen(), /^gdlab: victim\.csv: cannot write: it is the data file; choose another name$/m);
	assert.equal(readFileSync(join(cwd, 'victim.csv'), 'utf8'), data);
	assert.deepEqual(readdirSync(cwd), ['victim.csv']);
});

test('Ctrl+C right after w waits for the save: the whole run is written, never a temporary file, and the main screen says where', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-interrupt-');
	const gdlab = startGdlab(t, ['--epochs', '1000000', '--save', 'run.json'], cwd);
	// a long history makes the save take a while
	await gdlab.waitForScreen(text => /running .*epoch \d{5,}\/1000000/.test(text), 'ten thousand epochs trained');
	gdlab.press('w');
	gdlab.press('C-c');
	assert.equal(await gdlab.exitStatus(), '0');
	await gdlab.waitForScreen(text => text.includes('gdlab-exited'), 'the shell after gdlab');
	assert.equal(gdlab.alternateScreen(), false, 'the terminal is back on its main screen');
	assert.deepEqual(readdirSync(cwd), ['run.json'], 'the saved run and nothing else');
	const {epochs} = readRunFile(join(cwd, 'run.json'));
	assert.ok(epochs >= 10_000, 'a saved run is whole');
	assert.match(gdlab.screen(), new RegExp(`^saved run to run\\.json \\(epoch ${epochs}\\)$`, 'm'));
});

for (const [what, data] of [['the render thread', undefined], ['a worker', bigData]] as const) {
	test(`w and q typed together save the run before gdlab ends (${what})`, {skip, timeout: 60_000}, async t => {
		const cwd = workspace(t, 'gdlab-e2e-wq-');
		const gdlab = startGdlab(t, [...(data ? ['--data', data] : []), '--epochs', '1000000'], cwd);
		await gdlab.waitForScreen(text => /running .*epoch [1-9]\d*\/1000000/.test(text), 'training under way');
		gdlab.press('wq');
		assert.equal(await gdlab.exitStatus(), '0');
		const saved = readdirSync(cwd);
		assert.equal(saved.length, 1, `one saved run: ${saved.join(', ')}`);
		assert.match(saved[0]!, /^gdlab-run-single-\d{8}-\d{6}\.json$/);
		const {epochs} = readRunFile(join(cwd, saved[0]!));
		assert.match(gdlab.screen(), new RegExp(`^saved run to ${saved[0]!.replace('.', '\\.')} \\(epoch ${epochs}\\)$`, 'm'));
	});
}

test('on big data training runs in a worker: keys answer, w saves, Ctrl+C ends it all and the process exits', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-big-');
	const gdlab = startGdlab(t, ['--data', bigData, '--epochs', '1000000', '--save', 'big.json'], cwd);
	await gdlab.waitForScreen(text => /running .*epoch [1-9]\d*\/1000000/.test(text), 'training under way');
	gdlab.press('Right');
	await gdlab.waitForScreen(text => /η 1 {2}β/.test(text) && text.includes('η 0.5 → 1 from the next epoch'), 'η raised while the worker trains');
	gdlab.press('w');
	await gdlab.waitForScreen(text => /saved run to big\.json \(epoch \d+\)/.test(text), 'the save confirmed');
	const record = readRunFile(join(cwd, 'big.json'));
	assert.equal(record.dataset.name, bigData);
	assert.equal(record.changes[0]?.change.learnRate, 1);
	gdlab.press('C-c');
	await gdlab.exitStatus();
	await gdlab.waitForScreen(text => text.includes('gdlab-exited'), 'the shell after gdlab');
	assert.equal(gdlab.alternateScreen(), false);
	assert.deepEqual(readdirSync(cwd), ['big.json']);
});

test('while big data is made, a loading line shows at once; Ctrl+C or q then ends gdlab with status 0 (as in the dashboard) and the terminal given back', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-loading-');
	// three million rows take seconds to generate: time enough to look and to interrupt
	for (const [key, status] of [['C-c', '0'], ['q', '0']] as const) {
		const gdlab = startGdlab(t, ['--data', 'synthetic:3000000:16'], cwd);
		await gdlab.waitForScreen(text => /^gdlab · generating synthetic:3000000:16( \(48,000,000 values\))?… \d+% {2}\(q or Ctrl\+C stops\)$/m.test(text), 'the loading line');
		assert.ok(gdlab.alternateScreen(), 'the loading line is on the alternate screen');
		gdlab.press(key);
		assert.equal(await gdlab.exitStatus(), status, `${key} while loading`);
		assert.equal(gdlab.alternateScreen(), false, 'the terminal is back on its main screen');
		assert.ok(!gdlab.screen().includes('^C') && !gdlab.screen().includes('Error'), gdlab.screen());
		gdlab.tmux('kill-server');
	}
});

test('while the runs start (a big network\'s first pass takes seconds), a line says so and q (or Q) still quits', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-starting-');
	const gdlab = startGdlab(t, ['--data', 'synthetic:100000:16', '--model', 'backprop', '--hidden', '1024'], cwd);
	await gdlab.waitForScreen(text => text.includes('gdlab · starting the runs on 90000 training records…'), 'the starting line');
	gdlab.press('Right');
	// Q, as Caps Lock types it: the same as q here as on the dashboard
	gdlab.press('Q');
	assert.equal(await gdlab.exitStatus(), '0', 'Q while the runs start');
	assert.equal(gdlab.alternateScreen(), false, 'the terminal is back on its main screen');
	assert.ok(!gdlab.screen().includes('^[[C'), `no key echoed: ${gdlab.screen()}`);
});

for (const [what, shell] of [['stdin is not a terminal', {stdin: '/dev/null'}], ['TERM=dumb', {environment: ['TERM=dumb']}]] as const) {
	test(`with ${what}, gdlab on a terminal says why and prints the headless run, never a dashboard that cannot work`, {skip, timeout: 60_000}, async t => {
		const cwd = workspace(t, 'gdlab-e2e-headless-');
		const gdlab = startGdlab(t, [], cwd, shell);
		assert.equal(await gdlab.exitStatus(), '0');
		const screen = gdlab.screen();
		assert.match(screen, new RegExp(`^gdlab: ${what}: printing the headless run, not the dashboard$`, 'm'));
		assert.match(screen, /^Prediction accuracy: 0\.725$/m);
		assert.equal(gdlab.alternateScreen(), false);
	});
}

test('with stdin not a terminal, --model forward says it prints the forward pass (not "the headless run") and prints it', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-headless-forward-');
	const gdlab = startGdlab(t, ['--model', 'forward'], cwd, {stdin: '/dev/null'});
	assert.equal(await gdlab.exitStatus(), '0');
	assert.match(gdlab.screen(), /^gdlab: stdin is not a terminal: printing the forward pass, not the dashboard$/m);
	assert.match(gdlab.screen(), /Output-layer Output:/);
});

test('a data mistake on a terminal is one line on the main screen and exit status 1, not a hang', {skip, timeout: 30_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-bad-');
	writeFileSync(join(cwd, 'ragged.csv'), 'a,b,label\n1,2,0\n3\n');
	const gdlab = startGdlab(t, ['--data', 'ragged.csv'], cwd);
	assert.equal(await gdlab.exitStatus(), '1');
	assert.equal(gdlab.alternateScreen(), false);
	const shown = gdlab.lines().filter(line => line !== 'gdlab-exited');
	assert.equal(shown.length, 1, shown.join('\n'));
	assert.match(shown[0]!, /^gdlab: ragged\.csv:3:2: expected 3 fields/);
});

test('SIGTERM ends the dashboard as q would, then says so and exits 143', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-term-');
	const errors = join(cwd, 'errors.txt');
	const marker = `term-${process.pid}.json`;
	const gdlab = startGdlab(t, ['--save', marker], cwd, {stderr: errors});
	await gdlab.waitForScreen(text => text.includes('Single unit'), 'the dashboard');
	// gdlab's node process (the shell tmux runs it from has the same words in its command line)
	const pids = spawnSync('pgrep', ['-f', marker], {encoding: 'utf8'}).stdout.split('\n').filter(pid => pid !== '' && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node');
	assert.equal(pids.length, 1, `gdlab's process: ${pids.join(', ')}`);
	process.kill(Number(pids[0]), 'SIGTERM');
	assert.equal(await gdlab.exitStatus(), '143');
	assert.match(readFileSync(errors, 'utf8'), /gdlab: stopped by SIGTERM\n$/);
	assert.equal(gdlab.alternateScreen(), false, 'the terminal is back on its main screen');
});

test('a terminal that goes away (SIGHUP) mid-run: the run so far is written and gdlab ends without a native crash', {skip, timeout: 60_000}, async t => {
	const cwd = workspace(t, 'gdlab-e2e-hup-');
	const errors = join(cwd, 'errors.txt');
	const gdlab = startGdlab(t, ['train', '--epochs', '1000000', '--save', 'run.json'], cwd, {stderr: errors});
	await gdlab.waitForScreen(text => text.includes('Train loss:'), 'training under way');
	gdlab.tmux('kill-server');
	const start = Date.now();
	while (!readFileSync(errors, 'utf8').includes('stopped by SIGHUP')) {
		assert.ok(Date.now() - start < screenTimeoutMs, `no SIGHUP line: ${readFileSync(errors, 'utf8')}`);
		await sleep(20);
	}

	await sleep(500);
	const told = readFileSync(errors, 'utf8');
	assert.match(told, /^gdlab: stopped by SIGHUP after \d+ of 1000000 epochs; the run so far written to run\.json\n$/);
	assert.equal(runCli(['replay', join(cwd, 'run.json')]).status, 0);
});
