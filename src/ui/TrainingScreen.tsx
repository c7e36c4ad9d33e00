import {Box, Text} from 'ink';
import {useEffect} from 'react';
import type {SplitDataset} from '../data/dataset.js';
import type {ModelKind} from '../engine/model.js';
import type {SessionSnapshot} from '../engine/training-session.js';
import {describeBackpropStep, describeSingleStep} from './describe-step.js';
import {describeWeights} from './describe-weights.js';
import {Footer} from './Footer.js';
import {HelpOverlay} from './HelpOverlay.js';
import {useRunIntents, type RunIntents} from './hooks/use-run-intents.js';
import {useScreenKeys, type KeyTarget} from './hooks/use-screen-keys.js';
import {useTraining} from './hooks/use-training.js';
import {keysFor, notAKeyNotice} from './key-map.js';
import {replayDiffers, type LoadCheck} from './load-check.js';
import {LossChart} from './LossChart.js';
import {MessageLine, messageLines} from './MessageLine.js';
import {PanelView} from './PanelView.js';
import {planTrainingLayout} from './plan-layout.js';
import type {ControlsChange, PanelMode, RunControls} from './run-controls.js';
import type {RunSession} from './run-session.js';
import {learnRateChangedBefore, recentLossRise, runMessages, runState} from './run-state.js';
import {StatusLine} from './StatusLine.js';
import {settledStepNotice} from './step-notice.js';
import {backpropStepInput, singleStepInput} from './step-sources.js';
import {panelHeight, type PanelSpec} from './table-spec.js';

/** Props of TrainingScreen. */
export type TrainingScreenProps = {
	/** Where the App sends this screen's keys. */
	keyTarget: KeyTarget;
	/** The model on this screen. */
	model: ModelKind;
	/** Its run, which outlives the screen. */
	session: RunSession;
	/** The file w saves this run to now (run-file-name.ts). */
	savePath: () => string;
	/** The data it trains on. */
	split: SplitDataset;
	/** The model's controls (pause, pin, step source, last notice). */
	controls: RunControls;
	/** Change the model's controls; returns them as the keys so far leave them. */
	onControls: (change: ControlsChange) => RunControls;
	/** The panel under the chart. */
	panel: PanelMode;
	/** Switch the panel; returns the panel it replaced (as the keys so far left it). */
	onPanel: (change: (panel: PanelMode) => PanelMode) => PanelMode;
	/** Whether the help overlay is open (keys then go to the help, training goes on). */
	helpOpen: boolean;
	/** Lines about the data and the run for the help. */
	about: string[];
	/** Whether keys can be read at all (stdin is a terminal). */
	keysActive: boolean;
	/** Columns available. */
	width: number;
	/** Rows available, footer included. */
	height: number;
	/** The file w saves to (--save's, or one beside it), while it holds a run saved earlier that w would replace (the message line says so). */
	earlierRunAt?: string | undefined;
	/** A loaded run of this model still to be held to its file once replayed. */
	loadCheck?: LoadCheck | undefined;
	/** Called once the loaded run is back at its epoch, with whether it differs from the file. */
	onLoadChecked?: (differs: boolean) => void;
};

/** Said in place of the chart when the panel leaves it no room. */
export const chartLeftOutNote = 'no room for the chart beside this panel: v shows the chart';

/** A training screen: status, messages, the loss chart, the weights or one-step panel, the key line. */
export function TrainingScreen({keyTarget, model, session, savePath, earlierRunAt, split, controls, onControls, panel, onPanel, helpOpen, about, keysActive, width, height, loadCheck, onLoadChecked}: TrainingScreenProps) {
	const training = useTraining(session, !controls.paused);
	// a loaded run, once replayed, is held to the weights its file saved (before the help's early return: hooks run every render)
	useEffect(() => {
		if (loadCheck && training.loading === undefined && training.failure === undefined) {
			onLoadChecked?.(replayDiffers(loadCheck, training.snapshot.epoch, training.snapshot.weights));
		}
	});
	const intents = useRunIntents({session, savePath, split, onControls, onPanel, refresh: training.refresh});
	useScreenKeys(keyTarget, name => {
		const intent = intentOf(name, intents);
		if (intent) {
			intent();
			return;
		}

		// a stray key says so, but never over a warning or a failure (a save that failed); said of a run that
		// trains on, it gives way to "done after …" as a key's notice does
		const notAKey = notAKeyNotice(name);
		if (notAKey !== undefined) {
			onControls(controls => (isWarning(controls.notice) ? {} : {notice: {text: notAKey, tone: 'info', whileTraining: session.status === 'training'}}));
		}
	}, keysActive && !helpOpen);

	if (helpOpen) {
		return <HelpOverlay screen={model} about={about} width={width} height={height}/>;
	}

	const {snapshot} = training;
	const situation = {loading: training.loading, failure: training.failure, restarting: training.restarting, earlierRunAt};
	const title = model === 'single' ? 'Single unit' : `Backprop ${split.dataset.featureNames.length}×${snapshot.config.hidden}×1`;
	const shown = describePanel(panel, model, split, controls.stepSource, snapshot);
	// a . that could name no epoch names it once the screen has caught up with where the run paused
	const notice = settledStepNotice(controls.notice, training.caughtUp, controls.paused, snapshot.epoch);
	const messages = messageLines(runMessages(snapshot, notice, recentLossRise(snapshot, session.history), situation), width);
	const layout = planTrainingLayout(height, shown === undefined ? undefined : {height: panelHeight(shown), clippable: panel === 'weights'}, messages.length);
	const state = runState(snapshot, controls.paused, situation);
	// space resumes a paused run: the footer says so (a loaded run opens paused); a finished or diverged run
	// has nothing to pause, so space is not offered then
	const stopped = state === 'done' || state === 'diverged';
	const hints = keysFor(model)
		.filter(hint => (hint.keys !== '[]' || panel === 'step') && !(hint.keys === 'space' && stopped))
		.map(hint => (hint.keys === 'space' && state === 'paused' ? {...hint, short: 'resume'} : hint));
	// the chart left out for the panel: said where it would be, in a row the panel does not need
	const chartLeftOut = layout.chartRows === 0 && shown !== undefined && layout.panelRows > panelHeight(shown);
	return (
		<Box flexDirection="column" height={height}>
			<StatusLine
				title={title}
				snapshot={snapshot}
				state={state}
				epochsPerSecond={training.epochsPerSecond}
				pinned={controls.pinned}
				learnRateChanged={learnRateChangedBefore(session.startingConfig.learnRate, session.changes, snapshot.epoch)}
				width={width}
			/>
			{messages.map((line, index) => <MessageLine key={index} messages={line} width={width}/>)}
			{layout.chartRows > 0 && (
				<LossChart
					history={session.history}
					epochs={training.chartEpochs}
					version={training.chartVersion}
					epochTarget={snapshot.config.epochs}
					pinned={controls.pinned}
					width={width}
					height={layout.chartRows}
				/>
			)}
			{chartLeftOut && <Text dimColor wrap="truncate">{chartLeftOutNote}</Text>}
			{shown !== undefined && layout.panelRows > 0 && <PanelView panel={shown} width={width} height={layout.panelRows - (chartLeftOut ? 1 : 0)}/>}
			<Box flexGrow={1}/>
			<Footer hints={hints} width={width}/>
		</Box>
	);
}

/** Whether a notice is a warning or a failure, which a stray key's notice must not hide. */
function isWarning(notice: RunControls['notice']): boolean {
	return typeof notice === 'object' && notice.tone !== 'info';
}

/** The intent a key stands for on a training screen, if any. */
function intentOf(key: string, intents: RunIntents): (() => void) | undefined {
	switch (key) {
		case 'left': { // η down the ladder
			return intents.lowerLearnRate;
		}

		case 'right': { // η up the ladder
			return intents.raiseLearnRate;
		}

		case 'up': { // epoch target up; resumes a finished run
			return intents.raiseEpochTarget;
		}

		case 'down': { // epoch target down
			return intents.lowerEpochTarget;
		}

		case '+':
		case '=': { // one more hidden unit (= is + without shift)
			return intents.addHiddenUnit;
		}

		case '-':
		case '_': { // one hidden unit fewer
			return intents.removeHiddenUnit;
		}

		case 'space': { // pause / resume
			return intents.togglePause;
		}

		case '.': { // one epoch, then paused
			return intents.stepOneEpoch;
		}

		case 'r': { // restart from the same seed
			return intents.restart;
		}

		case 's': { // restart from a new seed
			return intents.reseed;
		}

		case 'b': { // next batch mode
			return intents.cycleBatch;
		}

		case 'm': { // next momentum
			return intents.cycleMomentum;
		}

		case 'w': { // save the run to a file
			return intents.saveRun;
		}

		case 'c': { // pin the training curve
			return intents.pinCurve;
		}

		case 'v': { // next panel: weights, one step, chart only
			return intents.cyclePanel;
		}

		case '[': { // one step: previous example or record
			return intents.previousStepSource;
		}

		case ']': { // one step: next example or record
			return intents.nextStepSource;
		}

		default: {
			return undefined;
		}
	}
}

/** The panel's content, or undefined in the chart-only view. */
function describePanel(panel: PanelMode, model: ModelKind, split: SplitDataset, stepSource: number, snapshot: SessionSnapshot): PanelSpec | undefined {
	if (panel === 'chart') {
		return undefined;
	}

	if (panel === 'weights') {
		return describeWeights(snapshot, split.dataset.featureNames);
	}

	return model === 'single'
		? describeSingleStep(singleStepInput(stepSource, split, snapshot))
		: describeBackpropStep(backpropStepInput(stepSource, split, snapshot));
}
