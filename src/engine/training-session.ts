/**
 * A training run that every front end drives: advance by N epochs, read the state at any moment,
 * change learning rate, momentum, batch mode and epoch target while it continues from its current
 * weights, restart, reseed. Its weights and losses are never NaN: a run whose weights or loss stop
 * being finite is rolled back one epoch and stops as "diverged" (its last steps still show the one that
 * overflowed, for the screen to point at).
 */
import type {Examples} from '../data/dataset.js';
import {HiddenLayerNetwork, defaultHiddenCount} from './hidden-layer-network.js';
import {LossHistory} from './loss-history.js';
import {evaluate, type Evaluation, type Model, type ModelKind} from './model.js';
import {createRandom, type RandomKind} from './random.js';
import {SingleUnit} from './single-unit.js';
import {validateConfig, validateConfigForData} from './validate-config.js';
import {applyWeightSteps} from './weight-update.js';

export {ConfigError, validateConfig} from './validate-config.js';

/** How many records make one weight update: all of them, each one, or a fixed mini-batch size. */
export type BatchMode = 'full' | 'record' | number;

/** Everything that decides a run. */
export type SessionConfig = {
	/** Which model to train. */
	model: ModelKind;
	/** Hidden units (backprop only). */
	hidden: number;
	/** The epoch target: the run is done when it has trained this many epochs. */
	epochs: number;
	/** The learning rate η. */
	learnRate: number;
	/** Momentum β (0 is plain gradient descent, the lesson's). */
	momentum: number;
	/** Records per weight update. */
	batch: BatchMode;
	/** Seed of the initial weights. */
	seed: number | string;
	/** The generator that draws the initial weights. */
	rng: RandomKind;
};

/** The lesson's settings for each model. */
export const lessonDefaults: Record<ModelKind, Pick<SessionConfig, 'epochs' | 'learnRate' | 'seed' | 'hidden'>> = {
	single: {epochs: 1000, learnRate: 0.5, seed: 42, hidden: 0},
	backprop: {epochs: 900, learnRate: 0.005, seed: 21, hidden: defaultHiddenCount},
};

/** The lesson's full configuration for a model. */
export function lessonConfig(model: ModelKind): SessionConfig {
	return {model, ...lessonDefaults[model], momentum: 0, batch: 'full', rng: 'numpy'};
}

/** A setting changed while the run went on: replaying the changes at their epochs reproduces the run. */
export type ConfigChange = {
	/** Epochs trained when the change was made. */
	epoch: number;
	/** The settings that changed. */
	change: Partial<Pick<SessionConfig, 'learnRate' | 'momentum' | 'batch' | 'epochs'>>;
};

/** Where a run stands. */
export type SessionStatus = 'training' | 'done' | 'diverged';

/** The training and test records a session learns from. */
export type TrainingData = {
	/** Records the weights are fitted to. */
	train: Examples;
	/** Held-out records for test MSE and accuracy. */
	test: Examples;
};

/** A copy of a session's state at one moment, safe to keep. */
export type SessionSnapshot = {
	/** The configuration now in force. */
	config: SessionConfig;
	/** Epochs trained so far. */
	epoch: number;
	/** training, done or diverged. */
	status: SessionStatus;
	/** The epoch at which the run diverged, if it did. */
	divergedAt: number | undefined;
	/** The latest epoch whose training loss rose above the one before. */
	lossIncreasedAt: number | undefined;
	/** Training MSE now (before any training: of the initial weights). */
	trainLoss: number;
	/** Test MSE now. */
	testLoss: number;
	/** Test accuracy now. */
	testAccuracy: number;
	/** The weights now, flat in the model's layout. */
	weights: Float64Array;
	/** The weights the run started from. */
	initialWeights: Float64Array;
	/** The last change applied to each weight. */
	lastWeightStep: Float64Array;
	/** The last gradient of E = MSE/2 with respect to each weight (−Σδx/m). */
	gradient: Float64Array;
};

/** A run of gradient descent on one model. */
export class TrainingSession {
	readonly history = new LossHistory();
	private current: SessionConfig;
	private network!: Model;
	private initialWeights!: Float64Array;
	private weightSteps!: Float64Array;
	private lastWeightStep!: Float64Array;
	private gradient!: Float64Array;
	/** The weights before the epoch running, for rolling back one that diverged. */
	private previousWeights!: Float64Array;
	private latest!: Evaluation & {test: Evaluation};
	private trained = 0;
	private divergedAt: number | undefined;
	private lossIncreasedAt: number | undefined;
	private startConfig!: SessionConfig;
	private readonly changeLog: ConfigChange[] = [];

	constructor(readonly data: TrainingData, config: SessionConfig) {
		this.checked(config);
		this.current = {...config};
		this.restart();
	}

	/** The model being trained (its weights change as the run goes on). */
	get model(): Model {
		return this.network;
	}

	/** The configuration now in force. */
	get config(): SessionConfig {
		return {...this.current};
	}

	/** The configuration the run (since its last restart) started from. */
	get startingConfig(): SessionConfig {
		return {...this.startConfig};
	}

	/** Settings changed since the last restart, in order, with the epoch of each. */
	get changes(): readonly ConfigChange[] {
		return this.changeLog;
	}

	/** Epochs trained so far. */
	get epoch(): number {
		return this.trained;
	}

	/** training, done or diverged. */
	get status(): SessionStatus {
		if (this.divergedAt !== undefined) {
			return 'diverged';
		}

		return this.trained >= this.current.epochs ? 'done' : 'training';
	}

	/** Train up to `maxEpochs` more epochs, stopping at the target or on divergence; returns epochs run. */
	advance(maxEpochs = 1): number {
		let run = 0;
		while (run < maxEpochs && this.status === 'training') {
			this.runEpoch();
			run++;
		}

		return run;
	}

	/** Start again from the seed's initial weights, keeping the rest of the configuration. */
	restart(): void {
		const {model, hidden, seed, rng} = this.current;
		const random = createRandom(rng, seed);
		const featureCount = this.data.train.featureCount;
		this.network = model === 'single' ? SingleUnit.initial(featureCount, random) : HiddenLayerNetwork.initial(featureCount, hidden, random);
		const size = this.network.weights.length;
		this.initialWeights = this.network.weights.slice();
		this.weightSteps = new Float64Array(size);
		this.lastWeightStep = new Float64Array(size);
		this.gradient = new Float64Array(size);
		this.previousWeights = new Float64Array(size);
		this.history.clear();
		this.startConfig = {...this.current};
		this.changeLog.length = 0;
		this.trained = 0;
		this.divergedAt = undefined;
		this.lossIncreasedAt = undefined;
		this.latest = this.measure();
	}

	/** Restart from new initial weights drawn with another seed. */
	reseed(seed: number | string): void {
		this.current = validateConfig({...this.current, seed});
		this.restart();
	}

	/** Change η; the run continues from its current weights. */
	setLearnRate(learnRate: number): void {
		this.change({learnRate});
	}

	/** Change momentum β; the run continues from its current weights. */
	setMomentum(momentum: number): void {
		this.change({momentum});
	}

	/** Change how many records make an update; the run continues from its current weights. */
	setBatch(batch: BatchMode): void {
		this.change({batch});
	}

	/** Change the epoch target; raising it resumes a finished run. */
	setEpochTarget(epochs: number): void {
		this.change({epochs});
	}

	/**
	 * Apply settings that keep the current weights, and log them for replay. A diverged run trains no further
	 * until it restarts, so a change made to it (η lowered before r) is not logged: a replay tries the epoch
	 * that diverged again with the settings it diverged under, and a restart starts from the changed ones.
	 */
	change(change: ConfigChange['change']): void {
		this.current = validateConfig({...this.current, ...change});
		if (this.divergedAt === undefined) {
			this.changeLog.push({epoch: this.trained, change: {...change}});
		}
	}

	/** Change the number of hidden units; the network is rebuilt, so the run restarts. */
	setHidden(hidden: number): void {
		this.current = this.checked({...this.current, hidden});
		this.restart();
	}

	/** `config`, checked, with a network that is not too big for its data (a ConfigError otherwise, the run as it was). */
	private checked(config: SessionConfig): SessionConfig {
		return validateConfigForData(config, this.data.train.featureCount);
	}

	/** A copy of the state now. */
	snapshot(): SessionSnapshot {
		return {
			config: this.config,
			epoch: this.trained,
			status: this.status,
			divergedAt: this.divergedAt,
			lossIncreasedAt: this.lossIncreasedAt,
			trainLoss: this.latest.meanSquaredError,
			testLoss: this.latest.test.meanSquaredError,
			testAccuracy: this.latest.test.accuracy,
			weights: this.network.weights.slice(),
			initialWeights: this.initialWeights.slice(),
			lastWeightStep: this.lastWeightStep.slice(),
			gradient: this.gradient.slice(),
		};
	}

	private runEpoch(): void {
		const {train} = this.data;
		const {learnRate, momentum, batch} = this.current;
		const weights = this.network.weights;
		const steps = this.weightSteps;
		const batchSize = batch === 'full' ? train.rows : batch === 'record' ? 1 : Math.min(batch, train.rows);
		this.previousWeights.set(weights);
		for (let start = 0; start < train.rows; start += batchSize) {
			const end = Math.min(start + batchSize, train.rows);
			const records = end - start;
			steps.fill(0);
			this.network.accumulateWeightSteps(train, start, end, steps);
			applyWeightSteps(weights, steps, records, learnRate, momentum, this.lastWeightStep);
			for (let index = 0; index < weights.length; index++) {
				this.gradient[index] = -steps[index]! / records;
			}
		}

		const measured = this.measure();
		if (!Number.isFinite(measured.meanSquaredError) || !weights.every(Number.isFinite)) {
			// the weights go back; the last steps and gradient stay those of the epoch that overflowed, so the
			// screen can show where it blew up (a diverged run trains no further until it restarts)
			weights.set(this.previousWeights);
			this.divergedAt = this.trained;
			return;
		}

		const previousLoss = this.latest.meanSquaredError;
		if (this.trained > 0 && measured.meanSquaredError > previousLoss) {
			this.lossIncreasedAt = this.trained;
		}

		this.latest = measured;
		this.history.push(measured.meanSquaredError, measured.test.meanSquaredError, measured.test.accuracy, learnRate);
		this.trained++;
	}

	private measure(): Evaluation & {test: Evaluation} {
		return {...evaluate(this.network, this.data.train), test: evaluate(this.network, this.data.test)};
	}
}
