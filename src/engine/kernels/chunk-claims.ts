/**
 * How the second half of a split epoch is shared out (parallel-epoch.ts). The half is cut into chunks; the
 * worker and, once its own half is done, the posting thread claim them one at a time from the front, each
 * summing its chunk from zero; the posting thread then adds the chunks' totals into the steps in chunk
 * order. Who ran which chunk never shows in the result, so the steps are the same bits on one core or two;
 * a worker that is slow takes fewer chunks, and one that stalls holding a chunk has it run again by the
 * posting thread after a while (its late total is then ignored).
 *
 * Claims go through one Int32 word holding the job's sequence number (its low bits) and the next chunk to
 * claim, so a worker still busy with an older job can never claim a chunk of a newer one.
 */

/** Most chunks a half is cut into (the index must fit its bits of the word). */
export const maxChunks = 16;
/** Fewest records worth a chunk of their own: a chunk of the smallest big data takes some 30 µs. */
export const minChunkRows = 4096;

const chunkBits = 5;
const chunkMask = (2 ** chunkBits) - 1;
const sequenceMask = (2 ** (31 - chunkBits)) - 1;

/** The claim word of job `sequence` whose next chunk to claim is `next`. */
export function claimWord(sequence: number, next: number): number {
	return ((sequence & sequenceMask) << chunkBits) | next;
}

/** How many chunks a half of `records` records is cut into: 1 for small data, at most maxChunks. */
export function chunkCount(records: number): number {
	return Math.max(1, Math.min(maxChunks, Math.floor(records / minChunkRows)));
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
