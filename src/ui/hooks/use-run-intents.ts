/**
 * What each key of a training screen means, as named intents. Each changes the session through its
 * own methods (the run carries on from its weights unless the intent says it restarts), leaves a
 * notice saying what it did, and refreshes the screen at once. While a saved run is being replayed,
 * or after training failed, the keys that would change the run do nothing.
 */
import type {SplitDataset} from '../../data/dataset.js';
import {ConfigError, maxEpochs} from '../../engine/validate-config.js';
import {formatBatch, formatSetting} from '../format-number.js';
import {batchModes, doneHint, epochTargetLadder, hiddenUnitLimits, learnRateLadder, nextChoice, nextMomentum, stepLadder} from '../ladders.js';
import {panelModes, type ControlsChange, type PanelMode, type RunControls} from '../run-controls.js';
import {nextSeed} from '../next-seed.js';
import {pinnedLabel, trainedConfig, type Message} from '../run-state.js';
import {saveOutcomeMessage, savingMessage} from '../save-log.js';
import type {RunSession} from '../run-session.js';
import {stepNotice} from '../step-notice.js';
import {stepSourceCount} from '../step-sources.js';

/** A notice as one that gives way to "done after …" once the run it was said of is done. */
function whileTraining(notice: string | Message): Message {
	return {...(typeof notice === 'string' ? {text: notice, tone: 'info' as const} : notice), whileTraining: true};
}

/** Everything an intent needs. */
export type RunIntentContext = {
	/** The run the keys act on. */
	session: RunSession;
	/** The file w saves this run to now (run-file-name.ts). */
	savePath: () => string;
	/** The data, to count the records the one-step panel can show. */
	split: SplitDataset;
	/**
	 * Change some of the model's controls (given as a patch, or a patch made from the latest controls); returns
	 * them as the keys so far leave them.
	 */
	onControls: (change: ControlsChange) => RunControls;
	/**
	 * Change the panel (given as a function of the panel now, as keys may come faster than renders); returns
	 * the panel it replaced, as the keys so far left it.
	 */
	onPanel: (change: (panel: PanelMode) => PanelMode) => PanelMode;
	/** Re-read the session and carry on training. */
	refresh: () => void;
};

/** The intents of a training screen, one per key. */
export type RunIntents = Record<
	| 'lowerLearnRate' | 'raiseLearnRate' | 'raiseEpochTarget' | 'lowerEpochTarget' | 'addHiddenUnit' | 'removeHiddenUnit'
	| 'togglePause' | 'stepOneEpoch' | 'restart' | 'reseed' | 'cycleBatch' | 'cycleMomentum' | 'pinCurve' | 'cyclePanel'
	| 'previousStepSource' | 'nextStepSource' | 'saveRun',
	() => void
>;

/** Build the intents for one training screen. */
export function useRunIntents({session, savePath, split, onControls, onPanel, refresh}: RunIntentContext): RunIntents {
	/**
	 * Say what a key did. Said of a run that trains on, it gives way to "done after …" once the run is done
	 * (the η it changed is in the status line then); a save's outcome stays until the next key.
	 */
	const notify = (notice: string | Message, {lasts = false} = {}) => {
		onControls({notice: lasts || session.status !== 'training' ? notice : whileTraining(notice)});
		refresh();
	};

	/** A setting's change; on a diverged run, which trains no further, it is for the restart, and says so. */
	const notifySetting = (change: string) => {
		// beside "diverged …: lower η and press r" on a narrow line, the change alone says enough
		notify(session.status === 'diverged' ? {text: `${change} once r restarts the run`, short: `${change} for the restart`, tone: 'info'} : change);
	};

	/** A notice for a run that starts again (r, s, + or −): a paused one (a loaded run opens paused) says how it goes on. */
	const notifyRestarted = (notice: string) => {
		onControls(controls => ({notice: whileTraining(controls.paused ? `${notice} (paused: space trains)` : notice)}));
		refresh();
	};

	/**
	 * An intent that changes the run, kept from running while the run cannot take changes (the message line
	 * says why). A setting the engine refuses leaves the run as it was, and the message line says why.
	 */
	const changing = (intent: () => void) => () => {
		if (session.loading !== undefined || session.failure !== undefined) {
			return;
		}

		try {
			intent();
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				throw error;
			}

			notify(`not changed: ${error.message}`);
		}
	};

	const changeLearnRate = (direction: 1 | -1) => {
		const {learnRate} = session.config;
		const next = stepLadder(learnRateLadder, learnRate, direction);
		if (next === undefined) {
			// at an end of the ladder, or past it (--lr 50): say which, and where the ladder is
			const past = direction > 0 ? learnRate > learnRateLadder.at(-1)! : learnRate < learnRateLadder[0]!;
			const side = direction > 0 ? 'above' : 'below';
			const back = direction > 0 ? '←' : '→';
			notify(!past
				? `η ${formatSetting(learnRate)} is the ${direction > 0 ? 'top' : 'bottom'} of the ladder`
				: {text: `η ${formatSetting(learnRate)} is ${side} the ladder (${formatSetting(learnRateLadder[0]!)} … ${formatSetting(learnRateLadder.at(-1)!)}); ${back} steps onto it`, short: `η ${formatSetting(learnRate)}: ${back} steps onto the ladder`, tone: 'info'});
			return;
		}

		session.setLearnRate(next);
		const change = `η ${formatSetting(learnRate)} → ${formatSetting(next)}`;
		if (session.status === 'diverged') {
			notifySetting(change);
			return;
		}

		// paused, the next epoch is known; running, a worker's run may be some epochs past what its mirror
		// shows (the ▲ marks the epoch the change took)
		const training = session.status === 'training';
		if (session.status === 'done' && session.epoch >= maxEpochs) { // no epoch after it can train: a restart takes the new η
			notify({text: `${change}: r restarts with it (${maxEpochs} epochs is the most a run trains)`, short: `${change}: r restarts with it`, tone: 'info'});
			return;
		}

		onControls(controls => ({
			notice: controls.paused || !training
				? {text: `${change} from epoch ${session.epoch + 1}`, short: `${change} from ${session.epoch + 1}`, tone: 'info', whileTraining: training}
				: {text: `${change} from the next epoch`, short: `${change} from next epoch`, tone: 'info', whileTraining: true},
		}));
		refresh();
	};

	/** Space or . on a run that trains no further: how it goes on (a diverged one, with the η its restart takes, lowered by ← or not). */
	const notifyStopped = () => {
		const learnRate = formatSetting(session.config.learnRate);
		notify(session.status === 'done'
			? `done: ${doneHint(session.epoch)}`
			: {text: `r restarts it with η ${learnRate} (← lowers it first)`, short: `r restarts it with η ${learnRate}`, tone: 'info'});
	};

	const changeEpochTarget = (direction: 1 | -1) => {
		const {epochs} = session.config;
		// ↑ on a finished run goes to the first target that trains again (after ↓ below it, or a --load past it);
		// with none on the ladder (done at its top), it steps up from the target, undoing a ↓
		const trainsAgain = direction > 0 && session.status === 'done' ? stepLadder(epochTargetLadder, Math.max(epochs, session.epoch), direction) : undefined;
		const next = trainsAgain ?? stepLadder(epochTargetLadder, epochs, direction);
		if (next === undefined) { // (the ladder goes up to the most epochs a run may have)
			notify(`epoch target ${epochs} is the ${direction > 0 ? 'top' : 'bottom'} of the ladder`);
			return;
		}

		const resumes = session.status === 'done' && next > session.epoch;
		// a target at or below the epochs trained ends the run where it stands (it does not go back); the
		// message names no epoch, as a worker may train a few more before it hears of the target
		const ends = (session.status === 'training' && next <= session.epoch) || (session.status === 'done' && next < session.epoch);
		session.setEpochTarget(next);
		if (resumes) { // as it says: a finished run paused with space (or loaded paused) trains again
			onControls({paused: false});
		}

		const text = `epoch target ${epochs} → ${next}${resumes ? ': training resumes' : (ends ? ': below the epochs trained; done where it stands' : '')}`;
		// a target the run trains on to is superseded by "done after …" once it gets there
		notify(ends ? {text, short: `target ${epochs} → ${next}: done where it stands`, tone: 'info'} : text);
	};

	const changeHiddenUnits = (change: 1 | -1) => {
		const {model, hidden} = session.config;
		if (model !== 'backprop') {
			notify('hidden units belong to the backprop model (press 3)');
			return;
		}

		// a run started above the limit (--hidden 256) may come down one at a time, never go further up
		const next = hidden + change;
		if (next < hiddenUnitLimits.min || (next > hiddenUnitLimits.max && change > 0)) {
			notify(hidden >= hiddenUnitLimits.max
				? `+ stops at ${hiddenUnitLimits.max} hidden units${hidden > hiddenUnitLimits.max ? ` (${hidden} came from --hidden); − steps down` : ''}`
				: `− stops at ${hiddenUnitLimits.min} hidden unit${hiddenUnitLimits.min === 1 ? '' : 's'}`);
			return;
		}

		session.setHidden(next);
		notifyRestarted(`hidden units ${hidden} → ${next}: restarted`);
	};

	/**
	 * [ and ]: from the weights or the chart, the first press opens the one-step panel on the step it explained
	 * last (the first worked example to begin with), as v does, rather than on the one beside it, unseen; on
	 * the one-step panel, they move.
	 */
	const moveStepSource = (change: 1 | -1) => {
		if (onPanel(() => 'step') !== 'step') {
			return;
		}

		const count = stepSourceCount(session.config.model, split);
		onControls(controls => ({stepSource: (controls.stepSource + change + count) % count}));
	};

	const saveRun = () => {
		const path = savePath();
		notify(savingMessage(path));
		session.save(path).then(saved => {
			notify(saveOutcomeMessage({path, saved}), {lasts: true});
		}, (error: unknown) => {
			notify(saveOutcomeMessage({path, failure: error instanceof Error ? error.message : String(error)}), {lasts: true});
		});
	};

	return {
		lowerLearnRate: changing(() => {
			changeLearnRate(-1);
		}),
		raiseLearnRate: changing(() => {
			changeLearnRate(1);
		}),
		raiseEpochTarget: changing(() => {
			changeEpochTarget(1);
		}),
		lowerEpochTarget: changing(() => {
			changeEpochTarget(-1);
		}),
		addHiddenUnit: changing(() => {
			changeHiddenUnits(1);
		}),
		removeHiddenUnit: changing(() => {
			changeHiddenUnits(-1);
		}),
		// off while a saved run is brought back, as the message line says: it opens paused where it was saved
		togglePause: changing(() => {
			// a finished or diverged run has nothing to pause: a silent pause would only hold back the next ↑
			if (session.status !== 'training') {
				notifyStopped();
				return;
			}

			// the status line says paused or running; the last notice (a loaded run's "space resumes") is done with.
			// The run stops or goes on here and now, not once the change reaches the training loop: a w right
			// after a pause (typed in the same burst) saves the epoch the screen then shows paused, and a pause
			// and resume in one burst (or . then space), which leave the controls as they were, go on training
			const {paused} = onControls(controls => ({paused: !controls.paused, notice: undefined}));
			session.setRunning(!paused);
		}),
		stepOneEpoch: changing(() => {
			if (session.status !== 'training') {
				notifyStopped();
				return;
			}

			// stopped here and now (not once the pause reaches the loop), then one epoch; said at once, as on big
			// data that epoch may take seconds. Paused, it is the next epoch; running, or with a pause or step a
			// worker has not taken yet (. . . typed at once), its run may be past what its mirror shows: the
			// epoch is counted on from the . before, if that one named it, or the epochs still to train are,
			// and the screen names the epoch once it has caught up (step-notice.ts)
			const press = {nextEpoch: session.caughtUp ? session.epoch + 1 : undefined, shownEpoch: session.epoch, target: session.config.epochs};
			session.setRunning(false);
			session.step();
			onControls(controls => ({paused: true, notice: stepNotice(controls.notice, {...press, paused: controls.paused})}));
			refresh();
		}),
		restart: changing(() => {
			session.restart();
			notifyRestarted(`restarted from seed ${session.config.seed}`);
		}),
		reseed: changing(() => {
			const seed = nextSeed(session.config.seed, session.config.rng);
			session.reseed(seed);
			notifyRestarted(`new seed ${seed}: restarted`);
		}),
		cycleBatch: changing(() => {
			const next = nextChoice(batchModes, session.config.batch);
			session.setBatch(next);
			notifySetting(`batch: ${formatBatch(next)}`);
		}),
		cycleMomentum: changing(() => {
			const {momentum} = session.config;
			const next = nextMomentum(momentum);
			session.setMomentum(next);
			notifySetting(`momentum β ${formatSetting(momentum)} → ${formatSetting(next)}`);
		}),
		saveRun: changing(saveRun),
		// off while a saved run is brought back: its curve is not yet the run's
		pinCurve: changing(() => {
			const {history, startingConfig, changes} = session;
			if (history.length === 0) {
				notify('nothing to pin yet: train at least one epoch');
				return;
			}

			// the curve's own epochs: a training thread's run shows epoch 0 while a restart waits, its old curve still on show
			const [first, trained] = [trainedConfig(startingConfig, changes, 1), trainedConfig(startingConfig, changes, history.length)];
			const label = pinnedLabel(history, first, trained);
			onControls({pinned: {values: history.column('train').slice(), label, shortLabel: pinnedLabel(history, first, trained, true)}});
			// the legend above names what was pinned: a narrow line keeps what to do
			notify({text: `pinned ${label}: change something, r, compare`, short: 'pinned: change something, r, compare', tone: 'info'});
		}),
		cyclePanel: () => {
			onPanel(panel => nextChoice(panelModes, panel));
		},
		previousStepSource: () => {
			moveStepSource(-1);
		},
		nextStepSource: () => {
			moveStepSource(1);
		},
	};
}
