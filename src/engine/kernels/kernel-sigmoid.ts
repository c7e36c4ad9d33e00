/**
 * The two sigmoids a kernel can be built with: `exact`, V8's own exp taken apart so every result is bit for
 * bit `1 / (1 + Math.exp(−h))` (simd-sigmoid.ts), and `fast`, within about an ulp of it for |h| up to
 * fastSigmoidInputBound (fast-sigmoid.ts). Each kernel module holds a function of each.
 */
import {emitFastSigmoids, fastSigmoidLocals} from './fast-sigmoid.js';
import {emitSigmoids, sigmoidLocals} from './simd-sigmoid.js';
import type {FunctionBuilder} from './wasm-assembler.js';

/** The sigmoids a kernel can use. */
export const kernelSigmoids = ['fast', 'exact'] as const;
export type KernelSigmoid = (typeof kernelSigmoids)[number];

/** Emits code setting each output local to the sigmoid of its input local (f64x2, both lanes). */
export type SigmoidEmitter = (inputs: readonly number[], outputs: readonly number[]) => void;

/**
 * Declare `sigmoid`'s locals in `c` (this emits their set-up: call it before any loop) for up to `width`
 * sigmoids in flight, and return the emitter. `tables` is the byte offset of the fast sigmoid's table.
 */
export function sigmoidEmitter(c: FunctionBuilder, sigmoid: KernelSigmoid, width: number, tables: number): SigmoidEmitter {
	if (sigmoid === 'fast') {
		const locals = fastSigmoidLocals(c, tables, width);
		return (inputs, outputs) => emitFastSigmoids(c, inputs, outputs, locals);
	}

	const locals = sigmoidLocals(c, width);
	return (inputs, outputs) => emitSigmoids(c, inputs, outputs, locals);
}

/** The exported name of a kernel function for a sigmoid, e.g. `accumulate_fast`. */
export const kernelFunctionName = (name: 'accumulate' | 'predict', sigmoid: KernelSigmoid): string => `${name}_${sigmoid}`;
