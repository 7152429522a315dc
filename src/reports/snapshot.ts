/**
 * The snapshot a report is built from: the company's document as stored at the moment the report
 * is generated, with its data date. The report reads nothing else, so a company re-imported while
 * a report renders cannot produce a report that mixes two versions.
 */
import type { CompanyDocument } from '../companies/document.js';
import { datePart } from './score/dates.js';

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const INSTANT_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The calendar date of a dataAsOf or updatedAt value, as a Chinese reader dates it: an instant with
 * a zone (`…Z`, `…+08:00`) is taken to Beijing time (UTC+8, no daylight saving) first, so
 * `2026-06-29T16:00:00Z` is 2026-06-30; a plain date or a zoneless date-time keeps its written date.
 */
export function beijingDateOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  if (INSTANT_WITH_ZONE.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
  }
  return datePart(value);
}

/**
 * What a snapshot needs from a stored company. Structural, so the store's `StoredCompany` (and a
 * plain test object) fits without this module depending on the database layer.
 */
export interface SnapshotSource {
  doc: CompanyDocument;
  /** The store's copy of the document's dataAsOf (instant or date), if any. */
  dataAsOf?: string | null;
  /** When the store last wrote the row: ISO instant. */
  updatedAt: string;
  /** The store's synthetic flag; the document's `source: 'synthetic'` counts too. */
  synthetic?: boolean;
}

export interface ReportSnapshot {
  /** A private deep copy: later changes to the stored object do not reach the report. */
  doc: CompanyDocument;
  /** `YYYY-MM-DD`: the reference date of every "in N years" in the score. */
  dataDate: string;
  /** ISO instant at which the snapshot was taken. */
  takenAt: string;
  synthetic: boolean;
}

/**
 * Takes the snapshot. The data date is the Beijing calendar date of the document's `dataAsOf`, else
 * of the store's, else of the store's `updatedAt`. `now` is the only clock read, injectable for tests.
 */
export function takeSnapshot(stored: SnapshotSource, now: () => Date = () => new Date()): ReportSnapshot {
  const doc = structuredClone(stored.doc);
  const dataDate = beijingDateOf(doc.dataAsOf) ?? beijingDateOf(stored.dataAsOf) ?? beijingDateOf(stored.updatedAt);
  if (!dataDate) {
    throw new Error(`takeSnapshot: company "${doc.name}" has no usable data date (dataAsOf "${doc.dataAsOf ?? stored.dataAsOf ?? ''}", updatedAt "${stored.updatedAt}")`);
  }
  return {
    doc,
    dataDate,
    takenAt: now().toISOString(),
    synthetic: stored.synthetic === true || doc.source === 'synthetic',
  };
}
