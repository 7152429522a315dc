/**
 * Store-wide counts for the shell-company scan (`SharedRegistrationCounts`, store-counts.ts): how
 * many companies of the store share this company's registered address, phone and e-mail, and of
 * how many its legal representative is legal representative.
 *
 * Cost, whatever the size of the store (docs/report-types.md "Store-wide counts"): two statements.
 * 1. The company's registration fields (address, phone, e-mail, legal representative). On
 *    PostgreSQL the server extracts them from the document (`json_to_record`), so the client
 *    neither receives nor parses the ~3 KB document (half the client's CPU time of a call, and
 *    most of its garbage); on SQLite, in-process, the document is parsed by JSON.parse, which is
 *    cheaper than SQLite's JSON functions.
 * 2. ONE statement, compiled once per shape, that counts everything: each key over the covering
 *    index (kind, value, key_no) of `company_contacts`; the legal representative's namesakes over
 *    (a_ref, kind, src) of `company_relations`; and, for a person, the companies his kept group
 *    (`person_groups`, migration 0116) heads, with whether that group may be trusted (the marker
 *    says built, the name carries no dirty mark: identity-store.ts).
 * Not one: the keys are normalised by code (registration-keys.ts: NFKC, punctuation, phone forms)
 * from the document, and `company_contacts` has no index by KeyNo (migration 0070), so SQL cannot
 * find a company's own keys from its KeyNo.
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
import { sql, SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';
import { compiledStatement, type CompiledStatement } from '../db/compiled-query.js';
import type { Schema } from '../db/schema.js';
import type { CompanyDocument } from './document.js';
import { EDGE_KIND, partyTypeOf, personRef, companyRef } from './relations/edges.js';
import { graphStore } from './relations/graph-store.js';
import { PersonResolver } from './relations/identity.js';
import { IDENTITY_MARKER } from './relations/identity-store.js';
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

type FieldRow = { escaped: boolean | number; address: string | null; phone: string | null; email: string | null; legal_rep: string | null };

/**
 * PostgreSQL: the four fields, extracted by the server. PostgreSQL's JSON functions refuse a
 * document holding `\u0000` or an unpaired surrogate escape anywhere (JSON.parse takes both), so
 * such a document is not parsed here (`escaped`) and is read whole instead.
 */
const selectFieldsPostgres = compiledStatement((db: Kysely<Schema>, keyNo: string) => {
  const q = sql<FieldRow>`
    select e.escaped, r.address, r.contact ->> 'phone' as phone, r.contact ->> 'email' as email, r."legalRep" as legal_rep
      from companies c
      cross join lateral (select c.doc ~* '\\\\u(0000|d[89a-f])' as escaped) e
      cross join lateral json_to_record(case when e.escaped then '{}' else c.doc end :: json) as r(address text, "legalRep" text, contact json)
      where c.key_no = ${keyNo}`;
  return { compile: () => q.compile(db) };
});

const isSqlite = (db: Kysely<Schema>): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

async function fieldsFromDocument(db: Kysely<Schema>, keyNo: string): Promise<RegistrationFields | undefined> {
  const row = await selectDoc.first(db, keyNo);
  return row ? fieldsOfDoc(JSON.parse(row.doc) as CompanyDocument) : undefined;
}

/** The company's registration fields (statement 1), or undefined when no such company is stored. */
async function registrationFieldsOf(db: Kysely<Schema>, keyNo: string): Promise<RegistrationFields | undefined> {
  if (isSqlite(db)) return fieldsFromDocument(db, keyNo);
  const row = await selectFieldsPostgres.first(db, keyNo);
  if (!row) return undefined;
  if (row.escaped === true || row.escaped === 1) return fieldsFromDocument(db, keyNo);
  const contact: { phone?: string; email?: string } = {};
  if (row.phone !== null) contact.phone = row.phone;
  if (row.email !== null) contact.email = row.email;
  return {
    ...(row.address !== null ? { address: row.address } : {}),
    contact,
    ...(row.legal_rep !== null ? { legalRep: row.legal_rep } : {}),
  };
}

/** Which branch of a counting statement a row answers: the key's position (≥ 0), or one of these. */
const NAMESAKES = -1;
/** Companies of the kept group of (name, this company) where the name is legal representative. */
const KEPT_HEADS = -2;
/** 1 when the kept group may be trusted: the marker says built and the name carries no mark. */
const KEPT_TRUSTED = -3;

type CountRow = { i: number | string; n: number | string };

/** What the legal representative's branches of the counting statement read. */
type RepShape = 'none' | 'namesakes' | 'kept';

/**
 * The counting statement for `keys` contact keys: a UNION ALL of index probes, compiled once per
 * shape (a company has a handful of keys, so few shapes). Arguments: kind and value of each key,
 * then the legal representative's graph reference, then (shape `kept`) the company's KeyNo.
 */
function countStatement(keys: number, rep: RepShape, withKept: boolean): CompiledStatement<unknown[], CountRow> {
  const legalRep = sql.lit(EDGE_KIND.legalRep);
  const build = (db: Kysely<Schema>, ...args: unknown[]) => {
    const branches: RawBuilder<CountRow>[] = [];
    for (let i = 0; i < keys; i++) {
      branches.push(sql<CountRow>`select ${sql.lit(i)} as i, count(*) as n from company_contacts where kind = ${args[2 * i]} and value = ${args[2 * i + 1]}`);
    }
    if (rep !== 'none') {
      const ref = args[2 * keys];
      branches.push(sql<CountRow>`select ${sql.lit(NAMESAKES)} as i, count(*) as n from company_relations where a_ref = ${ref} and kind = ${legalRep}`);
      if (withKept) {
        const keyNo = args[2 * keys + 1];
        // The group's members from (ref, group_key, key_no), each probed in (a_ref, kind, src); no
        // row for (ref, keyNo): a group of its own (0 here, the company itself counted by the caller).
        branches.push(sql<CountRow>`select ${sql.lit(KEPT_HEADS)} as i, count(*) as n from person_groups m
          where m.ref = ${ref} and m.group_key = (select g.group_key from person_groups g where g.ref = ${ref} and g.key_no = ${keyNo})
            and exists (select 1 from company_relations h where h.a_ref = ${ref} and h.kind = ${legalRep} and h.src = m.key_no)`);
        branches.push(sql<CountRow>`select ${sql.lit(KEPT_TRUSTED)} as i, case
            when exists (select 1 from system_settings s where s.name = ${IDENTITY_MARKER} and s.value = 'built')
             and not exists (select 1 from person_identity_dirty d where d.ref = ${ref}) then 1 else 0 end as n`);
      }
    }
    const q = sql.join(branches, sql` union all `) as RawBuilder<CountRow>;
    return { compile: () => q.compile(db) };
  };
  return compiledStatement<unknown[], CountRow>(build, { arity: 2 * keys + (rep === 'none' ? 0 : 1) + (withKept ? 1 : 0) });
}

const statements = new Map<string, CompiledStatement<unknown[], CountRow>>();
function countsFor(keys: number, rep: RepShape, withKept = false): CompiledStatement<unknown[], CountRow> {
  const shape = `${keys}:${rep}:${withKept ? 1 : 0}`;
  let s = statements.get(shape);
  if (!s) statements.set(shape, (s = countStatement(keys, rep, withKept)));
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

async function count(db: Kysely<Schema>, keys: readonly RegistrationKey[], rep: ReturnType<typeof legalRepOf>, keyNo: string, withKept: boolean): Promise<Counted> {
  const out: Counted = { largest: new Map(), namesakes: null, keptHeads: null, keptTrusted: false };
  if (keys.length === 0 && !rep) return out;
  const args: unknown[] = [];
  for (const k of keys) args.push(k.kind, k.value);
  const kept = withKept && rep?.person === true;
  if (rep) args.push(rep.ref);
  if (kept) args.push(keyNo);
  for (const r of (await countsFor(keys.length, rep ? 'namesakes' : 'none', kept).execute(db, ...args)).rows) {
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
  const fields = await registrationFieldsOf(db, keyNo);
  if (!fields) return undefined;
  const keys = registrationKeysOf(fields);
  const rep = legalRepOf(fields.legalRep);
  const counted = await count(db, keys, rep, keyNo, true);
  const counts = contactCounts(counted.largest);
  const settled = settledWithoutIdentity(rep, counted.namesakes, options);
  if (settled) return { ...counts, ...settled };
  const namesakes = counted.namesakes!;
  // The kept group, counted whole: exact, so never "at least".
  if (counted.keptTrusted) return { ...counts, legalRepCompanies: Math.max(1, counted.keptHeads ?? 0), legalRepNamesakes: namesakes };
  const found = await legalRepCompaniesOf(db, rep!.name, rep!.ref, keyNo, options.stopLegalRepAt);
  return { ...counts, legalRepCompanies: found.count, ...(found.atLeast ? { legalRepCompaniesAtLeast: true } : {}), legalRepNamesakes: namesakes };
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
  const counted = await count(db, keys, rep, keyNo, false);
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
