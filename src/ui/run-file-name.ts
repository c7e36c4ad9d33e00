/** Where w saves a run when --save did not say: a new file in the working directory, named by model and time. */
import {existsSync} from 'node:fs';
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
