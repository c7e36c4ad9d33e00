/** `gdlab forward`: the lesson's 4×3×2 forward pass (multilayer.py), every term labelled with its shape. */
import {forwardDemo, demoSeed} from '../engine/forward-pass.js';
import {toRows} from '../engine/matrix.js';
import {randomKinds, type RandomKind} from '../engine/random.js';
import {numpyArrayString} from './numpy-format.js';
import {oneOf, parseOptions, seedValue} from './parse-options.js';
import {writeStdout} from './write-stdout.js';

/** Usage of `gdlab forward`. */
export const forwardUsage = `Usage: gdlab forward [options]

The lesson's forward pass through a 4×3×2 network: X = randn(4), weights
normal(0, 0.1) of shapes (4,3) and (3,2), sigmoid on both layers.

Options:
  --seed N                  seed of X and the weights (default 42, the lesson's)
  --rng numpy|seedrandom    random generator (default numpy)
  --json                    print one JSON document instead of text
  -h, --help                show this help`;

/** Run `gdlab forward` with the arguments after `forward`; returns the exit code. */
export function runForward(argv: string[], write: (text: string) => void = writeStdout): number {
	const {values} = parseOptions(argv, {seed: {type: 'string'}, rng: {type: 'string'}, json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}}, forwardUsage);
	if (values.help) {
		write(`${forwardUsage}\n`);
		return 0;
	}

	const rng = oneOf<RandomKind>('--rng', values.rng ?? 'numpy', randomKinds, forwardUsage);
	const seed = values.seed === undefined ? demoSeed : seedValue('--seed', values.seed, rng, forwardUsage);
	const demo = forwardDemo(seed, rng);
	const json = {
		seed,
		rng,
		x: Array.from(demo.x),
		weightsInputHidden: toRows(demo.weightsInputHidden),
		weightsHiddenOutput: toRows(demo.weightsHiddenOutput),
		hiddenIn: Array.from(demo.hidden.input),
		hiddenOut: Array.from(demo.hidden.output),
		outputIn: Array.from(demo.output.input),
		outputOut: Array.from(demo.output.output),
	};
	if (values.json) {
		write(`${JSON.stringify(json, null, 1)}\n`);
		return 0;
	}

	write([
		// the generator named when it is not NumPy's: seedrandom's seed 42 draws other values
		`Forward pass through a 4×3×2 network (seed ${seed}${rng === 'numpy' ? '' : `, ${rng}`})`,
		'',
		`X (4,):\n${numpyArrayString(json.x)}`,
		`weights_input_to_hidden (4, 3):\n${numpyArrayString(json.weightsInputHidden)}`,
		`hidden_layer_in = X · W_ih (3,):\n${numpyArrayString(json.hiddenIn)}`,
		`Hidden-layer Output:\n${numpyArrayString(json.hiddenOut)}`,
		`weights_hidden_to_output (3, 2):\n${numpyArrayString(json.weightsHiddenOutput)}`,
		`output_layer_in = hidden · W_ho (2,):\n${numpyArrayString(json.outputIn)}`,
		`Output-layer Output:\n${numpyArrayString(json.outputOut)}`,
		'',
	].join('\n'));
	return 0;
}
