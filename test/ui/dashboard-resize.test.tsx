/** runDashboard on a resize: the App renders for the new size before Ink redraws, and only while it is on screen. */
import '../helpers/outside-ci.js';
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {lessonConfig} from '../../src/engine/training-session.js';
import {runDashboard} from '../../src/ui/run-dashboard.js';
import {lessonSource, lessonSplit, waitFor} from './dashboard-harness.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

/** Where Ink starts a frame: an update, a cleared screen, or the erase of the lines it drew before. */
const frameStart = /\u001B\[\?2026h|\u001B\[2J|(?:\u001B\[2K\u001B\[1A)+/;

function startDashboard() {
	const stdin = new FakeStdin(true);
	const stdout = new FakeStdout();
	const done = runDashboard({
		split: lessonSplit(),
		configs: {single: lessonConfig('single'), backprop: {...lessonConfig('backprop'), epochs: 100_000}},
		initialModel: 'backprop',
		forwardSeed: 42,
		source: lessonSource,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	});
	return {stdin, stdout, done};
}

test('a terminal made shorter gets, as it is resized, frames no taller than itself', async () => {
	const {stdin, stdout, done} = startDashboard();
	try {
		await waitFor(() => stdout.output.includes('Backprop 6×2×1'));
		stdin.type(' ');
		await waitFor(() => stdout.output.includes('paused'));
		const before = stdout.output.length;
		stdout.resize(60, 18);
		// what Ink wrote while the resize was being heard (its own redraw included)
		const frames = stdout.output.slice(before).split(frameStart).filter(frame => frame !== '');
		assert.ok(frames.length > 0, 'the resize redrew the screen at once');
		const lineFeeds = frames.map(frame => frame.split('\n').length - 1);
		assert.ok(Math.max(...lineFeeds) <= 17, `frames of ${lineFeeds.join(', ')} line feeds went into 18 rows`);
	} finally {
		stdin.type('q');
		await done;
	}
});

test('once q has quit, a resize renders nothing and leaves no listener behind', async () => {
	const {stdin, stdout, done} = startDashboard();
	await waitFor(() => stdout.output.includes('Backprop 6×2×1'));
	const listenersBefore = stdout.listenerCount('resize');
	assert.ok(listenersBefore >= 2, 'Ink and the dashboard listen for resizes');
	stdin.type('q');
	// in the moment between q and the dashboard's end
	stdout.resize(100, 30);
	await done;
	assert.equal(stdout.listenerCount('resize'), 0, 'no resize listener left');
	assert.equal(stdin.listenerCount('readable'), 0, 'the keyboard is let go (the App was not mounted again)');
});
