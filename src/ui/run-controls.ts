/** What the dashboard keeps about each model's run besides the session itself. */
import type {PinnedCurve} from './LossChart.js';
import type {Message} from './run-state.js';

/** What the panel under the chart shows: the weights table, one step explained, or nothing (chart only). */
export type PanelMode = 'weights' | 'step' | 'chart';

/** The order v cycles the panel through. */
export const panelModes: readonly PanelMode[] = ['weights', 'step', 'chart'];

/** One model's controls, kept while another model is on screen. */
export type RunControls = {
	/** Paused by the user (space or .). */
	paused: boolean;
	/** The curve pinned with c, if any. */
	pinned: PinnedCurve | undefined;
	/** Which example or record the one-step panel explains. */
	stepSource: number;
	/** What the last key did, for the message line (a Message when it has a shorter form or tells a failure). */
	notice: string | Message | undefined;
};

/** A change to a model's controls: a patch, or a function making one from the controls as they are. */
export type ControlsChange = Partial<RunControls> | ((controls: RunControls) => Partial<RunControls>);

/** The controls after a change. */
export function applyControlsChange(controls: RunControls, change: ControlsChange): RunControls {
	return {...controls, ...(typeof change === 'function' ? change(controls) : change)};
}

/** A model's controls before any key is pressed: training, nothing pinned, the first worked example. */
export const initialRunControls: RunControls = {paused: false, pinned: undefined, stepSource: 0, notice: undefined};
