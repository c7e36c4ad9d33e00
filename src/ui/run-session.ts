/**
 * The run a training screen shows and drives. Small data trains on the render thread (LocalRunSession);
 * big data trains in a worker thread whose state the main thread mirrors (WorkerRunSession). Screens
 * see the same surface either way.
 */
import type {LossHistory} from '../engine/loss-history.js';
import type {BatchMode, ConfigChange, SessionConfig, SessionSnapshot, SessionStatus} from '../engine/training-session.js';
import type {SaveLog} from './save-log.js';
import type {ReplayProgress} from './training-loop.js';

/** A run saved to disk. */
export type SavedRun = {
	/** The file written. */
	path: string;
	/** Epochs the saved run had trained. */
	epochs: number;
	/** True when it replaced a run saved there earlier (the message line says so). */
	replaced: boolean;
};

/** One model's run as the dashboard sees it. */
export type RunSession = {
	/** Per-epoch figures so far (a mirror's may lag the run by one publication). */
	readonly history: LossHistory;
	/** The configuration in force, including changes the run has been asked for and not yet shown. */
	readonly config: SessionConfig;
	/** training, done or diverged. */
	readonly status: SessionStatus;
	/** Epochs trained so far. */
	readonly epoch: number;
	/** The configuration the run started from (since its last restart). */
	readonly startingConfig: SessionConfig;
	/** Setting changes since the last restart, with their epochs. */
	readonly changes: readonly ConfigChange[];
	/** Epochs per second while training; 0 otherwise. */
	readonly epochsPerSecond: number;
	/** While a saved run is replayed, how far it has come; keys that change the run wait until it is back. */
	readonly loading: ReplayProgress | undefined;
	/** Why training stopped for good (the training thread failed), in one line; undefined while all is well. */
	readonly failure: string | undefined;
	/**
	 * Whether a restart (r, s, + or −) was asked for and the run on show is still the old one: a training
	 * thread takes it once the epoch under way ends, seconds later on a big network.
	 */
	readonly restarting: boolean;
	/**
	 * Whether what is on show is the run as every key so far left it: always, trained on this thread; a
	 * training thread's run once it has taken every command sent (a pause, a step) and said where it stands.
	 */
	readonly caughtUp: boolean;
	/** The run's state now. */
	snapshot(): SessionSnapshot;
	/** Train continuously while `running` and the run is not done. */
	setRunning(running: boolean): void;
	/** Train one epoch (a worker's run does it as soon as its epoch under way ends). */
	step(): void;
	/** Change η; the run continues from its current weights. */
	setLearnRate(learnRate: number): void;
	/** Change momentum β. */
	setMomentum(momentum: number): void;
	/** Change how many records make an update. */
	setBatch(batch: BatchMode): void;
	/** Change the epoch target; raising it resumes a finished run. */
	setEpochTarget(epochs: number): void;
	/** Change the number of hidden units; the run restarts. */
	setHidden(hidden: number): void;
	/** Start again from the seed's initial weights. */
	restart(): void;
	/** Restart from weights drawn with another seed. */
	reseed(seed: number | string): void;
	/** Save the run to `path` (atomically, never over a file gdlab did not write); resolves when the file is written. */
	save(path: string): Promise<SavedRun>;
	/** The saves asked for: how each ended, and a wait for those still being written. */
	readonly saves: SaveLog;
	/** Be told when there is something new to show; returns the function that stops telling. */
	subscribe(listener: () => void): () => void;
	/** Stop training for good and let go of any thread, once every save asked for is written; resolves when it is gone. */
	close(): Promise<void>;
};
