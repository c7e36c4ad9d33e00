import assert from 'node:assert/strict';
import {test} from 'node:test';
import {WriteStream} from 'node:tty';
import {shouldUseColor} from '../../src/ui/theme.js';

const colorTerminal = {isTTY: true, hasColors: () => true} as unknown as NodeJS.WriteStream;

test('NO_COLOR turns colour off, whatever the terminal can do', () => {
	assert.equal(shouldUseColor(colorTerminal, {NO_COLOR: '1'}), false);
	assert.equal(shouldUseColor(colorTerminal, {NO_COLOR: ''}), true, 'an empty NO_COLOR does not count');
	assert.equal(shouldUseColor(colorTerminal, {}), true);
});

test('no colour when the output is not a colour terminal', () => {
	assert.equal(shouldUseColor({isTTY: false} as unknown as NodeJS.WriteStream, {}), false);
	assert.equal(shouldUseColor({isTTY: true, hasColors: () => false} as unknown as NodeJS.WriteStream, {}), false);
});

test('a monochrome terminal type gets the plain theme, though Node takes any xterm* or vt100 for a colour one', () => {
	const {getColorDepth, hasColors} = WriteStream.prototype;
	const nodeCheck = {isTTY: true, getColorDepth, hasColors} as unknown as NodeJS.WriteStream;
	for (const term of ['xterm-mono', 'xtermm', 'vt100', 'vt100-w']) {
		assert.equal(nodeCheck.hasColors({TERM: term}), true, `Node's own check says ${term} has colours`);
		assert.equal(shouldUseColor(nodeCheck, {TERM: term}), false, term);
	}

	assert.equal(shouldUseColor(nodeCheck, {TERM: 'vt220'}), false);
	assert.equal(shouldUseColor(nodeCheck, {TERM: 'xterm-mono', FORCE_COLOR: '1'}), true, 'FORCE_COLOR still wins');

	for (const term of ['xterm-256color', 'xterm', 'screen-256color', 'tmux-256color', 'linux', 'rxvt-unicode-256color', 'screen.xterm-256color', 'xterm-kitty', 'putty']) {
		assert.equal(shouldUseColor(nodeCheck, {TERM: term}), true, term);
	}
});

test('an empty NO_COLOR leaves colour on with Node\'s own check of the terminal too', () => {
	const {getColorDepth, hasColors} = WriteStream.prototype;
	const terminal = {isTTY: true, getColorDepth, hasColors} as unknown as NodeJS.WriteStream;
	assert.equal(shouldUseColor(terminal, {TERM: 'xterm-256color', NO_COLOR: ''}), true);
	assert.equal(shouldUseColor(terminal, {TERM: 'xterm-256color', NO_COLOR: '1'}), false);
	assert.equal(shouldUseColor(terminal, {TERM: 'dumb'}), false);
});
