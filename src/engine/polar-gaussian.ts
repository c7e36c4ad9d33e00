/**
 * The legacy polar (Marsaglia) Gaussian NumPy's RandomState uses: each accepted pair of uniforms
 * yields two normal draws; the second is cached and returned by the next call.
 */
export abstract class PolarGaussian {
	private hasGauss = false;
	private cachedGauss = 0;

	/** A double in [0, 1). */
	abstract random(): number;

	/** A standard normal draw, returning the cached second value when there is one. */
	gauss(): number {
		if (this.hasGauss) {
			this.hasGauss = false;
			return this.cachedGauss;
		}

		let x1: number;
		let x2: number;
		let radiusSquared: number;
		do {
			x1 = 2 * this.random() - 1;
			x2 = 2 * this.random() - 1;
			radiusSquared = x1 * x1 + x2 * x2;
		} while (radiusSquared >= 1 || radiusSquared === 0);

		const factor = Math.sqrt(-2 * Math.log(radiusSquared) / radiusSquared);
		this.cachedGauss = factor * x1;
		this.hasGauss = true;
		return factor * x2;
	}
}
