/** The weights panel: – for steps and gradients until the first epoch has made some. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {lessonConfig, TrainingSession} from '../../src/engine/training-session.js';
import {describeWeights, notYetMark} from '../../src/ui/describe-weights.js';
import {lessonSplit} from './dashboard-harness.js';

const cells = (session: TrainingSession, columns: (column: string) => boolean): string[] => {
	const [table] = describeWeights(session.snapshot(), lessonSplit().dataset.featureNames).tables;
	return table!.rows.flatMap(row => Object.entries(row).filter(([column]) => columns(column)).map(([, cell]) => cell));
};

test('before the first epoch, last Δw and the gradient are –, not zeros; after it, numbers', () => {
	for (const model of ['single', 'backprop'] as const) {
		const session = new TrainingSession(lessonSplit(), lessonConfig(model));
		const steps = (column: string) => /Δw|∇|gradient/.test(column);
		assert.ok(cells(session, steps).every(cell => cell === notYetMark), model);
		assert.ok(cells(session, column => column === 'weight' || column.startsWith('w ')).every(cell => cell !== notYetMark), `${model}: the weights are there`);
		session.advance(1);
		assert.ok(cells(session, steps).every(cell => cell !== notYetMark && cell !== '0'), `${model} after one epoch`);
	}
});
