#!/usr/bin/env node
/**
 * `npm run bench`: runs `gdlab bench --json`, then the NumPy anchor right after on the same machine
 * (with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, NumPy's best), and prints the README's Markdown table:
 * machine, date, both figures per case, the ratio against each target, linearity and peak memory, and the
 * cross-core round trip before and after (scripts/core-round-trip.mjs).
 *
 *     node scripts/bench-compare.mjs [--quick] [--rounds N] [--numpy PATH/TO/numpy_epoch.py]
 *
 * --rounds goes to gdlab bench (its default 5; 1 times each case once, as the anchor does).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {cpus} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const usage = 'Usage: npm run bench -- [--quick] [--rounds N] [--numpy PATH/TO/numpy_epoch.py]';
let values;
try {
	({values} = parseArgs({options: {quick: {type: 'boolean'}, rounds: {type: 'string'}, numpy: {type: 'string'}, help: {type: 'boolean', short: 'h'}}, strict: true}));
} catch (error) {
	process.stderr.write(`bench-compare: ${error.message.split('\n')[0]}; see npm run bench -- --help\n`);
	process.exit(2);
}

if (values.help) {
	process.stdout.write(`${usage}\n\nRuns gdlab bench --json, then the NumPy anchor (by default ../shared/bench/numpy_epoch.py beside\nthis checkout), and prints the README's table of both and the targets.\n`);
	process.exit(0);
}

const anchor = values.numpy ?? join(root, '..', 'shared', 'bench', 'numpy_epoch.py');
if (!existsSync(anchor)) {
	process.stderr.write(`bench-compare: no NumPy anchor at ${anchor}: gdlab's figures alone (give its place with npm run bench -- --numpy PATH)\n`);
}
const quick = values.quick ? ['--quick'] : [];
/** gdlab must be at least this many times faster than NumPy per epoch. */
const targets = {'admissions/': 3, 'synthetic-1m/': 1};
/** A million rows may take at most this many times as long per epoch as 100k. */
const linearityLimit = 12;
/** Peak memory for 1M×16 may be at most this multiple of the raw float64 data. */
const memoryLimit = 1.5;
const bytesPerMegabyte = 1024 * 1024;

const run = (command, args, env = process.env) => execFileSync(command, args, {cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit']});
const rounds = values.rounds === undefined ? [] : ['--rounds', values.rounds];
const roundTrip = () => JSON.parse(run(process.execPath, [join(root, 'scripts', 'core-round-trip.mjs')]));
const roundTripBefore = roundTrip();
const gdlab = JSON.parse(run(process.execPath, [join(root, 'dist', 'bin', 'gdlab.js'), 'bench', '--json', ...quick, ...rounds]));
const numpyEnv = {...process.env};
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;
let numpy;
try {
	numpy = existsSync(anchor) ? JSON.parse(run('python3', [anchor, ...quick], numpyEnv)) : undefined;
} catch (error) {
	process.stderr.write(`bench-compare: the NumPy anchor failed (${error.message.split('\n')[0]}); showing gdlab alone\n`);
}

const roundTripAfter = roundTrip();

const cpuModel = (() => {
	try {
		return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
	} catch {
		return cpus()[0]?.model ?? 'unknown';
	}
})();

const format = microseconds => (microseconds >= 100 ? microseconds.toFixed(0) : microseconds.toFixed(2));
const megabytes = bytes => `${(bytes / bytesPerMegabyte).toFixed(0)} MB`;
const anchorCase = name => numpy?.cases.find(entry => entry.name === name);
const lines = [
	`Machine: ${cpuModel}, ${cpus().length} cores; node ${process.version}; NumPy ${numpy?.numpy ?? '(not run)'}; gdlab bench in ${gdlab.rounds} ${gdlab.rounds === 1 ? 'round' : 'rounds'}; ${new Date().toISOString().slice(0, 10)}`,
	'',
	'| case | gdlab µs/epoch | NumPy µs/epoch | NumPy ÷ gdlab | target | result |',
	'| --- | ---: | ---: | ---: | ---: | --- |',
];
for (const entry of gdlab.cases) {
	const reference = anchorCase(entry.name);
	const ratio = reference ? reference.usPerEpoch / entry.usPerEpoch : undefined;
	const target = Object.entries(targets).find(([prefix]) => entry.name.startsWith(prefix))?.[1];
	const result = target === undefined || ratio === undefined ? '' : ratio >= target ? 'pass' : 'FAIL';
	lines.push(`| ${entry.name} | ${format(entry.usPerEpoch)} | ${reference ? format(reference.usPerEpoch) : '–'} | ${ratio === undefined ? '–' : `${ratio.toFixed(2)}×`} | ${target === undefined ? '–' : `≥ ${target}×`} | ${result} |`);
}

const byName = name => gdlab.cases.find(entry => entry.name === name);
const extra = [];
for (const model of ['single', 'backprop-h2']) {
	const small = byName(`synthetic-100k/${model}`);
	const large = byName(`synthetic-1m/${model}`);
	if (small && large) {
		const growth = large.usPerEpoch / small.usPerEpoch;
		extra.push(`| linearity ${model}: 1M ÷ 100k time per epoch | ${growth.toFixed(2)}× | ≤ ${linearityLimit}× | ${growth <= linearityLimit ? 'pass' : 'FAIL'} |`);
	}
}

const million = gdlab.cases.filter(entry => entry.name.startsWith('synthetic-1m/'));
if (million.length > 0) {
	const data = million[0].dataBytes;
	const peak = Math.max(...million.map(entry => entry.peakRssBytes));
	const growth = peak - million[0].rssBeforeDataBytes;
	extra.push(`| memory 1M×16: peak RSS growth from just before the data was made, ${megabytes(growth)} ÷ raw data ${megabytes(data)} | ${(growth / data).toFixed(2)}× | ≤ ${memoryLimit}× | ${growth / data <= memoryLimit ? 'pass' : 'FAIL'} |`);
	extra.push(`| memory 1M×16: whole-process peak RSS ${megabytes(peak)} (node and the worker thread included) ÷ raw data | ${(peak / data).toFixed(2)}× | – | |`);
}

if (extra.length > 0) {
	lines.push('', '| check | value | target | result |', '| --- | ---: | ---: | --- |', ...extra);
}

lines.push('', `Peak RSS of the whole gdlab bench ${megabytes(gdlab.peakRssBytes)} (node's own baseline included).`);
if (roundTripBefore !== null) {
	lines.push(`Cross-core round trip (scripts/core-round-trip.mjs): ${roundTripBefore} ns before gdlab bench, ${roundTripAfter} ns after NumPy. A cut epoch (backprop-h16) passes data between the cores twice an epoch, so it slows when this rises (seen here: about 200 ns, and near 1000 ns for minutes at a time).`);
}

process.stdout.write(`${lines.join('\n')}\n`);
