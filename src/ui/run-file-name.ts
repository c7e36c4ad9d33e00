/**
 * Where w saves a run: --save's file, or when --save did not say, a new file in the working directory named
 * by model and time.
 */
import {existsSync} from 'node:fs';
import {extname} from 'node:path';
import {writtenFile} from '../data/output-file.js';
import type {ModelKind} from '../engine/model.js';

/** Names handed out in this process: a save still being written has no file yet. */
const handedOut = new Set<string>();

/**
 * gdlab-run-<model>-<YYYYMMDD-HHMMSS>.json, in local time; -2, -3 … before .json when that name is taken
 * (two saves in one second), so w without --save never replaces an earlier run.
 */
export function newRunFileName(model: ModelKind, at: Date, exists: (path: string) => boolean = existsSync): string {
	const two = (value: number) => String(value).padStart(2, '0');
	const day = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
	const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
	const stem = `gdlab-run-${model}-${day}-${time}`;
	for (let count = 1; ; count++) {
		const name = count === 1 ? `${stem}.json` : `${stem}-${count}.json`;
		if (!handedOut.has(name) && !exists(name)) {
			handedOut.add(name);
			return name;
		}
	}
}

/**
 * The file w saves `model`'s run to: `savePath` (--save) unless the other model's run went there earlier in
 * this dashboard (`owners` says which model each path holds), in which case `savePath` with -<model> before
 * its extension (both.json: both-backprop.json), so that one model's save never replaces the other's.
 * Without --save, a new file (newRunFileName). `holds` says whether a model's run is really in a path (saved
 * or being saved there, or loaded from it): an owner whose save there failed does not hold it.
 */
export function savePathFor(savePath: string | undefined, model: ModelKind, owners: Map<string, ModelKind>, at: Date, holds: (owner: ModelKind, path: string) => boolean = () => true): string {
	const path = nextSavePath(savePath, model, owners, holds);
	if (path === undefined) {
		return newRunFileName(model, at);
	}

	owners.set(path, model);
	return path;
}

/** The file savePathFor would hand out for `model`'s w now, without handing it out; undefined without --save (a new file each time). */
export function nextSavePath(savePath: string | undefined, model: ModelKind, owners: ReadonlyMap<string, ModelKind>, holds: (owner: ModelKind, path: string) => boolean = () => true): string | undefined {
	if (savePath === undefined) {
		return undefined;
	}

	const owner = owners.get(savePath);
	if (owner === undefined || owner === model || !holds(owner, savePath)) {
		return savePath;
	}

	// beside it, and never the same file by another name (run-backprop.json a symbolic link to run.json): -2, -3 … then
	const held = writtenFile(savePath);
	for (let count = 1; ; count++) {
		const path = modelSavePath(savePath, model, count);
		if (writtenFile(path) !== held) {
			return path;
		}
	}
}

/** The files beside --save's `savePath` that a model's w may save to (after the other model's went to `savePath`). */
export function besideSavePaths(savePath: string): string[] {
	return [modelSavePath(savePath, 'single'), modelSavePath(savePath, 'backprop')];
}

/** `path` with -<model> before its extension (-<model>-<count> from a count of 2). */
export function modelSavePath(path: string, model: ModelKind, count = 1): string {
	const extension = extname(path);
	return `${path.slice(0, path.length - extension.length)}-${model}${count === 1 ? '' : `-${count}`}${extension}`;
}

/**
 * Which model's run --save's file holds as the dashboard opens: the loaded run's, when --load and --save
 * name the same file (the other model's w then saves beside it), else none.
 */
export function initialSaveOwners(savePath: string | undefined, loaded: {model: ModelKind; file: string} | undefined): Map<string, ModelKind> {
	const owners = new Map<string, ModelKind>();
	if (savePath !== undefined && loaded && writtenFile(savePath) === writtenFile(loaded.file)) {
		owners.set(savePath, loaded.model);
	}

	return owners;
}
