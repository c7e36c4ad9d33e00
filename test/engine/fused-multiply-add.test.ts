/**
 * The kernels' a·b + c: fused where the processor can (through relaxed SIMD, on Node 20 behind the flag
 * the module sets), else a product and a sum with the same operands in the same roles.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {emitMulAdd, fusedMultiplyAdd} from '../../src/engine/kernels/fused-multiply-add.js';
import {instantiate} from '../../src/engine/kernels/instantiate.js';
import {FunctionBuilder, ModuleBuilder, sizes} from '../../src/engine/kernels/wasm-assembler.js';

/** a·b + c on both lanes of f64x2 vectors, as emitMulAdd computes it (fused or not). */
function mulAdd(fused: boolean, a: [number, number], b: [number, number], c: [number, number]): number[] {
	const code = new FunctionBuilder([]);
	code.i32Const(0);
	emitMulAdd(code, () => code.f64x2Const(...a), () => code.f64x2Const(...b), () => code.f64x2Const(...c), fused);
	code.simdMemory('v128.store');
	const module = new ModuleBuilder(1);
	module.add('run', code);
	const exports = instantiate(module.bytes());
	(exports['run'] as () => void)();
	return Array.from(new Float64Array(exports.memory.buffer, 0, sizes.v128 / sizes.f64));
}

/** Whether this processor has an FMA instruction (x64's `fma` flag in /proc/cpuinfo; every arm64 has one). */
function processorHasFma(): boolean | undefined {
	if (process.arch === 'arm64') {
		return true;
	}

	try {
		return /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
	} catch {
		return undefined;
	}
}

test('the kernels fuse where the processor has FMA (the relaxed SIMD probe and its V8 flag work)', t => {
	const expected = processorHasFma();
	if (expected === undefined) {
		t.skip('no /proc/cpuinfo to say whether this processor has FMA');
		return;
	}

	assert.equal(fusedMultiplyAdd, expected);
});

for (const fused of [false, true]) {
	test(`a·b + c ${fused ? 'fused' : 'as a product and a sum'} takes each operand in its role`, () => {
		assert.deepEqual(mulAdd(fused, [2, -1.5], [3, 4], [5, 0.25]), [11, -5.75]);
	});
}

test('unfused, a·b + c is the two roundings JavaScript gives it', () => {
	const a = 1 + (2 ** -30);
	const b = 1 - (2 ** -30);
	assert.deepEqual(mulAdd(false, [a, 0.1], [b, 0.2], [-1, 0.3]), [(a * b) - 1, (0.1 * 0.2) + 0.3]);
});

test('fused, a·b + c is rounded once where the processor fuses: (1 + 2⁻³⁰)(1 − 2⁻³⁰) − 1 keeps its −2⁻⁶⁰ (a product rounded first gives 0)', () => {
	const a = 1 + (2 ** -30);
	const b = 1 - (2 ** -30);
	assert.equal((a * b) - 1, 0);
	const expected = fusedMultiplyAdd ? -(2 ** -60) : 0;
	assert.deepEqual(mulAdd(true, [a, a], [b, b], [-1, -1]), [expected, expected]);
});
