/**
 * Store-wide counts for the shell-company scan (`SharedRegistrationCounts`, store-counts.ts): how
 * many companies of the store share this company's registered address, phone and e-mail, and of
 * how many its legal representative is legal representative.
 *
 * Cost, whatever the size of the store (docs/report-types.md "Store-wide counts"):
 * - PostgreSQL, usually ONE statement (`firstStatementPostgres`): the server extracts the four
 *   registration fields from the document (the client neither receives nor parses ~3 KB of JSON)
 *   and counts them under guesses at their keys; the client derives the keys (registration-keys.ts:
 *   NFKC, punctuation, phone forms, which SQL cannot reproduce exactly) and keeps a count only
 *   where the guess is the key. What a guess missed (several phones in one field, an address
 *   spelled with full-width characters, a company as legal representative) is counted by the
 *   counting statement below: two statements. Each statement is a round trip whose send alone
 *   cost the client ~0.24 ms of CPU in `writev` on the loopback (profiled at 1M).
 * - SQLite (in-process, no round trip to save): the document, parsed by JSON.parse, then the
 *   counting statement: two statements.
 * The counting statement (`countStatement`, compiled once per shape) is a UNION ALL of index
 * probes: each key over (kind, value, key_no) of `company_contacts`, the legal representative's
 * namesakes over (a_ref, kind, src) of `company_relations`, and for a person whose namesakes reach
 * the caller's threshold the companies his kept group (`person_groups`, migration 0116) heads, with
 * whether that group may be trusted (the marker says built, the name carries no dirty mark:
 * identity-store.ts). `company_contacts` has no index by KeyNo (migration 0070), so the company's
 * own keys cannot be read from its KeyNo; they come from its document.
 *
 * The legal representative is a person known only by name, so "the same legal representative" is
 * decided by the graph's identity rule (relations/identity.ts, docs/relations.md "Who is one
 * person"). The namesakes count (companies whose legal representative bears the name, whoever
 * that is) bounds the identity count from above: below the caller's threshold identity is not
 * needed. Above it the kept group answers, exactly; only while the kept identity cannot be trusted
 * is it derived from the edges (`legalRepCompaniesOf`), as before migration 0116.
 *
 * `sharedCountsFromDocument` is the path before this one (the document, then identity through
 * PersonResolver): the reference the equivalence test and the bench's baseline run.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { compiledStatement, type CompiledStatement } from '../db/compiled-query.js';
import { dialectOf } from '../db/database.js';
import { PREPARED } from '../db/prepared-statements.js';
import type { Schema } from '../db/schema.js';
import type { CompanyDocument } from './document.js';
import { EDGE_KIND, partyTypeOf, personRef, companyRef } from './relations/edges.js';
import { graphStore } from './relations/graph-store.js';
import { PersonResolver } from './relations/identity.js';
import { keptGroupsTrusted } from './relations/identity-store.js';
import { REGISTRATION_KEY_KINDS, registrationKeysOf, type RegistrationKey, type RegistrationKeyKind, type RegistrationSource } from './registration-keys.js';
import type { SharedRegistrationCounts } from './store-counts.js';

export interface SharedCountsOptions {
  /**
   * Resolve the legal representative's identity only when the namesakes count reaches this (the
   * threshold the caller compares `legalRepCompanies` with); below it `legalRepCompanies` is null
   * and `legalRepNamesakes` says why it cannot reach the threshold. Default 2: always resolved
   * unless the name is the store's only such legal representative.
   */
  readonly resolveLegalRepFrom?: number;
  /**
   * Stop resolving identity as soon as the person is found to be legal representative of this many
   * companies (the caller's threshold): `legalRepCompanies` is then a lower bound, said by
   * `legalRepCompaniesAtLeast`. A nominee heading dozens of companies is settled by the first few
   * reads instead of all of them. Only the derivation stops early: a kept group is counted whole.
   * Default: never stop early (the exact count).
   */
  readonly stopLegalRepAt?: number;
}

/** What the counts are derived from: a few fields of the company document. */
interface RegistrationFields extends RegistrationSource {
  legalRep?: string;
}

const selectDoc = compiledStatement((db: Kysely<Schema>, keyNo: string) => db.selectFrom('companies').select('doc').where('key_no', '=', keyNo));

const fieldsOfDoc = (doc: CompanyDocument): RegistrationFields => ({
  ...(doc.address !== undefined ? { address: doc.address } : {}),
  ...(doc.contact !== undefined ? { contact: doc.contact } : {}),
  ...(doc.legalRep !== undefined ? { legalRep: doc.legalRep } : {}),
});

type FirstRow = {
  escaped: boolean;
  address: string | null;
  phone: string | null;
  email: string | null;
  legal_rep: string | null;
  g_address: string | null;
  n_address: string | number;
  g_phone: string | null;
  n_phone: string | number;
  g_email: string | null;
  n_email: string | number;
  rep_ref: string | null;
  namesakes: string | number;
  kept_heads: string | number;
  kept_trusted: string | number;
};

/**
 * The full-width digits, Latin letters and `＃` that NFKC folds, and what it folds them to: the
 * address guess's stand-in for NFKC, which PostgreSQL has only in UTF-8 databases.
 */
const FULL_WIDTH = Array.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#', (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
const HALF_WIDTH = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#';

/**
 * How many companies of the kept group of (the name `ref`, the company `keyNo`) have the name as
 * legal representative: the group's members from (ref, group_key, key_no), each probed in (a_ref,
 * kind, src); no row for (ref, keyNo) is a group of its own, 0 here (the caller counts the company
 * itself). `ref` as `person_groups` compares it, `edgeRef` as `company_relations.a_ref` does (its
 * collation); each an SQL expression or a value to bind.
 */
const keptHeadsOf = (ref: unknown, edgeRef: unknown, keyNo: unknown) => sql<number>`(select count(*) from person_groups m
  where m.ref = ${ref} and m.group_key = (select g.group_key from person_groups g where g.ref = ${ref} and g.key_no = ${keyNo})
    and exists (select 1 from company_relations h where h.a_ref = ${edgeRef} and h.kind = ${sql.lit(EDGE_KIND.legalRep)} and h.src = m.key_no))`;

/**
 * PostgreSQL's first (and usually only) statement: the four registration fields, extracted by the
 * server, and counts under guesses the caller checks against the keys registration-keys.ts and
 * edges.ts derive, using a count only where its guess is exactly the key:
 * - each contact field at a guess of its normal form: the address as registration-keys.ts
 *   spells it but for NFKC (full-width digits and letters folded, lower case, 號/#/房 forms, spaces
 *   and punctuation dropped), a phone's digits, the e-mail in lower case;
 * - the legal representative as a person's reference (`p:` and the trimmed name): its namesakes,
 *   the companies its kept group heads (read only when the namesakes reach `keptFrom`, the count
 *   from which identity is needed) and whether that group may be trusted.
 * Index probes only: (kind, value, key_no), (a_ref, kind, src), person_groups' two. Sent as a
 * named prepared statement (db/prepared-statements.ts): planning it costs more than running it.
 *
 * PostgreSQL's JSON functions refuse a document holding `\u0000` or an unpaired surrogate escape
 * anywhere (JSON.parse takes both): such a document is not parsed here (`escaped`), and is read
 * whole instead.
 */
const firstStatementPostgres = compiledStatement((db: Kysely<Schema>, keyNo: string, keptFrom: number) => {
  const legalRep = sql.lit(EDGE_KIND.legalRep);
  const q = sql<FirstRow>`${sql.raw(PREPARED)}select e.escaped, f.address, f.contact ->> 'phone' as phone, f.contact ->> 'email' as email, f."legalRep" as legal_rep,
      g.address as g_address, (select count(*) from company_contacts x where x.kind = ${sql.lit(REGISTRATION_KEY_KINDS.address)} and x.value = g.address) as n_address,
      g.phone as g_phone, (select count(*) from company_contacts x where x.kind = ${sql.lit(REGISTRATION_KEY_KINDS.phone)} and x.value = g.phone) as n_phone,
      g.email as g_email, (select count(*) from company_contacts x where x.kind = ${sql.lit(REGISTRATION_KEY_KINDS.email)} and x.value = g.email) as n_email,
      r.ref as rep_ref,
      ns.namesakes,
      case when ns.namesakes >= ${keptFrom} then ${keptHeadsOf(sql.ref('r.ref'), sql`r.ref collate "C"`, sql.ref('c.key_no'))} else 0 end as kept_heads,
      ${keptGroupsTrusted(sql.ref('r.ref'))} as kept_trusted
    from companies c
    cross join lateral (select c.doc ~* '\\\\u(0000|d[89a-f])' as escaped) e
    cross join lateral json_to_record(case when e.escaped then '{}' else c.doc end :: json) as f(address text, "legalRep" text, contact json)
    cross join lateral (select regexp_replace(regexp_replace(regexp_replace(
                                 replace(lower(translate(f.address, ${FULL_WIDTH}, ${HALF_WIDTH})), '號', '号'),
                                 '([0-9])[[:space:]]*#', '\\1号', 'g'), '[[:space:][:punct:]]+', '', 'g'), '([0-9])号?房间?', '\\1室', 'g') as address,
                               regexp_replace(f.contact ->> 'phone', '[^0-9]+', '', 'g') as phone,
                               lower(btrim(f.contact ->> 'email')) as email) g
    cross join lateral (select 'p:' || btrim(f."legalRep") as ref) r
    cross join lateral (select count(*) as namesakes from company_relations n where n.a_ref = r.ref collate "C" and n.kind = ${legalRep}) ns
    where c.key_no = ${keyNo}`;
  return { compile: () => q.compile(db) };
});

async function fieldsFromDocument(db: Kysely<Schema>, keyNo: string): Promise<RegistrationFields | undefined> {
  const row = await selectDoc.first(db, keyNo);
  return row ? fieldsOfDoc(JSON.parse(row.doc) as CompanyDocument) : undefined;
}

/** What the first statement read and counted. */
interface FirstRead {
  fields: RegistrationFields;
  /** Contact values counted under a guess at their key: usable only where a key is exactly the guess. */
  guessed: Array<{ kind: RegistrationKeyKind; value: string; n: number }>;
  /** The legal representative under a guessed reference, counted: usable only where it is the document's. */
  rep?: { ref: string; namesakes: number; keptHeads: number; keptTrusted: boolean };
}

/**
 * The first statement, or undefined when no such company is stored. On SQLite (in-process, no
 * round trips to save) it is the document alone; JSON.parse reads it.
 */
async function firstRead(db: Kysely<Schema>, keyNo: string, keptFrom: number): Promise<FirstRead | undefined> {
  if (dialectOf(db) === 'sqlite') {
    const fields = await fieldsFromDocument(db, keyNo);
    return fields && { fields, guessed: [] };
  }
  const row = await firstStatementPostgres.first(db, keyNo, keptFrom);
  if (!row) return undefined;
  let fields: RegistrationFields | undefined;
  if (row.escaped) fields = await fieldsFromDocument(db, keyNo);
  else {
    const contact: { phone?: string; email?: string } = {};
    if (row.phone !== null) contact.phone = row.phone;
    if (row.email !== null) contact.email = row.email;
    fields = { ...(row.address !== null ? { address: row.address } : {}), contact, ...(row.legal_rep !== null ? { legalRep: row.legal_rep } : {}) };
  }
  if (!fields) return undefined;
  const guessed: FirstRead['guessed'] = [];
  if (row.g_address !== null) guessed.push({ kind: REGISTRATION_KEY_KINDS.address, value: row.g_address, n: Number(row.n_address) });
  if (row.g_phone !== null) guessed.push({ kind: REGISTRATION_KEY_KINDS.phone, value: row.g_phone, n: Number(row.n_phone) });
  if (row.g_email !== null) guessed.push({ kind: REGISTRATION_KEY_KINDS.email, value: row.g_email, n: Number(row.n_email) });
  return {
    fields,
    guessed,
    ...(row.rep_ref !== null ? { rep: { ref: row.rep_ref, namesakes: Number(row.namesakes), keptHeads: Number(row.kept_heads), keptTrusted: Number(row.kept_trusted) === 1 } } : {}),
  };
}

/** Which branch of a counting statement a row answers: the key's position (≥ 0), or one of these. */
const NAMESAKES = -1;
/** Companies of the kept group of (name, this company) where the name is legal representative. */
const KEPT_HEADS = -2;
/** 1 when the kept group may be trusted: the marker says built and the name carries no mark. */
const KEPT_TRUSTED = -3;

type CountRow = { i: number | string; n: number | string };

/**
 * What the legal representative's branches of the counting statement read: nothing, the
 * namesakes, or also the kept group (for a person).
 */
type RepShape = 'none' | 'namesakes' | 'kept';

/**
 * The counting statement for `keys` contact keys: a UNION ALL of index probes, compiled once per
 * shape (a company has a handful of keys, so few shapes). Arguments: kind and value of each key,
 * then the legal representative's graph reference, then (shape `kept`) the company's KeyNo and
 * the namesakes count from which the kept group is read (below it the caller needs no identity,
 * and the group's pages are not read: a CASE evaluates its subquery only when taken).
 */
function countStatement(keys: number, rep: RepShape, prepared: boolean): CompiledStatement<unknown[], CountRow> {
  const legalRep = sql.lit(EDGE_KIND.legalRep);
  const build = (db: Kysely<Schema>, ...args: unknown[]) => {
    const branches: RawBuilder<CountRow>[] = [];
    for (let i = 0; i < keys; i++) {
      branches.push(sql<CountRow>`select ${sql.lit(i)} as i, count(*) as n from company_contacts where kind = ${args[2 * i]} and value = ${args[2 * i + 1]}`);
    }
    if (rep !== 'none') {
      const ref = args[2 * keys];
      branches.push(sql<CountRow>`select ${sql.lit(NAMESAKES)} as i, count(*) as n from company_relations where a_ref = ${ref} and kind = ${legalRep}`);
      if (rep === 'kept') {
        const keyNo = args[2 * keys + 1];
        const from = args[2 * keys + 2];
        branches.push(sql<CountRow>`select ${sql.lit(KEPT_HEADS)} as i, case
            when (select count(*) from company_relations where a_ref = ${ref} and kind = ${legalRep}) >= ${from} then ${keptHeadsOf(ref, ref, keyNo)}
            else 0 end as n`);
        branches.push(sql<CountRow>`select ${sql.lit(KEPT_TRUSTED)} as i, ${keptGroupsTrusted(ref)} as n`);
      }
    }
    const q = sql<CountRow>`${sql.raw(prepared ? PREPARED : '')}${sql.join(branches, sql` union all `)}`;
    return { compile: () => q.compile(db) };
  };
  return compiledStatement<unknown[], CountRow>(build, { arity: 2 * keys + (rep === 'none' ? 0 : rep === 'namesakes' ? 1 : 3) });
}

const statements = new Map<string, CompiledStatement<unknown[], CountRow>>();
function countsFor(keys: number, rep: RepShape, prepared: boolean): CompiledStatement<unknown[], CountRow> {
  const shape = `${keys}:${rep}:${prepared ? 1 : 0}`;
  let s = statements.get(shape);
  if (!s) statements.set(shape, (s = countStatement(keys, rep, prepared)));
  return s;
}

/** The legal representative as the graph names it: a person's `p:` reference, else a company's. */
function legalRepOf(legalRep: string | undefined): { name: string; ref: string; person: boolean } | undefined {
  const name = legalRep?.trim();
  if (!name) return undefined;
  const type = partyTypeOf(name, undefined, undefined);
  return type === 'person' ? { name, ref: personRef(name), person: true } : { name, ref: companyRef(name, undefined), person: false };
}

/** What one counting statement read. */
interface Counted {
  /** The largest count per key kind. */
  largest: Map<RegistrationKeyKind, number>;
  namesakes: number | null;
  keptHeads: number | null;
  keptTrusted: boolean;
}

/**
 * The counting statement's answers. `how.keptFrom`: with the legal representative's kept group
 * when the namesakes reach it (the old path did without); `how.prepared`: sent as a named
 * prepared statement on PostgreSQL (db/prepared-statements.ts), planned once per connection
 * instead of per call (the old path was not, and its baseline stays as it was).
 */
async function count(db: Kysely<Schema>, keys: readonly RegistrationKey[], rep: ReturnType<typeof legalRepOf>, keyNo: string, how: { keptFrom?: number; prepared: boolean }): Promise<Counted> {
  const out: Counted = { largest: new Map(), namesakes: null, keptHeads: null, keptTrusted: false };
  if (keys.length === 0 && !rep) return out;
  const args: unknown[] = [];
  for (const k of keys) args.push(k.kind, k.value);
  const kept = how.keptFrom !== undefined && rep?.person === true;
  if (rep) args.push(rep.ref);
  if (kept) args.push(keyNo, how.keptFrom);
  for (const r of (await countsFor(keys.length, kept ? 'kept' : rep ? 'namesakes' : 'none', how.prepared).execute(db, ...args)).rows) {
    const i = Number(r.i);
    const n = Number(r.n);
    if (i === NAMESAKES) out.namesakes = n;
    else if (i === KEPT_HEADS) out.keptHeads = n;
    else if (i === KEPT_TRUSTED) out.keptTrusted = n === 1;
    else out.largest.set(keys[i]!.kind, Math.max(out.largest.get(keys[i]!.kind) ?? 0, n));
  }
  return out;
}

/** The contact counts: the largest per kind; null where the company has no such key. */
function contactCounts(largest: ReadonlyMap<RegistrationKeyKind, number>): Pick<SharedRegistrationCounts, 'sameAddress' | 'samePhone' | 'sameEmail'> {
  const of = (kind: RegistrationKeyKind): number | null => largest.get(kind) ?? null;
  return { sameAddress: of(REGISTRATION_KEY_KINDS.address), samePhone: of(REGISTRATION_KEY_KINDS.phone), sameEmail: of(REGISTRATION_KEY_KINDS.email) };
}

/**
 * The legal representative's part of the answer once the namesakes are counted, or undefined when
 * identity must be resolved: a company as legal representative (执行事务合伙人) is identified by its
 * reference already; a name borne at one company only is one person there; below the caller's
 * threshold identity is not resolved.
 */
function settledWithoutIdentity(rep: ReturnType<typeof legalRepOf>, namesakes: number | null, options: SharedCountsOptions): Pick<SharedRegistrationCounts, 'legalRepCompanies' | 'legalRepNamesakes'> | undefined {
  if (!rep || namesakes === null) return { legalRepCompanies: null };
  if (!rep.person || namesakes <= 1) return { legalRepCompanies: namesakes, legalRepNamesakes: namesakes };
  if (namesakes < (options.resolveLegalRepFrom ?? 2)) return { legalRepCompanies: null, legalRepNamesakes: namesakes };
  return undefined;
}

/**
 * The counts for the company `keyNo`, each including the company itself; null where the company
 * has no such value (unknown, never 0). A company with several phones or e-mails gets the largest
 * count among them (the one that says most about sharing). Undefined when no such company is stored.
 */
export async function sharedCountsOf(db: Kysely<Schema>, keyNo: string, options: SharedCountsOptions = {}): Promise<SharedRegistrationCounts | undefined> {
  // Identity is needed (and the kept group read) only from this many namesakes (settledWithoutIdentity).
  const keptFrom = Math.max(2, options.resolveLegalRepFrom ?? 2);
  const first = await firstRead(db, keyNo, keptFrom);
  if (!first) return undefined;
  const keys = registrationKeysOf(first.fields);
  const rep = legalRepOf(first.fields.legalRep);
  const largest = new Map<RegistrationKeyKind, number>();
  const more = (kind: RegistrationKeyKind, n: number): void => { largest.set(kind, Math.max(largest.get(kind) ?? 0, n)); };
  const uncounted: RegistrationKey[] = [];
  for (const k of keys) {
    const guess = first.guessed.find((g) => g.kind === k.kind && g.value === k.value);
    if (guess) more(k.kind, guess.n);
    else uncounted.push(k);
  }
  const repCounted = rep && first.rep?.ref === rep.ref ? first.rep : undefined;
  let namesakes = repCounted ? repCounted.namesakes : null;
  let keptHeads = repCounted ? repCounted.keptHeads : null;
  let keptTrusted = repCounted ? repCounted.keptTrusted : false;
  // What the first statement could not count (several phones, a spelling the guess missed, an
  // edge that does not name the document's legal representative, SQLite): one statement more.
  if (uncounted.length > 0 || (rep && !repCounted)) {
    const counted = await count(db, uncounted, repCounted ? undefined : rep, keyNo, { keptFrom, prepared: true });
    for (const [kind, n] of counted.largest) more(kind, n);
    if (!repCounted) ({ namesakes, keptHeads, keptTrusted } = counted);
  }
  const counts = contactCounts(largest);
  const settled = settledWithoutIdentity(rep, namesakes, options);
  if (settled) return { ...counts, ...settled };
  // The kept group, counted whole: exact, so never "at least".
  if (keptTrusted) return { ...counts, legalRepCompanies: Math.max(1, keptHeads ?? 0), legalRepNamesakes: namesakes! };
  const found = await legalRepCompaniesOf(db, rep!.name, rep!.ref, keyNo, options.stopLegalRepAt);
  return { ...counts, legalRepCompanies: found.count, ...(found.atLeast ? { legalRepCompaniesAtLeast: true } : {}), legalRepNamesakes: namesakes! };
}

/**
 * The path before `sharedCountsOf` (same answers, more work): the whole document read and parsed
 * on every backend, then, when identity must be resolved, `legalRepCompaniesOf` through
 * PersonResolver (two statements more when the kept group is trusted). Kept as the reference the
 * equivalence test compares with, and as the bench's baseline (`bench/shared-counts.ts --path old`).
 */
export async function sharedCountsFromDocument(db: Kysely<Schema>, keyNo: string, options: SharedCountsOptions = {}): Promise<SharedRegistrationCounts | undefined> {
  const fields = await fieldsFromDocument(db, keyNo);
  if (!fields) return undefined;
  const keys = registrationKeysOf(fields);
  const rep = legalRepOf(fields.legalRep);
  const counted = await count(db, keys, rep, keyNo, { prepared: false });
  const counts = contactCounts(counted.largest);
  const settled = settledWithoutIdentity(rep, counted.namesakes, options);
  if (settled) return { ...counts, ...settled };
  const found = await legalRepCompaniesOf(db, rep!.name, rep!.ref, keyNo, options.stopLegalRepAt);
  return { ...counts, legalRepCompanies: found.count, ...(found.atLeast ? { legalRepCompaniesAtLeast: true } : {}), legalRepNamesakes: counted.namesakes! };
}

/**
 * Companies of the person named `name` at `keyNo` (identity rule) where that person is legal
 * representative: the person's companies that are among the name's legal-representative mentions
 * (read from the index alone, migration 0090), growing the person only until `stopAt` is reached.
 */
async function legalRepCompaniesOf(db: Kysely<Schema>, name: string, ref: string, keyNo: string, stopAt = Infinity): Promise<{ count: number; atLeast: boolean }> {
  const port = graphStore(db);
  const heads = new Set((await port.sourcesFrom([ref], [EDGE_KIND.legalRep])).map((r) => r.src));
  const headed = (group: ReadonlySet<string> | readonly string[]): number => {
    let n = 0;
    for (const c of group) if (heads.has(c)) n++;
    return n;
  };
  const person = await new PersonResolver(port).growUntil(name, keyNo, (group) => headed(group) >= stopAt);
  return { count: Math.max(1, headed(person.companies)), atLeast: !person.complete };
}

/**
 * Gives a store that already held companies when migration 0070 added `company_contacts` their
 * registration keys (the migration cannot: the keys are domain code). Cheap when there is nothing
 * to do: two one-row probes. Returns the number of companies indexed.
 */
export async function ensureRegistrationKeys(db: Kysely<Schema>, batch = 2000): Promise<number> {
  const anyKey = await db.selectFrom('company_contacts').select('key_no').limit(1).executeTakeFirst();
  if (anyKey) return 0;
  let indexed = 0;
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('companies').select(['key_no', 'doc']).where('key_no', '>', after).orderBy('key_no').limit(batch).execute();
    if (rows.length === 0) return indexed;
    await db.transaction().execute(async (trx) => {
      const values = rows.flatMap((r) => registrationKeysOf(JSON.parse(r.doc) as CompanyDocument).map((k) => ({ kind: k.kind, value: k.value, key_no: r.key_no })));
      for (let i = 0; i < values.length; i += 1000) await trx.insertInto('company_contacts').values(values.slice(i, i + 1000)).execute();
    });
    indexed += rows.length;
    after = rows[rows.length - 1]!.key_no;
  }
}
