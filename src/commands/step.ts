/** `gdlab step worked|gradient|backprop`: the lesson's single-step examples with every term. */
import {toRows} from '../engine/matrix.js';
import {backpropStep, singleUnitStep, workedExamples, type WorkedExampleName} from '../engine/one-step.js';
import {numpyArrayString, numpyIntegerArrayString} from './numpy-format.js';
import {parseOptions} from './parse-options.js';
import {pythonRepr} from './python-format.js';
import {suggestName} from './suggest-name.js';
import {UsageError} from './usage-error.js';
import {writeStdout} from './write-stdout.js';

/** Usage of `gdlab step`. */
export const stepUsage = `Usage: gdlab step worked|gradient|backprop [--json]

One gradient-descent step from the lesson, with every intermediate term:
  worked     the text's example: x = [0.1, 0.3], y = 0.2, w = [-0.8, 0.5],
             η = 0.5
  gradient   gradient.py: x = [1, 2, 3, 4], y = 0.5, w = [0.5, -0.5, 0.3, 0.1],
             η = 0.5
  backprop   backprop.py: x = [0.5, 0.1, -0.2], target 0.6, η = 0.5, one hidden
             layer of 2 units

Options:
  --json       print one JSON document instead of text
  -h, --help   show this help`;

const exampleNames = Object.keys(workedExamples) as WorkedExampleName[];

/** Run `gdlab step` with the arguments after `step`; returns the exit code. */
export function runStep(argv: string[], write: (text: string) => void = writeStdout): number {
	const {values, positionals} = parseStepArgs(argv);
	if (values.help) {
		write(`${stepUsage}\n`);
		return 0;
	}

	const [name, ...extra] = positionals;
	if (name === undefined) {
		throw new UsageError('step needs an example: worked, gradient or backprop', stepUsage);
	}

	if (!exampleNames.includes(name as WorkedExampleName)) {
		const near = suggestName(name, exampleNames);
		throw new UsageError(`unknown example "${name}"${near === undefined ? '' : ` (did you mean ${near}?)`}; choose worked, gradient or backprop`, stepUsage);
	}

	if (extra.length > 0) {
		throw new UsageError(`unexpected argument "${extra[0]}"`, stepUsage);
	}

	const {json, text} = name === 'backprop' ? backpropExample() : singleExample(name as 'worked' | 'gradient');
	write(values.json ? `${JSON.stringify(json, null, 1)}\n` : text);
	return 0;
}

function parseStepArgs(argv: string[]) {
	const options = {json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}} as const;
	const positionals = argv.filter(argument => !argument.startsWith('-'));
	const {values} = parseOptions(argv.filter(argument => argument.startsWith('-')), options, stepUsage);
	return {values, positionals};
}

function singleExample(name: 'worked' | 'gradient') {
	const {x, y, weights, learnRate} = workedExamples[name];
	const step = singleUnitStep(x, y, weights, learnRate);
	const json = {example: name, x, y, weights, learnRate, h: step.h, output: step.output, error: step.error, outputGradient: step.outputGradient, errorTerm: step.errorTerm, deltaWeights: step.weightStep};
	const text = [
		`One gradient descent step (${name === 'worked' ? "the lesson's worked example" : 'gradient.py'})`,
		// gradient.py's x is np.array([1, 2, 3, 4]), an integer array
		`x = ${name === 'gradient' ? numpyIntegerArrayString(x) : numpyArrayString(x)}, y = ${pythonRepr(y)}, w = ${numpyArrayString(weights)}, η = ${pythonRepr(learnRate)}`,
		'',
		`h = x · w:\n${pythonRepr(step.h)}`,
		`Neural Network output:\n${pythonRepr(step.output)}`,
		`Amount of Error:\n${pythonRepr(step.error)}`,
		`Output gradient f'(h) = ŷ(1 − ŷ):\n${pythonRepr(step.outputGradient)}`,
		`Error term δ = error · f'(h):\n${pythonRepr(step.errorTerm)}`,
		`Change in Weights:\n${numpyArrayString(step.weightStep)}`,
		'',
	].join('\n');
	return {json, text};
}

function backpropExample() {
	const {x, y, weightsInputHidden, weightsHiddenOutput, learnRate} = workedExamples.backprop;
	const step = backpropStep(x, y, weightsInputHidden, weightsHiddenOutput, learnRate);
	const json = {
		example: 'backprop', x, target: y, learnRate,
		weightsInputHidden: toRows(weightsInputHidden), weightsHiddenOutput,
		hiddenIn: step.hiddenInput, hiddenOut: step.hiddenOutput, outputIn: step.outputInput, output: step.output,
		error: step.error, outputErrorTerm: step.outputErrorTerm, hiddenError: step.hiddenError, hiddenErrorTerm: step.hiddenErrorTerm,
		deltaWeightsHiddenOutput: step.deltaHiddenOutput, deltaWeightsInputHidden: step.deltaInputHidden,
	};
	const text = [
		'One backpropagation step (backprop.py)',
		`x = ${numpyArrayString(x)}, target = ${pythonRepr(y)}, η = ${pythonRepr(learnRate)}`,
		'',
		`hidden_layer_input = x · W_ih (2,):\n${numpyArrayString(step.hiddenInput)}`,
		`hidden_layer_output:\n${numpyArrayString(step.hiddenOutput)}`,
		`output_layer_in:\n${pythonRepr(step.outputInput)}`,
		`output:\n${pythonRepr(step.output)}`,
		`error = target − output:\n${pythonRepr(step.error)}`,
		`output_error_term = error · output · (1 − output):\n${pythonRepr(step.outputErrorTerm)}`,
		`hidden_error = output_error_term · W_ho:\n${numpyArrayString(step.hiddenError)}`,
		`hidden_error_term = hidden_error · a(1 − a):\n${numpyArrayString(step.hiddenErrorTerm)}`,
		`Change in weights for hidden layer to output layer:\n${numpyArrayString(step.deltaHiddenOutput)}`,
		`Change in weights for input layer to hidden layer:\n${numpyArrayString(step.deltaInputHidden)}`,
		'',
	].join('\n');
	return {json, text};
}
