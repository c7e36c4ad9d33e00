import {Box, Text, useApp, useInput, useStdin} from 'ink';
import {useCallback, useState} from 'react';
import type {SplitDataset} from '../data/dataset.js';
import type {ModelKind} from '../engine/model.js';
import {describeDataLong, describeSavedRuns} from './describe-data.js';
import {ForwardScreen} from './ForwardScreen.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {ScreenName} from './key-map.js';
import {frameRows, screenRows, tooSmallMessage} from './plan-layout.js';
import {readKeys} from './read-keys.js';
import {applyControlsChange, initialRunControls, type ControlsChange, type PanelMode, type RunControls} from './run-controls.js';
import type {RunSession} from './run-session.js';
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
	/** Controls a model starts with other than the defaults (a loaded run starts paused, saying so). */
	startControls?: Partial<Record<ModelKind, Partial<RunControls>>>;
	/** What the help says about a loaded run ("loaded FILE at epoch 300"), if one was loaded. */
	loaded?: string;
	/** The screen to open on. */
	initialModel: ScreenName;
	/** The seed of the 4×3×2 screen (the lesson's is 42). */
	forwardSeed: number;
	/** Draw in colour. */
	color: boolean;
};

/** The dashboard: tabs on top, the screen of the chosen model below; global keys switch, help and quit. */
export function App({split, sessions, savePath, startControls, loaded, initialModel, forwardSeed, color}: AppProps) {
	const size = useTerminalSize();
	const {exit} = useApp();
	// a file or pipe on stdin has no isTTY at all: only a real `true` may switch keys on (useInput treats undefined as on)
	const keysActive = useStdin().isRawModeSupported === true;
	const [screen, setScreen] = useState<ScreenName>(initialModel);
	const [helpOpen, setHelpOpen] = useState(false);
	const [panel, setPanel] = useState<PanelMode>('weights');
	const [seed, setSeed] = useState(forwardSeed);
	const [controls, setControls] = useState<Record<ModelKind, RunControls>>(() => ({
		single: {...initialRunControls, ...startControls?.single},
		backprop: {...initialRunControls, ...startControls?.backprop},
	}));
	const changeControls = useCallback((model: ModelKind, change: ControlsChange) => {
		setControls(previous => ({...previous, [model]: applyControlsChange(previous[model], change)}));
	}, []);

	// keys can arrive faster than renders: every change is made from the latest state, never a closure's copy
	const moveTab = (step: number) => {
		setScreen(current => {
			const index = screenTabs.findIndex(tab => tab.screen === current);
			return screenTabs[(index + step + screenTabs.length) % screenTabs.length]!.screen;
		});
	};

	useInput((input, key) => {
		for (const name of readKeys(input, key)) {
			const tab = screenTabs.find(candidate => candidate.key === name);
			if (tab) { // 1 / 2 / 3 pick a model
				setScreen(tab.screen);
			} else if (name === 'tab') { // next model
				moveTab(1);
			} else if (name === 'backtab') { // previous model
				moveTab(-1);
			} else if (name === '?') { // help on / off
				setHelpOpen(open => !open);
			} else if (name === 'escape') { // close the help
				setHelpOpen(false);
			} else if (name === 'q') { // quit; Ink restores the terminal
				exit();
			}
		}
	}, {isActive: keysActive});

	const about = [describeDataLong(split), describeSavedRuns(loaded)];
	const theme = color ? colorTheme : plainTheme;
	const tooSmall = tooSmallMessage(size);
	if (tooSmall !== undefined) {
		return <Text wrap="truncate">{tooSmall}</Text>;
	}

	const height = screenRows(size);
	return (
		<ThemeContext.Provider value={theme}>
			<Box flexDirection="column" width={size.columns} height={frameRows(size.rows)}>
				<TabsLine active={screen} split={split} width={size.columns}/>
				{screen === 'forward'
					? <ForwardScreen seed={seed} lessonSeed={forwardSeed} onSeed={setSeed} helpOpen={helpOpen} about={about} keysActive={keysActive} width={size.columns} height={height}/>
					: (
						<TrainingScreen
							key={screen}
							model={screen}
							session={sessions[screen]}
							savePath={savePath}
							split={split}
							controls={controls[screen]}
							onControls={change => {
								changeControls(screen, change);
							}}
							panel={panel}
							onPanel={setPanel}
							helpOpen={helpOpen}
							about={about}
							keysActive={keysActive}
							width={size.columns}
							height={height}
						/>
					)}
			</Box>
		</ThemeContext.Provider>
	);
}
