/**
 * Tables for the model: columns declared once with their cell text, rows sorted newest first and
 * capped, with the 共 N 条，显示最近 M 条 note when capped.
 */
import { sortNewestFirst } from '../score/dates.js';
import type { Alignment, Block, TableBlock } from './types.js';
import { EMPTY_TEXT } from './types.js';

export interface ColumnSpec<T> {
  title: string;
  /** Relative width. */
  width: number;
  align?: Alignment;
  cell: (item: T) => string;
}

export interface TableOptions<T> {
  /** The most rows to show. */
  cap: number;
  /** When given, rows are sorted by it, newest first (undated last), before capping. */
  dateOf?: (item: T) => string | undefined;
  /** Optional caption above the table. */
  title?: string;
}

export function buildTable<T>(items: readonly T[], columns: ReadonlyArray<ColumnSpec<T>>, options: TableOptions<T>): TableBlock {
  const total = items.length;
  const ordered = options.dateOf ? sortNewestFirst(items, options.dateOf) : items;
  const shownItems = ordered.length > options.cap ? ordered.slice(0, options.cap) : ordered;
  const rows = shownItems.map((item) => columns.map((c) => c.cell(item)));
  const table: TableBlock = {
    kind: 'table',
    columns: columns.map((c) => ({ title: c.title, width: c.width, align: c.align ?? 'left' })),
    rows,
    total,
    shown: rows.length,
  };
  if (options.title !== undefined) table.title = options.title;
  if (rows.length < total) {
    // Dated lists show the most recent records; undated ones (shareholders, personnel) the first ones.
    table.note = `共 ${total} 条，显示${options.dateOf ? '最近' : '前'} ${rows.length} 条`;
  }
  return table;
}

/** The table, or 暂无记录 when there are no records. */
export function tableOrEmpty<T>(items: readonly T[] | undefined, columns: ReadonlyArray<ColumnSpec<T>>, options: TableOptions<T>): Block[] {
  if (!items || items.length === 0) return [{ kind: 'empty', text: EMPTY_TEXT }];
  return [buildTable(items, columns, options)];
}
