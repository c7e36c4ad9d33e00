/**
 * Two records side by side. The forward pass wants one f64x2 per feature holding (x[r][f], x[r + 1][f]),
 * so each record's own sum runs in feature order exactly as the reference's; the weight steps want the rows
 * as stored. Rows are loaded two features at a time and recombined with shuffles.
 */
import {sizes, type FunctionBuilder} from './wasm-assembler.js';

/** Emit code pushing row (at pointer + offset)'s features 2·group and 2·group + 1 (an odd last feature beside 0). */
export function emitRowGroup(c: FunctionBuilder, pointer: number, offset: number, group: number, featureCount: number): void {
	const at = offset + group * sizes.v128;
	c.get(pointer).simdMemory(2 * group + 1 < featureCount ? 'v128.load' : 'v128.load64_zero', at);
}

/**
 * Emit code that calls `use(feature, local)` with `local` holding (x[r][f], x[r′][f]) for each feature in
 * order, rows r and r′ being at the addresses in locals `first` and `second`.
 */
export function emitPairVectors(
	c: FunctionBuilder,
	first: number,
	second: number,
	featureCount: number,
	scratch: {first: number; second: number; pair: number},
	use: (feature: number, pair: number) => void,
): void {
	for (let feature = 0; feature < featureCount; feature++) {
		const group = feature >> 1;
		const lane = (feature & 1) as 0 | 1;
		if (lane === 0) {
			emitRowGroup(c, first, 0, group, featureCount);
			c.set(scratch.first);
			emitRowGroup(c, second, 0, group, featureCount);
			c.set(scratch.second);
		}

		c.get(scratch.first).get(scratch.second).shuffle64(lane, (lane + 2) as 2 | 3).set(scratch.pair);
		use(feature, scratch.pair);
	}
}
