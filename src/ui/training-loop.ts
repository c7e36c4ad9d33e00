/**
 * Train a session without ever blocking its thread for long: epochs run in slices of about
 * `sliceBudgetMs`, each scheduled with setImmediate so input (keys on the main thread, commands in a
 * worker) is read between slices. It publishes at a steady cadence, measures epochs per second, and can
 * first replay a saved run: the same setting changes at the same epochs, as replayRun applies them.
 */
import type {ConfigChange, TrainingSession} from '../engine/training-session.js';
import {rateWindowMs} from './training-cadence.js';

/** A saved run to bring back: its setting changes with their epochs, and the epochs it had trained. */
export type ReplayPlan = {
	/** Setting changes, in order, each with the epoch it was made at. */
	changes: readonly ConfigChange[];
	/** Epochs the saved run had trained. */
	epochs: number;
	/** Whether it had diverged there: it then tries the next epoch again, which diverges as it did, as replayRun does. */
	diverged?: boolean;
};

/** How far a replay has come. */
export type ReplayProgress = {
	/** Epochs replayed so far. */
	epoch: number;
	/** Epochs to replay. */
	epochs: number;
};

/** A wait between two slices longer than this (the thread busy elsewhere) starts the speed's measuring window afresh. */
const maxSliceGapMs = 100;

/** How a loop paces itself. */
export type LoopPacing = {
	/** Time one slice may take before the thread reads its input. */
	sliceBudgetMs: number;
	/** Least time between two publications while training. */
	publishIntervalMs: number;
};

/** Runs one session's epochs while it is told to run (and always while replaying). */
export class TrainingLoop {
	private running = false;
	private timer: NodeJS.Immediate | undefined;
	private rate = 0;
	/** When the measuring window began; undefined until a slice begins one. */
	private windowStart: number | undefined;
	private windowEpochs = 0;
	/** When the last slice ended: a longer wait until the next is not the training's. */
	private lastSliceEnd = Number.NEGATIVE_INFINITY;
	private lastPublished = Number.NEGATIVE_INFINITY;
	private replay: {changes: ConfigChange[]; epochs: number; diverged: boolean} | undefined;

	/** `publish` is called at the cadence while training, and once when training stops. */
	constructor(readonly session: TrainingSession, private readonly publish: () => void, private readonly pacing: LoopPacing) {}

	/** Epochs per second over the last measuring window; 0 when not training or not measured yet. */
	get epochsPerSecond(): number {
		return this.rate;
	}

	/** How far the replay of a saved run has come, while it goes on. */
	get loading(): ReplayProgress | undefined {
		return this.replay && {epoch: this.session.epoch, epochs: this.replay.epochs};
	}

	/** Replay a saved run from the session's start; it trains whether or not the loop is told to run. */
	startReplay(plan: ReplayPlan): void {
		this.replay = {changes: [...plan.changes], epochs: plan.epochs, diverged: plan.diverged ?? false};
		this.resume();
	}

	/** Train (while the run is not done) or stop after the epoch under way. */
	setRunning(running: boolean): void {
		this.running = running;
		if (running) {
			this.resume();
		} else if (this.replay === undefined) {
			this.halt();
		}
	}

	/** Carry on after a setting changed (a raised epoch target, a restart), if the loop should be training. */
	resume(): void {
		if (this.timer === undefined && this.wantsToTrain()) {
			this.windowStart = undefined;
			this.windowEpochs = 0;
			// the first slice publishes at once, so a fresh run shows its first epochs without waiting a cadence
			this.lastPublished = Number.NEGATIVE_INFINITY;
			this.timer = setImmediate(this.slice);
		}
	}

	/** The run started again (restart, new seed, other hidden units): the old run's speed no longer says anything. */
	restarted(): void {
		this.rate = 0;
		this.windowStart = undefined;
		this.windowEpochs = 0;
		this.resume();
	}

	/** Stop for good: no slice runs after this. */
	dispose(): void {
		this.running = false;
		this.replay = undefined;
		this.halt();
	}

	private halt(): void {
		if (this.timer !== undefined) {
			clearImmediate(this.timer);
			this.timer = undefined;
			this.rate = 0;
			this.publish();
		}
	}

	private wantsToTrain(): boolean {
		return this.replay !== undefined || (this.running && this.session.status === 'training');
	}

	private readonly slice = () => {
		this.timer = undefined;
		const start = performance.now();
		// the speed is measured from a slice: not over the start-up before the first one (loading, the first
		// frame), nor over a wait the thread spent elsewhere (a big save), which would show it far too low
		if (this.windowStart === undefined || start - this.lastSliceEnd > maxSliceGapMs) {
			this.windowStart = start;
			this.windowEpochs = 0;
		}

		let now = start;
		const replaying = this.replay !== undefined;
		let replayEnded = false;
		while (this.wantsToTrain() && now - start < this.pacing.sliceBudgetMs) {
			this.windowEpochs += this.replay ? this.replayEpoch() : this.session.advance(1);
			now = performance.now();
			if (replaying && this.replay === undefined) {
				// the run is back where it was saved: show it there (the load check reads it) before training on
				replayEnded = true;
				break;
			}
		}

		if (now - this.windowStart >= rateWindowMs) {
			this.rate = (this.windowEpochs * 1000) / (now - this.windowStart);
			this.windowStart = now;
			this.windowEpochs = 0;
		}

		this.lastSliceEnd = now;
		const stopped = !this.wantsToTrain();
		if (stopped) {
			this.rate = 0;
		}

		if (stopped || replayEnded || now - this.lastPublished >= this.pacing.publishIntervalMs) {
			this.lastPublished = now;
			this.publish();
		}

		if (!stopped) {
			this.timer = setImmediate(this.slice);
		}
	};

	/** One step of the replay: each change once the run reaches its epoch (or can go no further), then an epoch. */
	private replayEpoch(): number {
		const {session} = this;
		const replay = this.replay!;
		let next = replay.changes[0];
		// as replayRun: a run that stopped (diverged) takes the remaining changes where it stands
		while (next !== undefined && (next.epoch <= session.epoch || session.status !== 'training')) {
			session.change(next.change);
			replay.changes.shift();
			next = replay.changes[0];
		}

		if (session.epoch >= replay.epochs || session.status !== 'training') {
			if (replay.diverged && session.status === 'training') {
				// the epoch it diverged in, rolled back as then: the run shows diverged where it was saved
				session.advance(1);
			}

			this.replay = undefined;
			return 0;
		}

		return session.advance(1);
	}
}
