/**
 * Instantiate an assembled module. The project's TypeScript libraries leave out the WebAssembly global
 * (it is in the DOM library), so the little of it used here is typed by hand.
 */

/** A module's memory: its bytes now, and `grow`, which adds pages (and replaces `buffer`); a SharedArrayBuffer when shared. */
export type KernelMemory = {buffer: ArrayBuffer | SharedArrayBuffer; grow(pages: number): number};

/** What a kernel module exports: its memory and its functions. */
export type KernelExports = {memory: KernelMemory} & Record<string, unknown>;

type WebAssemblyApi = {
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object, imports?: object) => {exports: KernelExports};
	Memory: new (descriptor: {initial: number; maximum: number; shared: boolean}) => KernelMemory;
	validate(bytes: Uint8Array): boolean;
};

const webAssembly = (globalThis as unknown as {WebAssembly?: WebAssemblyApi}).WebAssembly;

/** Whether this runtime can run the kernels (WebAssembly with SIMD). */
export function kernelsSupported(probe: Uint8Array): boolean {
	return webAssembly !== undefined && webAssembly.validate(probe);
}

/** Compile and instantiate `bytes` synchronously, giving it `memory` as env.memory when it imports one. */
export function instantiate(bytes: Uint8Array, memory?: KernelMemory): KernelExports {
	if (!webAssembly) {
		throw new Error('this runtime has no WebAssembly');
	}

	return new webAssembly.Instance(new webAssembly.Module(bytes), memory && {env: {memory}}).exports;
}

/** A new shared memory of `initial` pages that may grow to `maximum`, or undefined where the runtime has none. */
export function sharedMemory(initial: number, maximum: number): KernelMemory | undefined {
	try {
		return webAssembly && new webAssembly.Memory({initial, maximum, shared: true});
	} catch {
		return undefined;
	}
}
