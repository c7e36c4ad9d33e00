import assert from 'node:assert/strict';
import {test} from 'node:test';
import {eraseBeforeLines} from '../../src/ui/full-screen.js';

test('each line Ink redraws is erased first, then written, so a full-width line keeps its last character', () => {
	const red = '\u001B[31m';
	const reset = '\u001B[39m';
	const update = `\u001B[3A\u001B[1Gepochs/s\u001B[K\n\u001B[E\u001B[1G${red}━${reset} train\u001B[K`;
	assert.equal(eraseBeforeLines(update), `\u001B[3A\u001B[1G\u001B[Kepochs/s\n\u001B[E\u001B[1G\u001B[K${red}━${reset} train`);
	assert.equal(eraseBeforeLines('plain text, no line of Ink\'s'), 'plain text, no line of Ink\'s');
});
