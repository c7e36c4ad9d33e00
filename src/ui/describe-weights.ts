/**
 * The weights panel as a table: one row per input feature with its weight, the last change Δw and
 * the gradient of E; for backprop the input→hidden matrix (a column group per quantity, a column per
 * hidden unit) and a last row with the hidden→output weights.
 */
import type {SessionSnapshot} from '../engine/training-session.js';
import {formatNumber} from './format-number.js';
import type {PanelSpec, TableSpec} from './table-spec.js';

/** The heading of the column that names each row. */
export const inputColumn = 'input';
/** The label of backprop's hidden→output row. */
export const hiddenOutputRow = 'h→ŷ';

/** Shown for a step or gradient before the first epoch has made one. */
export const notYetMark = '–';

/** The weights, last steps and gradients of a run as a panel. */
export function describeWeights(snapshot: SessionSnapshot, featureNames: string[]): PanelSpec {
	const table = snapshot.config.model === 'single' ? singleUnitTable(snapshot, featureNames) : backpropTable(snapshot, featureNames);
	return {lines: [], tables: [table]};
}

/**
 * A step or gradient as the table shows it: – before the first epoch has made one (a run diverged in its
 * first epoch keeps the one that overflowed on show).
 */
function stepFormatter(snapshot: SessionSnapshot): (value: number) => string {
	return snapshot.epoch === 0 && snapshot.status !== 'diverged' ? () => notYetMark : value => formatNumber(value);
}

function singleUnitTable(snapshot: SessionSnapshot, featureNames: string[]): TableSpec {
	const {weights, lastWeightStep, gradient} = snapshot;
	const step = stepFormatter(snapshot);
	return {
		columns: [inputColumn, 'weight', 'last Δw', 'gradient'],
		rows: featureNames.map((name, feature) => ({
			[inputColumn]: name,
			weight: formatNumber(weights[feature]!),
			'last Δw': step(lastWeightStep[feature]!),
			gradient: step(gradient[feature]!),
		})),
	};
}

function backpropTable(snapshot: SessionSnapshot, featureNames: string[]): TableSpec {
	const hidden = snapshot.config.hidden;
	const step = stepFormatter(snapshot);
	const quantities = [
		{label: 'w', values: snapshot.weights, format: (value: number) => formatNumber(value)},
		{label: 'Δw', values: snapshot.lastWeightStep, format: step},
		{label: '∇', values: snapshot.gradient, format: step},
	];
	const units = Array.from({length: hidden}, (_, unit) => `h${unit + 1}`);
	const columns = [inputColumn, ...quantities.flatMap(({label}) => units.map(unit => `${label} ${unit}`))];
	const row = (label: string, start: number) => {
		const cells: Record<string, string> = {[inputColumn]: label};
		for (const {label: quantity, values, format} of quantities) {
			for (const [unit, name] of units.entries()) {
				cells[`${quantity} ${name}`] = format(values[start + unit]!);
			}
		}

		return cells;
	};

	const rows = featureNames.map((name, feature) => row(name, feature * hidden));
	rows.push(row(hiddenOutputRow, featureNames.length * hidden));
	return {columns, rows};
}
