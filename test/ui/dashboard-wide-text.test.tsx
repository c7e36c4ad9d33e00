/** The dashboard with wide (CJK) feature names, data name and messages: every frame still fits the terminal, in columns. */
import '../helpers/outside-ci.js';
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import type {SplitDataset} from '../../src/data/dataset.js';
import {lessonConfig, TrainingSession} from '../../src/engine/training-session.js';
import {MessageLine, messageLines} from '../../src/ui/MessageLine.js';
import {saveOutcomeMessage, savingMessage} from '../../src/ui/save-log.js';
import {StatusLine} from '../../src/ui/StatusLine.js';
import {assertEveryFrameFits, lessonSplit, linesOf, renderDashboard, resize} from './dashboard-harness.js';

/** Time for a resize or a key to reach the screen. */
const settleMs = 30;
/** The tester's feature name: 18 characters, 36 columns. */
const wideFeature = '日本語の長い特徴量名前です本当に長い';
/** The tester's data file: 24 characters, 44 columns. */
const wideDataName = '数据文件非常长的名字数据文件非常长的名字.csv';

afterEach(() => {
	cleanup();
});

/** The lesson's split with its first feature and the file renamed in CJK. */
function wideSplit(): SplitDataset {
	const split = lessonSplit();
	const featureNames = split.dataset.featureNames.map((name, index) => (index === 0 ? wideFeature : name));
	return {...split, dataset: {...split.dataset, name: wideDataName, featureNames}};
}

const settle = async () => new Promise(resolve => {
	setTimeout(resolve, settleMs);
});

test('with CJK feature and data names no frame is taller or wider (in columns) than the terminal, on any screen', async () => {
	const dashboard = renderDashboard({split: wideSplit(), configs: {backprop: {hidden: 8}}});
	await dashboard.waitForFrame(/ done /);
	await assertEveryFrameFits(dashboard, [{columns: 60, rows: 18}, {columns: 80, rows: 24}]);
});

test('the weights table keeps its rules in line when a row is labelled in CJK', async () => {
	const dashboard = renderDashboard({split: wideSplit(), size: {columns: 80, rows: 24}});
	const frame = await dashboard.waitForFrame(/ done /);
	const tableLines = linesOf(frame).filter(line => line.startsWith('│'));
	assert.ok(tableLines.some(line => line.includes('日本語の長…長い')), `the CJK label is shortened:\n${frame}`);
	const rulesAt = (line: string) => [...line].reduce<number[]>((columns, character, index, characters) => (character === '│' ? [...columns, stringWidth(characters.slice(0, index).join(''))] : columns), []);
	for (const line of tableLines) {
		assert.deepEqual(rulesAt(line), rulesAt(tableLines[0]!), `rules in line:\n${tableLines.join('\n')}`);
	}
});

test('a message naming a long CJK file stays on one line, no wider than the terminal, wherever the cut falls', async () => {
	// Ink's own cut keeps a wide character straddling the edge on every other width: try both parities
	for (const columns of [60, 61, 62, 63]) {
		const text = `saved run to ${wideDataName}${wideDataName} (epoch 1000)`;
		const instance = render(<MessageLine messages={[{tone: 'info', text}, {tone: 'warning', text: 'w saves again'}]} width={columns}/>);
		resize(instance.stdout, {columns, rows: 18});
		await settle();
		const lines = linesOf(instance.lastFrame() ?? '');
		assert.equal(lines.length, 1, lines.join('\n'));
		assert.ok(stringWidth(lines[0]!) <= columns, `${columns} columns: a line of ${stringWidth(lines[0]!)}: ${lines[0]}`);
		assert.match(lines[0]!, /^saved run to 数据文件.*…$/);
		instance.unmount();
	}
});

test('a loss line that just fits the width is shown whole: no trailing spaces push it over into …', () => {
	const snapshot = new TrainingSession(lessonSplit(), lessonConfig('single')).snapshot();
	const pinnedLabel = 'η 0.0001 seed 4';
	const whole = (text: string) => text.split('\n')[1]!.trimEnd();
	const wide = render(<StatusLine title="Single unit" snapshot={snapshot} state="done" epochsPerSecond={0} pinned={{label: pinnedLabel}} learnRateChanged={false} width={200}/>);
	const line = whole(wide.lastFrame()!);
	cleanup();
	assert.ok(line.endsWith(`pinned ${pinnedLabel}`), line);
	const width = stringWidth(line);
	const exact = render(<Box width={width}><StatusLine title="Single unit" snapshot={snapshot} state="done" epochsPerSecond={0} pinned={{label: pinnedLabel}} learnRateChanged={false} width={width}/></Box>);
	assert.equal(whole(exact.lastFrame()!), line);
});

test('a message too long for the line gives way to its shorter wording, not a cut one', () => {
	const message = {tone: 'info' as const, text: 'done after 1000000 epochs: r restarts (1000000 epochs is the most)', short: 'done at 1000000: r restarts'};
	const narrow = render(<Box width={60}><MessageLine messages={[message]} width={60}/></Box>);
	assert.equal(narrow.lastFrame()!.trimEnd(), message.short);
	cleanup();
	const wide = render(<Box width={80}><MessageLine messages={[message]} width={80}/></Box>);
	assert.equal(wide.lastFrame()!.trimEnd(), message.text);
});

test('with a long pinned label at 80 columns the legend still explains ▲; the label is what gets cut', () => {
	const snapshot = new TrainingSession(lessonSplit(), lessonConfig('backprop')).snapshot();
	const pinnedLabel = 'η 0.005→0.01 8 hidden β 0.5 mini-batch 32 seed 21';
	const line = render(<Box width={80}><StatusLine title="Backprop 6×8×1" snapshot={snapshot} state="running" epochsPerSecond={0} pinned={{label: pinnedLabel}} learnRateChanged width={80}/></Box>).lastFrame()!.split('\n')[1]!;
	assert.match(line, /▲ η/);
	assert.ok(stringWidth(line) <= 80);
	cleanup();
	// with its short label (b32 for mini-batch 32), as c pins it, the label is read whole
	const pinned = {label: 'η 0.05 β 0.5 mini-batch 32 seed 42', shortLabel: 'η 0.05 β 0.5 b32 seed 42'};
	const short = render(<Box width={80}><StatusLine title="Single unit" snapshot={snapshot} state="running" epochsPerSecond={0} pinned={pinned} learnRateChanged={false} width={80}/></Box>).lastFrame()!.split('\n')[1]!;
	assert.match(short, /pinned η 0\.05 β 0\.5 b32 seed 42$/);
});

test('the message line shortens the later messages first and keeps the first one\'s words, cutting the rest at the end', async () => {
	const line = async (messages: Parameters<typeof MessageLine>[0]['messages'], columns: number) => {
		const instance = render(<Box width={columns}><MessageLine messages={messages} width={columns}/></Box>);
		await settle();
		const shown = linesOf(instance.lastFrame() ?? '')[0]!;
		instance.unmount();
		return shown;
	};

	const diverged = {text: 'diverged at epoch 1: lower η and press r', short: 'diverged at epoch 1', tone: 'failure' as const};
	const saved = {text: 'saved run to gdlab-run-single-20261130-084549.json (epoch 0)', short: 'saved epoch 0 to gdlab-run-single-20261130-084549.json', tone: 'info' as const};
	// the advice stays; the save's file name is what the cut takes
	assert.match(await line([diverged, saved], 80), /^diverged at epoch 1: lower η and press r {2}· {2}saved epoch 0 to gdlab-run-si.*…$/);
	const rising = {text: 'loss increasing at epoch 99999', short: 'loss rising at 99999', tone: 'warning' as const};
	const lowered = {text: 'η 50 → 10 from epoch 100001', short: 'η 50 → 10 from 100001', tone: 'info' as const};
	assert.equal(await line([rising, lowered], 60), 'loss increasing at epoch 99999  ·  η 50 → 10 from 100001');
	// a first message too wide by itself takes its short form
	assert.equal(await line([{...diverged, text: `${diverged.text} ${'.'.repeat(60)}`}], 60), 'diverged at epoch 1');
	// a save's short form is cut in its file name's middle: the time and the extension stay
	const millionth = saveOutcomeMessage({path: '/work/gdlab-run-backprop-20261130-150309.json', saved: {path: '/work/gdlab-run-backprop-20261130-150309.json', epochs: 1_000_000, replaced: false}});
	assert.equal(await line([millionth], 60), 'saved epoch 1000000 to gdl…run-backprop-20261130-150309.json');
	const refused = saveOutcomeMessage({path: '/work/gdlab-run-backprop-20261130-160425.json', failure: '/work/gdlab-run-backprop-20261130-160425.json: cannot write: permission denied'});
	assert.equal(await line([savingMessage('/work/gdlab-run-backprop-20261130-160425.json')], 50), 'saving the run to gdl…ckprop-20261130-160425.json…');
	assert.equal(await line([refused], 80), 'not saved: cannot write: permission denied (gdl…n-backprop-20261130-160425.json)');
	assert.equal(await line([millionth], 80), 'saved run to /work/gdlab-run-backprop-20261130-150309.json (epoch 1000000)');
});

test('the messages after a failure take a line of their own when even their short forms would be cut beside it', () => {
	const diverged = {text: 'diverged at epoch 1: lower η and press r', short: 'diverged at epoch 1', tone: 'failure' as const};
	const lowered = {text: 'η 1e+308 → 10 once r restarts the run', short: 'η 1e+308 → 10 for the restart', tone: 'info' as const};
	assert.deepEqual(messageLines([diverged, lowered], 80), [[diverged, lowered]], 'at 80 columns the short form fits beside the advice');
	assert.deepEqual(messageLines([diverged, lowered], 60), [[diverged], [lowered]]);
	assert.deepEqual(messageLines([diverged], 30), [[diverged]], 'a failure alone keeps one line');
	const rising = {text: 'loss increasing at epoch 99999', short: 'loss rising at 99999', tone: 'warning' as const};
	const slower = {text: 'η 50 → 10 from epoch 100001', short: 'η 50 → 10 from 100001', tone: 'info' as const};
	assert.deepEqual(messageLines([rising, slower], 60), [[rising, slower]], 'a warning first keeps one line while the notice\'s short form fits beside it');
	assert.deepEqual(messageLines([rising, lowered], 60), [[rising], [lowered]]);
	const saved = {text: 'saved run to gdlab-run-backprop-20261130-142042.json (epoch 900)', short: 'saved epoch 900 to gdlab-run-backprop-20261130-142042.json', tone: 'info' as const};
	assert.deepEqual(messageLines([rising, saved], 80), [[rising], [saved]], 'beside a rising loss, a save\'s file name would lose its time');
	const done = {text: 'done after 1000 epochs: ↑ raises the target, r restarts', short: 'done at 1000: ↑ more, r restarts', tone: 'info' as const};
	assert.deepEqual(messageLines([done, saved], 60), [[done, saved]], 'information first keeps one line');
	assert.deepEqual(messageLines([], 60), [[]], 'no message: one empty line');
});
