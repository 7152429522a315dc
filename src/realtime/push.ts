/**
 * Data push (issue 18 item 1): a whole document under a KeyNo, one record appended to a category,
 * or NDJSON lines, written through the store's one upsert (`upsertPrepared`, the import's path, so
 * names, search terms and whatever else the store keeps come with it) with the change feed's events
 * in the same transaction. Bad input changes nothing and names the field.
 */
import type { Kysely } from 'kysely';
import { CATEGORIES } from '../companies/categories.js';
import { checkCompanyDocument } from '../companies/document-check.js';
import type { CompanyDocument } from '../companies/document.js';
import { isKeyNo } from '../companies/key-no.js';
import { findCompanyByKeyNo, prepareDocument, upsertPrepared, type PreparedDocument, type UpsertOutcome } from '../companies/store.js';
import type { Schema } from '../db/schema.js';
import { reportGrader } from './feed-grader.js';

/** A push refused: `field` is the JSON pointer (or parameter) at fault, `reason` what is wrong. */
export class PushError extends Error {
  override name = 'PushError';
  constructor(readonly statusCode: 400 | 404 | 409, readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}

export interface PushResult {
  readonly keyNo: string;
  readonly status: 'imported' | 'updated' | 'unchanged';
  /** The company's version: the feed cursor of its latest event (0 when it has none). */
  readonly version: number;
}

/** Record categories by document field name (`dishonest`, `taxArrears`, …): what the records route accepts. */
export const RECORD_CATEGORY_FIELDS: ReadonlySet<string> = new Set(CATEGORIES.filter((c) => c.shape === 'records').flatMap((c) => c.fields));

/** Replaces (or creates) the company `keyNo` with `body`, a whole document. */
export async function pushDocument(db: Kysely<Schema>, keyNo: string, body: unknown, nowMs: number): Promise<PushResult> {
  if (!isKeyNo(keyNo)) throw new PushError(400, 'keyNo', `"${keyNo}" is not a KeyNo (32 lower-case hex characters)`);
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const given = (body as { keyNo?: unknown }).keyNo;
    if (given !== undefined && given !== keyNo) throw new PushError(400, '/keyNo', `the document names keyNo ${String(given)}, the path ${keyNo}`);
  }
  const doc = checked(body);
  return withKeyLock(keyNo, () => writeOne(db, prepareDocument({ ...doc, keyNo }), nowMs));
}

/** Appends one record to a records category of a stored company. */
export async function appendRecord(db: Kysely<Schema>, keyNo: string, category: string, record: unknown, nowMs: number): Promise<PushResult> {
  if (!RECORD_CATEGORY_FIELDS.has(category)) {
    throw new PushError(400, 'category', `"${category}" is not a record category; one of ${[...RECORD_CATEGORY_FIELDS].join(', ')}`);
  }
  return withKeyLock(keyNo, async () => {
    const stored = await findCompanyByKeyNo(db, keyNo);
    if (!stored) throw new PushError(404, 'keyNo', `no company with KeyNo ${keyNo}`);
    const { keyNo: _k, ...content } = stored.doc;
    const list = (content as Record<string, unknown>)[category];
    const records = Array.isArray(list) ? list : [];
    const doc = checked({ ...content, [category]: [...records, record] });
    return writeOne(db, prepareDocument({ ...doc, keyNo }), nowMs);
  });
}

/**
 * Many documents in one transaction (the `data watch` files): each line checked on its own, bad
 * lines reported by number and skipped, the rest written together.
 */
export async function pushLines(db: Kysely<Schema>, lines: readonly string[], nowMs: number): Promise<{ outcomes: UpsertOutcome[]; errors: Array<{ line: number; reason: string }> }> {
  const prepared: PreparedDocument[] = [];
  const errors: Array<{ line: number; reason: string }> = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      prepared.push(prepareDocument(checked(JSON.parse(text))));
    } catch (err) {
      errors.push({ line: i + 1, reason: err instanceof PushError ? `${err.field}: ${err.reason}` : `malformed JSON: ${(err as Error).message}` });
    }
  });
  const now = new Date(nowMs).toISOString();
  const outcomes = await upsertPrepared(db, prepared, { now, feed: { grader: reportGrader(now) } });
  return { outcomes, errors };
}

function checked(body: unknown): CompanyDocument {
  const result = checkCompanyDocument(body);
  if (result.ok) return result.doc;
  throw new PushError(400, fieldOf(result.reason), result.reason);
}

/** The JSON pointer a check's reason names (`schema: /dishonest/0 is missing …`), else the document. */
function fieldOf(reason: string): string {
  const pointer = /^schema: (\/\S*)/.exec(reason)?.[1];
  if (pointer) return pointer;
  const named = /^(?:invalid )?(uscc|regNo|name)\b/.exec(reason)?.[1];
  return named ? `/${named}` : '(document)';
}

async function writeOne(db: Kysely<Schema>, doc: PreparedDocument, nowMs: number): Promise<PushResult> {
  const now = new Date(nowMs).toISOString();
  let version = 0;
  const [outcome] = await upsertPrepared(db, [doc], { now, feed: { grader: reportGrader(now), recorded: (_k, v) => { version = v; } } });
  if (!outcome) throw new Error('upsert returned no outcome');
  if (outcome.status === 'rejected') throw new PushError(409, 'keyNo', outcome.reason);
  if (version === 0) version = await currentVersion(db, outcome.keyNo);
  return { keyNo: outcome.keyNo, status: outcome.status, version };
}

export async function currentVersion(db: Kysely<Schema>, keyNo: string): Promise<number> {
  const row = await db.selectFrom('company_events').select((eb) => eb.fn.max('id').as('v')).where('key_no', '=', keyNo).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/**
 * Appends read, change and write a company: two appends to one company in this process run one
 * after the other, so neither loses the other's record. (Two processes appending to one company at
 * the same instant can still race; docs/realtime.md says so.)
 */
const keyLocks = new Map<string, Promise<unknown>>();
async function withKeyLock<T>(keyNo: string, work: () => Promise<T>): Promise<T> {
  const previous = keyLocks.get(keyNo) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  keyLocks.set(keyNo, tail);
  try {
    return await run;
  } finally {
    if (keyLocks.get(keyNo) === tail) keyLocks.delete(keyNo);
  }
}
