/**
 * How the worker hands a half-done job back (parallel-epoch.ts). The worker runs its records in chunks,
 * summing into one running total, and after each chunk publishes the total so far in one of two slots,
 * alternately, and then the count of chunks done in one progress word. When the worker stops making
 * progress (its core taken away, say), the posting thread takes the job over from the last published
 * total: it sets the word's taken flag, after which the worker's next publication fails and it stops.
 *
 * Adding a record's terms to a running total in record order is the same arithmetic however the records
 * are cut into chunks, so a job finished by the other thread gives the same bits as one the worker ran.
 *
 * The progress word, one Int32: the job's sequence number (its low bits), the chunks done, the taken flag.
 * A worker still busy with an older job cannot publish into a newer one: its sequence number differs.
 */

/** Most chunks a job is cut into (the count must fit its bits of the word). */
export const maxChunks = 16;
/** Fewest records worth a chunk of their own: a chunk of the smallest split data takes a few microseconds. */
export const minChunkRows = 4096;

const chunkBits = 5;
const sequenceBits = 31 - chunkBits - 1;
const sequenceMask = (2 ** sequenceBits) - 1;
const chunkMask = (2 ** chunkBits) - 1;

/** The progress word of job `sequence` with `chunksDone` chunks published, taken over or not. */
export function progressWord(sequence: number, chunksDone: number, taken = false): number {
	return ((sequence & sequenceMask) << (chunkBits + 1)) | (chunksDone << 1) | (taken ? 1 : 0);
}

/** How many chunks a job over `records` records is cut into: 1 for small jobs, at most maxChunks. */
export function chunkCount(records: number): number {
	return Math.max(1, Math.min(maxChunks, Math.floor(records / minChunkRows)));
}

/** Where chunk `index` (0 … chunks) of the records [start, end) begins; index `chunks` gives `end`. */
export function chunkStart(start: number, end: number, chunks: number, index: number): number {
	return start + Math.floor(((end - start) * index) / chunks);
}

/** The slot (0 or 1) holding the running total after `chunksDone` chunks. */
export const totalSlot = (chunksDone: number): number => chunksDone % 2;

/** The chunks of job `sequence` published so far, read from `progress` (0 before the first publication). */
export function chunksDone(progress: Int32Array, index: number, sequence: number): number {
	const word = Atomics.load(progress, index);
	return word >> (chunkBits + 1) === (sequence & sequenceMask) ? (word >> 1) & chunkMask : 0;
}

/**
 * The worker: publish that job `sequence` now has `done` chunks summed (their total already written to its
 * slot). False when the job was taken over meanwhile: the worker must stop.
 */
export function publishChunk(progress: Int32Array, index: number, sequence: number, done: number): boolean {
	const expected = progressWord(sequence, done - 1);
	return Atomics.compareExchange(progress, index, expected, progressWord(sequence, done)) === expected;
}

/**
 * The posting thread: take job `sequence` over if it still has `done` chunks published. False when the
 * worker published another meanwhile (read the progress again).
 */
export function takeOver(progress: Int32Array, index: number, sequence: number, done: number): boolean {
	const expected = progressWord(sequence, done);
	return Atomics.compareExchange(progress, index, expected, progressWord(sequence, done, true)) === expected;
}
