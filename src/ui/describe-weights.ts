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
/**
 * Most feature rows and hidden-unit columns a table is made with: more than any terminal shows, and a wide
 * network (1,000 features × 200 hidden units: 600,000 numbers) would otherwise be formatted in full every
 * frame, holding keys back for most of a second. The rest are counted in the "… +n" row and the "… +n" column.
 */
export const maxTableRows = 200;
export const maxTableColumns = 120;

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
	const row = (feature: number) => ({
		[inputColumn]: featureNames[feature]!,
		weight: formatNumber(weights[feature]!),
		'last Δw': step(lastWeightStep[feature]!),
		gradient: step(gradient[feature]!),
	});
	// the first rows and the last, as the panel shows them when it cuts
	const shown = featureNames.length <= maxTableRows ? featureNames.map((_, feature) => feature) : [...Array.from({length: maxTableRows - 1}, (_, feature) => feature), featureNames.length - 1];
	return {
		columns: [inputColumn, 'weight', 'last Δw', 'gradient'],
		rows: shown.map(row),
		omittedRows: featureNames.length - shown.length,
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
	// the columns in order (w of each unit, then Δw, then ∇), as many as a table is made with
	const cellsOf = quantities.flatMap(quantity => Array.from({length: hidden}, (_, unit) => ({quantity, unit, column: `${quantity.label} h${unit + 1}`})));
	const kept = cellsOf.slice(0, maxTableColumns);
	const row = (label: string, start: number) => {
		const cells: Record<string, string> = {[inputColumn]: label};
		for (const {quantity, unit, column} of kept) {
			cells[column] = quantity.format(quantity.values[start + unit]!);
		}

		return cells;
	};

	// the first feature rows and the hidden→output row, as the panel shows them when it cuts
	const features = Math.min(featureNames.length, maxTableRows);
	const rows = featureNames.slice(0, features).map((name, feature) => row(name, feature * hidden));
	rows.push(row(hiddenOutputRow, featureNames.length * hidden));
	return {columns: [inputColumn, ...kept.map(({column}) => column)], rows, omittedRows: featureNames.length - features, omittedColumns: cellsOf.length - kept.length};
}
