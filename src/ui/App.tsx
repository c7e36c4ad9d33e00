import {Box, Text, useApp, useInput, useStdin} from 'ink';
import {useCallback, useEffect, useLayoutEffect, useRef, useState} from 'react';
import type {SplitDataset} from '../data/dataset.js';
import type {ModelKind} from '../engine/model.js';
import type {RandomKind} from '../engine/random.js';
import {datasetNotes} from '../data/dataset-notes.js';
import {describeDataLong, describeSavedRuns} from './describe-data.js';
import {ForwardScreen} from './ForwardScreen.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useKeyTarget} from './hooks/use-screen-keys.js';
import {appKeys, type ScreenName} from './key-map.js';
import {replayDiffersNotice, type LoadCheck} from './load-check.js';
import {frameRows, screenRows, tooSmallMessage} from './plan-layout.js';
import {interruptKey, readKeys} from './read-keys.js';
import {initialSaveOwners, nextSavePath, savePathFor} from './run-file-name.js';
import {applyControlsChange, initialRunControls, type ControlsChange, type PanelMode, type RunControls} from './run-controls.js';
import type {RunSession} from './run-session.js';
import type {SaveOutcome} from './save-log.js';
import {screenTabs, TabsLine} from './TabsLine.js';
import {colorTheme, plainTheme, ThemeContext} from './theme.js';
import {TrainingScreen} from './TrainingScreen.js';

/** Props of App. */
export type AppProps = {
	/** The data both models train on. */
	split: SplitDataset;
	/** One run per trainable model; they outlive every screen. */
	sessions: Record<ModelKind, RunSession>;
	/** Where w saves (--save); undefined for a new file named by model and time. */
	savePath?: string;
	/** The files w may save to (savePath, and those beside it) that hold a run saved earlier: said on the screen whose w would replace one, until a save does. */
	earlierRuns?: readonly string[] | undefined;
	/** Controls a model starts with other than the defaults (a loaded run starts paused, saying so). */
	startControls?: Partial<Record<ModelKind, Partial<RunControls>>>;
	/** What the help says about a loaded run ("loaded FILE at epoch 300"), if one was loaded. */
	loaded?: string;
	/** The screen to open on. */
	initialModel: ScreenName;
	/** The seed of the 4×3×2 screen (the lesson's is 42). */
	forwardSeed: number | string;
	/** The generator of the 4×3×2 screen (default numpy, the lesson's). */
	forwardRng?: RandomKind;
	/** A loaded run to hold to its file once it is replayed (--load). */
	loadCheck?: LoadCheck;
	/** Draw in colour. */
	color: boolean;
};

/** What q says, instead of quitting, when a run's last save failed. */
export const unsavedRunNotice = 'the last save of this run failed: w tries again, q quits without saving it';
/** The same, in the fewer words a narrow message line keeps whole. */
export const unsavedRunShortNotice = 'last save failed: w retries, q quits unsaved';
/** The same on the too-small screen, where w has no run on show to save. */
export const unsavedRunTooSmallNotice = 'last save failed: enlarge, then w; q quits unsaved';

/** A run whose last save failed, and that failure, unless q has warned about it already. */
function lastSaveFailed(sessions: Record<ModelKind, RunSession>, warned: ReadonlySet<SaveOutcome>): {model: ModelKind; outcome: SaveOutcome} | undefined {
	for (const model of ['single', 'backprop'] as const) {
		const outcome = sessions[model].saves.outcomes.at(-1);
		if (outcome?.failure !== undefined && !warned.has(outcome)) {
			return {model, outcome};
		}
	}

	return undefined;
}

/** The dashboard: tabs on top, the screen of the chosen model below; global keys switch, help and quit. */
export function App({split, sessions, savePath, earlierRuns = [], startControls, loaded, initialModel, forwardSeed, forwardRng = 'numpy', color, loadCheck: initialLoadCheck}: AppProps) {
	const size = useTerminalSize();
	const {exit} = useApp();
	// a file or pipe on stdin has no isTTY at all: only a real `true` may switch keys on (useInput treats undefined as on)
	const keysActive = useStdin().isRawModeSupported === true;
	const [screen, setScreen] = useState<ScreenName>(initialModel);
	const [helpOpen, setHelpOpen] = useState(false);
	const [panel, setPanel] = useState<PanelMode>('weights');
	// the panel as the keys so far leave it, ahead of the render that shows it (keys can come faster than renders)
	const panelNow = useRef(panel);
	const changePanel = useCallback((change: (panel: PanelMode) => PanelMode): PanelMode => {
		const before = panelNow.current;
		panelNow.current = change(before);
		setPanel(panelNow.current);
		return before;
	}, []);
	const [seed, setSeed] = useState<number | string>(forwardSeed);
	const [controls, setControls] = useState<Record<ModelKind, RunControls>>(() => ({
		single: {...initialRunControls, ...startControls?.single},
		backprop: {...initialRunControls, ...startControls?.backprop},
	}));
	const [loadCheck, setLoadCheck] = useState(initialLoadCheck);
	// which model's run each --save path holds (a run loaded from it, to begin with), so that one model's w never replaces the other's
	const [initialOwners] = useState(() => initialSaveOwners(savePath, initialLoadCheck));
	const saveOwners = useRef(new Map(initialOwners));
	// the controls as the keys so far leave them, ahead of the render that shows them, as for the panel
	const controlsNow = useRef(controls);
	const changeControls = useCallback((model: ModelKind, change: ControlsChange): RunControls => {
		controlsNow.current = {...controlsNow.current, [model]: applyControlsChange(controlsNow.current[model], change)};
		setControls(controlsNow.current);
		return controlsNow.current[model];
	}, []);

	// Every key comes here, in order. The App's keys change what is on show; the others are meant for what
	// is on show once the keys before them have taken effect. A key typed for the screen drawn goes to it
	// before any App key after it takes effect (w2 saves, then switches). Keys can arrive faster than
	// renders, so a key typed for a screen not drawn yet waits, with that screen, until what is drawn is what
	// was wanted; it then goes to that screen, or nowhere if that screen was left again in the meantime or the
	// help was open (3s2, ?s?).
	const keyTarget = useKeyTarget();
	const tooSmall = tooSmallMessage(size);
	const tooSmallNow = useRef(false);
	tooSmallNow.current = tooSmall !== undefined;
	const wanted = useRef({screen, helpOpen});
	const waitingKeys = useRef<Array<{name: string; screen: ScreenName; helpOpen: boolean}>>([]);
	const appKey = (name: string) => {
		const tab = screenTabs.find(candidate => candidate.key === name);
		const index = screenTabs.findIndex(candidate => candidate.screen === wanted.current.screen);
		if (tab) { // 1 / 2 / 3 pick a model
			wanted.current.screen = tab.screen;
		} else if (name === 'tab' || name === 'backtab') { // next / previous model
			wanted.current.screen = screenTabs[(index + (name === 'tab' ? 1 : -1) + screenTabs.length) % screenTabs.length]!.screen;
		} else if (name === '?') { // help on / off
			wanted.current.helpOpen = !wanted.current.helpOpen;
		} else if (name === 'escape') { // close the help
			wanted.current.helpOpen = false;
		}

		setScreen(wanted.current.screen);
		setHelpOpen(wanted.current.helpOpen);
	};

	const onInput = useCallback<Parameters<typeof useInput>[0]>((input, key) => {
		for (const name of readKeys(input, key)) {
			// too small to show a screen: only q acts (a switch or the help would land unseen)
			if (tooSmallNow.current && name !== 'q' && name !== interruptKey) {
				continue;
			}

			if (name === 'q' || name === interruptKey) { // quit, once the keys before it have reached their screens (w then q saves first)
				waitingKeys.current.push({name, ...wanted.current});
			} else if (appKeys.includes(name)) {
				deliverKeys();
				appKey(name);
			} else {
				waitingKeys.current.push({name, ...wanted.current});
			}
		}

		deliverKeys();
	}, []); // appKey and deliverKeys use refs and state setters only: one handler for the App's life, so Ink never re-subscribes
	useInput(onInput, {isActive: keysActive});

	/** Whether `owner`'s run is in `path`: saved or being saved there in this dashboard, or loaded from it. */
	const ownerHolds = (owner: ModelKind, path: string): boolean => sessions[owner].saves.holds(path) || initialOwners.get(path) === owner;
	/** Failed saves q has already warned about. */
	const warnedFailures = useRef(new Set<SaveOutcome>());
	/** Whether a q is waiting for the saves under way before it quits. */
	const quitWaiting = useRef(false);
	/** Whether q warned of a failed save while the terminal was too small to show the run. */
	const [warnedWhileSmall, setWarnedWhileSmall] = useState(false);
	useEffect(() => {
		if (tooSmall === undefined) { // shown on the run itself from now on
			setWarnedWhileSmall(false);
		}
	}, [tooSmall]);
	/**
	 * q: quit, once the saves under way are written; a run whose last save failed is not dropped at the first
	 * q, which shows it and says so (once per failure). Returns whether the dashboard ends now (keys typed
	 * after a q that did not end it still count: Ctrl+C, or q again).
	 */
	const quit = (): boolean => {
		// more q's while it waits are the same quit: they must not pass over a failure no q has shown yet
		if (quitWaiting.current) {
			return false;
		}

		// where the runs stand as the user quits: epochs trained while a save is written are not left unsaved
		for (const model of ['single', 'backprop'] as const) {
			sessions[model].saves.end(sessions[model].epoch);
		}

		const writing = (['single', 'backprop'] as const).filter(model => sessions[model].saves.writing);
		if (writing.length > 0) {
			quitWaiting.current = true;
			changeControls(writing[0]!, {notice: 'quitting once the save is written…'});
			void Promise.all(writing.map(async model => sessions[model].saves.settled())).then(() => {
				quitWaiting.current = false;
				quit();
			});
			return false;
		}

		const unsaved = lastSaveFailed(sessions, warnedFailures.current);
		if (unsaved) {
			// this q does not quit: the runs go on
			for (const model of ['single', 'backprop'] as const) {
				sessions[model].saves.reopen();
			}

			warnedFailures.current.add(unsaved.outcome);
			// shown on its screen, the help closed: the help would hide the warning, and q would seem to do nothing
			wanted.current.screen = unsaved.model;
			wanted.current.helpOpen = false;
			setScreen(unsaved.model);
			setHelpOpen(false);
			changeControls(unsaved.model, {notice: {text: unsavedRunNotice, short: unsavedRunShortNotice, tone: 'warning'}});
			// on the too-small screen, the one line there says it
			setWarnedWhileSmall(tooSmallNow.current);
			return false;
		}

		exit();
		return true;
	};
	/** Hand the waiting keys to the screen on show, once it is the one wanted. */
	const drawn = useRef({screen, helpOpen});
	const deliverKeys = () => {
		if (drawn.current.screen !== wanted.current.screen || drawn.current.helpOpen !== wanted.current.helpOpen) {
			return;
		}

		for (const key of waitingKeys.current.splice(0)) {
			if (key.name === 'q') { // Ink restores the terminal; the sessions close once their saves are written
				if (quit()) {
					return;
				}

				continue;
			}

			if (key.name === interruptKey) { // as Ctrl+C alone: no warning of a failed save, saves under way still written
				exit();
				return;
			}

			// a q waits for a save to be written: the run is left as it stood at the q (w q r must not restart it,
			// nor w q r w save another run over the one the q kept)
			if (quitWaiting.current) {
				continue;
			}

			if (key.screen === drawn.current.screen && !key.helpOpen) {
				keyTarget.current?.(key.name);
			}
		}
	};

	// after the screens' own layout effects: keyTarget is the drawn screen's
	useLayoutEffect(() => {
		drawn.current = {screen, helpOpen};
		deliverKeys();
	});

	const about = [describeDataLong(split), ...datasetNotes(split.dataset).map(note => `note: ${note}`), describeSavedRuns(loaded)];
	const theme = color ? colorTheme : plainTheme;
	if (tooSmall !== undefined) {
		return <Text wrap="truncate">{warnedWhileSmall ? unsavedRunTooSmallNotice : tooSmall}</Text>;
	}

	const height = screenRows(size);
	// the earlier run this screen's w would replace (--save's, or one beside it once the other model saved to
	// --save's file; never the run loaded, which dashboard.ts leaves out), until a save of this dashboard replaces it
	const nextPath = screen === 'forward' ? undefined : nextSavePath(savePath, screen, saveOwners.current, ownerHolds);
	const earlierRunAt = nextPath !== undefined && earlierRuns.includes(nextPath) && !initialOwners.has(nextPath) && !sessions.single.saves.holds(nextPath) && !sessions.backprop.saves.holds(nextPath) ? nextPath : undefined;
	return (
		<ThemeContext.Provider value={theme}>
			{/* cut at the terminal's width: a frame laid out for a wider terminal (a resize the App has not yet
			    rendered for; run-dashboard.tsx has it render ahead of Ink's redraw) must not wrap and scroll the
			    screen into a mess that stays */}
			<Box width="100%" overflow="hidden">
			<Box flexDirection="column" flexShrink={0} width={size.columns} height={frameRows(size.rows)}>
				<TabsLine active={screen} split={split} width={size.columns}/>
				{screen === 'forward'
					? <ForwardScreen keyTarget={keyTarget} seed={seed} rng={forwardRng} startSeed={forwardSeed} onSeed={setSeed} helpOpen={helpOpen} about={about} keysActive={keysActive} width={size.columns} height={height}/>
					: (
						<TrainingScreen
							key={screen}
							keyTarget={keyTarget}
							model={screen}
							session={sessions[screen]}
							savePath={() => savePathFor(savePath, screen, saveOwners.current, new Date(), ownerHolds)}
							earlierRunAt={earlierRunAt}
							split={split}
							controls={controls[screen]}
							onControls={change => changeControls(screen, change)}
							panel={panel}
							onPanel={changePanel}
							helpOpen={helpOpen}
							about={about}
							keysActive={keysActive}
							width={size.columns}
							height={height}
							loadCheck={loadCheck?.model === screen ? loadCheck : undefined}
							onLoadChecked={differs => {
								setLoadCheck(undefined);
								if (differs && loadCheck) {
									changeControls(loadCheck.model, {notice: replayDiffersNotice(loadCheck)});
								}
							}}
						/>
					)}
			</Box>
			</Box>
		</ThemeContext.Provider>
	);
}
