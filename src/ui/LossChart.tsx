import {Box, Text} from 'ink';
import {memo, useMemo, useRef} from 'react';
import type {LossHistory} from '../engine/loss-history.js';
import {useTheme} from './hooks/use-theme.js';
import {chartDomain, LossChartPlot, type ChartSeries} from './plot-loss-chart.js';

/** A pinned training curve, drawn in grey behind the live run. */
export type PinnedCurve = {
	/** Training MSE per epoch at the moment it was pinned. */
	values: Float64Array;
	/** What the run was, for the legend (e.g. "η 0.5 seed 42"). */
	label: string;
	/** The same in the narrow legend's words (b32 for mini-batch 32); the label when absent. */
	shortLabel?: string;
};

/** Props of LossChart. */
export type LossChartProps = {
	/** The run's history. */
	history: LossHistory;
	/** How many epochs of it to draw. */
	epochs: number;
	/** Changes whenever the history's data may have changed (a restart keeps the length but not the values). */
	version: number;
	/** The epoch target: the x-axis grows to span it as the run trains (chartDomain). */
	epochTarget: number;
	/** The pinned curve, if any. */
	pinned: PinnedCurve | undefined;
	/** Columns available. */
	width: number;
	/** Rows available, plot and epoch axis. */
	height: number;
};

/** What a chart keeps between frames while its history only grows: the plot's data and the changes of η found so far. */
type ChartCache = {
	/** What it was made for: the history (and its generation), the room, the domain and the pinned curve. */
	history: LossHistory;
	generation: number;
	width: number;
	height: number;
	domain: number;
	pinned: PinnedCurve | undefined;
	plot: LossChartPlot;
	/** Epochs whose learning rate differs from the epoch before, among the first `scanned`. */
	learnRateChanges: number[];
	scanned: number;
};

/**
 * Training and test MSE per epoch, the pinned curve behind them, ▲ under each change of η. Drawn again only
 * when its props change (a key that changes nothing here costs it nothing), as one text block. Between
 * restarts a frame takes in only the epochs recorded since the last one (LossChartPlot).
 */
export const LossChart = memo(function LossChart({history, epochs, version, epochTarget, pinned, width, height}: LossChartProps) {
	const theme = useTheme();
	const cache = useRef<ChartCache | undefined>(undefined);
	const lines = useMemo(() => {
		const domain = chartDomain(epochs, epochTarget, pinned?.values.length);
		const known = cache.current;
		const current = known && known.history === history && known.generation === history.generation && known.width === width
			&& known.height === height && known.domain === domain && known.pinned === pinned && known.scanned <= epochs
			? known
			: {history, generation: history.generation, width, height, domain, pinned, plot: new LossChartPlot(domain, width, height), learnRateChanges: [], scanned: 0};
		cache.current = current;
		const rates = history.column('learnRate');
		for (let epoch = Math.max(1, current.scanned); epoch < epochs; epoch++) {
			if (rates[epoch] !== rates[epoch - 1]) {
				current.learnRateChanges.push(epoch);
			}
		}

		current.scanned = Math.max(current.scanned, epochs);
		const series: ChartSeries[] = [
			...(pinned ? [{values: pinned.values.subarray(0, domain), color: theme.chart.pinned, glyphs: theme.glyphs.pinned}] : []),
			{values: history.column('test').subarray(0, epochs), color: theme.chart.test, glyphs: theme.glyphs.test},
			{values: history.column('train').subarray(0, epochs), color: theme.chart.train, glyphs: theme.glyphs.train},
		];
		return current.plot.draw(series, current.learnRateChanges);
		// `version` stands for the history's contents, which change in place
	}, [history, epochs, version, epochTarget, pinned, width, height, theme]);
	return (
		<Box flexDirection="column" height={height}>
			<Text wrap="truncate">{lines.join('\n')}</Text>
		</Box>
	);
});
