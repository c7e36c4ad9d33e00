/**
 * The arithmetic a kernel can be built with, named by its sigmoid: `exact`, V8's own exp taken apart so every
 * result is bit for bit `1 / (1 + Math.exp(−h))` (simd-sigmoid.ts), every product rounded as the reference
 * rounds it; `fast`, a sigmoid within about an ulp of it for |h| up to fastSigmoidInputBound
 * (fast-sigmoid.ts), every product still rounded on its own; and `fused`, the fast sigmoid with each product
 * fused into the sum it goes into where the processor can (fused-multiply-add.ts), the quickest. A run keeps
 * to one (its saved file says whether it fused), so that it replays bit for bit. Each kernel module holds a
 * function of each.
 */
import {emitFastSigmoids, fastSigmoidLocals} from './fast-sigmoid.js';
import {fusedMultiplyAdd} from './fused-multiply-add.js';
import {emitSigmoids, sigmoidLocals} from './simd-sigmoid.js';
import type {FunctionBuilder} from './wasm-assembler.js';

/** The sigmoids a kernel can use. */
export const kernelSigmoids = ['fused', 'fast', 'exact'] as const;
export type KernelSigmoid = (typeof kernelSigmoids)[number];

/** Emits code setting each output local to the sigmoid of its input local (f64x2, both lanes). */
export type SigmoidEmitter = (inputs: readonly number[], outputs: readonly number[]) => void;

/**
 * Declare `sigmoid`'s locals in `c` (this emits their set-up: call it before any loop) for up to `width`
 * sigmoids in flight, and return the emitter. `tables` is the byte offset of the fast sigmoid's table.
 */
export function sigmoidEmitter(c: FunctionBuilder, sigmoid: KernelSigmoid, width: number, tables: number): SigmoidEmitter {
	if (sigmoid !== 'exact') {
		const locals = fastSigmoidLocals(c, tables, width, sigmoid === 'fused');
		return (inputs, outputs) => emitFastSigmoids(c, inputs, outputs, locals);
	}

	const locals = sigmoidLocals(c, width);
	return (inputs, outputs) => emitSigmoids(c, inputs, outputs, locals);
}

/** Whether kernels built for `sigmoid` fuse products into sums (on this processor). */
export const fusesProducts = (sigmoid: KernelSigmoid): boolean => sigmoid === 'fused' && fusedMultiplyAdd;

/** The exported name of a kernel function for a sigmoid, e.g. `accumulate_fast`. */
export const kernelFunctionName = (name: 'accumulate' | 'predict', sigmoid: KernelSigmoid): string => `${name}_${sigmoid}`;
