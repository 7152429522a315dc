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
import { prepareDocument, rewriteCompany, upsertPrepared, type PreparedDocument, type StoredCompany, type UpsertOutcome } from '../companies/store.js';
import type { Schema } from '../db/schema.js';
import { MAX_JSON_DEPTH, scanJson } from '../protocol/body-parsers.js';
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
  /** The company's version: 1 when first stored, one more per accepted change (an unchanged push answers the current one). */
  readonly version: number;
  /** The feed cursor of the company's latest event (0 when it has none): read the feed after it for what comes next. */
  readonly event: number;
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
  const doc = prepareDocument({ ...checked(body), keyNo });
  return writeOne(db, keyNo, () => doc, nowMs);
}

/**
 * Appends one record to a records category of a stored company. The stored document is read
 * inside the write's lock (`rewriteCompany`), so appends from several processes at once each
 * build on the one before: none is lost.
 */
export async function appendRecord(db: Kysely<Schema>, keyNo: string, category: string, record: unknown, nowMs: number): Promise<PushResult> {
  if (!RECORD_CATEGORY_FIELDS.has(category)) {
    throw new PushError(400, 'category', `"${category}" is not a record category; one of ${[...RECORD_CATEGORY_FIELDS].join(', ')}`);
  }
  return writeOne(db, keyNo, (stored) => {
    if (!stored) throw new PushError(404, 'keyNo', `no company with KeyNo ${keyNo}`);
    const { keyNo: _k, ...content } = stored.doc;
    const list = (content as Record<string, unknown>)[category];
    const records = Array.isArray(list) ? list : [];
    return prepareDocument({ ...checked({ ...content, [category]: [...records, record] }), keyNo });
  }, nowMs);
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

/** One document of a batch push: its place in the request (the NDJSON line, or the array element from 1) and its JSON. */
export interface BatchItem {
  readonly line: number;
  /** The document's JSON text (an NDJSON line) … */
  readonly text?: string;
  /** … or the document already parsed (an element of a JSON array). */
  readonly value?: unknown;
}

/** What became of one document of a batch push. */
export type BatchLineResult =
  | { readonly line: number; readonly status: 'imported' | 'updated' | 'unchanged'; readonly keyNo: string }
  | { readonly line: number; readonly status: 'rejected'; readonly keyNo?: string; readonly field: string; readonly reason: string };

/** Documents per transaction of a batch push: a transaction holds the store's write lock for its whole length. */
export const BATCH_PUSH_CHUNK = 500;

/**
 * A batch push (`POST /admin/companies`): whole documents under the rules of `PUT` (checked whole,
 * identity as import, events recorded), written `chunk` documents per transaction. Each document
 * stands alone: a bad one is answered with its line, field and reason and changes nothing; the
 * good ones are committed. The same company twice in one request keeps the first and refuses the
 * later line, naming the first (one request is one change per company, as one file is).
 */
export async function pushBatch(db: Kysely<Schema>, items: readonly BatchItem[], nowMs: number, chunk = BATCH_PUSH_CHUNK): Promise<BatchLineResult[]> {
  const now = new Date(nowMs).toISOString();
  const feed = { grader: reportGrader(now) };
  const results: BatchLineResult[] = [];
  const firstLineOf = new Map<string, number>();
  for (let start = 0; start < items.length; start += chunk) {
    const prepared: PreparedDocument[] = [];
    const lines: number[] = [];
    for (const item of items.slice(start, start + chunk)) {
      try {
        // As the API's JSON bodies: nesting is bounded before anything recursive sees the document.
        if (item.text !== undefined && scanJson(item.text).tooDeep) throw new PushError(400, '(document)', `nested deeper than ${MAX_JSON_DEPTH} levels`);
        const value = item.text === undefined ? item.value : JSON.parse(item.text);
        prepared.push(prepareDocument(checked(value)));
        lines.push(item.line);
      } catch (err) {
        results.push(err instanceof PushError
          ? { line: item.line, status: 'rejected', field: err.field, reason: err.reason }
          : { line: item.line, status: 'rejected', field: '(document)', reason: `malformed JSON: ${(err as Error).message}` });
      }
    }
    const admit = (keyNo: string, index: number): string | undefined => {
      const first = firstLineOf.get(keyNo);
      if (first !== undefined) return `same company (keyNo ${keyNo}) as line ${first} of this request`;
      firstLineOf.set(keyNo, lines[index]!);
      return undefined;
    };
    const outcomes = await upsertPrepared(db, prepared, { now, admit, feed });
    outcomes.forEach((o, i) => {
      const line = lines[i]!;
      results.push(o.status === 'rejected'
        ? { line, status: 'rejected', ...(o.keyNo ? { keyNo: o.keyNo } : {}), field: fieldOfRefusal(o.reason), reason: o.reason }
        : { line, status: o.status, keyNo: o.keyNo });
    });
  }
  return results.sort((a, b) => a.line - b.line);
}

/** The field an identity refusal of `planBatch` is about (`uscc … already belongs to …`, `keyNo … belongs to …`). */
function fieldOfRefusal(reason: string): string {
  const named = /^(uscc|regNo|keyNo)\b/.exec(reason)?.[1];
  return named ? `/${named}` : '(document)';
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

async function writeOne(db: Kysely<Schema>, keyNo: string, change: (stored: StoredCompany | undefined) => PreparedDocument, nowMs: number): Promise<PushResult> {
  const now = new Date(nowMs).toISOString();
  let event = 0;
  const { outcome, version } = await rewriteCompany(db, keyNo, change, { now, feed: { grader: reportGrader(now), recorded: (_k, id) => { event = id; } } });
  if (outcome.status === 'rejected') throw new PushError(409, 'keyNo', outcome.reason);
  if (event === 0) event = await latestEventOf(db, outcome.keyNo);
  return { keyNo: outcome.keyNo, status: outcome.status, version, event };
}

/** The id of the company's latest feed event (0 when it has none). */
export async function latestEventOf(db: Kysely<Schema>, keyNo: string): Promise<number> {
  const row = await db.selectFrom('company_events').select((eb) => eb.fn.max('id').as('v')).where('key_no', '=', keyNo).executeTakeFirst();
  return Number(row?.v ?? 0);
}
