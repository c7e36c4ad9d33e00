/**
 * Instantiate an assembled module. The project's TypeScript libraries leave out the WebAssembly global
 * (it is in the DOM library), so the little of it used here is typed by hand.
 */

/** A module's memory: its bytes now, and `grow`, which adds pages (and replaces `buffer`). */
export type KernelMemory = {buffer: ArrayBuffer; grow(pages: number): number};

/** What a kernel module exports: its memory and its functions. */
export type KernelExports = {memory: KernelMemory} & Record<string, unknown>;

type WebAssemblyApi = {
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object) => {exports: KernelExports};
	validate(bytes: Uint8Array): boolean;
};

const webAssembly = (globalThis as unknown as {WebAssembly?: WebAssemblyApi}).WebAssembly;

/** Whether this runtime can run the kernels (WebAssembly with SIMD). */
export function kernelsSupported(probe: Uint8Array): boolean {
	return webAssembly !== undefined && webAssembly.validate(probe);
}

/** Compile and instantiate `bytes` synchronously. */
export function instantiate(bytes: Uint8Array): KernelExports {
	if (!webAssembly) {
		throw new Error('this runtime has no WebAssembly');
	}

	return new webAssembly.Instance(new webAssembly.Module(bytes)).exports;
}
