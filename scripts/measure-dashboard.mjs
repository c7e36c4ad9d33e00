#!/usr/bin/env node
/**
 * Measure the dashboard as an SSH user feels it: time to the first frame (the loading line, or the
 * dashboard when it comes first) and to the training screen, bytes written per second
 * while training at full speed, and key-press-to-screen latency (→ / ← changing η), in a real
 * pseudo-terminal (tmux), reading the exact bytes gdlab writes (tmux pipe-pane). Keys go in through one
 * tmux control-mode client (`tmux -C`, a line per send-keys), so no tmux process is started per press: the
 * clock starts as the line is written, and a key's time is gdlab's, not a process start's.
 *
 *   node scripts/measure-dashboard.mjs [--data synthetic:1000000:16] [--size 120x40] [--seconds 10] [--presses 20] [--json] [-- gdlab options]
 *

 * --entry picks the built entry (default the bundle dist/bin/gdlab.js; dist/src/cli.js is the unbundled tree).
 * Needs tmux and a built dist/ (npm run build). Prints a Markdown table, or JSON with --json.
 */
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const usage = 'Usage: npm run measure -- [--data SOURCE] [--size COLSxROWS] [--seconds N] [--presses N] [--json] [--entry FILE] [-- gdlab options]';
let values;
let positionals;
try {
	({values, positionals} = parseArgs({allowPositionals: true, options: {
		data: {type: 'string'},
		size: {type: 'string', default: '120x40'},
		seconds: {type: 'string', default: '10'},
		presses: {type: 'string', default: '20'},
		json: {type: 'boolean'},
		entry: {type: 'string', default: 'dist/bin/gdlab.js'},
		help: {type: 'boolean', short: 'h'},
	}}));
} catch (error) {
	process.stderr.write(`measure-dashboard: ${error.message.split('. ')[0]}; see npm run measure -- --help\n`);
	process.exit(2);
}

if (values.help) {
	process.stdout.write(`${usage}\n\nRuns gdlab in tmux and prints the first frame's time, bytes per second while training and key latency.\n`);
	process.exit(0);
}

/** A whole number of at least `least` given to `flag`, or a one-line usage error. */
function count(flag, text, least) {
	const value = Number(text);
	if (!/^\d+$/.test(text.trim()) || value < least) {
		process.stderr.write(`measure-dashboard: --${flag} must be a whole number from ${least}, got "${text}"; see npm run measure -- --help\n`);
		process.exit(2);
	}

	return value;
}

const terminal = /^(\d+)x(\d+)$/.exec(values.size);
if (!terminal || Number(terminal[1]) < 20 || Number(terminal[2]) < 10) {
	process.stderr.write(`measure-dashboard: --size must be COLUMNSxROWS, at least 20x10, got "${values.size}"; see npm run measure -- --help\n`);
	process.exit(2);
}

const [columns, rows] = [Number(terminal[1]), Number(terminal[2])];
const seconds = count('seconds', values.seconds, 1);
const presses = count('presses', values.presses, 1);
const sessionName = `gdlab-measure-${process.pid}`;
const directory = mkdtempSync(join(tmpdir(), 'gdlab-measure-'));
const raw = join(directory, 'screen.raw');

const tmux = (...args) => execFileSync('tmux', args, {encoding: 'utf8'});
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const size = () => (existsSync(raw) ? statSync(raw).size : 0);
const text = (from = 0) => (existsSync(raw) ? readFileSync(raw).subarray(from).toString('utf8') : '');

/** Poll the byte stream from `offset` until `pattern` shows, returning the milliseconds it took. */
async function waitFor(pattern, offset, started, limit = 30_000) {
	while (performance.now() - started < limit) {
		if (pattern.test(text(offset))) {
			return performance.now() - started;
		}

		await sleep(2);
	}

	throw new Error(`timed out waiting for ${pattern}`);
}

/** A tmux control-mode client on the session: `send(...keys)` types them into its pane. */
function controlClient(session) {
	const client = spawn('tmux', ['-C', 'attach-session', '-t', session], {stdio: ['pipe', 'ignore', 'ignore']});
	return {
		send: (...keys) => client.stdin.write(`send-keys -t ${session} ${keys.join(' ')}\n`),
		close: () => client.stdin.end(),
	};
}

const command = ['node', join(root, values.entry), ...(values.data ? ['--data', values.data] : []), ...positionals].map(part => `'${part}'`).join(' ');
try {
	// the shell waits for Enter so the byte capture is in place before gdlab writes anything
	tmux('new-session', '-d', '-s', sessionName, '-x', String(columns), '-y', String(rows), `bash -c "read -r _; exec ${command.replaceAll('"', '\\"')}"`);
	tmux('pipe-pane', '-o', '-t', sessionName, `cat >> '${raw}'`);
	const keys = controlClient(sessionName);
	await sleep(200);
	const launched = performance.now();
	keys.send('Enter');
	// the first frame: the loading line, or the dashboard itself; then the training screen
	const firstFrameMs = await waitFor(/gdlab/, 0, launched);
	const dashboardMs = await waitFor(/epoch \d+\/\d+/, 0, launched);
	await waitFor(/running/, 0, launched);
	await sleep(2000);

	const bytesBefore = size();
	const windowStarted = performance.now();
	await sleep(seconds * 1000);
	const bytesPerSecond = (size() - bytesBefore) / ((performance.now() - windowStarted) / 1000);

	const latencies = [];
	for (let press = 0; press < presses; press++) {
		const [key, pattern] = press % 2 === 0 ? ['Right', /η 1 {2}β/] : ['Left', /η 0\.5 {2}β/];
		const offset = size();
		const sent = performance.now();
		keys.send(key);
		latencies.push(await waitFor(pattern, offset, sent, 5000));
		await sleep(150);
	}

	keys.send('q');
	keys.close();
	latencies.sort((a, b) => a - b);
	const percentile = p => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
	const result = {
		data: values.data ?? 'admissions (bundled)',
		terminal: values.size,
		firstFrameMs: Math.round(firstFrameMs),
		dashboardMs: Math.round(dashboardMs),
		bytesPerSecond: Math.round(bytesPerSecond),
		keyLatencyMs: {median: Math.round(percentile(0.5)), p95: Math.round(percentile(0.95)), max: Math.round(latencies.at(-1))},
		presses: latencies.length,
	};
	if (values.json) {
		console.log(JSON.stringify(result, null, 1));
	} else {
		console.log(`| data | terminal | first frame (target ≤ 500 ms) | training screen | bytes/s (target ≤ 20 KB/s) | key latency median / p95 / max (target p95 ≤ 100 ms) |`);
		console.log(`|---|---|---:|---:|---:|---:|`);
		console.log(`| ${result.data} | ${result.terminal} | ${result.firstFrameMs} ms | ${result.dashboardMs} ms | ${(result.bytesPerSecond / 1024).toFixed(1)} KB/s | ${result.keyLatencyMs.median} / ${result.keyLatencyMs.p95} / ${result.keyLatencyMs.max} ms |`);
	}
} finally {
	try {
		tmux('kill-session', '-t', sessionName);
	} catch {}

	rmSync(directory, {recursive: true, force: true});
}
