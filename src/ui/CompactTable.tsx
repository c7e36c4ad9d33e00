import {Text} from 'ink';
import {Table} from 'ink-table';
import {createContext, type ReactNode, useContext} from 'react';
import {useTheme} from './hooks/use-theme.js';
import {cellPadding, contentWidthOf, fitTableColumns, shortenLabels, type TableSpec} from './table-spec.js';
import {padToWidth} from './text-width.js';

/** Props of CompactTable. */
export type CompactTableProps = {
	/** The table to draw. */
	table: TableSpec;
	/** Columns available; columns that do not fit are left out, and a last "… +n" column counts them. */
	width: number;
};

/** How each column drawn is laid out, by its index: content width in terminal columns and alignment. */
type ColumnLayout = Array<{width: number; align: 'left' | 'right'}>;

/** The layout of the table being drawn, for its cells (ink-table renders them, so they cannot take it as props). */
const ColumnLayoutContext = createContext<ColumnLayout>([]);

/** An ink-table drawn in as few lines as it has rows (a heading row, then one line per record, no rules across), long labels shortened. */
export function CompactTable({table: full, width}: CompactTableProps) {
	const table = shortenLabels(full);
	const columns = fitTableColumns(table, width);
	const layout: ColumnLayout = columns.map((key, index) => ({width: contentWidthOf(table, key), align: index === 0 ? 'left' : 'right'}));
	return (
		<ColumnLayoutContext.Provider value={layout}>
			<Table
				data={table.rows}
				columns={columns.map((key, index) => ({key, align: layout[index]!.align}))}
				padding={cellPadding}
				header={HeadingCell}
				cell={BodyCell}
				skeleton={VerticalRulesOnly}
			/>
		</ColumnLayoutContext.Provider>
	);
}

/** Props ink-table gives a cell: the column's index (its types leave it out for headings, which get it too) and its text, already padded. */
type CellProps = {column?: number; children?: ReactNode};

function HeadingCell({column, children}: CellProps) {
	const theme = useTheme();
	return <Text bold color={theme.accent}>{usePaddedCell(column, children)}</Text>;
}

function BodyCell({column, children}: CellProps) {
	return <Text>{usePaddedCell(column, children)}</Text>;
}

/**
 * The cell's text padded again, by terminal columns: ink-table pads by string length, which leaves a
 * wide (CJK) cell wider than its column and the rules after it out of line. Its padding is spaces
 * around text that has none of its own, so trimming gives the text back.
 */
function usePaddedCell(column: number | undefined, children: ReactNode): string {
	const layouts = useContext(ColumnLayoutContext);
	const layout = column === undefined ? undefined : layouts[column];
	if (layout === undefined) {
		return String(children ?? '');
	}

	const padding = ' '.repeat(cellPadding);
	return `${padding}${padToWidth(String(children ?? '').trim(), layout.width, layout.align)}${padding}`;
}

/** ink-table's frame without its horizontal rules, so a table of n records takes n + 1 lines. */
function VerticalRulesOnly({children}: {children?: ReactNode}) {
	if (children !== '│') {
		return null;
	}

	return <Text dimColor>│</Text>;
}
