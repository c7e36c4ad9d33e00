#!/usr/bin/env node
/**
 * How long a word takes to go from this thread to a worker thread and back, in nanoseconds (the median
 * of several batches of 20,000 round trips through shared memory). A cut epoch (admissions with 16 hidden
 * units) passes its weights and totals between the two threads every epoch, so its time rises with this:
 * this VM's host moves it between about 200 ns and 950 ns for minutes at a time. scripts/bench-compare.mjs
 * prints it beside the figures.
 *
 *     node scripts/core-round-trip.mjs     prints one number
 */
import {availableParallelism} from 'node:os';
import {isMainThread, Worker, workerData} from 'node:worker_threads';

const tripsPerBatch = 20_000;
const batches = 9;
const stop = -1;
/** Int32 slots of the question and the answer, two cache lines apart, so each trip moves two lines. */
const question = 0;
const answer = 32;
/** A batch this long (it takes some 20 ms) means the worker is gone: give up and print null. */
const giveUpNanoseconds = 1e9;

if (isMainThread) {
	if (availableParallelism() < 2) {
		console.log('null');
		process.exit(0);
	}

	const words = new Int32Array(new SharedArrayBuffer(256));
	const worker = new Worker(new URL(import.meta.url), {workerData: words});
	await new Promise(resolve => worker.once('online', resolve));
	const timings = [];
	let sent = 0;
	for (let batch = 0; batch < batches; batch++) {
		const start = process.hrtime.bigint();
		for (let trip = 0; trip < tripsPerBatch; trip++) {
			sent++;
			Atomics.store(words, question, sent);
			for (let polls = 1; Atomics.load(words, answer) !== sent; polls++) {
				// the worker echoes it, unless it is gone (the clock read now and then, not to slow the trip)
				if (polls % 4096 === 0 && Number(process.hrtime.bigint() - start) > giveUpNanoseconds) {
					console.log('null');
					process.exit(0);
				}
			}
		}

		timings.push(Number(process.hrtime.bigint() - start) / tripsPerBatch);
	}

	Atomics.store(words, question, stop);
	await worker.terminate();
	timings.sort((a, b) => a - b);
	console.log(Math.round(timings[batches >> 1]));
} else {
	const words = workerData;
	for (let seen = 0; ;) {
		const value = Atomics.load(words, question);
		if (value === stop) {
			break;
		}

		if (value !== seen) {
			seen = value;
			Atomics.store(words, answer, value);
		}
	}
}
