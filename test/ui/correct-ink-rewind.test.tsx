/** The workaround for Ink 6.8.0's short rewind: unit-tested, and proven on a replayed screen. */
import '../helpers/outside-ci.js';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {Box, render, Text} from 'ink';
import {correctInkRewind, inkVersionWithShortRewind, installedInkVersion, lengthenRewind} from '../../src/ui/correct-ink-rewind.js';
import {repoRoot} from '../helpers/fixtures.js';
import {replayScreen} from './terminal-screen.js';

const screen = {columns: 40, rows: 10};

class FakeTerminal extends EventEmitter {
	readonly columns = screen.columns;
	readonly rows = screen.rows;
	// not a TTY, so Ink leaves the real cursor alone; the incremental path is the same
	readonly isTTY = false;
	output = '';
	write(chunk: string): boolean {
		this.output += chunk;
		return true;
	}
}

class SilentStdin extends EventEmitter {
	readonly isTTY = false;
}

function Lines({count}: {count: number}) {
	return (
		<Box flexDirection="column">
			<Text>top</Text>
			<Text>count {count}</Text>
			<Text>bottom</Text>
		</Box>
	);
}

/** Render five updates with incremental rendering and return the screen a terminal would show. */
async function screenAfterUpdates(wrap: (stdout: NodeJS.WriteStream) => NodeJS.WriteStream): Promise<string[]> {
	const terminal = new FakeTerminal();
	const instance = render(<Lines count={0}/>, {
		stdout: wrap(terminal as unknown as NodeJS.WriteStream),
		stdin: new SilentStdin() as unknown as NodeJS.ReadStream,
		incrementalRendering: true,
		maxFps: 1000,
		patchConsole: false,
	});
	for (let count = 1; count <= 5; count++) {
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
		instance.rerender(<Lines count={count}/>);
	}

	await new Promise(resolve => {
		setTimeout(resolve, 10);
	});
	instance.unmount();
	return replayScreen(terminal.output, screen.columns, screen.rows).filter(line => line !== '');
}

test('only the rewind at the start of a write gets one line longer', () => {
	assert.equal(lengthenRewind('\u001B[22A\u001B[E\u001B[1Gtext'), '\u001B[23A\u001B[E\u001B[1Gtext');
	assert.equal(lengthenRewind('\u001B[2Kline\u001B[1A'), '\u001B[2Kline\u001B[1A');
	assert.equal(lengthenRewind('plain'), 'plain');
});

test('another Ink version gets stdout untouched', () => {
	const stdout = new FakeTerminal() as unknown as NodeJS.WriteStream;
	assert.equal(correctInkRewind(stdout, '7.0.0'), stdout);
	assert.notEqual(correctInkRewind(stdout, inkVersionWithShortRewind), stdout);
});

/** Ink draws only the last frame when it thinks it runs in CI (the rule of its is-in-ci). */
const inCi = ['CI', 'CONTINUOUS_INTEGRATION'].some(name => name in process.env && process.env[name] !== '0' && process.env[name] !== 'false');
const skip = inCi ? 'Ink draws only the last frame when CI is set' : false;

test('with the correction, incremental updates land on their own lines', {skip}, async () => {
	assert.deepEqual(await screenAfterUpdates(stdout => correctInkRewind(stdout)), ['top', 'count 5', 'bottom']);
});

test('without it, Ink 6.8.0 leaves stale lines behind (the bug the correction exists for)', {skip: skip || (installedInkVersion() === inkVersionWithShortRewind ? false : 'the installed Ink rewinds correctly')}, async () => {
	assert.notDeepEqual(await screenAfterUpdates(stdout => stdout), ['top', 'count 5', 'bottom']);
});

test('package.json pins Ink to the version the correction is for, so an install never turns it off', () => {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {dependencies: Record<string, string>};
	assert.equal(manifest.dependencies['ink'], inkVersionWithShortRewind);
	assert.equal(installedInkVersion(), inkVersionWithShortRewind);
});
