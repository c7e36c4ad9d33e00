/** Where a run stands in words, and the message line under the status. */
import {basename} from 'node:path';
import type {LossHistory} from '../engine/loss-history.js';
import type {ConfigChange, SessionConfig, SessionSnapshot} from '../engine/training-session.js';
import type {ReplayProgress} from './training-loop.js';
import {doneHint} from './ladders.js';
import {formatBatch, formatBatchShort, formatSetting} from './format-number.js';
import {displayWidth} from './text-width.js';

/** A rise of the training loss smaller than this share of it is rounding noise near convergence, not a warning. */
export const meaningfulLossRise = 1e-9;
/** A rise is news for this many epochs, or this share of the run if longer. */
const recentEpochs = 100;
const recentShare = 0.1;

/**
 * running, paused, done or diverged; loading while a saved run is replayed; restarting while a restart
 * waits for the epoch under way; stopped when training failed.
 */
export type RunState = 'running' | 'paused' | 'done' | 'diverged' | 'loading' | 'restarting' | 'stopped';

/** What besides the snapshot decides how a run is shown. */
export type RunSituation = {
	/** How far the replay of a saved run has come, while it goes on. */
	loading: ReplayProgress | undefined;
	/** Why training stopped for good, if it did. */
	failure: string | undefined;
	/** Whether a restart waits for the epoch under way (a training thread's). */
	restarting?: boolean;
	/** The file this screen's w saves to (--save's, or one beside it), while it holds a run saved earlier that w would replace. */
	earlierRunAt?: string | undefined;
};

/** What the message line says, after a rising loss and before the last key's effect, while w would replace a run saved earlier. */
export function earlierRunMessage(path: string): Message {
	const name = basename(path);
	return {text: `${path} holds an earlier run: w replaces it`, short: `w replaces ${name}`, shortKeepsEnd: displayWidth(name), tone: 'warning'};
}

/** The run's state as the status line names it. */
export function runState(snapshot: SessionSnapshot, paused: boolean, situation?: RunSituation): RunState {
	if (situation?.failure !== undefined) {
		return 'stopped';
	}

	if (situation?.loading !== undefined) {
		return 'loading';
	}

	if (situation?.restarting === true) {
		return 'restarting';
	}

	if (snapshot.status === 'diverged') {
		return 'diverged';
	}

	if (snapshot.status === 'done') {
		return 'done';
	}

	return paused ? 'paused' : 'running';
}

/** One part of the message line, with how loudly to say it. */
export type Message = {
	/** The words. */
	text: string;
	/** info: the last key's effect; warning: worth a look; failure: the run stopped. */
	tone: 'info' | 'warning' | 'failure';
	/** Fewer words for the same, shown when the line is too narrow for `text`. */
	short?: string;
	/** Columns at the end of `short` that are a file name (and its closing bracket): a cut falls inside the name, keeping its end. */
	shortKeepsEnd?: number;
	/** Said of a run that trains on (training resumes): once it is done, the line says that instead. */
	whileTraining?: boolean;
};

/** The epoch the training loss last rose by more than rounding, if that was recently. */
export function recentLossRise(snapshot: SessionSnapshot, history: LossHistory): number | undefined {
	const epoch = snapshot.lossIncreasedAt;
	if (epoch === undefined || epoch < 1 || epoch >= history.length) {
		return undefined;
	}

	const before = history.at(epoch - 1).train;
	const rise = history.at(epoch).train - before;
	const recent = snapshot.epoch - epoch <= Math.max(recentEpochs, recentShare * snapshot.epoch);
	return recent && rise > meaningfulLossRise * Math.abs(before) ? epoch : undefined;
}

/**
 * What the message line says: a failure or a replay under way first, then divergence, then a rising loss
 * (short: a long notice after it must not cut its epoch off), then a run w would replace, then the last key's
 * effect or what to do next.
 */
export function runMessages(snapshot: SessionSnapshot, notice: string | Message | undefined, lossRiseAt: number | undefined, situation?: RunSituation): Message[] {
	const diverged = snapshot.status === 'diverged';
	const rise: Message | undefined = lossRiseAt === undefined || diverged ? undefined : {text: `loss increasing at epoch ${lossRiseAt + 1}`, tone: 'warning', short: `loss rising at ${lossRiseAt + 1}`};
	const present = (...messages: Array<Message | undefined>): Message[] => messages.filter((message): message is Message => message !== undefined);
	if (situation?.failure !== undefined) {
		return present({text: situation.failure, tone: 'failure'}, rise);
	}

	if (situation?.loading !== undefined) {
		const {epoch, epochs} = situation.loading;
		return present({text: `loading the saved run: epoch ${epoch} of ${epochs} (run keys are off until then)`, tone: 'info', short: `loading: epoch ${epoch} of ${epochs} (keys off)`}, rise);
	}

	const last = notice === undefined ? undefined : noticeMessage(notice);
	// said before the last key's effect and the run's end (those read well short; a cut file name does not), so a
	// narrow line still warns before a w replaces a run saved earlier (--save's, or one beside it), until one does
	const earlier = situation?.earlierRunAt === undefined ? undefined : earlierRunMessage(situation.earlierRunAt);
	// but a save that failed keeps its place before it: its reason and file must be read whole
	const beside = (message: Message | undefined): Array<Message | undefined> => (message?.tone === 'failure' ? [message, earlier] : [earlier, message]);
	if (diverged) {
		// and what the last key did (a save, a setting for the restart), which would otherwise go unsaid
		const epoch = snapshot.divergedAt! + 1;
		return present({text: `diverged at epoch ${epoch}: lower η and press r`, tone: 'failure', short: `diverged at epoch ${epoch}`}, ...beside(last));
	}

	const done: Message | undefined = snapshot.status === 'done' ? {text: `done after ${snapshot.epoch} ${snapshot.epoch === 1 ? 'epoch' : 'epochs'}: ${doneHint(snapshot.epoch)}`, tone: 'info', short: `done at ${snapshot.epoch}: ${doneHint(snapshot.epoch, 'short')}`} : undefined;
	return present(rise, ...beside((done && last?.whileTraining ? undefined : last) ?? done));
}

/** A notice as a message: words alone are the last key's effect, said plainly. */
function noticeMessage(notice: string | Message): Message {
	return typeof notice === 'string' ? {text: notice, tone: 'info'} : notice;
}

/**
 * Whether η differs between two epochs of the `epochs` trained, as the chart's ▲ marks it: a change some
 * epoch after the first has trained with (one made after the last epoch has no ▲ yet), and not undone in
 * the same place (→ then ← while paused changes nothing an epoch trains with).
 */
export function learnRateChangedBefore(start: number, changes: readonly ConfigChange[], epochs: number): boolean {
	let learnRate = start;
	for (let index = 0; index < changes.length;) {
		const {epoch} = changes[index]!;
		let after = learnRate;
		for (; index < changes.length && changes[index]!.epoch === epoch; index++) {
			after = changes[index]!.change.learnRate ?? after;
		}

		if (epoch > 0 && epoch < epochs && after !== learnRate) {
			return true;
		}

		learnRate = after;
	}

	return false;
}

/** A run's settings as its last trained epoch had them: where it started, with the changes made before that epoch. */
export function trainedConfig(start: SessionConfig, changes: readonly ConfigChange[], epochs: number): SessionConfig {
	return changes.filter(({epoch}) => epoch < epochs).reduce<SessionConfig>((config, {change}) => ({...config, ...change}), start);
}

/**
 * The label of a pinned curve: the η it was trained with (first → last when it changed; row e is epoch e,
 * after its update, so the first row's η is that of the first epoch), a network's hidden units, momentum
 * and batch mode when not the plain ones (first → last when they changed too), and the seed, all as the
 * curve was made (`first`: the first epoch's settings, `trained`: the last's), not as they stand now.
 * `compact`: the batch mode as the narrow status line writes it (b32).
 */
export function pinnedLabel(history: LossHistory, first: SessionConfig, trained: SessionConfig, compact = false): string {
	const rates = history.column('learnRate');
	const span = <Value>(from: Value, to: Value, format: (value: Value) => string): string => (from === to ? format(to) : `${format(from)}→${format(to)}`);
	const parts = [
		`η ${span(rates[0]!, rates.at(-1)!, formatSetting)}`,
		trained.model === 'backprop' ? `${trained.hidden} hidden` : '',
		first.momentum === 0 && trained.momentum === 0 ? '' : `β ${span(first.momentum, trained.momentum, formatSetting)}`,
		first.batch === 'full' && trained.batch === 'full' ? '' : span(first.batch, trained.batch, compact ? formatBatchShort : formatBatch),
		`seed ${trained.seed}`,
	];
	return parts.filter(Boolean).join(' ');
}
