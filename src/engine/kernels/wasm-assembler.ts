/**
 * A small WebAssembly assembler: gdlab's kernels are written in TypeScript as WAT-named instructions and
 * assembled into a module in memory, so the project ships no .wasm bytes and needs no toolchain.
 * Only the instructions the kernels use are listed; names and opcodes follow the WebAssembly 2.0 spec.
 */

/** The value types a kernel uses. */
export const valueType = {i32: 0x7f, f64: 0x7c, v128: 0x7b} as const;
export type ValueType = (typeof valueType)[keyof typeof valueType];

const plainOpcodes = {
	'i32.eqz': 0x45,
	'i32.eq': 0x46,
	'i32.lt_u': 0x49,
	'i32.gt_u': 0x4b,
	'i32.le_u': 0x4d,
	'i32.ge_u': 0x4f,
	'i32.add': 0x6a,
	'i32.sub': 0x6b,
	'i32.mul': 0x6c,
	'i32.and': 0x71,
	'i32.shl': 0x74,
	'i32.shr_u': 0x76,
	'f64.add': 0xa0,
} as const;

const memoryOpcodes = {'i32.load': 0x28, 'f64.load': 0x2b, 'i32.store': 0x36, 'f64.store': 0x39} as const;

const simdOpcodes = {
	'i64x2.splat': 0x12,
	'f64x2.splat': 0x14,
	'f64x2.extract_lane': 0x21,
	'f64x2.eq': 0x47,
	'f64x2.lt': 0x49,
	'f64x2.gt': 0x4a,
	'v128.not': 0x4d,
	'v128.and': 0x4e,
	'v128.andnot': 0x4f,
	'v128.or': 0x50,
	'v128.xor': 0x51,
	'v128.bitselect': 0x52,
	'v128.any_true': 0x53,
	'f64x2.floor': 0x75,
	'f64x2.trunc': 0x7a,
	'i64x2.shl': 0xcb,
	'i64x2.add': 0xce,
	'i64x2.sub': 0xd1,
	'f64x2.abs': 0xec,
	'f64x2.neg': 0xed,
	'f64x2.add': 0xf0,
	'f64x2.sub': 0xf1,
	'f64x2.mul': 0xf2,
	'f64x2.div': 0xf3,
	'f64x2.pmin': 0xf6,
	'f64x2.pmax': 0xf7,
	'f64x2.relaxed_madd': 0x107,
} as const;

const simdMemoryOpcodes = {
	'v128.load': 0x00,
	'v128.load64_splat': 0x0a,
	'v128.store': 0x0b,
	'v128.load64_zero': 0x5d,
} as const;

const simdLaneMemoryOpcodes = {'v128.load64_lane': 0x57, 'v128.store64_lane': 0x5b} as const;

/** Plain (non-SIMD, non-memory) instructions by their WAT names. */
export type PlainOp = keyof typeof plainOpcodes;
/** SIMD instructions without immediates by their WAT names. */
export type SimdOp = keyof typeof simdOpcodes;
/** Scalar loads and stores. */
export type MemoryOp = keyof typeof memoryOpcodes;
/** SIMD loads and stores with a memarg. */
export type SimdMemoryOp = keyof typeof simdMemoryOpcodes;
/** SIMD loads and stores of one lane. */
export type SimdLaneMemoryOp = keyof typeof simdLaneMemoryOpcodes;

const simdPrefix = 0xfd;
const i32x4ExtractLane = 0x1b;
const blockEmpty = 0x40;
const f64Bytes = 8;
const v128Bytes = 16;
const bytesPerPage = 65_536;

/** Append `value` as unsigned LEB128. */
function unsignedLeb(out: number[], value: number): void {
	let rest = value >>> 0;
	do {
		const byte = rest & 0x7f;
		rest >>>= 7;
		out.push(rest === 0 ? byte : byte | 0x80);
	} while (rest !== 0);
}

/** Append a 32-bit `value` as signed LEB128. */
function signedLeb(out: number[], value: number): void {
	let rest = value | 0;
	for (;;) {
		const byte = rest & 0x7f;
		rest >>= 7;
		const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
		out.push(done ? byte : byte | 0x80);
		if (done) {
			return;
		}
	}
}

/** Append `items` to `out` (a loop, so big arrays do not overflow the argument stack). */
function append(out: number[], items: ArrayLike<number>): void {
	for (let index = 0; index < items.length; index++) {
		out.push(items[index]!);
	}
}

/** Natural alignment (log2 bytes) of each memory instruction, used as its alignment hint. */
function alignmentOf(name: MemoryOp | SimdMemoryOp | SimdLaneMemoryOp): number {
	if (name === 'v128.load' || name === 'v128.store') {
		return 4;
	}

	return name.startsWith('i32') ? 2 : 3;
}

/** One function's locals and instructions, written in WAT order. */
export class FunctionBuilder {
	private readonly code: number[] = [];
	private readonly localTypes: ValueType[] = [];

	constructor(readonly params: readonly ValueType[], readonly results: readonly ValueType[] = []) {}

	/** Declare a new local of `type`; returns its index. */
	local(type: ValueType): number {
		this.localTypes.push(type);
		return this.params.length + this.localTypes.length - 1;
	}

	/** `local.get index`. */
	get(index: number): this {
		this.code.push(0x20);
		unsignedLeb(this.code, index);
		return this;
	}

	/** `local.set index`. */
	set(index: number): this {
		this.code.push(0x21);
		unsignedLeb(this.code, index);
		return this;
	}

	/** `local.tee index`. */
	tee(index: number): this {
		this.code.push(0x22);
		unsignedLeb(this.code, index);
		return this;
	}

	/** `i32.const value`. */
	i32Const(value: number): this {
		this.code.push(0x41);
		signedLeb(this.code, value);
		return this;
	}

	/** `v128.const` with two f64 lanes. */
	f64x2Const(low: number, high: number = low): this {
		const bytes = new Uint8Array(new Float64Array([low, high]).buffer);
		this.code.push(simdPrefix);
		unsignedLeb(this.code, 0x0c);
		append(this.code, bytes);
		return this;
	}

	/** `v128.const` with two i64 lanes, given as bigints. */
	i64x2Const(low: bigint, high: bigint = low): this {
		const bytes = new Uint8Array(new BigInt64Array([low, high]).buffer);
		this.code.push(simdPrefix);
		unsignedLeb(this.code, 0x0c);
		append(this.code, bytes);
		return this;
	}

	/** A plain instruction without immediates. */
	op(name: PlainOp): this {
		this.code.push(plainOpcodes[name]);
		return this;
	}

	/** A SIMD instruction without immediates (lane ops take their lane with `lane`). */
	simd(name: SimdOp): this {
		this.code.push(simdPrefix);
		unsignedLeb(this.code, simdOpcodes[name]);
		return this;
	}

	/** `f64x2.extract_lane lane`. */
	extractLane(lane: 0 | 1): this {
		this.simd('f64x2.extract_lane');
		this.code.push(lane);
		return this;
	}

	/** `i32x4.extract_lane lane`: the low (0, 2) or high (1, 3) 32 bits of a 64-bit lane. */
	extractI32Lane(lane: 0 | 1 | 2 | 3): this {
		this.code.push(simdPrefix);
		unsignedLeb(this.code, i32x4ExtractLane);
		this.code.push(lane);
		return this;
	}

	/** `i8x16.shuffle` picking 64-bit lanes: 0–1 from the first operand, 2–3 from the second. */
	shuffle64(low: 0 | 1 | 2 | 3, high: 0 | 1 | 2 | 3): this {
		this.code.push(simdPrefix);
		unsignedLeb(this.code, 0x0d);
		for (const lane of [low, high]) {
			for (let byte = 0; byte < f64Bytes; byte++) {
				this.code.push(lane * f64Bytes + byte);
			}
		}

		return this;
	}

	/** A scalar load or store at address + offset. */
	memory(name: MemoryOp, offset = 0): this {
		this.code.push(memoryOpcodes[name], alignmentOf(name));
		unsignedLeb(this.code, offset);
		return this;
	}

	/** A SIMD load or store at address + offset. */
	simdMemory(name: SimdMemoryOp, offset = 0): this {
		this.code.push(simdPrefix);
		unsignedLeb(this.code, simdMemoryOpcodes[name]);
		this.code.push(alignmentOf(name));
		unsignedLeb(this.code, offset);
		return this;
	}

	/** A SIMD load or store of one 64-bit lane at address + offset. */
	simdLane(name: SimdLaneMemoryOp, lane: 0 | 1, offset = 0): this {
		this.code.push(simdPrefix);
		unsignedLeb(this.code, simdLaneMemoryOpcodes[name]);
		this.code.push(alignmentOf(name));
		unsignedLeb(this.code, offset);
		this.code.push(lane);
		return this;
	}

	/** `block` with no result. */
	block(): this {
		this.code.push(0x02, blockEmpty);
		return this;
	}

	/** `loop` with no result. */
	loop(): this {
		this.code.push(0x03, blockEmpty);
		return this;
	}

	/** `br depth`. */
	br(depth: number): this {
		this.code.push(0x0c);
		unsignedLeb(this.code, depth);
		return this;
	}

	/** `br_if depth`. */
	brIf(depth: number): this {
		this.code.push(0x0d);
		unsignedLeb(this.code, depth);
		return this;
	}

	/** `if` with no result, taking the condition from the stack. */
	if(): this {
		this.code.push(0x04, blockEmpty);
		return this;
	}

	/** `else` of an if. */
	else(): this {
		this.code.push(0x05);
		return this;
	}

	/** `end` of a block, loop or if. */
	end(): this {
		this.code.push(0x0b);
		return this;
	}

	/** The function body as the code section stores it (size prefix added by the module). */
	body(): number[] {
		const out: number[] = [];
		const groups: Array<[type: ValueType, count: number]> = [];
		for (const type of this.localTypes) {
			const last = groups.at(-1);
			if (last && last[0] === type) {
				last[1]++;
			} else {
				groups.push([type, 1]);
			}
		}

		unsignedLeb(out, groups.length);
		for (const [type, count] of groups) {
			unsignedLeb(out, count);
			out.push(type);
		}

		append(out, this.code);
		out.push(0x0b);
		return out;
	}
}

/** A module of exported functions over one exported memory. */
export class ModuleBuilder {
	private readonly functions: Array<{name: string; builder: FunctionBuilder}> = [];

	/**
	 * A memory of `pages` 64 KiB pages (it may grow to `maximumPages`), the module's own or, when `imported`,
	 * a shared memory given at instantiation as env.memory (at least `pages` long, at most `maximumPages`).
	 */
	constructor(readonly pages: number, readonly maximumPages: number = pages, readonly imported = false) {}

	/** Add an exported function. */
	add(name: string, builder: FunctionBuilder): void {
		this.functions.push({name, builder});
	}

	/** The module's binary. */
	bytes(): Uint8Array {
		const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
		const section = (id: number, content: number[]): void => {
			out.push(id);
			unsignedLeb(out, content.length);
			append(out, content);
		};

		const types: number[] = [];
		unsignedLeb(types, this.functions.length);
		for (const {builder} of this.functions) {
			types.push(0x60);
			unsignedLeb(types, builder.params.length);
			append(types, builder.params);
			unsignedLeb(types, builder.results.length);
			append(types, builder.results);
		}

		section(1, types);
		const functionIndex: number[] = [];
		unsignedLeb(functionIndex, this.functions.length);
		for (let index = 0; index < this.functions.length; index++) {
			unsignedLeb(functionIndex, index);
		}

		if (this.imported) {
			const memoryImport = [1];
			for (const name of ['env', 'memory']) {
				const encoded = new TextEncoder().encode(name);
				unsignedLeb(memoryImport, encoded.length);
				append(memoryImport, encoded);
			}

			// a memory, its limits flagged shared with a maximum
			memoryImport.push(0x02, 0x03);
			unsignedLeb(memoryImport, this.pages);
			unsignedLeb(memoryImport, this.maximumPages);
			section(2, memoryImport);
		}

		section(3, functionIndex);
		if (!this.imported) {
			const memory = [1, 0x01];
			unsignedLeb(memory, this.pages);
			unsignedLeb(memory, this.maximumPages);
			section(5, memory);
		}

		const exports: number[] = [];
		unsignedLeb(exports, this.functions.length + 1);
		const exportName = (name: string, kind: number, index: number): void => {
			const encoded = new TextEncoder().encode(name);
			unsignedLeb(exports, encoded.length);
			append(exports, encoded);
			exports.push(kind);
			unsignedLeb(exports, index);
		};

		exportName('memory', 0x02, 0);
		this.functions.forEach(({name}, index) => exportName(name, 0x00, index));
		section(7, exports);
		const code: number[] = [];
		unsignedLeb(code, this.functions.length);
		for (const {builder} of this.functions) {
			const body = builder.body();
			unsignedLeb(code, body.length);
			append(code, body);
		}

		section(10, code);
		return Uint8Array.from(out);
	}
}

/** Bytes in one f64 and in one v128, and in a memory page, for kernels laying out memory. */
export const sizes = {f64: f64Bytes, v128: v128Bytes, page: bytesPerPage} as const;
