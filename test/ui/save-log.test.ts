import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SaveLog, saveOutcomeMessage, summarizeSaves} from '../../src/ui/save-log.js';

/** A save that ends when told to. */
function pendingSave() {
	let finish!: (epochs: number) => void;
	let fail!: (message: string) => void;
	const saving = new Promise<{path: string; epochs: number; replaced: boolean}>((resolve, reject) => {
		finish = epochs => {
			resolve({path: 'run.json', epochs, replaced: false});
		};

		fail = message => {
			reject(new Error(message));
		};
	});
	return {saving, finish, fail};
}

test('settled waits for every save still being written, those asked for meanwhile too', async () => {
	const log = new SaveLog();
	const first = pendingSave();
	const second = pendingSave();
	void log.track('run.json', first.saving);
	let settled = false;
	const waiting = log.settled().then(() => {
		settled = true;
	});
	await new Promise(resolve => {
		setTimeout(resolve, 10);
	});
	assert.equal(settled, false);
	log.track('run.json', second.saving).catch(() => undefined);
	first.finish(10);
	await new Promise(resolve => {
		setTimeout(resolve, 10);
	});
	assert.equal(settled, false, 'the second save is still being written');
	second.fail('run.json: cannot write: no such directory');
	await waiting;
	assert.deepEqual(log.outcomes.map(outcome => outcome.failure ?? outcome.saved.epochs), [10, 'run.json: cannot write: no such directory']);
});

test('the summary lists every save in the order they ended, and fails when a run\'s last save failed', async () => {
	const single = new SaveLog();
	const backprop = new SaveLog();
	await assert.rejects(single.track('a.json', Promise.reject(new Error('a.json: cannot write: no such directory'))));
	await backprop.track('b.json', Promise.resolve({path: 'b.json', epochs: 7, replaced: true}));
	await single.track('c.json', Promise.resolve({path: 'c.json', epochs: 9, replaced: false}));
	assert.deepEqual(summarizeSaves([single, backprop]), {
		lines: [
			{text: 'could not save: a.json: cannot write: no such directory', failed: true},
			{text: 'replaced the earlier save in b.json with this run (epoch 7)', failed: false},
			{text: 'saved run to c.json (epoch 9)', failed: false},
		],
		lastFailed: false,
	});
	await assert.rejects(backprop.track('d.json', Promise.reject(new Error('d.json: cannot write: disk full'))));
	assert.equal(summarizeSaves([single, backprop]).lastFailed, true);
	assert.deepEqual(summarizeSaves([new SaveLog()]), {lines: [], lastFailed: false});
	// the same failure again (w pressed again on a folder that is gone) is one line, counted
	const again = new SaveLog();
	for (let time = 0; time < 3; time++) {
		await assert.rejects(again.track('e.json', Promise.reject(new Error('e.json: cannot write: no such directory'))));
	}

	assert.deepEqual(summarizeSaves([again]).lines, [{text: 'could not save: e.json: cannot write: no such directory (3 times)', failed: true}]);
});

test('a save\'s message line: a failure in the failure tone, and short forms that name the file alone', () => {
	assert.deepEqual(saveOutcomeMessage({path: '/long/folder/run.json', failure: '/long/folder/run.json: cannot write: no such directory'}), {
		text: 'could not save: /long/folder/run.json: cannot write: no such directory',
		short: 'not saved: cannot write: no such directory (run.json)',
		shortKeepsEnd: 9,
		tone: 'failure',
	});
	assert.deepEqual(saveOutcomeMessage({path: '/long/folder/run.json', saved: {path: '/long/folder/run.json', epochs: 12, replaced: false}}), {
		text: 'saved run to /long/folder/run.json (epoch 12)',
		short: 'saved epoch 12 to run.json',
		shortKeepsEnd: 8,
		tone: 'info',
	});
	assert.equal(saveOutcomeMessage({path: '/tmp/work/later.json', failure: '/tmp/work/later.json: exists and is not a gdlab run; remove it or choose another name'}).short, 'not saved: exists and is not a gdlab run (later.json)', 'the advice left to the full form');
	assert.equal(saveOutcomeMessage({path: 'gdlab-run-single-20261130-074330.json', saved: {path: 'gdlab-run-single-20261130-074330.json', epochs: 1000, replaced: true}}).short, 'saved epoch 1000 over gdlab-run-single-20261130-074330.json', 'the epoch before a long name');
});

test('the summary says when a run trained on past its last save (what q left unsaved), and not when it stood still', async () => {
	const trainedOn = new SaveLog();
	await trainedOn.track('run.json', Promise.resolve({path: 'run.json', epochs: 1000, replaced: false}));
	trainedOn.end(2000);
	const stoodStill = new SaveLog();
	await stoodStill.track('b.json', Promise.resolve({path: 'b.json', epochs: 7, replaced: false}));
	stoodStill.end(7);
	const neverSaved = new SaveLog();
	neverSaved.end(500);
	assert.deepEqual(summarizeSaves([trainedOn, stoodStill, neverSaved]).lines.map(line => line.text), [
		'saved run to run.json (epoch 1000)',
		'saved run to b.json (epoch 7)',
		'run.json holds epoch 1000; the run trained on to epoch 2000, which was not saved',
	]);
	// a last save that failed says so already (and makes the exit code 1)
	const failedLast = new SaveLog();
	await failedLast.track('c.json', Promise.resolve({path: 'c.json', epochs: 10, replaced: false}));
	await assert.rejects(failedLast.track('c.json', Promise.reject(new Error('c.json: cannot write: disk full'))));
	failedLast.end(50);
	assert.equal(summarizeSaves([failedLast]).lines.some(line => line.text.includes('trained on')), false);
});

test('a run started again after its last save is said to be unsaved once it has trained, whatever its epoch; a restart before the save is in it', async () => {
	const restartedAfter = new SaveLog();
	await restartedAfter.track('run.json', Promise.resolve({path: 'run.json', epochs: 1000, replaced: false}));
	restartedAfter.restarted();
	restartedAfter.end(300);
	assert.deepEqual(summarizeSaves([restartedAfter]).lines.at(-1), {text: 'run.json holds epoch 1000; the run started again after it and trained to epoch 300, which was not saved', failed: false});
	const restartedUntrained = new SaveLog();
	await restartedUntrained.track('b.json', Promise.resolve({path: 'b.json', epochs: 10, replaced: false}));
	restartedUntrained.restarted();
	restartedUntrained.end(0);
	assert.equal(restartedUntrained.unsavedSinceSave, undefined, 'nothing trained since the restart: nothing lost');
	const restartedBefore = new SaveLog();
	restartedBefore.restarted();
	await restartedBefore.track('c.json', Promise.resolve({path: 'c.json', epochs: 40, replaced: false}));
	restartedBefore.end(40);
	assert.equal(restartedBefore.unsavedSinceSave, undefined);
});

test('the end noted as quitting began stands (epochs trained while a save is written are not unsaved), until a q that did not quit is taken back', async () => {
	const log = new SaveLog();
	await log.track('run.json', Promise.resolve({path: 'run.json', epochs: 500, replaced: false}));
	log.end(500);
	log.end(900);
	assert.equal(log.unsavedSinceSave, undefined, 'w then q: the run stood at its save when q was pressed');
	log.reopen();
	log.end(900);
	assert.deepEqual(log.unsavedSinceSave, {path: 'run.json', saved: 500, ended: 900, restarted: false});
});

test('w q r in one burst: a restart after the q (while the save is written) is not the run the user left, which the save holds', async () => {
	const log = new SaveLog();
	const save = pendingSave();
	const tracked = log.track('run.json', save.saving);
	log.end(500);
	log.restarted();
	save.finish(500);
	await tracked;
	log.end(20);
	assert.equal(log.unsavedSinceSave, undefined, 'the run stood at its save when q was pressed');
	log.reopen();
	log.end(20);
	assert.deepEqual(log.unsavedSinceSave, {path: 'run.json', saved: 500, ended: 20, restarted: true}, 'after a q taken back, the restart counts');
});
