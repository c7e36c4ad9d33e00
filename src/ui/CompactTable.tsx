import {Text} from 'ink';
import {Table} from 'ink-table';
import type {ReactNode} from 'react';
import {useTheme} from './hooks/use-theme.js';
import {cellPadding, fitTableColumns, shortenLabels, type TableSpec} from './table-spec.js';

/** Props of CompactTable. */
export type CompactTableProps = {
	/** The table to draw. */
	table: TableSpec;
	/** Columns available; columns that do not fit are left out, and a last "…" column says so. */
	width: number;
};

/** An ink-table drawn in as few lines as it has rows (a heading row, then one line per record, no rules across), long labels shortened. */
export function CompactTable({table: full, width}: CompactTableProps) {
	const table = shortenLabels(full);
	const columns = fitTableColumns(table, width);
	return (
		<Table
			data={table.rows}
			columns={columns.map((key, index) => ({key, align: index === 0 ? 'left' : 'right'}))}
			padding={cellPadding}
			header={HeadingCell}
			skeleton={VerticalRulesOnly}
		/>
	);
}

function HeadingCell({children}: {children?: ReactNode}) {
	const theme = useTheme();
	return <Text bold color={theme.accent}>{children}</Text>;
}

/** ink-table's frame without its horizontal rules, so a table of n records takes n + 1 lines. */
function VerticalRulesOnly({children}: {children?: ReactNode}) {
	if (children !== '│') {
		return null;
	}

	return <Text dimColor>│</Text>;
}
