#!/usr/bin/env node
/**
 * Bundle the compiled CLI (dist/src) into dist/bin with esbuild: one file per entry instead of the
 * hundreds of modules Ink and its dependencies load, which halves the dashboard's start-up time.
 * Worker entry points are bundled beside it under the same names the code loads them by.
 */
import {build} from 'esbuild';
import {existsSync, rmSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist/src');
/** Entries: the CLI (main.js, which handles the stopping signals, then loads cli.js), and every worker the code starts with new Worker(new URL('<name>.js', import.meta.url)). */
const workers = ['engine/kernels/epoch-worker.js', 'ui/worker/session-worker.js'];
const entryPoints = {gdlab: join(compiled, 'main.js')};
for (const worker of workers) {
	const path = join(compiled, worker);
	if (existsSync(path)) {
		entryPoints[worker.split('/').at(-1).replace(/\.js$/, '')] = path;
	}
}

const outdir = join(root, 'dist/bin');
// chunk names carry content hashes: clear the old ones so only this build's files remain
rmSync(outdir, {recursive: true, force: true});
await build({
	entryPoints,
	outdir,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	logLevel: 'warning',
	// choose-production-react sets NODE_ENV at run time for the unbundled tree; here it is fixed at build time
	logOverride: {'assign-to-define': 'silent'},
	// React's production build, without its development checks
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink loads React DevTools only when DEV=true; gdlab never ships it. restore-cursor wrote its escape
	// into a stderr redirected to a file
	alias: {'react-devtools-core': join(root, 'scripts/no-devtools.mjs'), 'restore-cursor': join(root, 'scripts/restore-cursor.mjs')},
	// CommonJS dependencies inside an ES module bundle still call require()
	banner: {js: "import {createRequire as gdlabCreateRequire} from 'node:module'; const require = gdlabCreateRequire(import.meta.url);"},
});
