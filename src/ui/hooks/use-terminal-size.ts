import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

/** Columns and rows of the terminal. */
export type TerminalSize = {
	/** Characters per line. */
	columns: number;
	/** Lines on screen. */
	rows: number;
};

/** The size assumed when the output stream does not say (a pipe, a test stream). */
export const fallbackSize: TerminalSize = {columns: 80, rows: 24};

/** The terminal's size, updated on every resize. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => readSize(stdout));
	useEffect(() => {
		const onResize = () => {
			setSize(readSize(stdout));
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

function readSize(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || fallbackSize.columns, rows: stdout.rows || fallbackSize.rows};
}
