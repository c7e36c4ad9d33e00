/**
 * Train a session without ever blocking the keyboard: the engine advances in slices of about
 * `sliceBudgetMs`, each scheduled with setImmediate so key presses are read between slices. Figures
 * are published at a steady cadence (the chart less often than the status), so a frame changes only
 * where the numbers did.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {SessionSnapshot, TrainingSession} from '../../engine/training-session.js';

/** Time one slice of training may take before input gets its turn. */
export const sliceBudgetMs = 5;
/** How often status and tables are refreshed while training. */
export const statsIntervalMs = 100;
/** How often the chart is redrawn while training. */
export const chartIntervalMs = 250;
/** The window epochs per second are measured over. */
export const rateWindowMs = 500;

/** What a screen shows of a training run. */
export type Training = {
	/** The session's state at the last publication. */
	snapshot: SessionSnapshot;
	/** Epochs of history the chart shows (it lags the snapshot by up to chartIntervalMs). */
	chartEpochs: number;
	/** Goes up each time the chart's data is republished. */
	chartVersion: number;
	/** Epochs per second over the last measuring window; 0 when not training or not measured yet. */
	epochsPerSecond: number;
	/** Re-read the session now (after a key changed it) and carry on training if it can. */
	refresh: () => void;
};

type Published = Omit<Training, 'refresh'>;

/** Run `session` while `running`; publish its state for the screen. */
export function useTraining(session: TrainingSession, running: boolean): Training {
	const rate = useRef(0);
	// read by the training slices: a render that shows "paused" stops them at once, before effects catch up
	const runningNow = useRef(running);
	runningNow.current = running;
	const [published, setPublished] = useState<Published>(() => read(session, 0, 0));
	const kick = useRef(() => {});

	const publish = useCallback((withChart: boolean) => {
		setPublished(previous => withChart
			? read(session, previous.chartVersion + 1, rate.current)
			: {...previous, snapshot: session.snapshot(), epochsPerSecond: rate.current});
	}, [session]);

	useEffect(() => {
		if (!running) {
			rate.current = 0;
			publish(true);
			return;
		}

		let timer: NodeJS.Immediate | undefined;
		// the first slice publishes at once, so a fresh run shows its first epochs without waiting a cadence
		let lastStats = Number.NEGATIVE_INFINITY;
		let lastChart = Number.NEGATIVE_INFINITY;
		let windowStart = performance.now();
		let windowEpochs = 0;
		const slice = () => {
			timer = undefined;
			if (!runningNow.current) {
				return;
			}

			const start = performance.now();
			let now = start;

			while (session.status === 'training' && now - start < sliceBudgetMs) {
				windowEpochs += session.advance(1);
				now = performance.now();
			}

			if (now - windowStart >= rateWindowMs) {
				rate.current = (windowEpochs * 1000) / (now - windowStart);
				windowStart = now;
				windowEpochs = 0;
			}

			const finished = session.status !== 'training';
			if (finished) {
				rate.current = 0;
			}

			if (finished || now - lastStats >= statsIntervalMs) {
				const withChart = finished || now - lastChart >= chartIntervalMs;
				publish(withChart);
				lastStats = now;
				lastChart = withChart ? now : lastChart;
			}

			if (!finished) {
				timer = setImmediate(slice);
			}
		};

		kick.current = () => {
			if (timer === undefined && session.status === 'training') {
				windowStart = performance.now();
				windowEpochs = 0;
				timer = setImmediate(slice);
			}
		};

		kick.current();
		return () => {
			if (timer !== undefined) {
				clearImmediate(timer);
			}

			kick.current = () => {};
		};
	}, [session, running, publish]);

	const refresh = useCallback(() => {
		publish(true);
		kick.current();
	}, [publish]);

	return {...published, refresh};
}

function read(session: TrainingSession, chartVersion: number, epochsPerSecond: number): Published {
	return {snapshot: session.snapshot(), chartEpochs: session.history.length, chartVersion, epochsPerSecond};
}
