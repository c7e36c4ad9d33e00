/** Where w saves a run when --save did not say: a new file in the working directory, named by model and time. */
import type {ModelKind} from '../engine/model.js';

/** gdlab-run-<model>-<YYYYMMDD-HHMMSS>.json, in local time. */
export function defaultRunFileName(model: ModelKind, at: Date): string {
	const two = (value: number) => String(value).padStart(2, '0');
	const day = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
	const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
	return `gdlab-run-${model}-${day}-${time}.json`;
}
