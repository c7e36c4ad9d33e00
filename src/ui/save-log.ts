/**
 * The saves a run was asked for: those still being written, so that quitting waits for them (w then q
 * typed together must not lose the save), and how each ended, so that the dashboard can say where the
 * runs went once its screen is closed.
 */
import {basename} from 'node:path';
import type {SavedRun} from './run-session.js';
import type {Message} from './run-state.js';
import {displayWidth} from './text-width.js';

/** How one save ended. */
export type SaveOutcome = {path: string; saved: SavedRun; failure?: undefined} | {path: string; saved?: undefined; failure: string};

/** Counts saves as they end, across runs, so the summary keeps the order they ended in. */
let endedSaves = 0;
/** The files of the saves being written now, across runs (one entry per save). */
const underWay: string[] = [];

/** Remove one `path` from `paths`. */
function removeOne(paths: string[], path: string): void {
	const index = paths.indexOf(path);
	if (index !== -1) {
		paths.splice(index, 1);
	}
}

/** The files saves are being written to now, for a line said on an interrupt. */
export function savesUnderWay(): string[] {
	return [...new Set(underWay)];
}

/** One run's saves. */
export class SaveLog {
	/** How each save ended, in the order they ended, with its place among every run's saves and the run's restarts when it was asked for. */
	readonly outcomes: Array<SaveOutcome & {order: number; restarts: number}> = [];
	private readonly pending = new Set<Promise<unknown>>();
	/** The files of this run's saves being written. */
	private readonly paths: string[] = [];
	/** How often the run started again (r, s, + or −). */
	private restarts = 0;
	/** The epoch the run stood at when quitting began (q) or the dashboard closed, and its restarts then; undefined while it is open. */
	private endedAt: {epoch: number; restarts: number} | undefined;

	/** Note that the run started again: a save from before it no longer holds the run on screen. */
	restarted(): void {
		this.restarts++;
	}

	/**
	 * Note the epoch the run stands at as quitting begins (the first q, which then waits for the saves under
	 * way while the run trains on) or, if it has not, as the dashboard closes: the summary says what the last
	 * save left out. The first note stands until reopen().
	 */
	end(epoch: number): void {
		this.endedAt ??= {epoch, restarts: this.restarts};
	}

	/** Forget the note of end(): the q that made it did not quit (a failed save was shown first). */
	reopen(): void {
		this.endedAt = undefined;
	}

	/**
	 * What the last save left out, when it succeeded: the epochs the run trained on past it, or a run started
	 * again after it that had trained some epochs by the end.
	 */
	get unsavedSinceSave(): {path: string; saved: number; ended: number; restarted: boolean} | undefined {
		const last = this.outcomes.at(-1);
		if (last?.saved === undefined || this.endedAt === undefined) {
			return undefined;
		}

		// a restart after the q (a key typed after it while a save was written) is not the run the user left
		const {epoch, restarts} = this.endedAt;
		const restarted = last.restarts !== restarts;
		return (restarted ? epoch > 0 : epoch > last.saved.epochs) ? {path: last.path, saved: last.saved.epochs, ended: epoch, restarted} : undefined;
	}

	/** Keep track of the save of `path` that `saving` stands for; resolves and rejects as it does. */
	async track(path: string, saving: Promise<SavedRun>): Promise<SavedRun> {
		// the run as w took it: a restart after it, before the file is written, is not in the file
		const {restarts} = this;
		underWay.push(path);
		this.paths.push(path);
		void saving.catch(() => undefined).finally(() => {
			removeOne(underWay, path);
			removeOne(this.paths, path);
		});
		const settled = saving.then(saved => {
			this.outcomes.push({path, saved, order: endedSaves++, restarts});
		}, (error: unknown) => {
			this.outcomes.push({path, failure: error instanceof Error ? error.message : String(error), order: endedSaves++, restarts});
		});
		this.pending.add(settled);
		void settled.finally(() => this.pending.delete(settled));
		return saving;
	}

	/** Whether this run is in `path`: a save of it there was written, or is being written. */
	holds(path: string): boolean {
		return this.paths.includes(path) || this.outcomes.some(outcome => outcome.path === path && outcome.saved !== undefined);
	}

	/** Whether a save of this run is being written. */
	get writing(): boolean {
		return this.pending.size > 0;
	}

	/** Resolves once every save asked for so far is written or has failed. */
	async settled(): Promise<void> {
		while (this.pending.size > 0) {
			// a save may be asked for while others finish
			await Promise.all([...this.pending]);
		}
	}
}

/** The line that says how a save ended, as the message line and the exit summary word it. */
export function describeSaveOutcome(outcome: SaveOutcome): string {
	if (outcome.failure !== undefined) {
		return `could not save: ${outcome.failure}`;
	}

	const {saved} = outcome;
	// w again on the same run, or a run saved there another time: say that the earlier one is gone
	return saved.replaced ? `replaced the earlier save in ${saved.path} with this run (epoch ${saved.epochs})` : `saved run to ${saved.path} (epoch ${saved.epochs})`;
}

/** What the message line says while a save is under way; a cut falls inside the file name, as in the notice that follows. */
export function savingMessage(path: string): Message {
	const name = basename(path);
	return {text: `saving the run to ${path}…`, short: `saving the run to ${name}…`, shortKeepsEnd: displayWidth(name) + 1, tone: 'info'};
}

/**
 * How a save ended, for the message line: a failure in the failure's colour, and a shorter form naming the
 * file alone, so that on a narrow screen a long path leaves room for the reason or the epoch.
 */
export function saveOutcomeMessage(outcome: SaveOutcome): Message {
	const name = basename(outcome.path);
	if (outcome.failure !== undefined) {
		// the reason before the name, which a cut may then take (a reason that does not start with the path keeps
		// it in place); the advice after a "; " is left to the full form, so the reason and the name fit 60 columns
		const prefix = `${outcome.path}: `;
		const reason = (failure: string): string => failure.split('; ')[0]!;
		const named = outcome.failure.startsWith(prefix);
		const short = named ? `not saved: ${reason(outcome.failure.slice(prefix.length))} (${name})` : `not saved: ${reason(outcome.failure.replaceAll(outcome.path, name))}`;
		// a cut falls inside the name, keeping the reason and the name's end
		return {text: describeSaveOutcome(outcome), short, ...(named ? {shortKeepsEnd: displayWidth(name) + 1} : {}), tone: 'failure'};
	}

	// the epoch first, and the name last: a name made of the date and time is long, and a cut falls inside it,
	// keeping the time that tells saves apart and the extension
	const {saved} = outcome;
	const short = `saved epoch ${saved.epochs} ${saved.replaced ? 'over' : 'to'} ${name}`;
	return {text: describeSaveOutcome(outcome), short, shortKeepsEnd: displayWidth(name), tone: 'info'};
}

/**
 * What the dashboard says once its screen is closed: a line per save, in the order they ended (the
 * alternate screen took the message line with it; the same failure again and again is one line, counted),
 * then a line for each run that trained on past its last save; and whether a run's last save failed,
 * which makes the exit code 1: work typed for just before quitting (w then q) was not kept.
 */
export function summarizeSaves(logs: readonly SaveLog[]): {lines: Array<{text: string; failed: boolean}>; lastFailed: boolean} {
	const outcomes = logs.flatMap(log => log.outcomes).sort((first, second) => first.order - second.order);
	const lines: Array<{text: string; failed: boolean; times: number}> = [];
	for (const outcome of outcomes) {
		const text = describeSaveOutcome(outcome);
		const last = lines.at(-1);
		if (last?.failed && outcome.failure !== undefined && last.text === text) {
			last.times++;
		} else {
			lines.push({text, failed: outcome.failure !== undefined, times: 1});
		}
	}

	// the epochs after a run's last save were not kept: a save is where the run was at w, not at q
	const trainedOn = logs.flatMap(log => {
		const since = log.unsavedSinceSave;
		if (since === undefined) {
			return [];
		}

		const after = since.restarted ? `the run started again after it and trained to epoch ${since.ended}` : `the run trained on to epoch ${since.ended}`;
		return [{text: `${since.path} holds epoch ${since.saved}; ${after}, which was not saved`, failed: false}];
	});
	return {
		lines: [...lines.map(({text, failed, times}) => ({text: times === 1 ? text : `${text} (${times} times)`, failed})), ...trainedOn],
		lastFailed: logs.some(log => log.outcomes.at(-1)?.failure !== undefined),
	};
}
