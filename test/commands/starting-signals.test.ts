/** The stopping signals while gdlab starts (starting-signals.ts), in child processes that send them to themselves. */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const startingSignals = fileURLToPath(new URL('../../src/commands/starting-signals.js', import.meta.url));

/** Run `body` in a child that has imported starting-signals.js as `s`; its exit code and stderr. */
function child(body: string): {status: number | null; stderr: string} {
	const script = `const s = await import(${JSON.stringify(startingSignals)});\n${body}\nsetTimeout(() => process.exit(0), 5000);`;
	const {status, stderr} = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'});
	return {status, stderr};
}

test('a stopping signal before the program handles them ends gdlab in one line, with 128 + its number', () => {
	assert.deepEqual(child("s.handleSignalsWhileStarting(); process.kill(process.pid, 'SIGINT');"), {status: 130, stderr: 'gdlab: interrupted while starting\n'});
	assert.deepEqual(child("s.handleSignalsWhileStarting(); process.kill(process.pid, 'SIGTERM');"), {status: 143, stderr: 'gdlab: stopped by SIGTERM while starting\n'});
});

test('once the program handles them, the starting handlers stand aside, and are not counted as the program\'s', () => {
	const body = [
		's.handleSignalsWhileStarting();',
		"process.on('SIGINT', () => { process.stderr.write(`program's, ${s.programHandlerCount('SIGINT')} of them\\n`); process.exit(7); });",
		's.programHandlesStoppingSignals();',
		"process.kill(process.pid, 'SIGINT');",
	].join('\n');
	assert.deepEqual(child(body), {status: 7, stderr: 'program\'s, 1 of them\n'});
});

test('a signal that comes while the program puts its handlers on is not lost: the program\'s handler takes it', () => {
	// sent while the event loop is held, as while the program loads: it is handled only after the program's handler is on
	const body = [
		's.handleSignalsWhileStarting();',
		"process.kill(process.pid, 'SIGINT');",
		'const until = Date.now() + 200; while (Date.now() < until) {}',
		"process.on('SIGINT', () => { process.stderr.write('program\\'s\\n'); process.exit(7); });",
		's.programHandlesStoppingSignals();',
	].join('\n');
	assert.deepEqual(child(body), {status: 7, stderr: 'program\'s\n'});
});
