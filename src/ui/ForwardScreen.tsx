import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import {demoSeed, forwardDemo} from '../engine/forward-pass.js';
import type {RandomKind} from '../engine/random.js';
import {describeForward} from './describe-forward.js';
import {Footer} from './Footer.js';
import {HelpOverlay} from './HelpOverlay.js';
import {useScreenKeys, type KeyTarget} from './hooks/use-screen-keys.js';
import {useTheme} from './hooks/use-theme.js';
import {keysFor, notAKeyNotice} from './key-map.js';
import {MatrixBlock, matrixBlockWidth} from './MatrixBlock.js';
import {nextSeed} from './next-seed.js';
import {fitPanelLine, type PanelLine} from './table-spec.js';
import {displayWidth, wrapToWidth} from './text-width.js';

/** Props of ForwardScreen. */
export type ForwardScreenProps = {
	/** Where the App sends this screen's keys. */
	keyTarget: KeyTarget;
	/** The seed the values are drawn from. */
	seed: number | string;
	/** The generator that draws them (--rng). */
	rng: RandomKind;
	/** The seed the dashboard opened with (the lesson's 42 unless --seed said otherwise), which r returns to. */
	startSeed: number | string;
	/** Draw from another seed (given as a function of the seed now, as keys may come faster than renders). */
	onSeed: (change: (seed: number | string) => number | string) => void;
	/** Whether the help overlay is open. */
	helpOpen: boolean;
	/** Lines about the data and the run for the help. */
	about: string[];
	/** Whether keys can be read at all (stdin is a terminal). */
	keysActive: boolean;
	/** Columns available. */
	width: number;
	/** Rows available, footer included. */
	height: number;
};

/** The keys of the training screens (TrainingScreen's), which say here where they act; other keys do nothing anywhere. */
const trainingKeys = new Set(['left', 'right', 'up', 'down', '+', '=', '-', '_', 'space', '.', 'b', 'm', 'w', 'c', 'v', '[', ']']);
/** What a key of the training screens says here. */
export const trainingKeyNotice = 'that key acts on a training run (1, 3); here s draws new values, r goes back';
/** The same in fewer words, for a narrow terminal. */
const trainingKeyBrief = 'that key is for a training run: 1 or 3';

/** Gap between the weights and the layer values beside them. */
const blockGap = 3;
/** Rows of everything above the product lines: title, X, both layers, and the line saying X·W_ih works. */
const fixedRows = 1 + 2 + 5 + 4 + 1;

/** The lesson's 4×3×2 forward pass: X, both weight matrices and each layer's input and output, with their shapes. */
export function ForwardScreen({keyTarget, seed, rng, startSeed, onSeed, helpOpen, about, keysActive, width, height}: ForwardScreenProps) {
	const theme = useTheme();
	const layout = useMemo(() => describeForward(forwardDemo(seed, rng)), [seed, rng]);
	// a key of the training screens (w, space, ← …) says where it works instead of doing nothing unseen
	const [notice, setNotice] = useState<PanelLine | undefined>(undefined);
	useScreenKeys(keyTarget, name => {
		if (name === 's') { // new values from the next seed
			onSeed(current => nextSeed(current, rng));
			setNotice(undefined);
		} else if (name === 'r') { // back to the values it opened with
			onSeed(() => startSeed);
			setNotice(undefined);
		} else if (trainingKeys.has(name)) {
			setNotice([trainingKeyNotice, trainingKeyBrief]);
		} else {
			setNotice(current => notAKeyNotice(name) ?? current);
		}
	}, keysActive && !helpOpen);

	if (helpOpen) {
		return <HelpOverlay screen="forward" about={about} width={width} height={height}/>;
	}

	// both layers' values start in one column, after the wider of the two weight matrices
	const weightsWidth = Math.max(matrixBlockWidth(layout.hiddenLayer.weights), matrixBlockWidth(layout.outputLayer.weights));
	const layer = (part: typeof layout.hiddenLayer) => (
		<Box flexShrink={0}>
			<Box width={weightsWidth} flexShrink={0}><MatrixBlock block={part.weights}/></Box>
			<Box flexDirection="column" marginLeft={blockGap}>
				<MatrixBlock block={part.input}/>
				<MatrixBlock block={part.output}/>
			</Box>
		</Box>
	);
	// wrapped here, between words: Ink's own wrap starts some lines with a space
	const wrappedProduct = wrapToWidth(layout.matrixTimesRow, width);
	const ruleLines = wrapToWidth(layout.rule, width);
	// the rows under the layers (the footer aside): a notice takes one from the product lines' end, never
	// from the matrices above them; the rule shows in the rows left after those
	const textRows = height - 1 - fixedRows;
	const noticeLine = notice === undefined ? undefined : fitPanelLine(notice, width);
	const productLines = wrappedProduct.slice(0, Math.max(0, textRows - (noticeLine === undefined ? 0 : 1)));
	// the whole rule where its lines fit, else its one-line form where that fits (60 columns and a row to spare)
	const rowsForRule = productLines.length === wrappedProduct.length ? textRows - productLines.length - (noticeLine === undefined ? 0 : 1) : 0;
	const shownRule = ruleLines.length <= rowsForRule ? ruleLines : (rowsForRule >= 1 && displayWidth(layout.ruleShort) <= width ? [layout.ruleShort] : []);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text wrap="truncate">
				<Text bold>Forward pass 4 → 3 → 2</Text>
				{`  seed ${seed}${rng === 'numpy' ? (seed === demoSeed ? ' (the lesson\'s)' : '') : ` (${rng})`}  ·  sigmoid after each layer`}
			</Text>
			<Box flexShrink={0}><MatrixBlock block={layout.x}/></Box>
			{layer(layout.hiddenLayer)}
			{layer(layout.outputLayer)}
			<Text wrap="truncate" color={theme.accent}>{layout.rowTimesMatrix}</Text>
			{productLines.map((line, index) => <Text key={index} wrap="truncate" color={theme.failure}>{line}</Text>)}
			{shownRule.map((line, index) => <Text key={index} wrap="truncate" dimColor>{line}</Text>)}
			<Box flexGrow={1}/>
			{noticeLine !== undefined && <Text wrap="truncate">{noticeLine}</Text>}
			<Footer hints={keysFor('forward')} width={width}/>
		</Box>
	);
}
