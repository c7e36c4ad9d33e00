/**
 * The handoff of a half-done job: chunks cover the records exactly, a publication and a takeover exclude
 * each other, and a worker on an older job cannot publish into a newer one.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {chunkCount, chunksDone, chunkStart, maxChunks, minChunkRows, progressWord, publishChunk, takeOver, totalSlot} from '../../src/engine/kernels/chunk-handoff.js';

const fresh = (sequence: number): Int32Array => Int32Array.of(progressWord(sequence, 0));

describe('chunk handoff', () => {
	test('→ small jobs stay one chunk; big ones are cut into at most maxChunks of at least minChunkRows', () => {
		assert.equal(chunkCount(180), 1);
		assert.equal(chunkCount((2 * minChunkRows) - 1), 1);
		assert.equal(chunkCount(2 * minChunkRows), 2);
		assert.equal(chunkCount(16_884), 4);
		assert.equal(chunkCount(500_000), maxChunks);
	});

	test('→ the chunks cover the records once, in order, whatever the sizes', () => {
		for (const [start, end] of [[0, 360], [16_884, 33_769], [7, 500_007], [3, 4]] as const) {
			for (let chunks = 1; chunks <= maxChunks; chunks++) {
				assert.equal(chunkStart(start, end, chunks, 0), start);
				assert.equal(chunkStart(start, end, chunks, chunks), end);
				for (let index = 0; index < chunks; index++) {
					assert.ok(chunkStart(start, end, chunks, index) <= chunkStart(start, end, chunks, index + 1));
				}
			}
		}
	});

	test('→ a worker publishes chunk after chunk, the totals alternating between two slots', () => {
		const progress = fresh(41);
		assert.equal(chunksDone(progress, 0, 41), 0);
		for (let done = 1; done <= maxChunks; done++) {
			assert.equal(publishChunk(progress, 0, 41, done), true);
			assert.equal(chunksDone(progress, 0, 41), done);
			assert.notEqual(totalSlot(done), totalSlot(done - 1));
		}
	});

	test('→ once taken over, the worker\'s next publication fails, and a stale takeover fails too', () => {
		const progress = fresh(7);
		assert.equal(publishChunk(progress, 0, 7, 1), true);
		assert.equal(takeOver(progress, 0, 7, 0), false, 'the worker published chunk 1 meanwhile');
		assert.equal(takeOver(progress, 0, 7, 1), true);
		assert.equal(publishChunk(progress, 0, 7, 2), false);
		assert.equal(chunksDone(progress, 0, 7), 1, 'the total of chunk 1 is the one to go on from');
		assert.equal(takeOver(progress, 0, 7, 1), false, 'taken once');
	});

	test('→ a worker still on an older job cannot publish into the newer one', () => {
		const progress = fresh(8);
		assert.equal(publishChunk(progress, 0, 7, 1), false);
		assert.equal(chunksDone(progress, 0, 7), 0, 'the word belongs to job 8');
		assert.equal(chunksDone(progress, 0, 8), 0);
		assert.equal(publishChunk(progress, 0, 8, 1), true);
	});

	test('→ sequence numbers wrap without the word turning negative', () => {
		for (const sequence of [0, 1, (2 ** 25) - 1, 2 ** 25, (2 ** 31) - 1]) {
			const word = progressWord(sequence, maxChunks, true);
			assert.ok(word >= 0 && Number.isInteger(word), `${sequence}`);
			assert.equal(chunksDone(Int32Array.of(word), 0, sequence), maxChunks);
		}
	});
});
