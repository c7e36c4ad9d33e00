/** The kernels' SIMD sigmoids over an array, so tests can hold them to `sigmoid` and Math.exp value by value. */
import {emitFastExponentials, emitFastSigmoids, fastSigmoidBytes, fastSigmoidLocals, writeFastSigmoidTables} from './fast-sigmoid.js';
import {instantiate} from './instantiate.js';
import {alignToVector} from './kernel-layout.js';
import {emitSigmoids, sigmoidLocals} from './simd-sigmoid.js';
import {FunctionBuilder, ModuleBuilder, sizes, valueType} from './wasm-assembler.js';

/** Values per call into the kernel. */
const batchValues = 4096;
/** Where the values go in the kernel's memory (the fast sigmoid's table comes first). */
const valuesAt = alignToVector(fastSigmoidBytes);

/** What the kernel computes of each value h. */
export const simdFunctions = {
	/** f(h) = 1/(1 + e^(−h)), bit for bit the reference's (simd-sigmoid.ts). */
	exactSigmoid: 'exactSigmoid',
	/** f(h) with the fast sigmoid (fast-sigmoid.ts), for |h| ≤ fastSigmoidInputBound. */
	fastSigmoid: 'fastSigmoid',
	/** e^(−h) as the fast sigmoid computes it. */
	fastExponential: 'fastExponential',
	/** f(h) with the fast sigmoid as the `fused` kernels compute it (products fused into sums where the processor can). */
	fusedSigmoid: 'fusedSigmoid',
	/** e^(−h) as the `fused` kernels compute it. */
	fusedExponential: 'fusedExponential',
} as const;
export type SimdFunction = keyof typeof simdFunctions;

type Kernel = {memory: Float64Array; apply: (end: number) => void};
const kernels = new Map<SimdFunction, Kernel>();

function build(name: SimdFunction): Kernel {
	const c = new FunctionBuilder([valueType.i32]);
	const pointer = c.local(valueType.i32);
	const value = c.local(valueType.v128);
	if (name === 'exactSigmoid') {
		const locals = sigmoidLocals(c, 1);
		emitLoop(c, pointer, () => emitSigmoids(c, [value], [value], locals), value);
	} else {
		const locals = fastSigmoidLocals(c, 0, 1, name.startsWith('fused'));
		const emit = name.endsWith('Sigmoid') ? emitFastSigmoids : emitFastExponentials;
		emitLoop(c, pointer, () => emit(c, [value], [value], locals), value);
	}

	const module = new ModuleBuilder(Math.ceil((valuesAt + (batchValues * sizes.f64)) / sizes.page));
	module.add('apply', c);
	const exports = instantiate(module.bytes());
	writeFastSigmoidTables(exports.memory.buffer, 0);
	return {memory: new Float64Array(exports.memory.buffer), apply: exports['apply'] as (end: number) => void};
}

/** Emit: for each v128 from valuesAt up to parameter 0 (a byte offset), load it into `value`, `body`, store it back. */
function emitLoop(c: FunctionBuilder, pointer: number, body: () => void, value: number): void {
	c.i32Const(valuesAt).set(pointer);
	c.block().loop();
	c.get(pointer).get(0).op('i32.ge_u').brIf(1);
	c.get(pointer).simdMemory('v128.load').set(value);
	body();
	c.get(pointer).get(value).simdMemory('v128.store');
	c.get(pointer).i32Const(sizes.v128).op('i32.add').set(pointer);
	c.br(0).end().end();
}

/** `name` of every value, computed by the kernels' SIMD code. */
export function simdApplyAll(name: SimdFunction, values: Float64Array): Float64Array {
	let kernel = kernels.get(name);
	if (!kernel) {
		kernel = build(name);
		kernels.set(name, kernel);
	}

	const base = valuesAt / sizes.f64;
	const result = new Float64Array(values.length);
	for (let first = 0; first < values.length; first += batchValues) {
		const last = Math.min(first + batchValues, values.length);
		kernel.memory.fill(0, base, base + batchValues);
		kernel.memory.set(values.subarray(first, last), base);
		kernel.apply(valuesAt + (Math.ceil((last - first) / 2) * sizes.v128));
		result.set(kernel.memory.subarray(base, base + last - first), first);
	}

	return result;
}

/** f(h) = 1/(1 + e^(−h)) of every value, computed by the kernels' bit-exact SIMD sigmoid. */
export function simdSigmoidAll(values: Float64Array): Float64Array {
	return simdApplyAll('exactSigmoid', values);
}
