import assert from 'node:assert/strict';
import {test} from 'node:test';
import stringWidth from 'string-width';
import {loadingText, writeLoadingLine} from '../../src/ui/full-screen.js';
import {cutWithinWidth, oneColumnEach} from '../../src/ui/narrow-text.js';
import {cutToWidth, displayWidth, lastToWidth, padToWidth, truncatePartsToWidth, truncateToWidth, wrapToWidth} from '../../src/ui/text-width.js';

test('a CJK character takes two columns, ASCII and the ellipsis one', () => {
	assert.equal(displayWidth('日本語'), 6);
	assert.equal(displayWidth('rank_1'), 6);
	assert.equal(displayWidth('a…b'), 3);
});

test('cuts keep whole characters: a wide one that would straddle the edge is left out', () => {
	assert.equal(cutToWidth('日本語', 3), '日');
	assert.equal(cutToWidth('日本語', 4), '日本');
	assert.equal(cutToWidth('ab日本', 3), 'ab');
	assert.equal(lastToWidth('日本語', 5), '本語');
	assert.equal(lastToWidth('x_feature_10', 5), 're_10');
});

test('a line too wide is cut to its width in columns, ellipsis included; ASCII is cut as Ink cuts it', () => {
	assert.equal(truncateToWidth('abcdef', 6), 'abcdef');
	assert.equal(truncateToWidth('abcdef', 4), 'abc…');
	assert.equal(truncateToWidth('数据文件非常长的名字.csv', 8), '数据文…');
	assert.equal(truncateToWidth('数据文件非常长的名字.csv', 9), '数据文件…');
	for (let width = 1; width <= 30; width++) {
		assert.ok(displayWidth(truncateToWidth('saved run to 数据文件非常长的名字数据文件.json', width)) <= width, `width ${width}`);
	}
});

test('cells are padded to a width in columns, on the side away from their alignment', () => {
	assert.equal(padToWidth('日本', 6, 'left'), '日本  ');
	assert.equal(padToWidth('日本', 6, 'right'), '  日本');
	assert.equal(padToWidth('0.25', 6, 'right'), '  0.25');
});

test('a line in parts is cut as a whole: parts that fit stay, the one at the edge ends in …, the rest go', () => {
	assert.deepEqual(truncatePartsToWidth(['ab', '  ·  ', 'cd'], 20), ['ab', '  ·  ', 'cd']);
	assert.deepEqual(truncatePartsToWidth(['saved to ', '数据文件非常', '  ·  ', 'more'], 13), ['saved to ', '数…', '', '']);
	assert.deepEqual(truncatePartsToWidth(['saved to ', '数据文件非常', '  ·  ', 'more'], 15), ['saved to ', '数据…', '', '']);
});

test('a part ending in a file name is cut inside the name, keeping what comes before it and the name\'s end', () => {
	assert.deepEqual(truncatePartsToWidth(['saved to run-150309.json'], 20, [15]), ['saved to run…09.json'], '3 of the name\'s 10 columns for its start, 7 for its end');
	assert.deepEqual(truncatePartsToWidth(['a long reason here (run-150309.json)'], 32, [16]), ['a long reason here (run…09.json)'], 'the closing bracket with the name');
	assert.deepEqual(truncatePartsToWidth(['a long reason here (run-150309.json)'], 24, [16]), ['a long reason here (run…'], 'under 6 columns left for the name: cut at the end');
	assert.deepEqual(truncatePartsToWidth(['a  ·  ', 'saved to run-150309.json'], 20, [0, 15]), ['a  ·  ', 'saved to run-…'], 'the parts before it leave too little');
	assert.deepEqual(truncatePartsToWidth(['saved to run-150309.json', '  ·  ', 'more'], 20, [15]), ['saved to run-150309…', '', ''], 'a message dropped after it: the cut is at the end, where the ellipsis says so');
	assert.deepEqual(truncatePartsToWidth(['saved to 数据文件非常.json'], 16, [17]), ['saved to 数…json'], 'cut between characters, never wider than asked');
});

test('every character the length shortcut takes as one column is one column to string-width', () => {
	const ranges = oneColumnEach.source.slice(2, -3).match(/\\u[\dA-F]{4}-\\u[\dA-F]{4}/g)!.map(range => range.split('-').map(end => Number.parseInt(end.slice(2), 16)) as [number, number]);
	assert.ok(ranges.length >= 8, oneColumnEach.source);
	for (const [first, last] of ranges) {
		for (let code = first; code <= last; code++) {
			const character = String.fromCodePoint(code);
			assert.ok(oneColumnEach.test(character), `U+${code.toString(16)} is in the shortcut`);
			assert.equal(stringWidth(character), 1, `U+${code.toString(16)} ${character}`);
		}
	}

	assert.ok(!oneColumnEach.test('\u00AD') && !oneColumnEach.test('\u0301') && !oneColumnEach.test('\u200B') && !oneColumnEach.test('日'));
});

test('the loading line\'s cut never overflows: a character it cannot vouch for counts as two columns', () => {
	assert.equal(cutWithinWidth('gdlab · loading…', 40), 'gdlab · loading…');
	assert.equal(cutWithinWidth('gdlab · generating synthetic', 10), 'gdlab · g…');
	const wide = cutWithinWidth('gdlab · 数据文件非常长的名字.csv', 14);
	assert.ok(stringWidth(wide) <= 14, wide);
	assert.equal(wide, 'gdlab · 数据…');
	assert.equal(cutWithinWidth('gdlab · é\u0301', 20), 'gdlab · é\u0301', 'a combining mark counts two: short text still fits');
});

test('text wraps between words: no line starts or ends at a space, none is wider than asked, no word is lost', () => {
	const rule = 'The order matters: an array on the left needs as many entries as the matrix has rows; a matrix on the left needs as many columns as the array has entries.';
	for (let width = 1; width <= 160; width++) {
		const lines = wrapToWidth(rule, width);
		for (const line of lines) {
			assert.ok(displayWidth(line) <= width, `width ${width}: '${line}'`);
			assert.doesNotMatch(line, /^ | $/, `width ${width}: '${line}'`);
		}

		assert.equal(lines.join('').replaceAll(' ', ''), rule.replaceAll(' ', ''), `width ${width}`);
		if (width >= 'entries.'.length) {
			assert.equal(lines.join(' '), rule, `width ${width}: words are never cut when they fit a line`);
		}
	}

	assert.deepEqual(wrapToWidth('W_ih·X   shapes (3,4) and (4,)', 16), ['W_ih·X   shapes', '(3,4) and (4,)']);
	assert.deepEqual(wrapToWidth('数据文件 名字', 3), ['数', '据', '文', '件', '名', '字']);
	assert.deepEqual(wrapToWidth('数据', 1), ['数', '据']);
	assert.deepEqual(wrapToWidth('', 10), ['']);
});

test('the loading line keeps its share done on a narrow terminal: the size in brackets, then the hint, give way first', () => {
	const versions = loadingText('generating synthetic:3000000:16 (48,000,000 values)', 0.42);
	assert.equal(versions[0], 'gdlab · generating synthetic:3000000:16 (48,000,000 values)… 42%  (q or Ctrl+C stops)');
	const written: string[] = [];
	const stdout = {columns: 70, write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream;
	writeLoadingLine(stdout, versions);
	assert.match(written[0]!, /gdlab · generating synthetic:3000000:16… 42% {2}\(q or Ctrl\+C stops\)$/);
	(stdout as {columns: number}).columns = 60;
	writeLoadingLine(stdout, versions);
	assert.match(written[1]!, /gdlab · generating synthetic:3000000:16… 42%$/);
	(stdout as {columns: number}).columns = 30;
	writeLoadingLine(stdout, versions);
	assert.match(written[2]!, /gdlab · loading… 42%$/, 'the share still shown');
});
