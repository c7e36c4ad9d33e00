/**
 * a·b + c in one rounding, where the runtime has WebAssembly's relaxed SIMD (f64x2.relaxed_madd, an FMA
 * instruction on processors that have one), else as a product and a sum. Node 20 has relaxed SIMD behind a
 * V8 flag, set here before anything is compiled; later versions have it on.
 */
import {setFlagsFromString} from 'node:v8';
import {kernelsSupported} from './instantiate.js';
import {FunctionBuilder, ModuleBuilder} from './wasm-assembler.js';

/** A module computing one f64x2.relaxed_madd, to ask the runtime whether it has relaxed SIMD. */
function relaxedProbe(): Uint8Array {
	const probe = new FunctionBuilder([]);
	probe.i32Const(0).f64x2Const(1).f64x2Const(2).f64x2Const(3).simd('f64x2.relaxed_madd').simdMemory('v128.store');
	const module = new ModuleBuilder(1);
	module.add('probe', probe);
	return module.bytes();
}

function probeRelaxedSimd(): boolean {
	const probe = relaxedProbe();
	if (kernelsSupported(probe)) {
		return true;
	}

	setFlagsFromString('--experimental-wasm-relaxed-simd');
	return kernelsSupported(probe);
}

/** Whether kernels fuse their products and sums. */
export const fusedMultiplyAdd = probeRelaxedSimd();

/**
 * Emit a·b + c, each operand pushed by its callback: fused where the runtime can, else (c + a·b, the same
 * bits as a·b + c) as a product and a sum.
 */
export function emitMulAdd(c: FunctionBuilder, a: () => void, b: () => void, addend: () => void, fused = fusedMultiplyAdd): void {
	if (fused) {
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
