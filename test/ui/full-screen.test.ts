import assert from 'node:assert/strict';
import {test} from 'node:test';
import {clearedBeforeFirstWrite, eraseBeforeLines, quitsWhileLoading} from '../../src/ui/full-screen.js';

test('each line Ink redraws is erased first, then written, so a full-width line keeps its last character', () => {
	const red = '\u001B[31m';
	const reset = '\u001B[39m';
	const update = `\u001B[3A\u001B[1Gepochs/s\u001B[K\n\u001B[E\u001B[1G${red}━${reset} train\u001B[K`;
	assert.equal(eraseBeforeLines(update), `\u001B[3A\u001B[1G\u001B[Kepochs/s\n\u001B[E\u001B[1G\u001B[K${red}━${reset} train`);
	assert.equal(eraseBeforeLines('plain text, no line of Ink\'s'), 'plain text, no line of Ink\'s');
});

test('while the data loads, q, Q and Ctrl+C quit, amid other keys too; F2 (ESC O Q), F12 and arrows do not', () => {
	for (const typed of ['q', 'Q', '\u0003', '3q', 'x\u0003', '\u001B[Aq', '\u001Bq']) {
		assert.equal(quitsWhileLoading(typed), true, JSON.stringify(typed));
	}

	for (const typed of ['\u001BOQ', '\u001B[24~', '\u001B[1;2Q', '\u001B[A\u001B[B', '3', 'w', '\u001B']) {
		assert.equal(quitsWhileLoading(typed), false, JSON.stringify(typed));
	}
});

test('the screen is cleared in the first write that draws (the first frame), after those that only set modes', () => {
	const written: string[] = [];
	const stdout = {write: (chunk: string) => written.push(chunk), isTTY: true} as unknown as NodeJS.WriteStream;
	const cleared = clearedBeforeFirstWrite(stdout);
	cleared.write('\u001B[?2026h');
	cleared.write('\u001B[?25l');
	cleared.write('frame 1');
	cleared.write('\u001B[?2026l');
	cleared.write('frame 2');
	assert.deepEqual(written, ['\u001B[?2026h', '\u001B[?25l', '\u001B[2J\u001B[Hframe 1', '\u001B[?2026l', 'frame 2']);
});
