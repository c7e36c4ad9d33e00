/**
 * The lesson's backprop network (backprop.py): inputs → sigmoid hidden layer → one sigmoid output,
 * no biases. Output error term δᵒ = (y − ŷ)·ŷ(1 − ŷ); hidden error term δʰⱼ = δᵒ·Wⱼ·aⱼ(1 − aⱼ);
 * steps ΔWⱼ += δᵒ·aⱼ and Δwᵢⱼ += δʰⱼ·xᵢ.
 *
 * Flat layout of `weights`: weightsInputHidden row-major ([feature][hidden unit]), then weightsHiddenOutput.
 */
import type {Examples} from '../data/dataset.js';
import {accumulateWithKernel} from './kernels/fast-epoch.js';
import type {Model, WeightsJson} from './model.js';
import {normal, type Random} from './random.js';
import {referenceHiddenLayerOutput, referenceHiddenLayerSteps} from './reference-epoch.js';

/** The lesson's default number of hidden units. */
export const defaultHiddenCount = 2;

/** A network with one hidden layer of sigmoid units and one sigmoid output. */
export class HiddenLayerNetwork implements Model {
	readonly kind = 'backprop';
	/** The hidden activations of the last record passed forward (scratch of predictOne and the reference loop). */
	readonly hiddenOutput: Float64Array;
	/** The hidden error terms of the last record (scratch of the reference loop). */
	readonly hiddenErrorTerm: Float64Array;

	/** Draw initial weights as the lesson does: normal(0, 1/√n_features) for (n_features, n_hidden), then n_hidden. */
	static initial(featureCount: number, hiddenCount: number, random: Random): HiddenLayerNetwork {
		const scale = 1 / Math.sqrt(featureCount);
		const weights = new Float64Array(featureCount * hiddenCount + hiddenCount);
		weights.set(normal(random, 0, scale, featureCount * hiddenCount));
		weights.set(normal(random, 0, scale, hiddenCount), featureCount * hiddenCount);
		return new HiddenLayerNetwork(featureCount, hiddenCount, weights);
	}

	constructor(readonly featureCount: number, readonly hiddenCount: number, readonly weights: Float64Array) {
		if (weights.length !== featureCount * hiddenCount + hiddenCount) {
			throw new RangeError(`a ${featureCount}×${hiddenCount} network has ${featureCount * hiddenCount + hiddenCount} weights, got ${weights.length}`);
		}

		this.hiddenOutput = new Float64Array(hiddenCount);
		this.hiddenErrorTerm = new Float64Array(hiddenCount);
	}

	/** Forward pass for one record; leaves the hidden activations in this.hiddenOutput. */
	predictOne(features: Float64Array, offset: number): number {
		return referenceHiddenLayerOutput(this.weights, this.featureCount, this.hiddenCount, features, offset, this.hiddenOutput);
	}

	accumulateWeightSteps(examples: Examples, start: number, end: number, steps: Float64Array): void {
		const {weights, featureCount, hiddenCount} = this;
		if (!accumulateWithKernel(weights, featureCount, hiddenCount, examples, start, end, steps)) {
			referenceHiddenLayerSteps(weights, featureCount, hiddenCount, examples, start, end, steps, this);
		}
	}

	weightsJson(flat = this.weights): WeightsJson {
		const {featureCount, hiddenCount} = this;
		const inputHidden = Array.from({length: featureCount}, (_, feature) => Array.from(flat.subarray(feature * hiddenCount, (feature + 1) * hiddenCount)));
		return {inputHidden, hiddenOutput: Array.from(flat.subarray(featureCount * hiddenCount))};
	}

	weightNames(featureNames: string[]): string[] {
		const names: string[] = [];
		for (const name of featureNames) {
			for (let hidden = 1; hidden <= this.hiddenCount; hidden++) {
				names.push(`w_ih[${name}][h${hidden}]`);
			}
		}

		for (let hidden = 1; hidden <= this.hiddenCount; hidden++) {
			names.push(`W_ho[h${hidden}]`);
		}

		return names;
	}
}
