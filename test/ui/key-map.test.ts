import assert from 'node:assert/strict';
import {test} from 'node:test';
import {helpKeys, keyMap, keysFor, notAKeyNotice, packKeyHints} from '../../src/ui/key-map.js';
import {displayWidth} from '../../src/ui/text-width.js';
import {readKeys} from '../../src/ui/read-keys.js';

const noKey = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};

test('the footer fits its width and always ends with help and quit', () => {
	for (const width of [40, 60, 80, 120, 200]) {
		const line = packKeyHints(keysFor('single'), width);
		assert.ok(line.length <= width, `${width}: ${line}`);
		assert.ok(line.endsWith('? help  q quit'), `${width}: ${line}`);
	}

	assert.ok(packKeyHints(keysFor('backprop'), 80).startsWith('←→ η  ↑↓ epochs  +- hidden'));
	assert.ok(packKeyHints(keysFor('single'), 80).includes('  w save  '), 'w save fits at 80 columns');
	assert.ok(!packKeyHints(keysFor('single'), 200).includes('hidden'), 'the single unit has no hidden units');
});

test('every key has a short label for the footer and a description for the help that fits 60 columns', () => {
	for (const hint of keyMap) {
		assert.ok(hint.short.length > 0);
		assert.ok(displayWidth(helpKeys(hint)) + 2 + displayWidth(hint.long) <= 60, `${helpKeys(hint)}: ${hint.long}`);
	}
});

test('the help lists a key\'s aliases after it; the footer does not', () => {
	const hidden = keyMap.find(hint => hint.keys === '+-')!;
	assert.equal(helpKeys(hidden), '+- =_');
	assert.equal(helpKeys(keyMap.find(hint => hint.keys === 'space')!), 'space');
	assert.ok(packKeyHints(keysFor('backprop'), 200).includes('+- hidden'));
	assert.ok(!packKeyHints(keysFor('backprop'), 200).includes('=_'));
});

test('keys are read one by one, even when several arrive together', () => {
	assert.deepEqual(readKeys('', {...noKey, rightArrow: true}), ['right']);
	assert.deepEqual(readKeys('', {...noKey, tab: true, shift: true}), ['backtab']);
	assert.deepEqual(readKeys(' ', noKey), ['space']);
	assert.deepEqual(readKeys('mm.', noKey), ['m', 'm', '.']);
	assert.deepEqual(readKeys('c', {...noKey, ctrl: true}), []);
});

test('a capital letter is read as its small one (no key is a capital), so Caps Lock changes nothing', () => {
	assert.deepEqual(readKeys('WQ', {...noKey, shift: true}), ['w', 'q']);
	assert.deepEqual(readKeys('M', noKey), ['m']);
	assert.deepEqual(readKeys('É?', noKey), ['É', '?'], 'only the letters A to Z: no key is another letter');
});

test('a key gdlab does not act on anywhere is named with where to look; a key it acts on anywhere is not', () => {
	assert.equal(notAKeyNotice('x'), 'x is not a gdlab key: ? lists them');
	assert.equal(notAKeyNotice('\r'), 'Enter is not a gdlab key: ? lists them');
	assert.equal(notAKeyNotice('é'), 'é is not a gdlab key: ? lists them');
	for (const bound of ['left', 'right', 'up', 'down', 'space', 'tab', 'backtab', 'escape', '+', '-', '=', '_', '.', 'w', 'r', 's', 'b', 'm', 'c', 'v', '[', ']', '?', 'q', '1', '2', '3', 'ctrl+c']) {
		assert.equal(notAKeyNotice(bound), undefined, bound);
	}

	assert.equal(notAKeyNotice('\u0001'), undefined, 'a control character has no name to show');
});

test('Home, End, PgUp, PgDn, Delete, Backspace and function keys (no text from Ink) are named as keys gdlab does not use', () => {
	assert.deepEqual(readKeys('', {...noKey, home: true}), ['Home']);
	assert.deepEqual(readKeys('', {...noKey, pageDown: true}), ['PgDn']);
	assert.deepEqual(readKeys('', {...noKey, delete: true}), ['Backspace/Delete'], 'Ink reads Backspace (DEL) as delete too');
	assert.deepEqual(readKeys('', noKey), ['that key'], 'F2: Ink gives no text and no flag');
	assert.equal(notAKeyNotice(readKeys('', {...noKey, end: true})[0]!), 'End is not a gdlab key: ? lists them');
	assert.equal(notAKeyNotice(readKeys('', noKey)[0]!), 'that key is not a gdlab key: ? lists them');
	assert.deepEqual(readKeys('', {...noKey, ctrl: true, home: true}), [], 'with Ctrl: nothing, as for other control keys');
});

test('every key has a brief description that fits the help\'s columns in 60 columns', () => {
	for (const hint of keyMap) {
		assert.ok(hint.brief !== undefined && displayWidth(hint.brief) <= 21, `${hint.keys}: ${hint.brief}`);
	}
});
