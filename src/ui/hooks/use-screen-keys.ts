/**
 * How keys reach the screen on show. The App reads every key (one useInput with a handler that never
 * changes) and hands the screen's keys to the handler in a KeyTarget, which the screen on show sets at
 * every commit. A useInput per screen would subscribe in a passive effect, after the frame is drawn: a key
 * typed right after a switch could still reach the screen just left, or no screen at all.
 */
import {useLayoutEffect, useRef, type RefObject} from 'react';
import type {KeyName} from '../read-keys.js';

/** Handles one key of the screen on show. */
export type ScreenKeyHandler = (name: KeyName) => void;

/** Where the App sends the screen's keys: the handler of the screen on show, if it takes keys now. */
export type KeyTarget = RefObject<ScreenKeyHandler | undefined>;

/** The App's key target. */
export function useKeyTarget(): KeyTarget {
	return useRef<ScreenKeyHandler | undefined>(undefined);
}

/** Make `handler` (this render's) the target of the screen's keys while `active`, from this commit on. */
export function useScreenKeys(target: KeyTarget, handler: ScreenKeyHandler, active: boolean): void {
	useLayoutEffect(() => {
		const own = active ? handler : undefined;
		target.current = own;
		return () => {
			if (target.current === own) {
				target.current = undefined;
			}
		};
	});
}
