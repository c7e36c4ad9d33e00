/**
 * How a cut epoch's chunks are laid out and claimed: the chunks cover the records exactly,
 * each is claimed once, and a worker still on an older job cannot claim a chunk of a newer one.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {chunkStart, claimChunk, claimWord, maxChunks} from '../../src/engine/kernels/chunk-claims.js';

const posted = (sequence: number): Int32Array => Int32Array.of(claimWord(sequence, 0));

describe('chunk claims', () => {
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

	test('→ every chunk is claimed once, in order, whoever claims it; then none is left', () => {
		const claims = posted(41);
		const claimed = Array.from({length: 12}, () => claimChunk(claims, 0, 41, 12));
		assert.deepEqual(claimed, Array.from({length: 12}, (_, index) => index));
		assert.equal(claimChunk(claims, 0, 41, 12), undefined);
		assert.equal(claimChunk(claims, 0, 41, 12), undefined, 'still none');
	});

	test('→ a worker still on an older job claims nothing of the newer one, nor the newer of an older', () => {
		const claims = posted(8);
		assert.equal(claimChunk(claims, 0, 7, 4), undefined);
		assert.equal(claimChunk(claims, 0, 9, 4), undefined);
		assert.equal(claimChunk(claims, 0, 8, 4), 0, 'the chunk is still there for job 8');
	});

	test('→ sequence numbers wrap without the word turning negative or mixing jobs', () => {
		for (const sequence of [0, 1, (2 ** 25) - 1, 2 ** 25, (2 ** 31) - 1]) {
			const word = claimWord(sequence, maxChunks);
			assert.ok(word >= 0 && Number.isInteger(word), `${sequence}`);
			const claims = posted(sequence);
			assert.equal(claimChunk(claims, 0, sequence, maxChunks), 0);
			assert.equal(claimChunk(claims, 0, sequence + 1, maxChunks), undefined);
		}
	});
});
