/**
 * a·b + c in one rounding, where the processor fuses (an FMA instruction, reached through WebAssembly's
 * relaxed SIMD, f64x2.relaxed_madd), else as a product and a sum. Node 20 has relaxed SIMD behind a V8
 * flag, set here before anything is compiled; later versions have it on. On a processor without FMA the
 * runtime computes relaxed_madd as a product and a sum, so the probe runs it and looks at the rounding.
 */
import {setFlagsFromString} from 'node:v8';
import {instantiate, kernelsSupported} from './instantiate.js';
import {FunctionBuilder, ModuleBuilder} from './wasm-assembler.js';

/** (1 + 2⁻³⁰)(1 − 2⁻³⁰) − 1 is −2⁻⁶⁰ rounded once; the product rounded first (to 1) makes it 0. */
const probeFactors = [1 + (2 ** -30), 1 - (2 ** -30)] as const;

/** A module storing f64x2.relaxed_madd of the probe's factors and −1 at byte 0. */
function relaxedProbe(): Uint8Array {
	const probe = new FunctionBuilder([]);
	probe.i32Const(0).f64x2Const(probeFactors[0]).f64x2Const(probeFactors[1]).f64x2Const(-1).simd('f64x2.relaxed_madd').simdMemory('v128.store');
	const module = new ModuleBuilder(1);
	module.add('probe', probe);
	return module.bytes();
}

/** Whether this runtime has relaxed SIMD (setting Node 20's flag when it is off) and this processor fuses. */
function probeFusedMultiplyAdd(): boolean {
	const probe = relaxedProbe();
	if (!kernelsSupported(probe)) {
		try {
			setFlagsFromString('--experimental-wasm-relaxed-simd');
		} catch {
			return false;
		}

		if (!kernelsSupported(probe)) {
			return false;
		}
	}

	const exports = instantiate(probe);
	(exports['probe'] as () => void)();
	return new Float64Array(exports.memory.buffer, 0, 1)[0] === -(2 ** -60);
}

/** Whether kernels can fuse their products and sums here (the `fused` kernels do). */
export const fusedMultiplyAdd = probeFusedMultiplyAdd();

/**
 * Emit a·b + c, each operand pushed by its callback: fused when `fused` and the processor can, else
 * (c + a·b, the same bits as a·b + c) as a product and a sum.
 */
export function emitMulAdd(c: FunctionBuilder, a: () => void, b: () => void, addend: () => void, fused: boolean): void {
	if (fused && fusedMultiplyAdd) {
		a();
		b();
		addend();
		c.simd('f64x2.relaxed_madd');
		return;
	}

	addend();
	a();
	b();
	c.simd('f64x2.mul').simd('f64x2.add');
}
