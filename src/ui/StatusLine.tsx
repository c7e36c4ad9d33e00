import {Box, Text} from 'ink';
import type {SessionSnapshot} from '../engine/training-session.js';
import type {PinnedCurve} from './LossChart.js';
import {formatAccuracy, formatBatch, formatBatchShort, formatNumber, formatRate, formatSetting} from './format-number.js';
import {useTheme} from './hooks/use-theme.js';
import {learnRateMark} from './plot-loss-chart.js';
import type {RunState} from './run-state.js';
import {displayWidth} from './text-width.js';

/** Props of StatusLine. */
export type StatusLineProps = {
	/** The model's name, e.g. "Single unit" or "Backprop 6×2×1". */
	title: string;
	/** The run's state now. */
	snapshot: SessionSnapshot;
	/** running, paused, done, diverged, loading or stopped. */
	state: RunState;
	/** Epochs per second while running (0 until measured). */
	epochsPerSecond: number;
	/** The pinned curve, whose label the legend shows (its short one on a narrow line). */
	pinned: Pick<PinnedCurve, 'label' | 'shortLabel'> | undefined;
	/** Whether η changed during the run, so the chart has ▲ marks for the legend to explain. */
	learnRateChanged: boolean;
	/** Columns available. */
	width: number;
};

/**
 * What follows the title and state: η, β, the batch, the epoch counter and the speed, as many as fit. A
 * narrow terminal drops the speed first, then shortens the settings (`η 0.005 β 0.9 b32`) and the counter
 * (`62804/100000`) before it drops any of them: at 60 columns every setting that moves the numbers shows.
 * The counter goes last, so the narrowest still shows progress.
 */
function settingsText({title, state, snapshot, epochsPerSecond, width}: Pick<StatusLineProps, 'title' | 'state' | 'snapshot' | 'epochsPerSecond' | 'width'>): string {
	const {config} = snapshot;
	const settings = [`η ${formatSetting(config.learnRate)}`, `β ${formatSetting(config.momentum)}`, formatBatch(config.batch)];
	const compact = [...settings.slice(0, 2), formatBatchShort(config.batch)];
	// a run ended below the epochs it trained (↓ past them: done where it stands) shows no epoch over its target
	const pastTarget = snapshot.epoch > config.epochs;
	const counter = pastTarget ? `${snapshot.epoch} (target ${config.epochs})` : `${snapshot.epoch}/${config.epochs}`;
	const progress = `epoch ${counter}`;
	const running = (state === 'running' || state === 'loading') && epochsPerSecond > 0;
	const speeds = running ? [`${formatRate(epochsPerSecond)} epochs/s`, `${formatRate(epochsPerSecond)}/s`] : [];
	const choices = [
		...speeds.map(speed => [...settings, progress, speed]),
		[...settings, progress],
		[compact.join(' '), progress],
		...[3, 2, 1].map(kept => [compact.slice(0, kept).join(' '), counter]),
		[counter],
	];
	const room = width - displayWidth(`${title}  ${state}`);
	const text = (parts: string[]) => parts.map(part => `  ${part}`).join('');
	return text(choices.find(parts => displayWidth(text(parts)) <= room) ?? choices.at(-1)!);
}

/** Two lines: the settings and progress of the run, then its losses (coloured like their curves, so they double as the legend). */
export function StatusLine({title, snapshot, state, epochsPerSecond, pinned, learnRateChanged, width}: StatusLineProps) {
	const theme = useTheme();
	const stateColor = {running: theme.accent, paused: theme.warning, done: theme.accent, diverged: theme.failure, loading: theme.accent, restarting: theme.warning, stopped: theme.failure}[state];
	const settings = settingsText({title, state, snapshot, epochsPerSecond, width});
	// the loss line doubles as the chart's legend; on narrow terminals it drops "MSE" and shortens the rest
	const lossLine = (compact: boolean) => ({
		train: `${theme.marks.train} train${compact ? '' : ' MSE'} ${formatNumber(snapshot.trainLoss)}`,
		test: `${theme.marks.test} test${compact ? '' : ' MSE'} ${formatNumber(snapshot.testLoss)}`,
		accuracy: `${compact ? 'acc' : 'accuracy'} ${formatAccuracy(snapshot.testAccuracy)}`,
		pinned: pinned === undefined ? '' : `${theme.marks.pinned} pinned ${compact ? pinned.shortLabel ?? pinned.label : pinned.label}`,
		mark: learnRateChanged ? `${learnRateMark} η${compact ? '' : ' changed'}` : '',
	});
	const full = lossLine(false);
	const losses = displayWidth(Object.values(full).filter(Boolean).join('  ')) <= width ? full : lossLine(true);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>{title}</Text>
				{'  '}
				<Text bold color={stateColor}>{state}</Text>
				{settings}
			</Text>
			{/* two spaces between the parts, none after the last (trailing spaces would count towards the cut) */}
			<Text wrap="truncate">
				<Text color={theme.train}>{losses.train}</Text>
				{'  '}
				<Text color={theme.test}>{losses.test}</Text>
				{`  ${losses.accuracy}`}
				{/* ▲'s key before the pinned label, which may be long and is cut first */}
				{losses.mark !== '' && `  ${losses.mark}`}
				{losses.pinned !== '' && <Text color={theme.pinned}>{`  ${losses.pinned}`}</Text>}
			</Text>
		</Box>
	);
}
