/**
 * The dashboard in a real pseudo-terminal: tmux runs the built gdlab at 80×24, the test types keys and
 * reads the screen back, then quits with q and checks the exit status. Needs `npm test` (or tsc) first.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

/** The repository root (tests run from dist/test/e2e). */
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** How long the screen may take to show what the test waits for. */
const screenTimeoutMs = 10_000;
/** The terminal the test opens. */
const size = {columns: 80, rows: 24};

const tmuxMissing = spawnSync('tmux', ['-V']).status !== 0;
const notBuilt = !existsSync(join(root, 'dist/src/cli.js'));

/** A shell word, single-quoted. */
function quote(word: string): string {
	return `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

async function sleep(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

test('gdlab in a real terminal opens the dashboard, trains, answers keys and quits with q, exit status 0', {
	skip: tmuxMissing ? 'tmux is not installed: apt-get install tmux to run the end-to-end test' : (notBuilt ? 'dist/src/cli.js is missing: run npm test' : false),
	timeout: 60_000,
}, async t => {
	const directory = mkdtempSync(join(tmpdir(), 'gdlab-e2e-'));
	const socket = `gdlab-e2e-${process.pid}`;
	const config = join(directory, 'tmux.conf');
	const exitFile = join(directory, 'exit-status');
	// no status bar: the pane is the whole 80×24 window
	writeFileSync(config, 'set -g status off\n');
	const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', config, ...args], {encoding: 'utf8'});
	const screen = () => tmux('capture-pane', '-p', '-t', 'e2e').stdout;
	const lines = () => screen().split('\n').filter(line => line.trim() !== '');
	const waitForScreen = async (check: (text: string) => boolean, what: string): Promise<number> => {
		const start = Date.now();
		while (!check(screen())) {
			if (Date.now() - start > screenTimeoutMs) {
				assert.fail(`the terminal never showed ${what}; it shows:\n${screen()}`);
			}

			await sleep(10);
		}

		return Date.now() - start;
	};

	const press = (...keys: string[]) => tmux('send-keys', '-t', 'e2e', ...keys);
	// Ink draws nothing but the last frame when it thinks it runs in CI
	const command = `cd ${quote(root)} && env -u CI -u CONTINUOUS_INTEGRATION node dist/src/cli.js --epochs 100000; echo $? > ${quote(exitFile)}`;
	try {
		const started = tmux('new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), '-s', 'e2e', command);
		assert.equal(started.status, 0, started.stderr);
		const openedIn = await waitForScreen(text => text.includes('Single unit'), 'the dashboard');
		t.diagnostic(`first frame after ${openedIn} ms`);
		await waitForScreen(text => /running .*epoch [1-9]\d*\/100000/.test(text), 'training under way');

		const shown = lines();
		assert.ok(shown[0]!.startsWith('gdlab '), `the tabs line on top:\n${shown.join('\n')}`);
		assert.equal(shown.filter(line => line.startsWith('gdlab ')).length, 1, 'no stale frames left behind');
		assert.match(shown.at(-1)!, /\? help {2}q quit$/, 'the key line at the bottom');
		assert.ok(shown.length <= size.rows - 1);
		assert.ok(shown.every(line => [...line].length <= size.columns));

		press('Right');
		const keyShownIn = await waitForScreen(text => text.includes('η 0.5 → 1 from epoch'), 'η raised by →');
		t.diagnostic(`→ reached the screen in ${keyShownIn} ms while training`);
		await waitForScreen(text => text.includes('│ rank_4 '), 'the weights table');

		press('Tab');
		await waitForScreen(text => text.includes('W_ih·X   ValueError: shapes (4,3) and (4,) not aligned'), 'the forward screen');
		press('?');
		await waitForScreen(text => text.includes('close help') && text.includes('momentum β'), 'the help');
		press('Escape');
		await waitForScreen(text => text.includes('Forward pass 4 → 3 → 2'), 'the forward screen again');
		press('3');
		await waitForScreen(text => text.includes('Backprop 6×2×1'), 'the backprop screen');

		tmux('resize-window', '-t', 'e2e', '-x', '50', '-y', '15');
		await waitForScreen(text => text.includes('terminal too small: 50×15, need 60×18'), 'the too-small line');
		tmux('resize-window', '-t', 'e2e', '-x', '120', '-y', '40');
		await waitForScreen(text => text.includes('Backprop 6×2×1') && text.split('\n').some(line => line.length > 80), 'the dashboard at 120×40');
		assert.equal(lines().filter(line => line.startsWith('gdlab ')).length, 1, 'resizing leaves no stale frames');

		press('q');
		const start = Date.now();
		while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
			assert.ok(Date.now() - start < screenTimeoutMs, 'gdlab did not exit after q');
			await sleep(20);
		}

		assert.equal(readFileSync(exitFile, 'utf8').trim(), '0');
	} finally {
		tmux('kill-server');
		rmSync(directory, {recursive: true, force: true});
	}
});
