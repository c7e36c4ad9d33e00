/**
 * A run on the render thread, for data small enough that an epoch takes a fraction of a frame: the
 * engine's TrainingSession trained in slices between key presses. Changes apply at once.
 */
import type {Dataset} from '../data/dataset.js';
import {buildRunRecord, writeRunFileInTurns, type RunRecord, type RunSource} from '../data/run-file.js';
import type {LossHistory} from '../engine/loss-history.js';
import {TrainingSession, type BatchMode, type ConfigChange, type SessionConfig, type SessionSnapshot, type SessionStatus, type TrainingData} from '../engine/training-session.js';
import type {RunSession, SavedRun} from './run-session.js';
import {SaveLog} from './save-log.js';
import {sliceBudgetMs, statsIntervalMs} from './training-cadence.js';
import {TrainingLoop, type ReplayPlan, type ReplayProgress} from './training-loop.js';

/** What a run needs besides its configuration: its data, and what a saved run says about it. */
export type RunContext = {
	/** The records it trains and tests on. */
	data: TrainingData;
	/** The dataset they come from (its name, file and size go into a saved run). */
	dataset: Dataset;
	/** How the data was chosen, for a saved run. */
	source: RunSource;
};

/** A run trained on this thread. */
export class LocalRunSession implements RunSession {
	/** The engine's session (tests look behind the screen through it). */
	readonly engine: TrainingSession;
	/** A run on this thread has no training thread to lose. */
	readonly failure = undefined;
	readonly saves = new SaveLog();
	private readonly loop: TrainingLoop;
	private readonly listeners = new Set<() => void>();
	private closed = false;

	/** Start the run; with `replay`, first bring back a saved run (in slices, as training goes). */
	constructor(private readonly context: RunContext, config: SessionConfig, replay?: ReplayPlan) {
		this.engine = new TrainingSession(context.data, config);
		this.loop = new TrainingLoop(this.engine, () => {
			this.tell();
		}, {sliceBudgetMs, publishIntervalMs: statsIntervalMs});
		if (replay) {
			this.loop.startReplay(replay);
		}
	}

	get history(): LossHistory {
		return this.engine.history;
	}

	get config(): SessionConfig {
		return this.engine.config;
	}

	get status(): SessionStatus {
		return this.engine.status;
	}

	get epoch(): number {
		return this.engine.epoch;
	}

	get startingConfig(): SessionConfig {
		return this.engine.startingConfig;
	}

	get changes(): readonly ConfigChange[] {
		return this.engine.changes;
	}

	get epochsPerSecond(): number {
		return this.loop.epochsPerSecond;
	}

	get loading(): ReplayProgress | undefined {
		return this.loop.loading;
	}

	/** Trained on this thread: what is on show is the run as it stands. */
	get caughtUp(): boolean {
		return true;
	}

	/** A restart here is made at once. */
	get restarting(): boolean {
		return false;
	}

	snapshot(): SessionSnapshot {
		return this.engine.snapshot();
	}

	setRunning(running: boolean): void {
		this.loop.setRunning(running);
	}

	step(): void {
		this.engine.advance(1);
	}

	setLearnRate(learnRate: number): void {
		this.engine.setLearnRate(learnRate);
	}

	setMomentum(momentum: number): void {
		this.engine.setMomentum(momentum);
	}

	setBatch(batch: BatchMode): void {
		this.engine.setBatch(batch);
	}

	setEpochTarget(epochs: number): void {
		this.engine.setEpochTarget(epochs);
		this.loop.resume();
	}

	setHidden(hidden: number): void {
		this.engine.setHidden(hidden);
		// once taken: a number of hidden units the engine refuses leaves the run as it was
		this.saves.restarted();
		this.loop.restarted();
	}

	restart(): void {
		this.engine.restart();
		this.saves.restarted();
		this.loop.restarted();
	}

	reseed(seed: number | string): void {
		// once taken, as for the hidden units
		this.engine.reseed(seed);
		this.saves.restarted();
		this.loop.restarted();
	}

	async save(path: string): Promise<SavedRun> {
		// the run as it stands now: a key typed after w in the same burst (r, +, →) must not change what is saved
		const record = buildRunRecord(this.engine, this.context.dataset, this.context.source);
		return this.saves.track(path, this.write(path, record));
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	async close(): Promise<void> {
		await this.saves.settled();
		this.closed = true;
		this.listeners.clear();
		this.loop.dispose();
	}

	private async write(path: string, record: RunRecord): Promise<SavedRun> {
		// a turn of the event loop first, so the screen says "saving…" before a long history keeps this thread busy
		await new Promise(resolve => {
			setTimeout(resolve, 0);
		});
		if (this.closed) {
			throw new Error('the dashboard closed before the run was saved');
		}

		// written in turns, the screen live meanwhile; quitting waits for it (close), and an interrupt finds the file as it was
		const replaced = await writeRunFileInTurns(path, record);
		return {path, epochs: record.epochs, replaced};
	}

	private tell(): void {
		for (const listener of this.listeners) {
			listener();
		}
	}
}
