/** The status line: which settings show at which width. */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {lessonConfig, TrainingSession, type SessionSnapshot} from '../../src/engine/training-session.js';
import {StatusLine} from '../../src/ui/StatusLine.js';
import type {RunState} from '../../src/ui/run-state.js';
import {lessonSplit} from './dashboard-harness.js';

afterEach(() => {
	cleanup();
});

/** The backprop run's snapshot with momentum 0.9, mini-batches of 32, at `epoch` of `epochs`. */
function snapshotAt(epoch: number, epochs: number, batch: 32 | 'record' | 'full' = 32): SessionSnapshot {
	const snapshot = new TrainingSession(lessonSplit(), {...lessonConfig('backprop'), momentum: 0.9, batch, epochs}).snapshot();
	return {...snapshot, epoch};
}

/** The first line of the status line at `width` columns. */
function settingsLine(snapshot: SessionSnapshot, state: RunState, width: number, epochsPerSecond = 12_345): string {
	const frame = render(<Box width={width}><StatusLine title="Backprop 6×2×1" snapshot={snapshot} state={state} epochsPerSecond={epochsPerSecond} pinned={undefined} learnRateChanged={false} width={width}/></Box>).lastFrame()!;
	return frame.split('\n')[0]!.trimEnd();
}

test('at 60 columns the settings are shortened, not dropped: η, β and the batch mode all show, running or not', () => {
	assert.equal(settingsLine(snapshotAt(62_804, 100_000), 'running', 60), 'Backprop 6×2×1  running  η 0.005 β 0.9 b32  62804/100000');
	assert.equal(settingsLine(snapshotAt(229_879, 1_000_000), 'paused', 60), 'Backprop 6×2×1  paused  η 0.005 β 0.9 b32  229879/1000000');
	assert.equal(settingsLine(snapshotAt(900, 900, 'record'), 'diverged', 60), 'Backprop 6×2×1  diverged  η 0.005 β 0.9 b1  epoch 900/900');
	assert.equal(settingsLine(snapshotAt(900, 900, 'full'), 'done', 60), 'Backprop 6×2×1  done  η 0.005 β 0.9 full  epoch 900/900');
	assert.equal(settingsLine(snapshotAt(900, 900, 'full'), 'done', 63), 'Backprop 6×2×1  done  η 0.005  β 0.9  full batch  epoch 900/900');
});

test('wider, the settings keep their words and the speed shows; narrower than 60, the counter is the last to go', () => {
	assert.equal(settingsLine(snapshotAt(62_804, 100_000), 'running', 100), 'Backprop 6×2×1  running  η 0.005  β 0.9  mini-batch 32  epoch 62804/100000  12.3k epochs/s');
	assert.equal(settingsLine(snapshotAt(62_804, 100_000), 'running', 80), 'Backprop 6×2×1  running  η 0.005  β 0.9  mini-batch 32  epoch 62804/100000');
	assert.equal(settingsLine(snapshotAt(62_804, 100_000), 'running', 46), 'Backprop 6×2×1  running  η 0.005  62804/100000');
	assert.equal(settingsLine(snapshotAt(62_804, 100_000), 'running', 37), 'Backprop 6×2×1  running  62804/100000');
});

test('a run ended below the epochs it trained (↓ past them) names its target apart, never as epoch 222/100', () => {
	assert.equal(settingsLine(snapshotAt(222, 100, 'full'), 'done', 80), 'Backprop 6×2×1  done  η 0.005  β 0.9  full batch  epoch 222 (target 100)');
	assert.equal(settingsLine(snapshotAt(60_397, 100, 'full'), 'done', 60), 'Backprop 6×2×1  done  η 0.005 β 0.9 full  60397 (target 100)');
	assert.equal(settingsLine(snapshotAt(222, 100, 'full'), 'done', 40), 'Backprop 6×2×1  done  222 (target 100)');
});
