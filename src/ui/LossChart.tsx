import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {LossHistory} from '../engine/loss-history.js';
import {useTheme} from './hooks/use-theme.js';
import {plotLossChart, type ChartSeries} from './plot-loss-chart.js';

/** A pinned training curve, drawn in grey behind the live run. */
export type PinnedCurve = {
	/** Training MSE per epoch at the moment it was pinned. */
	values: Float64Array;
	/** What the run was, for the legend (e.g. "η 0.5 seed 42"). */
	label: string;
};

/** Props of LossChart. */
export type LossChartProps = {
	/** The run's history. */
	history: LossHistory;
	/** How many epochs of it to draw. */
	epochs: number;
	/** Changes whenever the history's data may have changed (a restart keeps the length but not the values). */
	version: number;
	/** The epoch target: the x-axis spans at least this many epochs. */
	epochTarget: number;
	/** The pinned curve, if any. */
	pinned: PinnedCurve | undefined;
	/** Columns available. */
	width: number;
	/** Rows available, plot and epoch axis. */
	height: number;
};

/**
 * Training and test MSE per epoch, the pinned curve behind them, ▲ under each change of η. Drawn again only
 * when its props change (a key that changes nothing here costs it nothing), as one text block.
 */
export const LossChart = memo(function LossChart({history, epochs, version, epochTarget, pinned, width, height}: LossChartProps) {
	const theme = useTheme();
	const lines = useMemo(() => {
		const train = history.column('train').subarray(0, epochs);
		const test = history.column('test').subarray(0, epochs);
		const series: ChartSeries[] = [
			...(pinned ? [{values: pinned.values, color: theme.chart.pinned}] : []),
			{values: test, color: theme.chart.test},
			{values: train, color: theme.chart.train},
		];
		const domain = Math.max(epochTarget, epochs, pinned?.values.length ?? 0);
		return plotLossChart({series, domain, learnRateChanges: learnRateChanges(history, epochs), width, height});
		// `version` stands for the history's contents, which change in place
	}, [history, epochs, version, epochTarget, pinned, width, height, theme]);
	return (
		<Box flexDirection="column" height={height}>
			<Text wrap="truncate">{lines.join('\n')}</Text>
		</Box>
	);
});

/** The epochs whose learning rate differs from the epoch before. */
function learnRateChanges(history: LossHistory, epochs: number): number[] {
	const rates = history.column('learnRate');
	const changes: number[] = [];
	for (let epoch = 1; epoch < epochs; epoch++) {
		if (rates[epoch] !== rates[epoch - 1]) {
			changes.push(epoch);
		}
	}

	return changes;
}
