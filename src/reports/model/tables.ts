/**
 * Tables for the model: columns declared once with their cell text, rows sorted newest first and
 * capped. Open/current records (an `isOpen` predicate) are never capped: they are all listed first,
 * and only the closed or historical rows after them are capped, with a note saying how many are not
 * shown. A list the source did not supply prints 数据源未提供, never 暂无记录.
 */
import { sortNewestFirst } from '../score/dates.js';
import type { Alignment, Block, TableBlock } from './types.js';
import { EMPTY_TEXT, NOT_SUPPLIED_TEXT } from './types.js';

export interface ColumnSpec<T> {
  title: string;
  /** Relative width. */
  width: number;
  align?: Alignment;
  cell: (item: T) => string;
}

export interface TableOptions<T> {
  /** The most rows to show (closed rows only, when `isOpen` is given: open rows are all shown). */
  cap: number;
  /** When given, rows are sorted by it, newest first (undated last), before capping. */
  dateOf?: (item: T) => string | undefined;
  /** Optional caption above the table. */
  title?: string;
  /** Open/current records: all listed, first; e.g. an enforcement without closedOn. */
  isOpen?: (item: T) => boolean;
  /** How the note names open and closed rows, e.g. ['未结', '已结'] (default ['当前', '历史']). */
  openWords?: readonly [open: string, closed: string];
}

export function buildTable<T>(items: readonly T[], columns: ReadonlyArray<ColumnSpec<T>>, options: TableOptions<T>): TableBlock {
  const total = items.length;
  const ordered = options.dateOf ? sortNewestFirst(items, options.dateOf) : items;
  let shownItems: readonly T[];
  let note: string | undefined;
  let openRows: number | undefined;
  if (options.isOpen) {
    const open: T[] = [];
    const closed: T[] = [];
    for (const item of ordered) (options.isOpen(item) ? open : closed).push(item);
    // Open rows fill the table first; closed rows take what is left of the cap.
    const closedShown = closed.slice(0, Math.max(0, options.cap - open.length));
    shownItems = [...open, ...closedShown];
    openRows = open.length;
    if (closedShown.length < closed.length) {
      const [openWord, closedWord] = options.openWords ?? ['当前', '历史'];
      const hidden = closed.length - closedShown.length;
      note = open.length > 0
        ? `共 ${total} 条：${openWord} ${open.length} 条全部列出；${closedWord} ${closed.length} 条${closedShown.length > 0 ? `显示最近 ${closedShown.length} 条，` : ''}另有 ${hidden} 条未显示`
        : `共 ${total} 条，显示最近 ${closedShown.length} 条，另有 ${hidden} 条未显示`;
    }
  } else {
    shownItems = ordered.length > options.cap ? ordered.slice(0, options.cap) : ordered;
    // Dated lists show the most recent records; undated ones (shareholders, personnel) the first ones.
    if (shownItems.length < total) note = `共 ${total} 条，显示${options.dateOf ? '最近' : '前'} ${shownItems.length} 条，另有 ${total - shownItems.length} 条未显示`;
  }
  const rows = shownItems.map((item) => columns.map((c) => c.cell(item)));
  const table: TableBlock = {
    kind: 'table',
    columns: columns.map((c) => ({ title: c.title, width: c.width, align: c.align ?? 'left' })),
    rows,
    total,
    shown: rows.length,
  };
  if (options.title !== undefined) table.title = options.title;
  if (note !== undefined) table.note = note;
  if (openRows !== undefined) table.openRows = openRows;
  return table;
}

/** 数据源未提供 for a list the source did not supply, 暂无记录 for a supplied empty one. */
export function emptyBlock(items: readonly unknown[] | undefined): Block {
  return { kind: 'empty', text: items === undefined ? NOT_SUPPLIED_TEXT : EMPTY_TEXT };
}

/** The table, or 数据源未提供 (not supplied) / 暂无记录 (supplied, none). */
export function tableOrEmpty<T>(items: readonly T[] | undefined, columns: ReadonlyArray<ColumnSpec<T>>, options: TableOptions<T>): Block[] {
  if (!items || items.length === 0) return [emptyBlock(items)];
  return [buildTable(items, columns, options)];
}

/** A record count for an overview: `N 条`, or 数据源未提供 when the list was not supplied. */
export function countText(items: readonly unknown[] | undefined, unit = '条'): string {
  return items === undefined ? NOT_SUPPLIED_TEXT : `${items.length} ${unit}`;
}
