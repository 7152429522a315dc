/**
 * The company store: plain functions over `db` (Kysely, SQLite or PostgreSQL alike).
 *
 * Design (measured in docs/data-store.md): one `companies` row per company holding the whole
 * validated document as canonical JSON plus the columns we look up by, and a `company_names` index
 * of current and former normalised names. The report reads a company whole, so one row read is
 * its snapshot; a replacement rewrites that row and its names in one transaction, which is what
 * makes it atomic for readers (a statement sees the old row or the new one, never a mix).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CompanyTable, Schema } from '../db/schema.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import type { CompanyDocument } from './document.js';
import { entityKind } from './entity-kind.js';
import { deriveKeyNo } from './key-no.js';
import { normaliseName, normaliseStatus, type StatusNorm } from './normalise.js';
import { normaliseUscc } from './uscc.js';

export interface StoredCompany {
  keyNo: string;
  uscc: string | null;
  regNo: string | null;
  name: string;
  entityKind: string;
  statusNorm: StatusNorm;
  doc: CompanyDocument;
  synthetic: boolean;
  dataAsOf: string | null;
  updatedAt: string;
}

/** A company found by name, and whether the match was its current name (else a former one). */
export interface NameMatch {
  company: StoredCompany;
  current: boolean;
}

/** The resolver's port: exact look-ups only, each by an already-normalised key. */
export interface CompanyLookup {
  byKeyNo(keyNo: string): Promise<StoredCompany | undefined>;
  /** Upper-case code, as stored. */
  byUscc(uscc: string): Promise<StoredCompany | undefined>;
  byRegNo(regNo: string): Promise<StoredCompany | undefined>;
  /** `normaliseName(name)`; current-name matches first. */
  byName(nameNorm: string): Promise<NameMatch[]>;
}

type Db = Kysely<Schema> | Transaction<Schema>;
type CompanyRow = Selectable<CompanyTable>;

export function rowToStoredCompany(row: CompanyRow): StoredCompany {
  return {
    keyNo: row.key_no,
    uscc: row.uscc,
    regNo: row.reg_no,
    name: row.name,
    entityKind: row.entity_kind,
    statusNorm: row.status_norm as StatusNorm,
    doc: { ...(JSON.parse(row.doc) as CompanyDocument), keyNo: row.key_no },
    synthetic: Number(row.synthetic) === 1,
    dataAsOf: row.data_as_of,
    updatedAt: row.updated_at,
  };
}

export async function findCompanyByKeyNo(db: Db, keyNo: string): Promise<StoredCompany | undefined> {
  const row = await db.selectFrom('companies').selectAll().where('key_no', '=', keyNo).executeTakeFirst();
  return row && rowToStoredCompany(row);
}

export async function findCompanyByUscc(db: Db, uscc: string): Promise<StoredCompany | undefined> {
  const row = await db.selectFrom('companies').selectAll().where('uscc', '=', normaliseUscc(uscc)).executeTakeFirst();
  return row && rowToStoredCompany(row);
}

/** Registration numbers are not guaranteed unique across authorities' history; the oldest key wins. */
export async function findCompanyByRegNo(db: Db, regNo: string): Promise<StoredCompany | undefined> {
  const row = await db.selectFrom('companies').selectAll().where('reg_no', '=', regNo.trim()).orderBy('key_no').executeTakeFirst();
  return row && rowToStoredCompany(row);
}

/**
 * Exact normalised-name matches, current names before former ones, then active before gone
 * (a former name is often reused by a newer company), then by KeyNo for a stable order.
 */
export async function findCompaniesByName(db: Db, name: string): Promise<NameMatch[]> {
  const rows = await db
    .selectFrom('company_names as n')
    .innerJoin('companies as c', 'c.key_no', 'n.key_no')
    .selectAll('c')
    .select('n.is_current')
    .where('n.name_norm', '=', normaliseName(name))
    .orderBy('n.is_current', 'desc')
    .orderBy('c.key_no')
    .execute();
  const gone = new Set<string>(['CANCELLED', 'ANNULLED', 'REVOKED']);
  return rows
    .map((row) => ({ company: rowToStoredCompany(row), current: Number(row.is_current) === 1 }))
    .sort((a, b) => Number(b.current) - Number(a.current) || Number(gone.has(a.company.statusNorm)) - Number(gone.has(b.company.statusNorm)));
}

export function companyLookup(db: Kysely<Schema>): CompanyLookup {
  return {
    byKeyNo: (keyNo) => findCompanyByKeyNo(db, keyNo),
    byUscc: (uscc) => findCompanyByUscc(db, uscc),
    byRegNo: (regNo) => findCompanyByRegNo(db, regNo),
    byName: (nameNorm) => findCompaniesByName(db, nameNorm),
  };
}

export async function countCompanies(db: Db): Promise<number> {
  const r = await db.selectFrom('companies').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------------------------------------
// Writing

export type UpsertOutcome =
  | { status: 'imported' | 'updated' | 'unchanged'; keyNo: string }
  | { status: 'rejected'; keyNo?: string; reason: string };

export interface UpsertOptions {
  /** ISO instant written to `updated_at` of rows this batch writes. */
  now: string;
  /**
   * Called once per document that passed the uscc/regNo ownership checks, in order, with its
   * resolved KeyNo, before it is compared or written; a returned string rejects it with that
   * reason. The importer uses it to refuse the same identity twice in one file across batches. Without it, a KeyNo repeated inside the batch
   * is refused (the first occurrence wins).
   */
  admit?: (keyNo: string, index: number) => string | undefined;
}

/**
 * Everything the store writes for a document that does not depend on the database: computable
 * off the main thread (the importer does it in worker threads). The stored document text leaves
 * out `keyNo`, which the store only knows after resolving identity; it lives in its own column
 * and `rowToStoredCompany` puts it back.
 */
export interface PreparedDocument {
  explicitKeyNo: string | null;
  derivedKeyNo: string;
  uscc: string | null;
  regNo: string | null;
  name: string;
  nameNorm: string;
  /** Normalised current name first, then distinct former names. */
  names: string[];
  entityKind: string;
  statusNorm: string;
  /** Canonical JSON of the document without keyNo, uscc upper-cased, regNo trimmed. */
  docText: string;
  docHash: string;
  synthetic: boolean;
  dataAsOf: string | null;
}

export function prepareDocument(doc: CompanyDocument): PreparedDocument {
  const uscc = doc.uscc === undefined ? null : normaliseUscc(doc.uscc);
  const regNo = doc.regNo === undefined ? null : doc.regNo.trim();
  const { keyNo, ...content } = doc;
  if (uscc !== null) content.uscc = uscc;
  if (regNo !== null) content.regNo = regNo;
  const docText = canonicalJson(content);
  const nameNorm = normaliseName(doc.name);
  const names = [nameNorm];
  for (const former of doc.formerNames ?? []) {
    const n = normaliseName(former);
    if (n.length > 0 && !names.includes(n)) names.push(n);
  }
  return {
    explicitKeyNo: keyNo ?? null,
    derivedKeyNo: deriveKeyNo(doc),
    uscc,
    regNo,
    name: doc.name.trim(),
    nameNorm,
    names,
    entityKind: entityKind(uscc, doc.companyType).kind,
    statusNorm: normaliseStatus(doc.status),
    docText,
    docHash: sha256Hex(docText),
    synthetic: doc.source === 'synthetic',
    dataAsOf: doc.dataAsOf ?? null,
  };
}

/** The `companies` row of a prepared document under its resolved KeyNo. */
export function companyRow(p: PreparedDocument, keyNo: string, now: string): CompanyTable {
  return {
    key_no: keyNo,
    uscc: p.uscc,
    reg_no: p.regNo,
    name: p.name,
    name_norm: p.nameNorm,
    entity_kind: p.entityKind,
    status_norm: p.statusNorm,
    doc: p.docText,
    doc_hash: p.docHash,
    synthetic: p.synthetic ? 1 : 0,
    data_as_of: p.dataAsOf,
    updated_at: now,
  };
}

interface ExistingIdentity {
  keyNo: string;
  uscc: string | null;
  regNo: string | null;
  hash: string;
}

/** Rows per multi-row statement, largest first: 12 columns × 1,000 stays under both backends' parameter limits. */
const STATEMENT_ROW_COUNTS = [1000, 100, 10, 1] as const;

/** `upsertPrepared` over documents prepared here, on the calling thread. */
export async function upsertCompanies(db: Kysely<Schema>, docs: readonly CompanyDocument[], options: UpsertOptions): Promise<UpsertOutcome[]> {
  return upsertPrepared(db, docs.map(prepareDocument), options);
}

/**
 * Upserts a batch in one transaction. Identity: the document's keyNo, else the company already
 * stored with its uscc, else the one stored with its regNo (a company first known by registration
 * number keeps its KeyNo when its USCC arrives), else a KeyNo derived from uscc, regNo or name.
 * A document whose canonical hash equals the stored one is `unchanged` and not rewritten. A
 * document whose uscc or regNo belongs to another company is rejected, naming it.
 */
export async function upsertPrepared(db: Kysely<Schema>, docs: readonly PreparedDocument[], options: UpsertOptions): Promise<UpsertOutcome[]> {
  if (docs.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const existing = await loadExistingIdentities(trx, docs);
    const byKey = new Map(existing.map((e) => [e.keyNo, e]));
    const usccOwner = new Map<string, string>();
    const regNoOwner = new Map<string, string>();
    for (const e of existing) {
      if (e.uscc) usccOwner.set(e.uscc, e.keyNo);
      if (e.regNo && !regNoOwner.has(e.regNo)) regNoOwner.set(e.regNo, e.keyNo);
    }
    const seenInBatch = new Map<string, number>();
    const outcomes: UpsertOutcome[] = [];
    const writes: Array<{ row: CompanyTable; names: string[] }> = [];
    const replacedKeys: string[] = [];

    docs.forEach((c, index) => {
      const keyNo =
        c.explicitKeyNo ??
        (c.uscc ? usccOwner.get(c.uscc) : undefined) ??
        (c.regNo ? regNoOwner.get(c.regNo) : undefined) ??
        c.derivedKeyNo;
      const usccHolder = c.uscc ? usccOwner.get(c.uscc) : undefined;
      if (usccHolder && usccHolder !== keyNo) return outcomes.push({ status: 'rejected', keyNo, reason: `uscc ${c.uscc} already belongs to company ${usccHolder}` });
      const regNoHolder = c.regNo ? regNoOwner.get(c.regNo) : undefined;
      if (regNoHolder && regNoHolder !== keyNo) return outcomes.push({ status: 'rejected', keyNo, reason: `regNo ${c.regNo} already belongs to company ${regNoHolder}` });
      const refused = options.admit ? options.admit(keyNo, index) : duplicateInBatch(seenInBatch, keyNo, index);
      if (refused) return outcomes.push({ status: 'rejected', keyNo, reason: refused });

      const before = byKey.get(keyNo);
      if (before && before.hash === c.docHash) return outcomes.push({ status: 'unchanged', keyNo });
      writes.push({ row: companyRow(c, keyNo, options.now), names: c.names });
      if (before) {
        replacedKeys.push(keyNo);
        // The company's old codes are free again once this batch commits.
        if (before.uscc && before.uscc !== c.uscc && usccOwner.get(before.uscc) === keyNo) usccOwner.delete(before.uscc);
        if (before.regNo && before.regNo !== c.regNo && regNoOwner.get(before.regNo) === keyNo) regNoOwner.delete(before.regNo);
      }
      byKey.set(keyNo, { keyNo, uscc: c.uscc, regNo: c.regNo, hash: c.docHash });
      if (c.uscc) usccOwner.set(c.uscc, keyNo);
      if (c.regNo) regNoOwner.set(c.regNo, keyNo);
      return outcomes.push({ status: before ? 'updated' : 'imported', keyNo });
    });

    await writeRows(trx, writes, replacedKeys);
    return outcomes;
  });
}

function duplicateInBatch(seen: Map<string, number>, keyNo: string, index: number): string | undefined {
  const first = seen.get(keyNo);
  if (first !== undefined) return `same company (keyNo ${keyNo}) as document ${first + 1} of this batch`;
  seen.set(keyNo, index);
  return undefined;
}

async function loadExistingIdentities(trx: Transaction<Schema>, candidates: readonly PreparedDocument[]): Promise<ExistingIdentity[]> {
  const keyNos = unique(candidates.flatMap((c) => (c.explicitKeyNo ? [c.explicitKeyNo, c.derivedKeyNo] : [c.derivedKeyNo])));
  const usccs = unique(candidates.flatMap((c) => (c.uscc ? [c.uscc] : [])));
  const regNos = unique(candidates.flatMap((c) => (c.regNo ? [c.regNo] : [])));
  const found = new Map<string, ExistingIdentity>();
  const lookups: Array<['key_no' | 'uscc' | 'reg_no', string[]]> = [['key_no', keyNos], ['uscc', usccs], ['reg_no', regNos]];
  for (const [column, values] of lookups) {
    for (const chunk of chunks(values)) {
      const rows = await trx.selectFrom('companies').select(['key_no', 'uscc', 'reg_no', 'doc_hash']).where(column, 'in', chunk).execute();
      for (const r of rows) found.set(r.key_no, { keyNo: r.key_no, uscc: r.uscc, regNo: r.reg_no, hash: r.doc_hash });
    }
  }
  // Sorted so that regNo ownership (first wins) does not depend on query order.
  return [...found.values()].sort((a, b) => (a.keyNo < b.keyNo ? -1 : 1));
}

async function writeRows(trx: Transaction<Schema>, writes: ReadonlyArray<{ row: CompanyTable; names: string[] }>, replacedKeys: readonly string[]): Promise<void> {
  for (const chunk of chunks(replacedKeys)) {
    await trx.deleteFrom('company_names').where('key_no', 'in', chunk).execute();
  }
  for (const chunk of chunks(writes)) {
    await trx
      .insertInto('companies')
      .values(chunk.map((w) => w.row))
      .onConflict((oc) =>
        oc.column('key_no').doUpdateSet((eb) => ({
          uscc: eb.ref('excluded.uscc'),
          reg_no: eb.ref('excluded.reg_no'),
          name: eb.ref('excluded.name'),
          name_norm: eb.ref('excluded.name_norm'),
          entity_kind: eb.ref('excluded.entity_kind'),
          status_norm: eb.ref('excluded.status_norm'),
          doc: eb.ref('excluded.doc'),
          doc_hash: eb.ref('excluded.doc_hash'),
          synthetic: eb.ref('excluded.synthetic'),
          data_as_of: eb.ref('excluded.data_as_of'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  const nameRows = writes.flatMap((w) => w.names.map((name_norm, i) => ({ name_norm, key_no: w.row.key_no, is_current: i === 0 ? 1 : 0 })));
  for (const chunk of chunks(nameRows)) {
    await trx.insertInto('company_names').values(chunk).execute();
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * Splits into statements of 1,000, 100, 10 and 1 rows (greedy), so that a batch of any size uses
 * at most four distinct SQL texts per statement kind: the SQLite adapter caches prepared statements
 * by text, and arbitrary remainders would fill that cache with large one-off statements.
 */
function* chunks<T>(values: readonly T[]): Generator<T[]> {
  let i = 0;
  for (const size of STATEMENT_ROW_COUNTS) {
    for (; values.length - i >= size; i += size) yield values.slice(i, i + size);
  }
}
