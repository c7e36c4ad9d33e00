import assert from 'node:assert/strict';
import {test} from 'node:test';
import {suggestName} from '../../src/commands/suggest-name.js';

const options = ['model', 'epochs', 'lr', 'hidden', 'seed', 'split-seed', 'rng', 'batch', 'momentum', 'data', 'target', 'categorical', 'test-ratio', 'strict', 'help', 'json', 'save'];

test('a name typed with other case or _ for - is that name', () => {
	assert.equal(suggestName('EPOCHS', options), 'epochs');
	assert.equal(suggestName('test_ratio', options), 'test-ratio');
});

test('a word users type for an option under another name is that option', () => {
	assert.equal(suggestName('learning-rate', options), 'lr');
	assert.equal(suggestName('learning_rate', options), 'lr');
	assert.equal(suggestName('beta', options), 'momentum');
});

test('a near miss is the name it misses: a letter dropped, added, changed or two swapped', () => {
	assert.equal(suggestName('epoch', options), 'epochs');
	assert.equal(suggestName('hiden', options), 'hidden');
	assert.equal(suggestName('modle', options), 'model');
	assert.equal(suggestName('categoricals', options), 'categorical');
	assert.equal(suggestName('spilt-seed', options), 'split-seed');
});

test('nothing when no name is near, or two are as near', () => {
	assert.equal(suggestName('frobnicate', options), undefined);
	assert.equal(suggestName('xyz', options), undefined);
	// short words allow one edit: "sed" is one from "seed"; "sv" is two from "save"
	assert.equal(suggestName('sed', options), 'seed');
	assert.equal(suggestName('sv', options), undefined);
	assert.equal(suggestName('ab', ['aa', 'bb']), undefined);
});
