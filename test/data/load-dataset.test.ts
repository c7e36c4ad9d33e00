import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadDataset, loadDatasetInSteps} from '../../src/data/load-dataset.js';
import {splitDataset} from '../../src/data/split-dataset.js';
import {createRandom} from '../../src/engine/random.js';
import {fixturePath, readFixture} from '../helpers/fixtures.js';

const tolerance = 1e-12;

test('→ loads the bundled admissions data: 400 rows, gre, gpa and rank_1…rank_4', () => {
	const dataset = loadDataset(undefined);
	assert.equal(dataset.name, 'admissions (binary.csv)');
	assert.equal(dataset.rows, 400);
	assert.deepEqual(dataset.featureNames, ['gre', 'gpa', 'rank_1', 'rank_2', 'rank_3', 'rank_4']);
	assert.equal(dataset.targetName, 'admit');
	assert.deepEqual(dataset.targetMapping, [['0', 0], ['1', 1]]);
	assert.equal(dataset.droppedRows, 0);
	assert.equal(dataset.targets.reduce((sum, target) => sum + target, 0), 127);
});

test('→ standardises gre and gpa of the admissions data to mean 0 and sample standard deviation 1', () => {
	const dataset = loadDataset(undefined);
	for (const feature of [0, 1]) {
		const values = Array.from({length: dataset.rows}, (_, row) => dataset.features[row * dataset.featureCount + feature]!);
		const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
		const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
		assert.ok(Math.abs(mean) < tolerance && Math.abs(variance - 1) < tolerance, dataset.featureNames[feature]);
	}
});

test('→ gives the lesson\'s first training row bit for bit with seed 42', () => {
	const reference = readFixture('lesson-default.json');
	const split = splitDataset(loadDataset(undefined), createRandom('numpy', 42));
	assert.deepEqual(Array.from(split.train.features.subarray(0, 6)), reference.data.first_train_row);
});

test('→ loads a CSV file by path, named by its base name', () => {
	const path = fixturePath('csv/messy-admissions.csv');
	const dataset = loadDataset(path, {categorical: ['school']});
	assert.equal(dataset.name, 'messy-admissions.csv');
	assert.equal(dataset.path, path);
});

test('→ loads synthetic:ROWS:FEATURES with that shape, the same data every time', () => {
	const dataset = loadDataset('synthetic:100:3');
	assert.equal(dataset.name, 'synthetic:100:3');
	assert.equal(dataset.rows, 100);
	assert.equal(dataset.featureCount, 3);
	assert.equal(dataset.features.length, 300);
	assert.deepEqual(dataset.featureNames, ['x1', 'x2', 'x3']);
	assert.equal(dataset.targetName, 'y');
	assert.ok(dataset.targets.every(target => target === 0 || target === 1));
	assert.ok(dataset.targets.includes(0) && dataset.targets.includes(1));
	const again = loadDataset('synthetic:100:3');
	assert.deepEqual(again.features, dataset.features);
	assert.deepEqual(again.targets, dataset.targets);
	assert.equal(loadDataset('synthetic:1_000:2').rows, 1000);
});

test('→ refuses malformed synthetic names with exact messages', () => {
	const cases: Array<[string, string]> = [
		['synthetic:100', '--data synthetic:100: expected synthetic:ROWS:FEATURES, e.g. synthetic:100000:16'],
		['synthetic:abc:3', '--data synthetic:abc:3: expected synthetic:ROWS:FEATURES, e.g. synthetic:100000:16'],
		['synthetic:100:3:1', '--data synthetic:100:3:1: expected synthetic:ROWS:FEATURES, e.g. synthetic:100000:16'],
		['synthetic:-5:3', '--data synthetic:-5:3: expected synthetic:ROWS:FEATURES, e.g. synthetic:100000:16'],
		['synthetic:5:3', '--data synthetic:5:3: rows must be from 10 to 10000000'],
		['synthetic:100:0', '--data synthetic:100:0: features must be from 1 to 1000'],
		['synthetic:10000000:11', '--data synthetic:10000000:11: 10000000 rows × 11 features is over the limit of 100000000 feature values'],
	];
	for (const [name, message] of cases) {
		assert.throws(() => loadDataset(name), {name: 'DataError', message}, name);
	}
});

test('→ refuses --target and --categorical that synthetic data cannot have', () => {
	assert.equal(loadDataset('synthetic:100:3', {target: 'y'}).targetName, 'y');
	assert.throws(() => loadDataset('synthetic:100:3', {target: 'admit'}), {message: '--data synthetic:100:3: unknown target column "admit"; synthetic data\'s target is y'});
	assert.throws(() => loadDataset('synthetic:100:3', {categorical: ['x1']}), {message: '--data synthetic:100:3: --categorical does not apply to synthetic data (its features are all numeric)'});
});

test('→ in steps, makes the same synthetic data value for value, reporting progress up to all of it', async () => {
	const reports: Array<[string, number | undefined]> = [];
	const stepped = await loadDatasetInSteps('synthetic:70000:3', {}, (what, done) => reports.push([what, done]));
	const whole = loadDataset('synthetic:70000:3');
	assert.deepEqual(stepped.features, whole.features);
	assert.deepEqual(stepped.targets, whole.targets);
	assert.equal(stepped.name, whole.name);
	const shares = reports.map(([, done]) => done!);
	assert.ok(reports.every(([what]) => what === 'generating synthetic:70000:3 (210,000 values)'));
	assert.deepEqual(shares, [...shares].sort((a, b) => a - b), 'progress only grows');
	assert.equal(shares[0], 0);
	assert.equal(shares.at(-1), 1);
	assert.ok(shares.length >= 3, 'it reported between steps');
});

test('→ in steps, reads a file saying so first, and gives its errors as loadDataset does', async () => {
	const reports: string[] = [];
	const dataset = await loadDatasetInSteps(undefined, {}, what => reports.push(what));
	assert.deepEqual(reports, ['reading the admissions data']);
	assert.equal(dataset.rows, 400);
	await assert.rejects(loadDatasetInSteps('synthetic:5:2', {}, () => undefined), /rows must be from 10/);
	await assert.rejects(loadDatasetInSteps('synthetic:100:2', {target: 'admit'}, () => undefined), /synthetic data's target is y/);
	assert.equal((await loadDatasetInSteps('synthetic:100:2', {target: '"y"'}, () => undefined)).targetName, 'y', 'the target quoted, as for a CSV file');
});
