import {Box, Text} from 'ink';
import type {NumberBlock} from './describe-forward.js';
import {formatNumber} from './format-number.js';
import {displayWidth} from './text-width.js';

/** Spaces at least between two numbers of a block. */
const numberGap = 1;

/** Props of MatrixBlock. */
export type MatrixBlockProps = {
	/** The numbers and their title. */
	block: NumberBlock;
};

/** The numbers of `block` as drawn, and the width each takes with its gap. */
function blockCells(block: NumberBlock): {cells: string[][]; cellWidth: number} {
	const cells = block.rows.map(row => row.map(value => formatNumber(value)));
	return {cells, cellWidth: Math.max(...cells.flat().map(cell => displayWidth(cell))) + numberGap};
}

/** The columns `block` takes: its title or its widest row of numbers. */
export function matrixBlockWidth(block: NumberBlock): number {
	const {cells, cellWidth} = blockCells(block);
	return Math.max(displayWidth(block.title), ...cells.map(row => row.length * cellWidth));
}

/** A title with its shape, then the numbers right-aligned in columns. */
export function MatrixBlock({block}: MatrixBlockProps) {
	const {cells, cellWidth} = blockCells(block);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{block.title}</Text>
			{cells.map((row, index) => (
				<Text key={index}>{row.map(cell => cell.padStart(cellWidth)).join('')}</Text>
			))}
		</Box>
	);
}
