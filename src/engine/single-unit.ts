/**
 * The lesson's single sigmoid unit (gradient.py): ŷ = f(Σ wᵢxᵢ), error term δ = (y − ŷ)·ŷ(1 − ŷ),
 * weight step Δwᵢ += δ·xᵢ. Initial weights normal(0, 1/√n_features).
 */
import type {Examples} from '../data/dataset.js';
import {accumulateWithKernel} from './kernels/fast-epoch.js';
import type {Model, WeightsJson} from './model.js';
import {normal, type Random} from './random.js';
import {referenceSingleUnitSteps} from './reference-epoch.js';
import {sigmoid} from './sigmoid.js';

/** One sigmoid output unit on the inputs, no bias (as in the lesson). */
export class SingleUnit implements Model {
	readonly kind = 'single';
	readonly hiddenCount = 0;

	/** Draw the initial weights the lesson's way from `random`. */
	static initial(featureCount: number, random: Random): SingleUnit {
		return new SingleUnit(normal(random, 0, 1 / Math.sqrt(featureCount), featureCount));
	}

	constructor(readonly weights: Float64Array) {}

	get featureCount(): number {
		return this.weights.length;
	}

	predictOne(features: Float64Array, offset: number): number {
		const {weights} = this;
		let h = 0;
		for (let feature = 0; feature < weights.length; feature++) {
			h += features[offset + feature]! * weights[feature]!;
		}

		return sigmoid(h);
	}

	accumulateWeightSteps(examples: Examples, start: number, end: number, steps: Float64Array): void {
		if (!accumulateWithKernel(this.weights, this.featureCount, 0, examples, start, end, steps)) {
			referenceSingleUnitSteps(this.weights, examples, start, end, steps);
		}
	}

	weightsJson(flat = this.weights): WeightsJson {
		return {output: Array.from(flat)};
	}

	weightNames(featureNames: string[]): string[] {
		return featureNames.map(name => `w[${name}]`);
	}
}
