/**
 * The change feed's events of one company write, computed by comparing the stored document before
 * it and the one written (pure; the store calls it inside the write's transaction, see
 * `UpsertOptions.feed` in store.ts, so an event exists exactly when its change committed).
 *
 * - `company.created` when nothing was stored under the KeyNo;
 * - `company.updated` with `categories` (category fields whose content changed) and `fields`
 *   (every other top-level field that changed, added or removed);
 * - `record.added` per record of a records category that the old document did not hold (compared
 *   by content, so reordering a list adds nothing);
 * - `status.changed` with the old and new registration status text;
 * - `grade.changed` with the old and new grade, when a grader is given (the report's scorecard is
 *   not this layer's: src/realtime/feed-grader.ts injects it).
 */
import { canonicalJson } from './canonical.js';
import { CATEGORIES } from './categories.js';
import type { CompanyDocument } from './document.js';

export type FeedEventType = 'company.created' | 'company.updated' | 'record.added' | 'grade.changed' | 'status.changed';

export const FEED_EVENT_TYPES: readonly FeedEventType[] = ['company.created', 'company.updated', 'record.added', 'grade.changed', 'status.changed'];

export interface FeedEvent {
  readonly type: FeedEventType;
  readonly data: Record<string, unknown>;
}

/** A document's grade as the report would print it (undefined: not computed). */
export type Grader = (doc: CompanyDocument) => string | undefined;

/** The feed's options on a store write. */
export interface FeedOptions {
  readonly grader?: Grader;
}

const CATEGORY_FIELDS = new Set<string>(CATEGORIES.flatMap((c) => c.fields));
const RECORD_FIELDS = new Set<string>(CATEGORIES.filter((c) => c.shape === 'records').flatMap((c) => c.fields));
/** Bookkeeping fields whose change alone is no change of the company (still listed in `fields`). */
const IDENTITY_FIELDS = new Set(['keyNo']);

export function diffDocuments(before: CompanyDocument | undefined, after: CompanyDocument, options: FeedOptions = {}): FeedEvent[] {
  if (!before) {
    const data: Record<string, unknown> = { name: after.name };
    if (after.uscc) data.uscc = after.uscc;
    const grade = options.grader?.(after);
    if (grade !== undefined) data.grade = grade;
    return [{ type: 'company.created', data }];
  }
  const categories: string[] = [];
  const fields: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const key of [...keys].sort()) {
    if (IDENTITY_FIELDS.has(key)) continue;
    if (canonicalOrUndefined(b[key]) === canonicalOrUndefined(a[key])) continue;
    (CATEGORY_FIELDS.has(key) ? categories : fields).push(key);
  }
  const events: FeedEvent[] = [];
  if (categories.length > 0 || fields.length > 0) events.push({ type: 'company.updated', data: { categories, fields } });
  for (const category of categories) {
    if (!RECORD_FIELDS.has(category)) continue;
    const old = new Set((Array.isArray(b[category]) ? (b[category] as unknown[]) : []).map((r) => canonicalJson(r)));
    for (const record of Array.isArray(a[category]) ? (a[category] as unknown[]) : []) {
      const text = canonicalJson(record);
      if (old.has(text)) continue;
      old.add(text);
      events.push({ type: 'record.added', data: { category, record } });
    }
  }
  if ((before.status ?? null) !== (after.status ?? null)) events.push({ type: 'status.changed', data: { old: before.status ?? null, new: after.status ?? null } });
  if (options.grader && events.length > 0) {
    const oldGrade = options.grader(before);
    const newGrade = options.grader(after);
    if (oldGrade !== newGrade) events.push({ type: 'grade.changed', data: { old: oldGrade ?? null, new: newGrade ?? null } });
  }
  return events;
}

function canonicalOrUndefined(value: unknown): string | undefined {
  return value === undefined ? undefined : canonicalJson(value);
}

/** What a store write is told to do for the feed (see `UpsertOptions.feed` in store.ts). */
export interface FeedWrite extends FeedOptions {
  /** Called after the events of a company's write are stored, with the id of its last event (the feed cursor after it). */
  readonly recorded?: (keyNo: string, lastEventId: number) => void;
}

/** The events of writing `afterText` over `beforeText` (undefined: a new company). */
export function eventsOfWrite(beforeText: string | undefined, afterText: string, options: FeedOptions): FeedEvent[] {
  const before = beforeText === undefined ? undefined : (JSON.parse(beforeText) as CompanyDocument);
  return diffDocuments(before, JSON.parse(afterText) as CompanyDocument, options);
}
