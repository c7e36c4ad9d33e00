/**
 * How the chunks of a cut epoch are shared out (parallel-epoch.ts). The worker and the posting thread claim
 * them one at a time from the front, each summing its chunk from zero; the posting thread then adds the
 * chunks' totals into the steps in chunk order. Who ran which chunk never shows in the result, so the steps
 * are the same bits on one core or two; a thread that is slow takes fewer chunks, and a worker that stalls
 * holding a chunk has it run again by the posting thread after a while (its late total is then ignored).
 *
 * Claims go through one Int32 word holding the job's sequence number (its low bits) and the next chunk to
 * claim, so a worker still busy with an older job can never claim a chunk of a newer one.
 */

/** Most chunks an epoch is cut into (the index must fit its bits of the word). */
export const maxChunks = 32;
/** Fewest records of big data worth a chunk of their own (a chunk of 16 features then takes some 30 µs). */
export const minChunkRows = 4096;

const chunkBits = 6;
const chunkMask = (2 ** chunkBits) - 1;
const sequenceMask = (2 ** (31 - chunkBits)) - 1;

/** The claim word of job `sequence` whose next chunk to claim is `next`. */
export function claimWord(sequence: number, next: number): number {
	return ((sequence & sequenceMask) << chunkBits) | next;
}

/** Where chunk `index` (0 … chunks) of the records [start, end) begins; index `chunks` gives `end`. */
export function chunkStart(start: number, end: number, chunks: number, index: number): number {
	return start + Math.floor(((end - start) * index) / chunks);
}

/**
 * Claim the next chunk of job `sequence` (of `chunks`) through the word at `claims[index]`: its index, or
 * undefined when every chunk is claimed or the word belongs to another job.
 */
export function claimChunk(claims: Int32Array, index: number, sequence: number, chunks: number): number | undefined {
	for (;;) {
		const word = Atomics.load(claims, index);
		const next = word & chunkMask;
		if (word !== claimWord(sequence, next) || next >= chunks) {
			return undefined;
		}

		if (Atomics.compareExchange(claims, index, word, word + 1) === word) {
			return next;
		}
	}
}
