/** The top line: the tabs' titles give way to the data's name on a narrow terminal. */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import type {SplitDataset} from '../../src/data/dataset.js';
import {TabsLine} from '../../src/ui/TabsLine.js';
import {lessonSplit} from './dashboard-harness.js';

afterEach(() => {
	cleanup();
});

/** The lesson's split, its data named `name`. */
function named(name: string): SplitDataset {
	const split = lessonSplit();
	return {...split, dataset: {...split.dataset, name}};
}

function line(split: SplitDataset, width: number): string {
	return render(<Box width={width}><TabsLine active="single" split={split} width={width}/></Box>).lastFrame()!.trimEnd();
}

test('at 60 columns the tabs take short titles where the data\'s name would be cut beside the full ones', () => {
	assert.equal(line(named('single.csv'), 60), 'gdlab  1 Single  2 Forward  3 Backprop   single.csv 400×6');
	assert.equal(line(named('many.csv'), 60), 'gdlab  1 Single unit  2 Forward 4×3×2  3 Backprop   many.csv', 'a name that fits keeps the full titles');
	assert.equal(line(named('single.csv'), 80), 'gdlab  1 Single unit  2 Forward 4×3×2  3 Backprop   single.csv 400×6');
	assert.equal(line(lessonSplit(), 80), 'gdlab  1 Single unit  2 Forward 4×3×2  3 Backprop   admissions (binary.csv)');
	assert.equal(line(lessonSplit(), 60), 'gdlab  1 Single  2 Forward  3 Backprop   admissions 400×6', 'not "admissions (binary…"');
});
