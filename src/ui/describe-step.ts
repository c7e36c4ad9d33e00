/**
 * The "one step, explained" panel: one record through the forward and backward pass with every term
 * the lesson names (h, ŷ, error, δ, Δw). The terms come from the engine; this file only lays them out.
 */
import {backpropStep, singleUnitStep} from '../engine/one-step.js';
import {formatNumber} from './format-number.js';
import type {PanelLine, PanelSpec} from './table-spec.js';
import type {BackpropStepInput, SingleStepInput} from './step-sources.js';

/** The panel's first line: what is being explained and how to pick another. */
function heading(title: string): PanelLine {
	// a record's title loses "training" and "current weights" first, so the [ ] hint stays at 80 columns
	const brief = title.replace(/^training record (\d+) of (\d+)/, 'record $1/$2').replace(/, current weights$/, '');
	return [`One step, explained · ${title} · [ ] another`, `One step · ${title} · [ ] another`, `One step · ${brief} · [ ] another`];
}

/** A target as the data has it: 0 and 1 as they are (formatNumber would write 1.000 next to 0), others in 4 digits. */
function formatTarget(value: number): string {
	return Number.isInteger(value) ? String(value) : formatNumber(value);
}

/** The single unit's step on one record. */
export function describeSingleStep(input: SingleStepInput): PanelSpec {
	const {x, y, weights, learnRate, inputNames} = input;
	const step = singleUnitStep(x, y, weights, learnRate);
	const cells = (values: readonly number[]) => Object.fromEntries(inputNames.map((name, index) => [name, formatNumber(values[index]!)]));
	return {
		title: heading(input.title),
		lines: [
			[
				`h = Σwᵢxᵢ = ${formatNumber(step.h)}   ŷ = f(h) = ${formatNumber(step.output)}   y = ${formatTarget(y)}   error = y−ŷ = ${formatNumber(step.error)}`,
				`h = ${formatNumber(step.h)}   ŷ = ${formatNumber(step.output)}   y = ${formatTarget(y)}   error = ${formatNumber(step.error)}`,
			],
			[
				`δ = error·f′(h) = ${formatNumber(step.error)}·${formatNumber(step.outputGradient)} = ${formatNumber(step.errorTerm)}   Δwᵢ = η·δ·xᵢ with η = ${learnRate}`,
				`δ = error·f′(h) = ${formatNumber(step.errorTerm)}   Δwᵢ = η·δ·xᵢ, η = ${learnRate}`,
			],
		],
		tables: [{
			columns: ['term', ...inputNames],
			rows: [
				{term: 'x', ...cells(x)},
				{term: 'w', ...cells(weights)},
				{term: 'Δw', ...cells(step.weightStep)},
			],
		}],
	};
}

/** The backprop network's step on one record. */
export function describeBackpropStep(input: BackpropStepInput): PanelSpec {
	const {x, y, weightsInputHidden, weightsHiddenOutput, learnRate, inputNames} = input;
	const step = backpropStep(x, y, weightsInputHidden, weightsHiddenOutput, learnRate);
	const units = step.hiddenOutput.map((_, unit) => `h${unit + 1}`);
	return {
		title: heading(input.title),
		lines: [
			[
				`ŷ = f(ΣWⱼaⱼ) = f(${formatNumber(step.outputInput)}) = ${formatNumber(step.output)}   y = ${formatTarget(y)}   error = ${formatNumber(step.error)}   δᵒ = error·ŷ(1−ŷ) = ${formatNumber(step.outputErrorTerm)}`,
				// δᵒ is what the table's δᵒ·Wⱼ column is built from: it stays when the line is short of room
				`ŷ = f(${formatNumber(step.outputInput)}) = ${formatNumber(step.output)}   y = ${formatTarget(y)}   error = ${formatNumber(step.error)}   δᵒ = error·ŷ(1−ŷ) = ${formatNumber(step.outputErrorTerm)}`,
				`ŷ = ${formatNumber(step.output)}   y = ${formatTarget(y)}   error = ${formatNumber(step.error)}   δᵒ = ${formatNumber(step.outputErrorTerm)}`,
			],
			[
				`aⱼ = f(hⱼ)   δʰⱼ = δᵒ·Wⱼ·aⱼ(1−aⱼ)   ΔWⱼ = η·δᵒ·aⱼ   Δwᵢⱼ = η·δʰⱼ·xᵢ   η = ${learnRate}`,
				`δʰⱼ = δᵒ·Wⱼ·aⱼ(1−aⱼ)   ΔWⱼ = η·δᵒ·aⱼ   Δwᵢⱼ = η·δʰⱼ·xᵢ   η = ${learnRate}`,
				`δʰⱼ=δᵒ·Wⱼ·aⱼ(1−aⱼ)  ΔWⱼ=η·δᵒ·aⱼ  Δwᵢⱼ=η·δʰⱼ·xᵢ  η=${learnRate}`,
			],
		],
		tables: [
			{
				columns: ['unit', 'hⱼ', 'aⱼ', 'Wⱼ', 'δᵒ·Wⱼ', 'δʰⱼ', 'ΔWⱼ'],
				rows: units.map((unit, index) => ({
					unit,
					hⱼ: formatNumber(step.hiddenInput[index]!),
					aⱼ: formatNumber(step.hiddenOutput[index]!),
					Wⱼ: formatNumber(weightsHiddenOutput[index]!),
					'δᵒ·Wⱼ': formatNumber(step.hiddenError[index]!),
					δʰⱼ: formatNumber(step.hiddenErrorTerm[index]!),
					ΔWⱼ: formatNumber(step.deltaHiddenOutput[index]!),
				})),
				// δᵒ·Wⱼ is a step on the way to δʰⱼ (the line above spells it out): on a narrow terminal it gives way first
				optional: ['δᵒ·Wⱼ'],
			},
			{
				columns: ['term', ...inputNames],
				rows: [
					{term: 'xᵢ', ...Object.fromEntries(inputNames.map((name, index) => [name, formatNumber(x[index]!)]))},
					...units.map((unit, hidden) => ({
						term: `Δwᵢ→${unit}`,
						...Object.fromEntries(inputNames.map((name, index) => [name, formatNumber(step.deltaInputHidden[index]![hidden]!)])),
					})),
				],
				// xᵢ and the first unit's steps stay when rows give way, so a short terminal still shows a step made from xᵢ
				leadingRows: 2,
			},
		],
	};
}
