/** The SIMD sigmoid over an array, so tests can hold it to `sigmoid` value by value. */
import {instantiate} from './instantiate.js';
import {emitSigmoids, sigmoidLocals} from './simd-sigmoid.js';
import {FunctionBuilder, ModuleBuilder, sizes, valueType} from './wasm-assembler.js';

/** Values per call into the kernel. */
const batchValues = 4096;

let kernel: {memory: Float64Array; apply: (pairs: number) => void} | undefined;

function build(): NonNullable<typeof kernel> {
	const c = new FunctionBuilder([valueType.i32]);
	const pointer = c.local(valueType.i32);
	const value = c.local(valueType.v128);
	const locals = sigmoidLocals(c, 1);
	c.block().loop();
	c.get(pointer).get(0).i32Const(sizes.v128).op('i32.mul').op('i32.ge_u').brIf(1);
	c.get(pointer).simdMemory('v128.load').set(value);
	emitSigmoids(c, [value], [value], locals);
	c.get(pointer).get(value).simdMemory('v128.store');
	c.get(pointer).i32Const(sizes.v128).op('i32.add').set(pointer);
	c.br(0).end().end();
	const module = new ModuleBuilder(Math.ceil((batchValues * sizes.f64) / sizes.page));
	module.add('apply', c);
	const exports = instantiate(module.bytes());
	return {memory: new Float64Array(exports.memory.buffer), apply: exports['apply'] as (pairs: number) => void};
}

/** f(h) = 1/(1 + e^(−h)) of every value, computed by the kernels' SIMD sigmoid. */
export function simdSigmoidAll(values: Float64Array): Float64Array {
	kernel ??= build();
	const result = new Float64Array(values.length);
	for (let first = 0; first < values.length; first += batchValues) {
		const last = Math.min(first + batchValues, values.length);
		kernel.memory.fill(0, 0, batchValues);
		kernel.memory.set(values.subarray(first, last));
		kernel.apply(Math.ceil((last - first) / 2));
		result.set(kernel.memory.subarray(0, last - first), first);
	}

	return result;
}
