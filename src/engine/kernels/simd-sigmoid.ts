/**
 * The sigmoid f(h) = 1 / (1 + e^(−h)) on both lanes of an f64x2, bit for bit what `sigmoid` in
 * ../sigmoid.ts returns. V8's Math.exp is fdlibm's e_exp.c (v8/src/base/ieee754.cc); this is the same
 * algorithm with its branches turned into lane selects: reduce x = k·ln2 + r with r = hi − lo, approximate
 * e^r with fdlibm's rational function, scale by 2^k. Every rounding step is the one fdlibm takes, so the
 * results are identical, and the golden figures do not move by a single bit.
 */
import {valueType, type FunctionBuilder} from './wasm-assembler.js';

/** fdlibm's constants for exp, by the names e_exp.c gives them. */
const fdlibm = {
	invln2: 1.44269504088896338700e+00,
	ln2HI: 6.93147180369123816490e-01,
	ln2LO: 1.90821492927058770002e-10,
	P1: 1.66666666666666019037e-01,
	P2: -2.77777777770155933842e-03,
	P3: 6.61375632143793436117e-05,
	P4: -1.65339022054652515390e-06,
	P5: 4.13813679705723846039e-08,
	/** Above this, e^x overflows to +∞ (so f is 0). */
	overflowThreshold: 7.09782712893383973096e+02,
	/** V8 returns this exact value for e^1 (its own fix of fdlibm's last bit). */
	E: 2.718281828459045,
} as const;

/** |x| above this (high word above 0x3FD62E42) needs argument reduction; below, k = 0. */
const reductionBound = new Float64Array(new BigInt64Array([0x3f_d6_2e_42_ff_ff_ff_ffn]).buffer)[0]!;
/** Below 2^−28, fdlibm returns 1 + x. */
const tinyBound = 2 ** -28;
/** Inputs below this give e^x = 0 to double precision, so f is exactly 1; clamping keeps 2^k in range. */
const lowestExponent = -800;
/** k + 0x1.8p52 puts k in the low bits of the double; the 1023 is the exponent bias of 2^k. */
const exponentMagic = 0x18_0000_0000_0000 + 1023;
/** k + 0x1.8p52 without the bias: shifted up 52 bits, it adds k to a double's exponent. */
const scaleMagic = 0x18_0000_0000_0000;
/** Inputs with |h| up to this need none of fdlibm's special cases, and y·2^k stays a normal double. */
const ordinaryBound = 700;
const signBit = -0x8000_0000_0000_0000n;
const exponentShift = 52;

/** The constants the sigmoid uses, held in locals so each is materialised once per call, not per use. */
const constantValues = {
	lowestExponent,
	invln2: fdlibm.invln2,
	half: 0.5,
	reductionBound,
	ln2HI: fdlibm.ln2HI,
	ln2LO: fdlibm.ln2LO,
	P1: fdlibm.P1,
	P2: fdlibm.P2,
	P3: fdlibm.P3,
	P4: fdlibm.P4,
	P5: fdlibm.P5,
	one: 1,
	minusOne: -1,
	two: 2,
	exponentMagic,
	scaleMagic,
	tinyBound,
	ordinaryBound,
	E: fdlibm.E,
	overflowThreshold: fdlibm.overflowThreshold,
} as const;

/** Locals of one function holding the sigmoid's constants. */
export type SigmoidConstants = Record<keyof typeof constantValues | 'signBit', number>;

/** Scratch locals of one sigmoid in flight. */
type Scratch = {x: number; absX: number; k: number; hi: number; lo: number; r: number; t: number; c: number; y: number};

/** Locals for emitSigmoids: the constants and scratch for up to `width` sigmoids interleaved. */
export type SigmoidLocals = {constants: SigmoidConstants; scratch: Scratch[]; special: number};

/** Declare the sigmoid's locals in `c` and emit their initialisation (emit this once, before any loop). */
export function sigmoidLocals(c: FunctionBuilder, width: number): SigmoidLocals {
	const v128 = (): number => c.local(valueType.v128);
	const constants = {signBit: v128()} as SigmoidConstants;
	c.i64x2Const(signBit).set(constants.signBit);
	for (const [name, value] of Object.entries(constantValues) as Array<[keyof typeof constantValues, number]>) {
		constants[name] = v128();
		c.f64x2Const(value).set(constants[name]);
	}

	const scratch = Array.from({length: width}, (): Scratch => ({x: v128(), absX: v128(), k: v128(), hi: v128(), lo: v128(), r: v128(), t: v128(), c: v128(), y: v128()}));
	return {constants, scratch, special: v128()};
}

/** One stack-neutral step of the sigmoid for one value in flight (h the input local, f the output local). */
type Step = (c: FunctionBuilder, s: Scratch, k: SigmoidConstants, h: number, f: number) => void;

/** fdlibm's reduction and rational approximation, shared by both paths: from s.x to y = e^r in s.y. */
const core: Step[] = [
	// k = (int)(invln2·x ± 0.5), or 0 when |x| ≤ ½ln2
	(c, s, k) => c.get(s.x).get(k.invln2).simd('f64x2.mul').get(k.half).get(s.x).get(k.signBit).simd('v128.and').simd('v128.or')
		.simd('f64x2.add').simd('f64x2.trunc').get(s.x).simd('f64x2.abs').get(k.reductionBound).simd('f64x2.gt').simd('v128.and').set(s.k),
	// hi = x − k·ln2HI, lo = k·ln2LO, r = hi − lo
	(c, s, k) => c.get(s.x).get(s.k).get(k.ln2HI).simd('f64x2.mul').simd('f64x2.sub').tee(s.hi)
		.get(s.k).get(k.ln2LO).simd('f64x2.mul').tee(s.lo).simd('f64x2.sub').set(s.r),
	(c, s) => c.get(s.r).get(s.r).simd('f64x2.mul').set(s.t),
	// c = r − t(P1 + t(P2 + t(P3 + t(P4 + t·P5))))
	(c, s, k) => c.get(s.t).get(k.P5).simd('f64x2.mul').get(k.P4).simd('f64x2.add').set(s.c),
	(c, s, k) => c.get(s.t).get(s.c).simd('f64x2.mul').get(k.P3).simd('f64x2.add').set(s.c),
	(c, s, k) => c.get(s.t).get(s.c).simd('f64x2.mul').get(k.P2).simd('f64x2.add').set(s.c),
	(c, s, k) => c.get(s.t).get(s.c).simd('f64x2.mul').get(k.P1).simd('f64x2.add').set(s.c),
	(c, s) => c.get(s.r).get(s.t).get(s.c).simd('f64x2.mul').simd('f64x2.sub').set(s.c),
	// y = 1 − ((lo − r·c/(2 − c)) − hi)
	(c, s, k) => c.get(k.one).get(s.lo).get(s.r).get(s.c).simd('f64x2.mul').get(k.two).get(s.c).simd('f64x2.sub').simd('f64x2.div')
		.simd('f64x2.sub').get(s.hi).simd('f64x2.sub').simd('f64x2.sub').set(s.y),
];

/** The common case, every lane an ordinary input: e^x = y·2^k by adding k to y's exponent, f = 1/(1 + e^x). */
const ordinarySteps: Step[] = [
	(c, s, _k, h) => c.get(h).simd('f64x2.neg').set(s.x),
	...core,
	(c, s, k, _h, f) => c.get(k.one).get(k.one).get(s.y).get(s.k).get(k.scaleMagic).simd('f64x2.add').i32Const(exponentShift).simd('i64x2.shl').simd('i64x2.add')
		.simd('f64x2.add').simd('f64x2.div').set(f),
];

/** Any input at all: fdlibm's special cases as lane selects, and 2^k in two halves so it stays a normal double. */
const exactSteps: Step[] = [
	// x = −h, clamped below where e^x is 0 anyway
	(c, s, k, h) => c.get(h).simd('f64x2.neg').get(k.lowestExponent).simd('f64x2.pmax').tee(s.x).simd('f64x2.abs').set(s.absX),
	...core,
	(c, s, k) => c.get(s.k).get(k.half).simd('f64x2.mul').simd('f64x2.floor').set(s.t),
	(c, s, k) => c.get(s.y).get(s.t).get(k.exponentMagic).simd('f64x2.add').i32Const(exponentShift).simd('i64x2.shl').simd('f64x2.mul')
		.get(s.k).get(s.t).simd('f64x2.sub').get(k.exponentMagic).simd('f64x2.add').i32Const(exponentShift).simd('i64x2.shl')
		.simd('f64x2.mul').set(s.y),
	// 1 + x when |x| < 2^−28, and V8's exact e^1 (bitselect takes the first where the mask is set)
	(c, s, k) => c.get(k.one).get(s.x).simd('f64x2.add').get(s.y).get(s.absX).get(k.tinyBound).simd('f64x2.lt').simd('v128.bitselect').set(s.y),
	(c, s, k) => c.get(k.E).get(s.y).get(s.x).get(k.one).simd('f64x2.eq').simd('v128.bitselect').set(s.y),
	// f = 1 / (1 + e^x), and 0 where e^x overflows
	(c, s, k, _h, f) => c.get(k.one).get(k.one).get(s.y).simd('f64x2.add').simd('f64x2.div')
		.get(s.x).get(k.overflowThreshold).simd('f64x2.gt').simd('v128.andnot').set(f),
];

/** Emit `steps` for each input, interleaved step by step. */
function emitInterleaved(c: FunctionBuilder, stepList: Step[], inputs: readonly number[], outputs: readonly number[], l: SigmoidLocals): void {
	for (const step of stepList) {
		inputs.forEach((input, index) => step(c, l.scratch[index]!, l.constants, input, outputs[index]!));
	}
}

/**
 * Emit code that sets local outputs[i] = f(inputs[i]) on both lanes, interleaving the sigmoids step by step
 * (they are independent, so the processor overlaps them). Inputs with |h| > 700, |h| < 2^−28 or h = −1 are
 * rare; when any lane of a group has one, the whole group takes the exact path with fdlibm's special cases.
 */
export function emitSigmoids(c: FunctionBuilder, inputs: readonly number[], outputs: readonly number[], l: SigmoidLocals): void {
	const k = l.constants;
	for (let first = 0; first < inputs.length; first += l.scratch.length) {
		const groupInputs = inputs.slice(first, first + l.scratch.length);
		const groupOutputs = outputs.slice(first, first + l.scratch.length);
		groupInputs.forEach((input, index) => {
			c.get(input).simd('f64x2.abs').tee(l.scratch[index]!.absX).get(k.ordinaryBound).simd('f64x2.gt');
			c.get(l.scratch[index]!.absX).get(k.tinyBound).simd('f64x2.lt').simd('v128.or');
			c.get(input).get(k.minusOne).simd('f64x2.eq').simd('v128.or');
			if (index > 0) {
				c.get(l.special).simd('v128.or');
			}

			c.set(l.special);
		});
		c.block().block();
		c.get(l.special).simd('v128.any_true').brIf(0);
		emitInterleaved(c, ordinarySteps, groupInputs, groupOutputs, l);
		c.br(1).end();
		emitInterleaved(c, exactSteps, groupInputs, groupOutputs, l);
		c.end();
	}
}
