/**
 * Show a training run: tell it to run while the screen wants it to, and republish its state whenever it
 * has news (the status at the run's stats cadence, the chart less often), so a frame changes only where
 * the numbers did. The run trains by itself: in slices on this thread, or in a worker.
 */
import {useCallback, useLayoutEffect, useRef, useState} from 'react';
import type {SessionSnapshot} from '../../engine/training-session.js';
import type {RunSession} from '../run-session.js';
import {chartIntervalMs} from '../training-cadence.js';
import type {ReplayProgress} from '../training-loop.js';

/** What a screen shows of a training run. */
export type Training = {
	/** The run's state at the last publication. */
	snapshot: SessionSnapshot;
	/** Epochs of history the chart shows (it lags the snapshot by up to chartIntervalMs). */
	chartEpochs: number;
	/** Goes up each time the chart's data is republished. */
	chartVersion: number;
	/** Epochs per second over the last measuring window; 0 when not training or not measured yet. */
	epochsPerSecond: number;
	/** How far the replay of a saved run has come, while it goes on. */
	loading: ReplayProgress | undefined;
	/** Why training stopped for good, if it did. */
	failure: string | undefined;
	/** Whether a restart is asked for and the old run still on show (a training thread finishing its epoch). */
	restarting: boolean;
	/** Whether the snapshot is the run as every key so far left it (RunSession.caughtUp), read with it. */
	caughtUp: boolean;
	/** Re-read the run now (after a key changed it). */
	refresh: () => void;
};

type Published = Omit<Training, 'refresh'>;

/** Run `session` while `running`; publish its state for the screen. */
export function useTraining(session: RunSession, running: boolean): Training {
	const [published, setPublished] = useState<Published>(() => read(session, 0));
	const publish = useCallback((withChart: boolean) => {
		setPublished(previous => withChart ? read(session, previous.chartVersion + 1) : {...read(session, previous.chartVersion), chartEpochs: previous.chartEpochs});
	}, [session]);

	// read by the listener: news while paused (a key's effect arriving from a worker) always reach the chart
	const runningNow = useRef(running);
	runningNow.current = running;
	// layout effects run as the frame commits: the run is listened to before it starts, and the frame
	// that shows "paused" stops it before another epoch can slip in
	useLayoutEffect(() => {
		let lastChart = performance.now();
		return session.subscribe(() => {
			const now = performance.now();
			const withChart = !runningNow.current || session.status !== 'training' || now - lastChart >= chartIntervalMs;
			if (withChart) {
				lastChart = now;
			}

			publish(withChart);
		});
	}, [session, publish]);

	useLayoutEffect(() => {
		session.setRunning(running);
		publish(true);
		return () => {
			session.setRunning(false);
		};
	}, [session, running, publish]);

	// a key's change shows at once; the chart waits for its cadence while the run trains (redrawing it is
	// most of a frame), unless the key emptied it (a restart)
	const refresh = useCallback(() => {
		publish(!runningNow.current || session.status !== 'training' || session.history.length < published.chartEpochs);
	}, [publish, session, published.chartEpochs]);

	return {...published, refresh};
}

function read(session: RunSession, chartVersion: number): Published {
	return {
		snapshot: session.snapshot(),
		chartEpochs: session.history.length,
		chartVersion,
		epochsPerSecond: session.epochsPerSecond,
		loading: session.loading,
		failure: session.failure,
		restarting: session.restarting,
		caughtUp: session.caughtUp,
	};
}
