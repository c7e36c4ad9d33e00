/**
 * `gdlab bench`: microseconds per full-batch epoch on the cases, names and learning rates of the NumPy
 * anchor (../shared/bench/numpy_epoch.py), timed as it times them (runs of 7 of about 2·10⁷ multiply-adds
 * each, after a warm-up) in several rounds over all the cases, the median of every timed run reported,
 * with peak memory. Rounds spread each case over the whole bench, so a spell in which the host slows this
 * machine (its speed swings by half within seconds) falls on every case alike instead of on one.
 */
import type {Dataset, Examples} from '../data/dataset.js';
import {loadDataset} from '../data/load-dataset.js';
import type {PrepareOptions} from '../data/prepare-dataset.js';
import {splitDataset} from '../data/split-dataset.js';
import {syntheticDataset} from '../data/synthetic-dataset.js';
import {fullBatchEpoch} from '../engine/full-batch-epoch.js';
import {HiddenLayerNetwork} from '../engine/hidden-layer-network.js';
import {fastEpochEnabled, kernelsFuse, maxKernelFeatures, minKernelRows, setFastEpoch, setKernelSigmoid, takesFastPath} from '../engine/kernels/fast-epoch.js';
import type {KernelSigmoid} from '../engine/kernels/kernel-sigmoid.js';
import {setParallelEpoch, startParallelEpoch, workerOutcomes} from '../engine/kernels/parallel-epoch.js';
import type {Model} from '../engine/model.js';
import {createRandom} from '../engine/random.js';
import {SingleUnit} from '../engine/single-unit.js';
import {dataColumns, dataValue, parseOptions, wholeNumber} from './parse-options.js';
import {letEventsIn} from './in-slices.js';
import {noteOnInterrupt} from './interrupted.js';
import {reportDataNotes} from './report-data-notes.js';
import {UsageError} from './usage-error.js';
import {writeStdout} from './write-stdout.js';

/** Usage of `gdlab bench`. */
export const benchUsage = `Usage: gdlab bench [options]

Microseconds per full-batch epoch on the cases of the NumPy anchor: admissions
(the 360 training rows of the seed-42 split), 100k and 1M synthetic rows of 16
features. Each case is timed as the anchor times it, 7 runs after a warm-up,
once in each of several rounds over all the cases; the median of all its timed
runs is reported. Also peak memory. The kernels take up to 64 features and
16 records or more; other data runs the plain loops (the table says so).

Options:
  --quick          leave out the million-row cases
  --data SOURCE    time SOURCE instead (a CSV file or synthetic:ROWS:FEATURES,
                   every row)
  --target COLUMN  the target column of a --data CSV file (as in train)
  --categorical A,B
                   its columns to one-hot encode (as in train)
  --ignore A,B     its columns to leave out (as in train)
  --reference      run the plain reference loops instead of the fast kernels
  --exact-sigmoid  run the kernels with the bit-exact sigmoid (the default is
                   the fast one, within ulps, with fused multiply-adds where
                   the processor has them, as gdlab trains)
  --single-thread  run every epoch on one thread (by default the kernels' epochs
                   over big data, 32768 records or more, and heavy ones over
                   small data, records × weights from 16384, are cut into
                   chunks that a second thread shares when a core is free; the
                   same bits either way)
  --work N         multiply-adds per timed run (default 20000000, the anchor's,
                   at most 1000000000); smaller is quicker, noisier
  --rounds N       rounds over all the cases (default 5, at most 1000); 1 times
                   each case once, as the anchor does
  --json           print one JSON document instead of a table
  -h, --help       show this help`;

/** The anchor's learning rates: single_epoch lr 0.5, backprop_epoch lr 0.005. */
const learnRates = {single: 0.5, backprop: 0.005} as const;
/** The split and weight seeds of the anchor (its default_rng(1) draws are NumPy's, ours the legacy generator's). */
const splitSeed = 42;
const weightSeed = 1;
/** Multiply-adds per timed run, as the anchor sizes its runs. */
const defaultWorkPerRun = 2e7;
/** A run 50 times the anchor's at most: the whole bench then takes some twenty minutes. */
const maxWorkPerRun = 1e9;
/** Timed runs per case and round; the median of all a case's runs is reported. */
const samples = 7;
/** Rounds over all the cases by default. */
const defaultRounds = 5;
const maxRounds = 1000;
/** Warm up for at least this long (and two runs) before a case's first round, so every kernel has been optimised before timing. */
const warmUpMilliseconds = 250;
/** Before each later round, this share of it (and two runs): the case's data back in the caches, the second thread awake. */
const laterWarmUpShare = 0.2;
/** Warm-up with a --work below the default shrinks in proportion (tests want seconds, not minutes). */
const minWarmUpMilliseconds = 10;
const microsecondsPerMillisecond = 1000;
const bytesPerKilobyte = 1024;
const bytesPerMegabyte = 1024 * 1024;
const syntheticFeatures = 16;

/** One timed case, as the anchor prints it, plus memory. */
export type BenchCase = {
	/** e.g. `admissions/backprop-h16`. */
	name: string;
	/** single or backprop. */
	model: 'single' | 'backprop';
	/** Hidden units (null for the single unit, as the anchor's None). */
	hidden: number | null;
	/** Records per epoch. */
	rows: number;
	/** Features per record. */
	features: number;
	/** Median microseconds per epoch, over all the timed runs. */
	usPerEpoch: number;
	/** Whether the case ran on the fast kernels (false with --reference, and for data they do not take: plain loops). */
	fastPath: boolean;
	/** Timed runs, over all the rounds. */
	timedRuns: number;
	/**
	 * Of the timed epochs cut into chunks, the share in which the second thread delivered its chunks in time
	 * (a busy host lowers it, and the time per epoch rises); null when epochs are not cut or on one thread.
	 */
	workerShare: number | null;
	/** Bytes of the case's raw float64 data (features and targets). */
	dataBytes: number;
	/** The process's peak resident memory so far, at the end of this case's first round. */
	peakRssBytes: number;
	/** Resident memory just before the case's data was made: peakRssBytes minus this is what the data and its epochs cost. */
	rssBeforeDataBytes: number;
};

/** The whole report: `{"cases": [...]}` as the anchor prints, plus the process's peaks. */
export type BenchReport = {
	cases: BenchCase[];
	/** Peak resident memory of the process. */
	peakRssBytes: number;
	/**
	 * Peak of memory Node counts as ArrayBuffers, sampled after each run: the kernels' copies and buffers,
	 * not the data itself, which lives in WebAssembly or shared memory (peakRssBytes counts it).
	 */
	peakArrayBuffersBytes: number;
	/** Whether the fast kernels were on (false with --reference); each case says whether its data took them. */
	fastPath: boolean;
	/**
	 * The kernels' arithmetic: `fused` (the fast sigmoid, products fused into sums, as gdlab trains) where the
	 * weights allow it, or `exact` (--exact-sigmoid); null with --reference (the plain loops' own sigmoid).
	 */
	sigmoid: KernelSigmoid | null;
	/** Whether the kernels fused products into sums (this processor can, and the sigmoid is `fused`). */
	fusedMultiplyAdd: boolean;
	/** Threads that share an epoch's chunks (1 with --single-thread or on one core). */
	threads: number;
	/** Rounds over all the cases; each case was timed `samples` runs a round. */
	rounds: number;
	/** node's version. */
	node: string;
};

type CaseData = {label: string; examples: Examples; hidden: number[]; rssBeforeData: number};

/** Run `gdlab bench` with the arguments after `bench`; returns the exit code. */
export async function runBench(argv: string[], write: (text: string) => void = writeStdout): Promise<number> {
	const {values} = parseOptions(argv, {
		quick: {type: 'boolean'},
		data: {type: 'string'},
		target: {type: 'string'},
		categorical: {type: 'string'},
		ignore: {type: 'string'},
		reference: {type: 'boolean'},
		'exact-sigmoid': {type: 'boolean'},
		'single-thread': {type: 'boolean'},
		work: {type: 'string'},
		rounds: {type: 'string'},
		json: {type: 'boolean'},
		help: {type: 'boolean', short: 'h'},
	}, benchUsage);
	if (values.help) {
		write(`${benchUsage}\n`);
		return 0;
	}

	for (const flag of ['target', 'categorical', 'ignore'] as const) {
		if (values[flag] !== undefined && values.data === undefined) {
			throw new UsageError(`--${flag} is for a --data FILE; the anchor's cases have their own`, benchUsage);
		}
	}

	if (values.quick && values.data !== undefined) {
		throw new UsageError('--quick leaves out the anchor\'s million-row cases; with --data there is one case, yours', benchUsage);
	}

	if (values.reference && values['exact-sigmoid']) {
		throw new UsageError('--exact-sigmoid is for the kernels; --reference runs the plain loops, whose sigmoid is 1/(1+Math.exp(-h)) already', benchUsage);
	}

	const work = values.work === undefined ? defaultWorkPerRun : wholeNumber('--work', values.work, 1, benchUsage, maxWorkPerRun);
	const rounds = values.rounds === undefined ? defaultRounds : wholeNumber('--rounds', values.rounds, 1, benchUsage, maxRounds);
	const previousFast = setFastEpoch(!values.reference);
	const sigmoid: KernelSigmoid = values['exact-sigmoid'] ? 'exact' : 'fused';
	const previousSigmoid = setKernelSigmoid(sigmoid);
	const previousParallel = setParallelEpoch(!values['single-thread']);
	try {
		const threads = fastEpochEnabled() && await startParallelEpoch() ? 2 : 1;
		const {data, ...dataOptions} = dataColumns(values.data === undefined ? undefined : dataValue(values.data, benchUsage), values, benchUsage);
		const report = await runCases(caseData(data, dataOptions, values.quick ?? false), {threads, sigmoid}, {work, rounds});
		write(values.json ? `${JSON.stringify(report, null, 1)}\n` : formatReport(report));
	} finally {
		setFastEpoch(previousFast);
		setKernelSigmoid(previousSigmoid);
		setParallelEpoch(previousParallel);
	}

	return 0;
}

/** The data of the cases in the anchor's order, each made when the first round comes to it (all of it then stays alive for the later rounds). */
function * caseData(source: string | undefined, dataOptions: PrepareOptions, quick: boolean): Generator<CaseData> {
	const made = (label: string, hidden: number[], make: () => Examples): CaseData => {
		const rssBeforeData = process.memoryUsage().rss;
		return {label, examples: make(), hidden, rssBeforeData};
	};

	if (source !== undefined) {
		const data = made('', [0, 2], () => loadDataset(source, dataOptions));
		reportDataNotes(data.examples as Dataset);

		yield {...data, label: (data.examples as Dataset).name};
		return;
	}

	yield made('admissions', [0, 2, 16], () => splitDataset(loadDataset(undefined), createRandom('numpy', splitSeed)).train);
	yield made('synthetic-100k', [0, 2], () => syntheticDataset(100_000, syntheticFeatures));
	if (!quick) {
		yield made('synthetic-1m', [0, 2], () => syntheticDataset(1_000_000, syntheticFeatures));
	}
}

type TimedCase = {
	name: string;
	model: Model;
	examples: Examples;
	rssBeforeData: number;
	/** Microseconds per epoch of every timed run so far. */
	timings: number[];
	/** Epochs cut into chunks while timed, and those in which the second thread delivered in time. */
	cut: number;
	shared: number;
	peakRss: number;
};

/** Time every case, round after round; an interrupt says which case and round it stopped in. */
async function runCases(data: Iterable<CaseData>, {threads, sigmoid}: {threads: number; sigmoid: KernelSigmoid}, {work, rounds}: {work: number; rounds: number}): Promise<BenchReport> {
	const memory = {arrayBuffers: 0};
	const sampleMemory = (): void => {
		memory.arrayBuffers = Math.max(memory.arrayBuffers, process.memoryUsage().arrayBuffers);
	};

	// the first round makes each case's data just before timing it, and takes its memory right after
	const timed: TimedCase[] = [];
	const where = {name: '', round: 1};
	const stopNote = noteOnInterrupt(() => (where.name === '' ? undefined : `while timing ${where.name} (round ${where.round} of ${rounds})`));
	try {
		for (const {label, examples, hidden, rssBeforeData} of data) {
			for (const hiddenCount of hidden) {
				const model: Model = hiddenCount === 0
					? SingleUnit.initial(examples.featureCount, createRandom('numpy', weightSeed))
					: HiddenLayerNetwork.initial(examples.featureCount, hiddenCount, createRandom('numpy', weightSeed));
				const name = `${label}/${hiddenCount === 0 ? 'single' : `backprop-h${hiddenCount}`}`;
				const entry: TimedCase = {name, model, examples, rssBeforeData, timings: [], cut: 0, shared: 0, peakRss: 0};
				where.name = name;
				await timeRound(entry, work, 1, sampleMemory);
				entry.peakRss = peakRss();
				timed.push(entry);
			}
		}

		for (let round = 1; round < rounds; round++) {
			where.round = round + 1;
			for (const entry of timed) {
				where.name = entry.name;
				await timeRound(entry, work, laterWarmUpShare, sampleMemory);
			}
		}

		const cases = timed.map(({name, model, examples, rssBeforeData, timings, cut, shared, peakRss: peak}): BenchCase => ({
			name,
			model: model.kind,
			hidden: model.kind === 'single' ? null : model.hiddenCount,
			rows: examples.rows,
			features: examples.featureCount,
			usPerEpoch: median(timings),
			fastPath: takesFastPath(examples.featureCount, model.hiddenCount, examples.rows),
			timedRuns: timings.length,
			workerShare: threads > 1 && cut > 0 ? shared / cut : null,
			dataBytes: (examples.features.byteLength + examples.targets.byteLength),
			peakRssBytes: peak,
			rssBeforeDataBytes: rssBeforeData,
		}));
		const fastPath = fastEpochEnabled();
		return {cases, peakRssBytes: peakRss(), peakArrayBuffersBytes: memory.arrayBuffers, fastPath, sigmoid: fastPath ? sigmoid : null, fusedMultiplyAdd: fastPath && kernelsFuse(), threads, rounds, node: process.version};
	} finally {
		stopNote();
	}
}

/**
 * One round of a case: warm up for `warmUpShare` of the warm-up (and two runs), then time `samples` runs of
 * its model's epochs, adding their microseconds per epoch and the second thread's outcomes to `entry`.
 * Between runs, never while one is timed, the event loop turns: Ctrl+C gets its turn.
 */
async function timeRound(entry: TimedCase, work: number, warmUpShare: number, sampleMemory: () => void): Promise<void> {
	const {model, examples} = entry;
	const learnRate = learnRates[model.kind];
	const steps = new Float64Array(model.weights.length);
	const lastStep = new Float64Array(model.weights.length);
	const perRun = Math.max(1, Math.floor(work / (examples.rows * examples.featureCount * Math.max(1, model.hiddenCount))));
	const warmUp = warmUpShare * Math.max(minWarmUpMilliseconds, warmUpMilliseconds * Math.min(1, work / defaultWorkPerRun));
	const run = (): number => {
		const start = performance.now();
		for (let epoch = 0; epoch < perRun; epoch++) {
			fullBatchEpoch(model, examples, learnRate, steps, lastStep);
		}

		const elapsed = performance.now() - start;
		sampleMemory();
		return elapsed;
	};

	const warmUpStart = performance.now();
	for (let runs = 0; runs < 2 || performance.now() - warmUpStart < warmUp; runs++) {
		run();
		await letEventsIn();
	}

	let before = workerOutcomes();
	let cut = 0;
	let shared = 0;
	for (let sample = 0; sample < samples; sample++) {
		entry.timings.push((run() / perRun) * microsecondsPerMillisecond);
		const after = workerOutcomes();
		cut += countOutcomes(after) - countOutcomes(before);
		shared += after.shared - before.shared;
		await letEventsIn();
		before = workerOutcomes();
	}

	entry.cut += cut;
	entry.shared += shared;
}

/** Cut epochs counted in `outcomes`, whatever came of each. */
function countOutcomes(outcomes: ReturnType<typeof workerOutcomes>): number {
	return Object.values(outcomes).reduce((sum, count) => sum + count, 0);
}

/** The median of `values`, as Python's statistics.median takes it (the mean of the middle two of an even count). */
function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function peakRss(): number {
	return process.resourceUsage().maxRSS * bytesPerKilobyte;
}

/** Megabytes in a table's few columns: whole ones from 10 MB. */
const megabytes = (bytes: number): string => `${(bytes / bytesPerMegabyte).toFixed(bytes >= 10 * bytesPerMegabyte ? 0 : 1)} MB`;

/** The report as a table, in 80 columns. */
export function formatReport(report: BenchReport): string {
	const header = ['case', 'rows', 'feats', 'µs/epoch', 'thread 2', 'data', 'peak RSS'];
	const rows = report.cases.map(entry => [
		`${entry.name}${report.fastPath && !entry.fastPath ? ' *' : ''}`,
		String(entry.rows),
		String(entry.features),
		entry.usPerEpoch >= 100 ? entry.usPerEpoch.toFixed(0) : entry.usPerEpoch.toFixed(2),
		entry.workerShare === null ? '–' : `${(100 * entry.workerShare).toFixed(0)}%`,
		megabytes(entry.dataBytes),
		megabytes(entry.peakRssBytes),
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	// the numbers a space apart, right-aligned under their headings: room for a longer case name in 80 columns
	const line = (cells: string[]): string => `${cells[0]!.padEnd(widths[0]!)}  ${cells.slice(1).map((cell, column) => cell.padStart(widths[column + 1]!)).join(' ')}`;
	const how = report.fastPath
		? [`after a warm-up; node ${report.node}, up to ${report.threads} ${report.threads === 1 ? 'thread' : 'threads'},`, `fast kernels, ${report.sigmoid === 'exact' ? 'exact sigmoid' : `fast sigmoid${report.fusedMultiplyAdd ? ', fused multiply-adds' : ''}`}`]
		: [`after a warm-up; node ${report.node}, the reference loops`];
	return [
		`gdlab bench: µs per full-batch epoch, median of ${samples} timed runs in each of ${report.rounds} ${report.rounds === 1 ? 'round' : 'rounds'}`,
		...how,
		'',
		line(header),
		...rows.map(line),
		'',
		`peak RSS ${megabytes(report.peakRssBytes)}`,
		...(report.cases.some(entry => entry.workerShare !== null) ? ['thread 2: of the epochs cut into chunks (big or heavy ones), the share in which', 'the second thread delivered its chunks in time'] : []),
		...(report.fastPath && report.cases.some(entry => !entry.fastPath) ? [`*: the plain loops (the kernels take up to ${maxKernelFeatures} features, ${minKernelRows} records or more)`] : []),
		'',
	].join('\n');
}
