/**
 * Helpers the verdict-first report types share: picking the credit report's evidence chapters,
 * turning the credit model into another type's model (title, cover, running header), listings in
 * force on the data date, and a plain table block.
 */
import type { Listing } from '../../../companies/document.js';
import type { Block, KeyValueItem, ReportModel, Section, TableBlock, TableColumn } from '../../model/types.js';

/**
 * The credit report's chapters with these level-1 ids, each with the level-2 sections that follow
 * it, in the credit report's order.
 */
export function evidenceChapters(credit: ReportModel, chapterIds: readonly string[]): Section[] {
  const wanted = new Set(chapterIds);
  const out: Section[] = [];
  let keep = false;
  for (const s of credit.sections) {
    if (s.level === 1) keep = wanted.has(s.id);
    if (keep) out.push(s);
  }
  return out;
}

/** The credit model retitled as another type, with verdict lines on the cover and its own sections. */
export function retitledModel(credit: ReportModel, title: string, coverLines: KeyValueItem[], sections: Section[]): ReportModel {
  const { meta, cover } = credit;
  return {
    meta: { ...meta, title, subject: `${meta.companyName} ${title}`, headerText: `${title} · 报告编号 ${meta.reportNo}` },
    cover: { ...cover, title, fields: [...cover.fields, ...coverLines] },
    summary: credit.summary,
    sections,
  };
}

/** Listings (经营异常, 严重违法) in force on the data date: listed on or before it, not removed by then. */
export function currentListings(list: readonly Listing[], dataDate: string): Listing[] {
  return list.filter((l) => l.listedOn.slice(0, 10) <= dataDate && !(l.removedOn && l.removedOn.slice(0, 10) <= dataDate));
}

/** Records with a start date and an optional removal date, in force on the data date. */
export function currentRecords<T extends { removedOn?: string }>(list: readonly T[], startOf: (r: T) => string, dataDate: string): T[] {
  return list.filter((r) => startOf(r).slice(0, 10) <= dataDate && !(r.removedOn && r.removedOn.slice(0, 10) <= dataDate));
}

/** A verdict chapter's opening: the verdict as a notice (info when favourable, else a warning), then its key figures in two columns. */
export function verdictHead(favourable: boolean, notice: string, items: KeyValueItem[]): Block[] {
  return [
    { kind: 'notice', level: favourable ? 'info' : 'warning', text: notice },
    { kind: 'keyValue', columns: 2, items },
  ];
}

export function table(columns: Array<[title: string, width: number, align?: TableColumn['align']]>, rows: string[][], title?: string): TableBlock {
  return {
    kind: 'table',
    ...(title ? { title } : {}),
    columns: columns.map(([t, width, align]) => ({ title: t, width, align: align ?? 'left' })),
    rows,
    total: rows.length,
    shown: rows.length,
  };
}

/** `a、b、c` and `等 N 条` past `limit`. */
export function listText(items: readonly string[], limit = 3): string {
  if (items.length <= limit) return items.join('、');
  return `${items.slice(0, limit).join('、')} 等 ${items.length} 条`;
}
