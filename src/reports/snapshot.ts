/**
 * The snapshot a report is built from: the company's document as stored at the moment the report
 * is generated, with its data date. The report reads nothing else, so a company re-imported while
 * a report renders cannot produce a report that mixes two versions.
 */
import type { CompanyDocument } from '../companies/document.js';
import { datePart } from './score/dates.js';

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
 * Takes the snapshot. The data date is the date part of the document's `dataAsOf` (as the source
 * wrote it: its calendar date, not converted to another zone), else of the store's, else the date
 * of the store's `updatedAt`. `now` is the only clock read, injectable for tests.
 */
export function takeSnapshot(stored: SnapshotSource, now: () => Date = () => new Date()): ReportSnapshot {
  const doc = structuredClone(stored.doc);
  const dataDate = datePart(doc.dataAsOf) ?? datePart(stored.dataAsOf) ?? datePart(stored.updatedAt);
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
