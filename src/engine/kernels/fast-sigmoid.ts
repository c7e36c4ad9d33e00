/**
 * The kernels' fast sigmoid: f(h) = 1 / (1 + e^(−h)) on both lanes of an f64x2, accurate rather than bit for
 * bit what `sigmoid` returns. V8's exp (fdlibm) spends a division on top of the sigmoid's own and a dozen
 * more operations; this one reduces −h = (K/N)·ln2 − u with N = 2048 (Cody–Waite, fdlibm's split of ln2, so
 * the reduction is exact but for one rounding), takes 2^(j/N) from a table (j = K mod N) and e^(−u) from a
 * cubic, and scales by 2^⌊K/N⌋ with integer adds on the bits; in the `fused` kernels its products are
 * fused into their sums where the processor can (fused-multiply-add.ts). e^(−h) is within about one ulp of Math.exp
 * (test/engine/fast-sigmoid.test.ts measures it), and f keeps the one division 1/(1 + e^(−h)).
 *
 * Only for |h| ≤ fastSigmoidInputBound: the callers prove the bound from the weights (fast-epoch.ts) and
 * take the bit-exact sigmoid (simd-sigmoid.ts) when they cannot.
 */
import {emitMulAdd} from './fused-multiply-add.js';
import {valueType, type FunctionBuilder} from './wasm-assembler.js';

/** Inputs |h| up to this keep K below 2^21 (so K·ln2HI/N is exact) and e^(−h) a normal double. */
export const fastSigmoidInputBound = 700;
/** log2 of the table size N. */
const tableBits = 11;
/** N: entries of the 2^(j/N) table. */
const tableSize = 2 ** tableBits;
/** A 64-bit lane shifted left by this puts K's whole part ⌊K/N⌋ in a double's exponent field. */
const exponentShift = 52 - tableBits;
/** fdlibm's ln2 split (e_exp.c): ln2HI has 21 trailing zero bits, so K·ln2HI/N is exact for |K| < 2^21. */
const ln2HI = 6.93147180369123816490e-01;
const ln2LO = 1.90821492927058770002e-10;
/**
 * e^(−u) − 1 ≈ u·(−1 + u·(c0 + c1·u)) on |u| ≤ ln2/(2N): a Chebyshev fit (mpmath.chebyfit) of
 * (e^(−u) − 1 + u)/u², off by at most 1.7e-17, a tenth of an ulp of 1.
 */
const cubic = {c0: 0.5000000005972057, c1: -0.1666666667861078} as const;
/** 1.5·2^52: adding it rounds to an integer and leaves that integer in the low bits of the double. */
const roundingShifter = 0x18_0000_0000_0000;

/** The constants, in the order they are stored (each as an f64x2 with both lanes equal). */
const constantValues = {
	scale: -tableSize / Math.LN2,
	shifter: roundingShifter,
	ln2HI: ln2HI / tableSize,
	ln2LO: ln2LO / tableSize,
	c0: cubic.c0,
	c1: cubic.c1,
	minusOne: -1,
	one: 1,
} as const;

type ConstantName = keyof typeof constantValues;
const constantNames = Object.keys(constantValues) as ConstantName[];
const v128Bytes = 16;
const f64Bytes = 8;
/** Bits of fixed-point precision the table is computed with (the entries are then rounded to nearest). */
const tablePrecision = 120n;

/** The byte offset, from where the tables are written, of an f64x2 holding 1 in both lanes (kernels may load it too). */
export const fastSigmoidOneOffset = constantNames.indexOf('one') * v128Bytes;

/** Bytes the fast sigmoid's constants and table take in a kernel's memory (keep it 16-byte aligned). */
export const fastSigmoidBytes = constantNames.length * v128Bytes + tableSize * f64Bytes;

/**
 * Write the constants and the table at byte `at` of `memory`. Entry j holds the bits of 2^(j/N), correctly
 * rounded, minus j·2^exponentShift, so adding K·2^exponentShift (K from the shifter's low bits) gives the
 * bits of 2^(K/N) exactly.
 */
export function writeFastSigmoidTables(memory: ArrayBufferLike, at: number): void {
	const values = new Float64Array(memory, at, constantNames.length * 2);
	constantNames.forEach((name, index) => values.fill(constantValues[name], 2 * index, 2 * index + 2));
	const table = new BigInt64Array(memory, at + constantNames.length * v128Bytes, tableSize);
	const bits = new BigInt64Array(1);
	const value = new Float64Array(bits.buffer);
	fractionalPowersOfTwo().forEach((power, index) => {
		value[0] = power;
		table[index] = bits[0]! - (BigInt(index) << BigInt(exponentShift));
	});
}

/** The table's powers, computed once (BigInt arithmetic takes some milliseconds). */
let powers: Float64Array | undefined;

/** 2^(j/N) for j = 0 … N − 1, each correctly rounded (Math.pow is off by up to 0.86 ulp on a tenth of them). */
export function fractionalPowersOfTwo(): Float64Array {
	powers ??= computePowers();
	return powers;
}

function computePowers(): Float64Array {
	const one = 1n << tablePrecision;
	// 2^(1/N) by N = 2^tableBits square roots of 2, in fixed point
	let root = 2n * one;
	for (let step = 0; step < tableBits; step++) {
		root = integerSquareRoot(root * one);
	}

	const powers = new Float64Array(tableSize);
	let power = one;
	for (let index = 0; index < tableSize; index++) {
		powers[index] = fixedPointToDouble(power);
		power = (power * root) >> tablePrecision;
	}

	return powers;
}

/** ⌊√value⌋: Newton's iteration, which from one step on only falls until it reaches the floor. */
function integerSquareRoot(value: bigint): bigint {
	let root = BigInt(Math.floor(Math.sqrt(Number(value))));
	root = (root + value / root) >> 1n;
	for (;;) {
		const next = (root + value / root) >> 1n;
		if (next >= root) {
			return root;
		}

		root = next;
	}
}

/** A value in [1, 2) held as an integer over 2^tablePrecision, rounded to the nearest double (ties to even). */
function fixedPointToDouble(value: bigint): number {
	const dropped = tablePrecision - 52n;
	const half = 1n << (dropped - 1n);
	let mantissa = value >> dropped;
	const rest = value & ((1n << dropped) - 1n);
	if (rest > half || (rest === half && (mantissa & 1n) === 1n)) {
		mantissa++;
	}

	return Number(mantissa) / 2 ** 52;
}

/** Scratch locals of one sigmoid in flight. */
type Scratch = {shifted: number; whole: number; reduced: number; cubic: number; power: number};

/** Locals for emitFastSigmoids: the constants (loaded once) and scratch for up to `width` sigmoids at a time. */
export type FastSigmoidLocals = {constants: Record<ConstantName, number>; scratch: Scratch[]; table: number; fused: boolean};

/**
 * Declare the fast sigmoid's locals in `c` and emit the loads of its constants from byte `at` (where
 * writeFastSigmoidTables put them). Emit this once, before any loop: loaded constants stay in registers or
 * spill slots, where constants written inline would be rebuilt at every use.
 */
export function fastSigmoidLocals(c: FunctionBuilder, at: number, width: number, fused: boolean): FastSigmoidLocals {
	const v128 = (): number => c.local(valueType.v128);
	const constants = {} as Record<ConstantName, number>;
	constantNames.forEach((name, index) => {
		constants[name] = v128();
		c.i32Const(0).simdMemory('v128.load', at + index * v128Bytes).set(constants[name]);
	});
	const scratch = Array.from({length: width}, (): Scratch => ({shifted: v128(), whole: v128(), reduced: v128(), cubic: v128(), power: v128()}));
	return {constants, scratch, table: at + constantNames.length * v128Bytes, fused};
}

/** One stack-neutral step of the sigmoid for one value in flight (h the input local, f the output local). */
type Step = (c: FunctionBuilder, s: Scratch, l: FastSigmoidLocals, h: number, f: number) => void;

/** Load table entry (the low 32 bits of `s.shifted`'s lane `lane`) mod N into lane `lane / 2` of s.power. */
function gather(c: FunctionBuilder, s: Scratch, {table}: FastSigmoidLocals, lane: 0 | 2): void {
	c.get(s.shifted).extractI32Lane(lane).i32Const(tableSize - 1).op('i32.and').i32Const(Math.log2(f64Bytes)).op('i32.shl');
	if (lane === 0) {
		c.simdMemory('v128.load64_zero', table).set(s.power);
	} else {
		c.get(s.power).simdLane('v128.load64_lane', 1, table).set(s.power);
	}
}

/** e^(−h) into s.power, one stack-neutral step at a time. */
const expSteps: Step[] = [
	// K = round(−h·N/ln2) in the low bits of `shifted`, and as a double in `whole`
	(c, s, {constants: k, fused}, h) => {
		emitMulAdd(c, () => c.get(h), () => c.get(k.scale), () => c.get(k.shifter), fused);
		c.tee(s.shifted).get(k.shifter).simd('f64x2.sub').set(s.whole);
	},
	// u = (h + K·ln2HI/N) + K·ln2LO/N, the first sum exact, so −h = (K/N)·ln2 − u
	(c, s, {constants: k, fused}, h) => {
		emitMulAdd(c, () => c.get(s.whole), () => c.get(k.ln2HI), () => c.get(h), fused);
		c.set(s.reduced);
		emitMulAdd(c, () => c.get(s.whole), () => c.get(k.ln2LO), () => c.get(s.reduced), fused);
		c.set(s.reduced);
	},
	(c, s, l) => gather(c, s, l, 0),
	(c, s, l) => gather(c, s, l, 2),
	// 2^(K/N): the table's bits plus K shifted into the exponent field
	(c, s) => c.get(s.power).get(s.shifted).i32Const(exponentShift).simd('i64x2.shl').simd('i64x2.add').set(s.power),
	// q = e^(−u) − 1 = u·(−1 + u·(c0 + c1·u))
	(c, s, {constants: k, fused}) => {
		emitMulAdd(c, () => c.get(s.reduced), () => c.get(k.c1), () => c.get(k.c0), fused);
		c.set(s.cubic);
		emitMulAdd(c, () => c.get(s.cubic), () => c.get(s.reduced), () => c.get(k.minusOne), fused);
		c.get(s.reduced).simd('f64x2.mul').set(s.cubic);
	},
	// e^(−h) = 2^(K/N) + 2^(K/N)·q
	(c, s, {fused}) => {
		emitMulAdd(c, () => c.get(s.power), () => c.get(s.cubic), () => c.get(s.power), fused);
		c.set(s.power);
	},
];

/** f = 1 / (1 + e^(−h)). */
const sigmoidSteps: Step[] = [
	...expSteps,
	(c, s, {constants: k}, _h, f) => c.get(k.one).get(k.one).get(s.power).simd('f64x2.add').simd('f64x2.div').set(f),
];

/** e^(−h) alone, for the tests that hold it to Math.exp. */
const exponentialSteps: Step[] = [
	...expSteps,
	(c, s, _l, _h, f) => c.get(s.power).set(f),
];

/** Emit `stepList` for each input, in groups of the locals' width interleaved step by step (they are independent, so the processor overlaps them). */
function emitGroups(c: FunctionBuilder, stepList: Step[], inputs: readonly number[], outputs: readonly number[], l: FastSigmoidLocals): void {
	for (let first = 0; first < inputs.length; first += l.scratch.length) {
		const group = inputs.slice(first, first + l.scratch.length);
		for (const step of stepList) {
			group.forEach((input, index) => step(c, l.scratch[index]!, l, input, outputs[first + index]!));
		}
	}
}

/** Emit code that sets local outputs[i] = f(inputs[i]) on both lanes. Every input must be within ±fastSigmoidInputBound. */
export function emitFastSigmoids(c: FunctionBuilder, inputs: readonly number[], outputs: readonly number[], l: FastSigmoidLocals): void {
	emitGroups(c, sigmoidSteps, inputs, outputs, l);
}

/** Emit code that sets local outputs[i] = e^(−inputs[i]) on both lanes (the fast sigmoid's exponential, for tests). */
export function emitFastExponentials(c: FunctionBuilder, inputs: readonly number[], outputs: readonly number[], l: FastSigmoidLocals): void {
	emitGroups(c, exponentialSteps, inputs, outputs, l);
}
