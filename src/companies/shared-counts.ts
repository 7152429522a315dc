/**
 * Store-wide counts for the shell-company scan (`SharedRegistrationCounts`, store-counts.ts): how
 * many companies of the store share this company's registered address, phone and e-mail, and of
 * how many its legal representative is legal representative.
 *
 * Cost, whatever the size of the store: one read of the company's document for its keys
 * (registration-keys.ts), then ONE statement that counts every key at once, each a range count
 * over a covering index: (kind, value, key_no) of `company_contacts` for the contacts, (a_ref,
 * kind) of `company_relations` for the legal representative's namesakes. Two round trips rather
 * than one per key, because on a loaded machine each round trip is another chance to be descheduled.
 *
 * The legal representative is a person known only by name, so "the same legal representative" is
 * decided by the graph's identity rule (relations/identity.ts, docs/relations.md "Who is one
 * person"). Resolving identity reads every mention of the name and the edges of those companies,
 * which is far more than the budget when the name is common; so the namesakes count (companies
 * whose legal representative bears the name, whoever that is) comes first: it bounds the identity
 * count from above, and when it is already below the caller's threshold identity is not resolved.
 */
import { sql, type Kysely } from 'kysely';
import { compiledStatement, type CompiledStatement } from '../db/compiled-query.js';
import type { Schema } from '../db/schema.js';
import type { CompanyDocument } from './document.js';
import { EDGE_KIND, partyTypeOf, personRef, companyRef } from './relations/edges.js';
import { graphStore } from './relations/graph-store.js';
import { PersonResolver } from './relations/identity.js';
import { REGISTRATION_KEY_KINDS, registrationKeysOf, type RegistrationKey, type RegistrationKeyKind } from './registration-keys.js';
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
   * reads instead of all of them. Default: never stop early (the exact count).
   */
  readonly stopLegalRepAt?: number;
}

const selectDoc = compiledStatement((db: Kysely<Schema>, keyNo: string) => db.selectFrom('companies').select('doc').where('key_no', '=', keyNo));

/** Which branch of the counting statement a row answers: the key's position, or the namesakes. */
const NAMESAKES = -1;

type CountRow = { i: number | string; n: number | string };

/**
 * The counting statement for `keys` contact keys, with or without the namesakes branch: a UNION
 * ALL of range counts, compiled once per shape (a company has a handful of keys, so few shapes).
 * Arguments: kind and value of each key, then the legal representative's graph reference.
 */
function countStatement(keys: number, withRep: boolean): CompiledStatement<unknown[], CountRow> {
  const build = (db: Kysely<Schema>, ...args: unknown[]) => {
    const branches = [];
    for (let i = 0; i < keys; i++) {
      branches.push(
        db.selectFrom('company_contacts')
          .select((eb) => [sql<number>`${sql.lit(i)}`.as('i'), eb.fn.countAll<string | number>().as('n')])
          .where('kind', '=', args[2 * i] as number)
          .where('value', '=', args[2 * i + 1] as string),
      );
    }
    if (withRep) {
      branches.push(
        db.selectFrom('company_relations')
          .select((eb) => [sql<number>`${sql.lit(NAMESAKES)}`.as('i'), eb.fn.countAll<string | number>().as('n')])
          .where('a_ref', '=', args[2 * keys] as string)
          .where('kind', '=', EDGE_KIND.legalRep),
      );
    }
    return branches.slice(1).reduce((q, b) => q.unionAll(b), branches[0]!);
  };
  return compiledStatement<unknown[], CountRow>(build, { arity: 2 * keys + (withRep ? 1 : 0) });
}

const statements = new Map<string, CompiledStatement<unknown[], CountRow>>();
function countsFor(keys: number, withRep: boolean): CompiledStatement<unknown[], CountRow> {
  const shape = `${keys}:${withRep ? 1 : 0}`;
  let s = statements.get(shape);
  if (!s) statements.set(shape, (s = countStatement(keys, withRep)));
  return s;
}

/** The legal representative as the graph names it: a person's `p:` reference, else a company's. */
function legalRepOf(doc: CompanyDocument): { name: string; ref: string; person: boolean } | undefined {
  const name = doc.legalRep?.trim();
  if (!name) return undefined;
  const type = partyTypeOf(name, undefined, undefined);
  return type === 'person' ? { name, ref: personRef(name), person: true } : { name, ref: companyRef(name, undefined), person: false };
}

/**
 * The counts for the company `keyNo`, each including the company itself; null where the company
 * has no such value (unknown, never 0). A company with several phones or e-mails gets the largest
 * count among them (the one that says most about sharing). Undefined when no such company is stored.
 */
export async function sharedCountsOf(db: Kysely<Schema>, keyNo: string, options: SharedCountsOptions = {}): Promise<SharedRegistrationCounts | undefined> {
  const row = await selectDoc.first(db, keyNo);
  if (!row) return undefined;
  const doc = JSON.parse(row.doc) as CompanyDocument;
  const keys: RegistrationKey[] = registrationKeysOf(doc);
  const rep = legalRepOf(doc);
  const largest = new Map<RegistrationKeyKind, number>();
  let namesakes: number | null = null;
  if (keys.length > 0 || rep) {
    const args: unknown[] = keys.flatMap((k) => [k.kind, k.value]);
    if (rep) args.push(rep.ref);
    for (const r of (await countsFor(keys.length, rep !== undefined).execute(db, ...args)).rows) {
      const i = Number(r.i);
      const n = Number(r.n);
      if (i === NAMESAKES) namesakes = n;
      else largest.set(keys[i]!.kind, Math.max(largest.get(keys[i]!.kind) ?? 0, n));
    }
  }
  const of = (kind: RegistrationKeyKind): number | null => largest.get(kind) ?? null;
  const counts = { sameAddress: of(REGISTRATION_KEY_KINDS.address), samePhone: of(REGISTRATION_KEY_KINDS.phone), sameEmail: of(REGISTRATION_KEY_KINDS.email) };
  if (!rep || namesakes === null) return { ...counts, legalRepCompanies: null };
  // A company as legal representative (执行事务合伙人) is identified by its reference already; a
  // name borne at one company only is one person there.
  if (!rep.person || namesakes <= 1) return { ...counts, legalRepCompanies: namesakes, legalRepNamesakes: namesakes };
  if (namesakes < (options.resolveLegalRepFrom ?? 2)) return { ...counts, legalRepCompanies: null, legalRepNamesakes: namesakes };
  const found = await legalRepCompaniesOf(db, rep.name, rep.ref, keyNo, options.stopLegalRepAt);
  return { ...counts, legalRepCompanies: found.count, ...(found.atLeast ? { legalRepCompaniesAtLeast: true } : {}), legalRepNamesakes: namesakes };
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
