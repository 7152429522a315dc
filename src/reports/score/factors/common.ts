/**
 * What every factor of scorecard v1 shares: its context, bins, and how it reports its points and
 * the records that caused them.
 */
import type { CompanyDocument } from '../../../companies/document.js';
import { onOrBefore, sortNewestFirst } from '../dates.js';
import type { StatusNorm } from '../status.js';
import { EVIDENCE_LIMIT, type FactorResult } from '../types.js';

export interface ScoreContext {
  doc: CompanyDocument;
  /** `YYYY-MM-DD`: the end (inclusive) of every window. */
  dataDate: string;
  status: StatusNorm;
  /** Registered capital in fen when it is in renminbi; undefined when absent or in another currency. */
  registeredCnyFen: number | undefined;
}

export type Factor = (c: ScoreContext) => FactorResult;

export interface Bin {
  /** The bin holds values below this bound (the last bin uses Infinity). */
  below: number;
  label: string;
  points: number;
}

export function binOf(value: number, bins: readonly Bin[]): Bin {
  for (const bin of bins) if (value < bin.below) return bin;
  return bins[bins.length - 1]!;
}

/** The records behind a factor: the first EVIDENCE_LIMIT described, and how many there are in all. */
export interface Evidence {
  items: string[];
  total: number;
}

export function result(id: string, name: string, observed: string, bin: string, points: number, evidence: readonly string[] | Evidence = []): FactorResult {
  const items = 'total' in evidence ? evidence.items : evidence.slice(0, EVIDENCE_LIMIT);
  const total = 'total' in evidence ? evidence.total : evidence.length;
  return { id, name, observed, bin, points, evidence: items, evidenceTotal: total };
}

/**
 * Evidence from records, newest first so the capped list shows the most recent ones. Only the
 * records shown are described: a company with 500 judgments must not format 500 strings.
 */
export function evidenceOf<T>(records: readonly T[], dateOf: (record: T) => string | undefined, describe: (record: T) => string): Evidence {
  const sorted = sortNewestFirst(records, dateOf);
  const shown = sorted.length > EVIDENCE_LIMIT ? sorted.slice(0, EVIDENCE_LIMIT) : sorted;
  return { items: shown.map(describe), total: records.length };
}

/** A listing (失信, 经营异常, 严重违法, 限高) is current when listed by the data date and not yet removed by it. */
export function isCurrentListing(listedOn: string | undefined, removedOn: string | undefined, dataDate: string): boolean {
  return onOrBefore(listedOn, dataDate) && (!removedOn || removedOn.slice(0, 10) > dataDate);
}

/** Pledge and mortgage registrations stop binding when their status says so; no status reads as in force. */
export const INACTIVE_REGISTRATION = /无效|注销|解除|撤销|失效|解押|已履行/u;
