import {useStdout} from 'ink';
import {useCallback, useRef, useSyncExternalStore} from 'react';

/** Columns and rows of the terminal. */
export type TerminalSize = {
	/** Characters per line. */
	columns: number;
	/** Lines on screen. */
	rows: number;
};

/** The size assumed when the output stream does not say (a pipe, a test stream). */
export const fallbackSize: TerminalSize = {columns: 80, rows: 24};

/**
 * The terminal's size, read from the output stream at every render (so a render asked for on a resize,
 * before this hook has heard of it, already has the new size: run-dashboard.tsx asks for one ahead of Ink's
 * own redraw) and re-rendering on every resize. The same object while the size is the same.
 */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const last = useRef(readSize(stdout));
	const subscribe = useCallback((onResize: () => void) => {
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	const current = useCallback(() => {
		const size = readSize(stdout);
		if (size.columns !== last.current.columns || size.rows !== last.current.rows) {
			last.current = size;
		}

		return last.current;
	}, [stdout]);
	return useSyncExternalStore(subscribe, current);
}

function readSize(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || fallbackSize.columns, rows: stdout.rows || fallbackSize.rows};
}
