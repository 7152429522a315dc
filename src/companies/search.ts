/**
 * Fuzzy company search over the `company_search` terms (search-terms.ts) and the exact look-ups of
 * the store: by name fragment, current or former name, USCC, registration number, KeyNo or legal
 * representative. Same queries on SQLite and PostgreSQL.
 *
 * Ranking, in tiers, each tier in index order (by the matched term, then KeyNo):
 * 1. exact: USCC, registration number or KeyNo; a current name, then a former name; a legal
 *    representative's whole name;
 * 2. prefix: a value that starts with the query (whole values of up to MAX_TERM_CHARS characters
 *    first, so short names come before long ones);
 * 3. fragment: the query inside a value.
 * A company appears once, at its best tier. Work is bounded whatever the query: each tier reads at
 * most MAX_SEARCH_HITS + 1 index entries, and the matches are counted up to MAX_SEARCH_HITS
 * (`capped` says the count stopped there: "有限公司" matches nearly every company).
 */
import type { Kysely } from 'kysely';
import { compiledStatement } from '../db/compiled-query.js';
import type { Schema } from '../db/schema.js';
import { normaliseName } from './normalise.js';
import { ANCHOR, isLegalFormFragment, MAX_TERM_CHARS, MIN_TERM_CHARS, SEARCH_FIELDS, searchSourceOfDocument, searchTermsOf, type Anchor } from './search-terms.js';
import { findCompaniesByName, findCompanyByKeyNo, findCompanyByRegNo, findCompanyByUscc, rowToStoredCompany, type StoredCompany } from './store.js';
import { isUsccShape, normaliseUscc } from './uscc.js';

/** Matches are counted up to this many; paging reaches no further. */
export const MAX_SEARCH_HITS = 1000;

/** Which values a search looks at: every one, names only (current and former), or legal representatives only. */
export type SearchScope = 'all' | 'names' | 'legalRep';

export interface SearchRequest {
  text: string;
  scope?: SearchScope;
  /** 0-based index of the first match to return. */
  offset: number;
  limit: number;
}

export type SearchRefusal = 'too_short' | 'punctuation_only' | 'url' | 'email' | 'legal_form';

export type SearchOutcome =
  | { ok: true; total: number; capped: boolean; companies: StoredCompany[] }
  | { ok: false; reason: SearchRefusal };

const PUNCTUATION_ONLY = /^[\p{P}\p{S}\s]+$/u;
const URL_LIKE = /^(?:(?:https?|ftp):\/\/|www\.)\S+$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KEY_NO = /^[0-9a-f]{32}$/;
const DIGITS = /^[0-9]{6,20}$/;
/** Past every character a term can hold: `term < prefix + TOP` means "starts with prefix". */
const TOP = '\u{10FFFF}';

/** Why a search keyword is refused before any look-up, or undefined when it is searchable. */
export function searchRefusal(text: string): SearchRefusal | undefined {
  const t = text.trim();
  if (Array.from(t).length < MIN_TERM_CHARS) return 'too_short';
  if (PUNCTUATION_ONLY.test(t)) return 'punctuation_only';
  if (URL_LIKE.test(t)) return 'url';
  if (EMAIL.test(t)) return 'email';
  // Only (a piece of) a legal-form ending: the index leaves those suffixes out (search-terms.ts).
  if (isLegalFormFragment(normaliseName(t))) return 'legal_form';
  return undefined;
}

const FIELD_RANGE: Record<SearchScope, [number, number]> = {
  all: [SEARCH_FIELDS.name, SEARCH_FIELDS.legalRep],
  names: [SEARCH_FIELDS.name, SEARCH_FIELDS.formerName],
  legalRep: [SEARCH_FIELDS.legalRep, SEARCH_FIELDS.legalRep],
};

/**
 * One anchor's range of terms starting with the query, in index order. Only the KeyNo and the
 * field are read: the term itself is never looked at (the range already says it matches), and a
 * page of 1,001 rows is cheaper to hand over without it.
 */
const selectTerms = compiledStatement(
  (db: Kysely<Schema>, anchor: number, from: string, to: string, fieldMin: number, fieldMax: number) =>
    db
      .selectFrom('company_search')
      .select(['key_no', 'field'])
      .where('anchor', '=', anchor)
      .where('term', '>=', from)
      .where('term', '<', to)
      .where('field', '>=', fieldMin)
      .where('field', '<=', fieldMax)
      .orderBy('term')
      .orderBy('key_no')
      .limit(MAX_SEARCH_HITS + 1),
  { arity: 5 },
);

/** Collects distinct KeyNos in rank order up to MAX_SEARCH_HITS. */
class Hits {
  readonly keys: string[] = [];
  private readonly seen = new Set<string>();
  capped = false;
  /** Companies already read whole (exact look-ups), reused for the page. */
  readonly known = new Map<string, StoredCompany>();

  has(keyNo: string): boolean {
    return this.seen.has(keyNo);
  }

  get full(): boolean {
    return this.keys.length >= MAX_SEARCH_HITS;
  }

  add(keyNo: string, company?: StoredCompany): void {
    if (company) this.known.set(keyNo, company);
    if (this.seen.has(keyNo)) return;
    if (this.full) {
      this.capped = true;
      return;
    }
    this.seen.add(keyNo);
    this.keys.push(keyNo);
  }
}

export async function searchCompanies(db: Kysely<Schema>, request: SearchRequest): Promise<SearchOutcome> {
  const refusal = searchRefusal(request.text);
  if (refusal) return { ok: false, reason: refusal };
  const scope = request.scope ?? 'all';
  const text = request.text.trim();
  const q = normaliseName(text);
  const hits = new Hits();

  // 1. Exact.
  if (scope !== 'legalRep') {
    const upper = text.toUpperCase();
    if (isUsccShape(upper)) {
      const c = await findCompanyByUscc(db, normaliseUscc(upper));
      if (c) hits.add(c.keyNo, c);
    }
    if (DIGITS.test(text)) {
      const c = await findCompanyByRegNo(db, text);
      if (c) hits.add(c.keyNo, c);
    }
    if (KEY_NO.test(text)) {
      const c = await findCompanyByKeyNo(db, text);
      if (c) hits.add(c.keyNo, c);
    }
    for (const m of await findCompaniesByName(db, q)) hits.add(m.company.keyNo, m.company);
  }
  const chars = Array.from(q);
  const head = chars.slice(0, MAX_TERM_CHARS).join('');
  const long = chars.length > MAX_TERM_CHARS;
  const [fieldMin, fieldMax] = FIELD_RANGE[scope];

  // A whole value equal to the query (exact: a legal representative's whole name, a short name),
  // 2. prefix, 3. fragment. The whole values' range needs no statement of its own for the equal
  // ones: they are the smallest terms of the range, so its first rows.
  for (const anchor of [ANCHOR.whole, ANCHOR.start, ANCHOR.inside] as const) {
    if (hits.capped) break;
    await collect(db, hits, anchor, head, head + TOP, fieldMin, fieldMax, long ? q : undefined);
  }

  const start = Math.max(0, request.offset);
  const pageKeys = hits.keys.slice(start, start + Math.max(0, request.limit));
  return { ok: true, total: hits.keys.length, capped: hits.capped, companies: await companiesByKey(db, pageKeys, hits.known) };
}

/**
 * One anchor's range. `verify`, for a query longer than a term, is the whole query: the range then
 * holds terms equal to its first MAX_TERM_CHARS characters, and each candidate's values are checked.
 */
async function collect(db: Kysely<Schema>, hits: Hits, anchor: Anchor, from: string, to: string, fieldMin: number, fieldMax: number, verify: string | undefined): Promise<void> {
  const { rows } = await selectTerms.execute(db, anchor, from, to, fieldMin, fieldMax);
  const n = Math.min(rows.length, MAX_SEARCH_HITS);
  for (let i = 0; i < n && !hits.capped; i += VERIFY_BATCH) {
    const batch = rows.slice(i, Math.min(n, i + VERIFY_BATCH));
    // The candidates' documents in one read per batch, not one per candidate: on PostgreSQL each
    // read is a round trip, and a long name's first 12 characters can be shared by dozens.
    if (verify !== undefined) await readCompanies(db, batch.map((r) => r.key_no).filter((k) => !hits.has(k)), hits.known);
    for (const r of batch) {
      if (hits.capped) break;
      if (verify !== undefined && !hits.has(r.key_no) && !containsQuery(r.key_no, Number(r.field), verify, hits.known)) continue;
      hits.add(r.key_no);
    }
  }
  // More rows than were read: the count cannot be exact beyond this point.
  if (rows.length > MAX_SEARCH_HITS) hits.capped = true;
}

/** Candidates whose documents are read together when a query longer than a term is verified. */
const VERIFY_BATCH = 100;

function containsQuery(keyNo: string, field: number, q: string, known: ReadonlyMap<string, StoredCompany>): boolean {
  const company = known.get(keyNo);
  if (!company) return false;
  const source = searchSourceOfDocument(company.doc);
  const values = field === SEARCH_FIELDS.legalRep ? [source.legalRep ?? ''] : field === SEARCH_FIELDS.name ? source.names.slice(0, 1) : source.names.slice(1);
  return values.some((v) => v.includes(q));
}

/** Reads the companies of `keys` not in `into` yet, in one query, into `into`. */
async function readCompanies(db: Kysely<Schema>, keys: readonly string[], into: Map<string, StoredCompany>): Promise<void> {
  const missing = [...new Set(keys.filter((k) => !into.has(k)))];
  if (missing.length === 0) return;
  const rows = await db.selectFrom('companies').selectAll().where('key_no', 'in', missing).execute();
  for (const row of rows) into.set(row.key_no, rowToStoredCompany(row));
}

async function companiesByKey(db: Kysely<Schema>, keys: readonly string[], known: ReadonlyMap<string, StoredCompany>): Promise<StoredCompany[]> {
  const found = new Map(known);
  await readCompanies(db, keys, found);
  return keys.map((k) => found.get(k)).filter((c): c is StoredCompany => c !== undefined);
}

/**
 * Gives a store that already held companies when migration 0030 added the table its search terms
 * (the migration cannot: terms are domain code). Cheap when there is nothing to do: two one-row
 * probes. Returns the number of companies indexed.
 */
export async function ensureSearchIndex(db: Kysely<Schema>, batch = 2000): Promise<number> {
  const anyTerm = await db.selectFrom('company_search').select('key_no').limit(1).executeTakeFirst();
  if (anyTerm) return 0;
  let indexed = 0;
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('companies').select(['key_no', 'doc']).where('key_no', '>', after).orderBy('key_no').limit(batch).execute();
    if (rows.length === 0) return indexed;
    await db.transaction().execute(async (trx) => {
      const values = rows.flatMap((r) =>
        searchTermsOf(searchSourceOfDocument(JSON.parse(r.doc) as StoredCompany['doc'])).map((t) => ({ anchor: t.anchor, term: t.term, key_no: r.key_no, field: t.field })),
      );
      for (let i = 0; i < values.length; i += 1000) await trx.insertInto('company_search').values(values.slice(i, i + 1000)).execute();
    });
    indexed += rows.length;
    after = rows[rows.length - 1]!.key_no;
  }
}
