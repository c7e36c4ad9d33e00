import {Box, Text} from 'ink';
import {CompactTable} from './CompactTable.js';
import {clipPanel, fitPanelLine, type PanelSpec} from './table-spec.js';

/** Props of PanelView. */
export type PanelViewProps = {
	/** What to show. */
	panel: PanelSpec;
	/** Columns available. */
	width: number;
	/** Rows available: table rows that do not fit give way to a "… n more" row, and anything still below is cut off. */
	height: number;
};

/** A panel's lines and tables, fitted to the room it was given. */
export function PanelView({panel: full, width, height}: PanelViewProps) {
	const panel = clipPanel(full, height);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{panel.title !== undefined && <Text bold wrap="truncate">{fitPanelLine(panel.title, width)}</Text>}
			{panel.lines.map((line, index) => <Text key={index} wrap="truncate">{fitPanelLine(line, width)}</Text>)}
			{panel.tables.map((table, index) => <CompactTable key={index} table={table} width={width}/>)}
		</Box>
	);
}
