/**
 * What the "one step, explained" panel can walk through: the lesson's worked examples for the model,
 * then every training record with the run's current weights and η. This file only gathers inputs;
 * the terms themselves come from the engine's singleUnitStep and backpropStep.
 */
import type {SplitDataset} from '../data/dataset.js';
import {matrix, type Matrix} from '../engine/matrix.js';
import type {ModelKind} from '../engine/model.js';
import {workedExamples, type WorkedExampleName} from '../engine/one-step.js';
import type {SessionSnapshot} from '../engine/training-session.js';

/** The worked examples each model's panel starts with. */
const examplesOf: Record<ModelKind, readonly WorkedExampleName[]> = {
	single: ['worked', 'gradient'],
	backprop: ['backprop'],
};

/** How the panel names each worked example. */
const exampleTitles: Record<WorkedExampleName, string> = {
	worked: 'the lesson\'s worked example',
	gradient: 'the lesson\'s gradient.py',
	backprop: 'the lesson\'s backprop.py',
};

/** The inputs of one single-unit step. */
export type SingleStepInput = {
	/** Where the record comes from, for the panel's title. */
	title: string;
	/** A name per input. */
	inputNames: string[];
	/** The record's inputs. */
	x: number[];
	/** Its target. */
	y: number;
	/** The weights the step starts from. */
	weights: number[];
	/** η. */
	learnRate: number;
};

/** The inputs of one backprop step. */
export type BackpropStepInput = Omit<SingleStepInput, 'weights'> & {
	/** Input→hidden weights, [input][hidden unit]. */
	weightsInputHidden: Matrix;
	/** Hidden→output weights. */
	weightsHiddenOutput: number[];
};

/** How many sources the panel can show for a model: its worked examples, then each training record. */
export function stepSourceCount(model: ModelKind, split: SplitDataset): number {
	return examplesOf[model].length + split.train.rows;
}

/** Source `index` (wrapped into range) for the single unit. */
export function singleStepInput(index: number, split: SplitDataset, snapshot: SessionSnapshot): SingleStepInput {
	const source = locate('single', index, split);
	if (source.example) {
		const example = workedExamples[source.example as 'worked' | 'gradient'];
		return {
			title: exampleTitles[source.example],
			inputNames: example.x.map((_, input) => `x${input + 1}`),
			x: [...example.x],
			y: example.y,
			weights: [...example.weights],
			learnRate: example.learnRate,
		};
	}

	return {...trainingRecord(source.record, split, snapshot), weights: Array.from(snapshot.weights)};
}

/** Source `index` (wrapped into range) for the backprop network. */
export function backpropStepInput(index: number, split: SplitDataset, snapshot: SessionSnapshot): BackpropStepInput {
	const source = locate('backprop', index, split);
	if (source.example) {
		const example = workedExamples.backprop;
		return {
			title: exampleTitles.backprop,
			inputNames: example.x.map((_, input) => `x${input + 1}`),
			x: [...example.x],
			y: example.y,
			weightsInputHidden: example.weightsInputHidden,
			weightsHiddenOutput: [...example.weightsHiddenOutput],
			learnRate: example.learnRate,
		};
	}

	const {weights} = snapshot;
	const features = split.train.featureCount;
	const hidden = snapshot.config.hidden;
	return {
		...trainingRecord(source.record, split, snapshot),
		weightsInputHidden: matrix(features, hidden, weights.slice(0, features * hidden)),
		weightsHiddenOutput: Array.from(weights.subarray(features * hidden)),
	};
}

function locate(model: ModelKind, index: number, split: SplitDataset): {example?: WorkedExampleName; record: number} {
	const examples = examplesOf[model];
	const count = stepSourceCount(model, split);
	const wrapped = ((index % count) + count) % count;
	if (wrapped < examples.length) {
		return {example: examples[wrapped]!, record: -1};
	}

	return {record: wrapped - examples.length};
}

function trainingRecord(record: number, split: SplitDataset, snapshot: SessionSnapshot): Omit<SingleStepInput, 'weights'> {
	const {train, trainIndex, dataset} = split;
	const start = record * train.featureCount;
	// the file's own row, counting the rows dropped for a missing value
	const dataRow = dataset.fileRows?.[trainIndex[record]!] ?? trainIndex[record]!;
	return {
		title: `training record ${record + 1} of ${train.rows} (data row ${dataRow + 1}), current weights`,
		inputNames: dataset.featureNames,
		x: Array.from(train.features.subarray(start, start + train.featureCount)),
		y: train.targets[record]!,
		learnRate: snapshot.config.learnRate,
	};
}
