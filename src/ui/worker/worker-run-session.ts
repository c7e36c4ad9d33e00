/**
 * A run trained in a worker thread, seen from the main thread: a mirror of the worker's session with
 * the surface the screens use. The worker posts its state at the stats cadence and after each command;
 * meanwhile the mirror shows the settings a key asked for at once (η, β, batch, epoch target), so a
 * key is on screen before the worker's epoch under way has ended.
 */
import {Worker} from 'node:worker_threads';
import {describeDataset} from '../../data/dataset.js';
import {writeRunFileInTurns, type RunRecord} from '../../data/run-file.js';
import {preferredKernelSigmoid} from '../../engine/kernels/fast-epoch.js';
import {recordMemoryOf} from '../../engine/kernels/record-memory.js';
import {LossHistory} from '../../engine/loss-history.js';
import type {BatchMode, ConfigChange, SessionConfig, SessionSnapshot, SessionStatus} from '../../engine/training-session.js';
import {validateConfigForData} from '../../engine/validate-config.js';
import type {RunContext} from '../local-run-session.js';
import type {RunSession, SavedRun} from '../run-session.js';
import {SaveLog} from '../save-log.js';
import type {ReplayPlan, ReplayProgress} from '../training-loop.js';
import type {FromWorker, RunCommand, RunUpdate, ToWorker, WorkerStart} from './training-messages.js';

/** The worker's script, beside this file once compiled. */
export const sessionWorkerUrl = new URL('session-worker.js', import.meta.url);

/** A command the worker has not yet confirmed, and what it does to the configuration meanwhile. */
type Pending = {
	sequence: number;
	effect: (config: SessionConfig) => SessionConfig;
	/** Whether it restarts the run. */
	restarts: boolean;
};

/** Waiting for the worker's saved-run record. */
type RecordRequest = {resolve: (record: RunRecord) => void; reject: (error: Error) => void};

/** A run trained in a worker thread. */
export class WorkerRunSession implements RunSession {
	/** Start a worker on the context's data; resolves once it has posted its first state. */
	static async start(context: RunContext, config: SessionConfig, replay?: ReplayPlan, script: URL = sessionWorkerUrl): Promise<WorkerRunSession> {
		const {train, test} = context.data;
		const memory = recordMemoryOf(train);
		const recordMemory = memory && recordMemoryOf(test) === memory ? memory : undefined;
		const start: WorkerStart = {dataset: describeDataset(context.dataset), train, test, source: context.source, config, replay, kernelSigmoid: preferredKernelSigmoid(), recordMemory};
		// its own output is captured: a stray warning must not land in the middle of a frame
		const worker = new Worker(script, {workerData: start, execArgv: [], stdout: true, stderr: true});
		worker.stdout.resume();
		worker.stderr.resume();
		const first = await new Promise<RunUpdate>((resolve, reject) => {
			const onMessage = (message: FromWorker) => {
				if (message.type === 'update') {
					worker.off('error', onError).off('exit', onExit);
					resolve(message);
				}
			};

			const onError = (error: Error) => {
				reject(new Error(`the training thread could not start: ${firstLine(error.message)}`));
			};

			const onExit = (code: number) => {
				reject(new Error(`the training thread could not start (exit code ${code})`));
			};

			worker.once('message', onMessage).once('error', onError).once('exit', onExit);
		}).catch(async (error: unknown) => {
			await worker.terminate();
			throw error;
		});
		return new WorkerRunSession(worker, first, train.featureCount);
	}

	readonly history = new LossHistory();
	readonly saves = new SaveLog();
	private latest: RunUpdate;
	private generation = -1;
	private pending: Pending[] = [];
	private sent = 0;
	private running = false;
	private reason: string | undefined;
	private closing = false;
	private nextRequest = 1;
	private readonly requests = new Map<number, RecordRequest>();
	private readonly listeners = new Set<() => void>();
	private readonly waiting: Array<{sequence: number; resolve: () => void}> = [];

	private constructor(private readonly worker: Worker, first: RunUpdate, private readonly featureCount: number) {
		this.latest = first;
		this.take(first);
		worker.on('message', (message: FromWorker) => {
			this.receive(message);
		});
		worker.on('error', error => {
			this.fail(firstLine(error.message));
		});
		worker.on('messageerror', error => {
			this.fail(firstLine(error.message));
		});
		worker.on('exit', code => {
			if (!this.closing) {
				this.fail(`the training thread exited (code ${code})`);
			}
		});
	}

	get config(): SessionConfig {
		let config = this.latest.snapshot.config;
		for (const {effect} of this.pending) {
			config = effect(config);
		}

		return config;
	}

	get caughtUp(): boolean {
		return this.latest.sequence >= this.sent;
	}

	get restarting(): boolean {
		return this.pending.some(command => command.restarts);
	}

	get status(): SessionStatus {
		const {snapshot} = this.latest;
		if (this.restarting) {
			return 'training';
		}

		if (snapshot.divergedAt !== undefined) {
			return 'diverged';
		}

		return snapshot.epoch >= this.config.epochs ? 'done' : 'training';
	}

	/** Epochs trained; 0 once a restart is asked for (what keys pressed meanwhile act on), before the worker has it. */
	get epoch(): number {
		return this.restarting ? 0 : this.latest.snapshot.epoch;
	}

	get startingConfig(): SessionConfig {
		return this.latest.startingConfig;
	}

	get changes(): readonly ConfigChange[] {
		return this.latest.changes;
	}

	get epochsPerSecond(): number {
		// the old run's speed says nothing of the new one
		return this.restarting ? 0 : this.latest.epochsPerSecond;
	}

	get loading(): ReplayProgress | undefined {
		return this.latest.loading;
	}

	get failure(): string | undefined {
		return this.reason;
	}

	/** The worker's last state, with the settings asked for since (the hidden units and seed wait for the restart, as the weights do). */
	snapshot(): SessionSnapshot {
		const {snapshot} = this.latest;
		const {learnRate, momentum, batch, epochs} = this.config;
		return {...snapshot, config: {...snapshot.config, learnRate, momentum, batch, epochs}, status: this.status};
	}

	setRunning(running: boolean): void {
		if (running !== this.running) {
			this.running = running;
			this.send({type: 'run', running});
		}
	}

	step(): void {
		this.running = false;
		this.send({type: 'step'});
	}

	setLearnRate(learnRate: number): void {
		this.send({type: 'change', change: {learnRate}}, config => ({...config, learnRate}));
	}

	setMomentum(momentum: number): void {
		this.send({type: 'change', change: {momentum}}, config => ({...config, momentum}));
	}

	setBatch(batch: BatchMode): void {
		this.send({type: 'change', change: {batch}}, config => ({...config, batch}));
	}

	setEpochTarget(epochs: number): void {
		this.send({type: 'change', change: {epochs}}, config => ({...config, epochs}));
	}

	setHidden(hidden: number): void {
		this.send({type: 'hidden', hidden}, config => ({...config, hidden}), true);
		// once taken: a number of hidden units the engine refuses leaves the run as it was
		this.saves.restarted();
	}

	restart(): void {
		this.send({type: 'restart'}, config => config, true);
		this.saves.restarted();
	}

	reseed(seed: number | string): void {
		// once taken, as for the hidden units
		this.send({type: 'reseed', seed}, config => ({...config, seed}), true);
		this.saves.restarted();
	}

	async save(path: string): Promise<SavedRun> {
		return this.saves.track(path, this.write(path));
	}

	private async write(path: string): Promise<SavedRun> {
		if (this.reason !== undefined) {
			throw new Error(this.reason);
		}

		const request = this.nextRequest++;
		// the worker builds the record (hashing the data file, copying the history); this thread writes it,
		// in turns, the screen live meanwhile: an interrupt finds either no file or the whole of it
		const record = await new Promise<RunRecord>((resolve, reject) => {
			this.requests.set(request, {resolve, reject});
			this.post({type: 'record', request});
		});
		const replaced = await writeRunFileInTurns(path, record);
		return {path, epochs: record.epochs, replaced};
	}

	/** Resolves once the worker has applied every command sent so far and posted the state after them. */
	async whenApplied(): Promise<void> {
		if (this.latest.sequence >= this.sent || this.reason !== undefined) {
			return;
		}

		return new Promise(resolve => {
			this.waiting.push({sequence: this.sent, resolve});
		});
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	async close(): Promise<void> {
		// the worker builds what w saves: it stays until those saves are written
		await this.saves.settled();
		this.closing = true;
		this.listeners.clear();
		this.settleRequests('the dashboard closed');
		for (const waiter of this.waiting.splice(0)) {
			waiter.resolve();
		}

		await this.worker.terminate();
	}

	private send(command: RunCommand, effect?: Pending['effect'], restarts = false): void {
		if (this.reason !== undefined || this.closing) {
			return;
		}

		if (effect) {
			// refused here, as the engine would refuse it (the worker would drop it, after the screen had shown it)
			validateConfigForData(effect(this.config), this.featureCount);
		}

		const sequence = ++this.sent;
		if (effect) {
			this.pending.push({sequence, effect, restarts});
		}

		this.post({...command, sequence});
	}

	private post(message: ToWorker): void {
		this.worker.postMessage(message);
	}

	private receive(message: FromWorker): void {
		switch (message.type) {
			case 'update': {
				this.take(message);
				this.tell();
				break;
			}

			case 'record': {
				this.requests.get(message.request)?.resolve(message.record);
				this.requests.delete(message.request);
				break;
			}

			case 'record-failed': {
				this.requests.get(message.request)?.reject(new Error(message.message));
				this.requests.delete(message.request);
				break;
			}
		}
	}

	/** Take the worker's state: its history entries (after a restart, in place of the old ones) and the commands it has applied. */
	private take(update: RunUpdate): void {
		const {history} = update;
		if (history.generation !== this.generation) {
			this.history.clear();
			this.generation = history.generation;
		}

		if (history.from === this.history.length) {
			for (let index = 0; index < history.train.length; index++) {
				this.history.push(history.train[index]!, history.test[index]!, history.accuracy[index]!, history.learnRate[index]!);
			}
		}

		this.latest = update;
		this.pending = this.pending.filter(command => command.sequence > update.sequence);
		for (const waiter of this.waiting.filter(waiter => waiter.sequence <= update.sequence)) {
			this.waiting.splice(this.waiting.indexOf(waiter), 1);
			waiter.resolve();
		}
	}

	private fail(reason: string): void {
		if (this.reason !== undefined || this.closing) {
			return;
		}

		this.reason = `training stopped: ${reason}`;
		this.pending = [];
		this.settleRequests(this.reason);
		for (const waiter of this.waiting.splice(0)) {
			waiter.resolve();
		}

		this.tell();
	}

	private settleRequests(reason: string): void {
		for (const request of this.requests.values()) {
			request.reject(new Error(reason));
		}

		this.requests.clear();
	}

	private tell(): void {
		for (const listener of this.listeners) {
			listener();
		}
	}
}

/** The first line of a message: a worker's error may carry a stack. */
function firstLine(message: string): string {
	return message.split('\n', 1)[0]!.trim() || 'unknown error';
}
