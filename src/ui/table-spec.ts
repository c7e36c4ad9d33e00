/**
 * Tables and panels described as data, so the layout can count their lines before anything is drawn.
 * Widths are laid out the way ink-table lays them out (widest cell plus one space either side, one
 * rule between columns) but measured in terminal columns, as CompactTable pads its cells, so a table
 * that is said to fit does fit, wide (CJK) labels included.
 */
import {cutToWidth, displayWidth, ellipsis, lastToWidth, truncateToWidth} from './text-width.js';

/** A table: its columns in order (the first one labels the rows) and one record of cells per row. */
export type TableSpec = {
	/** Column headings, in order. */
	columns: string[];
	/** One row per record: heading → cell text. */
	rows: Array<Record<string, string>>;
	/** Columns left out first when the table does not fit (a step the lines above spell out), before any is cut at the end. */
	optional?: string[];
	/** Rows at the top kept while the height allows (default 1: the first); rows below them give way first. */
	leadingRows?: number;
	/** Rows left out before the last when the table was made (more than any terminal shows): counted in its "… +n" row. */
	omittedRows?: number;
	/** Columns left out at the end when the table was made: counted in its last, "… +n" column. */
	omittedColumns?: number;
};

/** A line of text, or its versions from the fullest to the shortest: the first that fits is drawn. */
export type PanelLine = string | readonly string[];

/** A panel: a title, a few lines of text, then tables. */
export type PanelSpec = {
	/** A bold first line, if any (or its versions, the first that fits drawn). */
	title?: PanelLine;
	/** Plain lines printed before the tables. */
	lines: PanelLine[];
	/** Tables, one under the other. */
	tables: TableSpec[];
};

/** Spaces either side of a cell, as the table is drawn. */
export const cellPadding = 1;

/** The heading of the last column, which stands for `count` columns left out (for lack of width, or when the table was made). */
export function moreColumnsLabel(count: number): string {
	return `… +${count}`;
}

/**
 * The columns of `table` that fit in `width` (always the first), ending with a narrow "… +n" column when
 * some were left out, n counting them (the optional ones aside: the lines above the table spell those out).
 */
export function fitTableColumns(table: TableSpec, width: number): string[] {
	const omitted = table.omittedColumns ?? 0;
	const widthOf = (columns: readonly string[]) => 1 + columns.reduce((sum, column) => sum + columnWidthOf(table, column) + 1, 0);
	if (!table.omittedColumns && widthOf(table.columns) <= width) {
		return table.columns;
	}

	// the optional columns go first, one by one, while that is enough
	const optional = (table.optional ?? []).filter(column => table.columns.includes(column));
	for (let dropped = 1; dropped <= optional.length && !table.omittedColumns; dropped++) {
		const kept = table.columns.filter(column => !optional.slice(0, dropped).includes(column));
		if (widthOf(kept) <= width) {
			return kept;
		}
	}

	// then the columns that still do not fit are cut at the end, a "… +n" column saying so (room is kept for
	// the widest n it could show)
	const base = table.columns.filter(column => !optional.includes(column));
	const widths = base.map(column => columnWidthOf(table, column) + 1);
	const moreWidth = displayWidth(moreColumnsLabel(base.length - 1 + omitted)) + 2 * cellPadding + 1;

	const columns: string[] = [];
	let used = 1 + moreWidth;
	for (const [index, column] of base.entries()) {
		if (columns.length > 0 && used + widths[index]! > width) {
			break;
		}

		columns.push(column);
		used += widths[index]!;
	}

	return [...columns, moreColumnsLabel(base.length - columns.length + omitted)];
}

/** Headings and row labels wider than this many columns are drawn shortened (a CSV's feature names can be long). */
export const maxLabelLength = 16;
/** Columns of a shortened label's end that stay (names often differ only there: x_feature_10, x_feature_11). */
const keptEnd = 5;

/** `label` as drawn: in full up to maxLabelLength columns, else its start and end around an ellipsis, as wide as that at most. */
export function shortLabel(label: string): string {
	if (displayWidth(label) <= maxLabelLength) {
		return label;
	}

	// a wide character that would straddle the end's edge is left out, and the start takes up the column
	const end = lastToWidth(label, keptEnd);
	return `${cutToWidth(label, maxLabelLength - displayWidth(ellipsis) - displayWidth(end))}${ellipsis}${end}`;
}

/**
 * The table with long headings and row labels (the first column's cells) shortened, so its numbers get
 * the room; labels that would then read the same as another show where they differ instead.
 */
export function shortenLabels(table: TableSpec): TableSpec {
	const labelColumn = table.columns[0];
	const labels = table.rows.map(row => (labelColumn === undefined ? undefined : row[labelColumn]));
	const columns = distinctShortLabels(table.columns);
	const rowLabels = distinctShortLabels(labels.map(label => label ?? ''));
	const rows = table.rows.map((row, index) => {
		const cells: Record<string, string> = {};
		table.columns.forEach((column, columnIndex) => {
			const cell = row[column];
			if (cell !== undefined) {
				cells[columns[columnIndex]!] = columnIndex === 0 ? rowLabels[index]! : cell;
			}
		});
		return cells;
	});
	return {
		columns,
		rows,
		...(table.optional ? {optional: table.optional.map(name => columns[table.columns.indexOf(name)] ?? name)} : {}),
		...(table.omittedColumns ? {omittedColumns: table.omittedColumns} : {}),
	};
}

/** Columns of a label's start kept before the part where it differs from another. */
const keptStartBeforeDifference = 3;
/** Columns shown before the first character that differs, so the part reads as part of a name. */
const contextBeforeDifference = 3;

/**
 * The labels shortened. Two long names can read the same that way when they differ only in the middle
 * (population_2019_total, population_2020_total): those show their start, then the part from just before
 * where they differ (pop…n_2019_total). Labels that would still read the same stay as they are.
 */
function distinctShortLabels(labels: string[]): string[] {
	const short = labels.map(label => shortLabel(label));
	const distinct = (candidate: string[]) => new Set(candidate).size === new Set(labels).size;
	if (distinct(short)) {
		return short;
	}

	// labels that read the same are shown from where the first of them differ, in line with each other; when
	// two still read the same, each from where it differs from the label most like it
	const groups = short.map((shortened, index) => labels.filter((other, otherIndex) => other !== labels[index] && short[otherIndex] === shortened));
	const aligned = labels.map((label, index) => {
		const group = groups[index]!;
		return group.length === 0 ? short[index]! : labelAround(label, Math.min(...[label, ...group].flatMap(first => group.map(second => (first === second ? Number.POSITIVE_INFINITY : commonStartLength(first, second))))));
	});
	if (distinct(aligned)) {
		return aligned;
	}

	const own = labels.map((label, index) => {
		const group = groups[index]!;
		return group.length === 0 ? short[index]! : labelAround(label, Math.max(...group.map(other => commonStartLength(label, other))));
	});
	return distinct(own) ? own : labels;
}

/** How many characters (code points) `a` and `b` start with in common. */
function commonStartLength(a: string, b: string): number {
	const first = Array.from(a);
	const second = Array.from(b);
	let length = 0;
	while (length < first.length && first[length] === second[length]) {
		length++;
	}

	return length;
}

/** `label` in at most maxLabelLength columns: its start, an ellipsis, and the part from just before its character `position`. */
function labelAround(label: string, position: number): string {
	const start = cutToWidth(label, keptStartBeforeDifference);
	const characters = Array.from(label);
	const from = Math.max(Array.from(start).length, position - contextBeforeDifference);
	const room = maxLabelLength - displayWidth(start) - displayWidth(ellipsis);
	const end = lastToWidth(label, room);
	if (Array.from(end).length >= characters.length - from) {
		// the rest from there fits: show as much before it as the room holds
		return `${start}${ellipsis}${end}`;
	}

	const shownPart = cutToWidth(characters.slice(from).join(''), room - displayWidth(ellipsis)) + ellipsis;
	return `${start}${ellipsis}${shownPart}`;
}

/** The version of `line` to draw in `width` columns: the fullest that fits, else the shortest cut to fit. */
export function fitPanelLine(line: PanelLine, width: number): string {
	const versions = typeof line === 'string' ? [line] : line;
	return versions.find(version => displayWidth(version) <= width) ?? truncateToWidth(versions.at(-1) ?? '', width);
}

/** Lines the table takes: its heading row and one per record. */
export function tableHeight(table: TableSpec): number {
	return 1 + table.rows.length;
}

/** Lines the panel takes. */
export function panelHeight(panel: PanelSpec): number {
	return (panel.title === undefined ? 0 : 1) + panel.lines.length + panel.tables.reduce((sum, table) => sum + tableHeight(table), 0);
}

/** Columns the widest of `column`'s heading and cells takes on a terminal, padding left out. */
export function contentWidthOf(table: TableSpec, column: string): number {
	let widest = displayWidth(column);
	for (const row of table.rows) {
		widest = Math.max(widest, displayWidth(row[column] ?? ''));
	}

	return widest;
}

function columnWidthOf(table: TableSpec, column: string): number {
	return contentWidthOf(table, column) + 2 * cellPadding;
}

/** The label of the row that stands for rows left out for lack of height. */
export function moreRowsLabel(count: number): string {
	return `… +${count}`;
}

/**
 * The panel cut to `rows` lines: records are taken from the end of its tables, but before each
 * table's last record (backprop's hidden→output row) and after its leading rows, one "… +n" row
 * standing for them.
 */
export function clipPanel(panel: PanelSpec, rows: number): PanelSpec {
	// rows left out when a table was made need their "… +n" row, room or not
	const omitted = panel.tables.some(table => (table.omittedRows ?? 0) > 0);
	let excess = Math.max(panelHeight(panel) - rows, omitted ? 0 : Number.NEGATIVE_INFINITY);
	if (excess < 0 || (excess === 0 && !omitted)) {
		return panel;
	}

	const tables = [...panel.tables];
	for (let index = tables.length - 1; index >= 0; index--) {
		const table = tables[index]!;
		if (excess <= 0 && !((table.omittedRows ?? 0) > 0)) {
			continue;
		}

		// keep the leading records and the last; the "… +n" row takes the place of one of those removed
		const removable = table.rows.length - (table.leadingRows ?? 1) - 1;
		if (removable < 2) {
			continue;
		}

		const removed = Math.min(removable, Math.max(0, excess) + 1);
		const kept = table.rows.length - 1 - removed;
		tables[index] = {...table, rows: [...table.rows.slice(0, kept), {[table.columns[0]!]: moreRowsLabel(removed + (table.omittedRows ?? 0))}, table.rows.at(-1)!], omittedRows: 0};
		excess -= removed - 1;
	}

	// too little room for the leading rows as well: they give way too, down to each table's first
	if (excess > 0 && panel.tables.some(table => (table.leadingRows ?? 1) > 1)) {
		return clipPanel({...panel, tables: panel.tables.map(table => ({...table, leadingRows: 1}))}, rows);
	}

	return {...panel, tables};
}
