/**
 * The demo dataset: the companies the documentation names (hand-written, `demo-companies.ts`)
 * and a few thousand synthetic ones, imported through the same path as any NDJSON file (schema
 * and identifier checks included), so the demo exercises the real import.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { importCompanies, type ImportSummary } from './import.js';
import { defaultImportWorkers } from './line-preparer.js';
import { countCompanies, findCompanyByKeyNo, type StoredCompany } from './store.js';
import type { CompanyDocument } from './document.js';
import { documentedCompanies } from './demo-companies.js';
import { normaliseName } from './normalise.js';
import { generateCompanies } from './synthetic/index.js';

export const DEMO_COMPANY_COUNT = 3000;
export const DEMO_SEED = 'zhengxin-demo';

export interface DemoDataOptions {
  count?: number;
  seed?: string | number;
  /** `YYYY-MM-DD`; the generator's default when absent. Never the wall clock, so the data repeats. */
  referenceDate?: string;
}

export interface DemoDataResult {
  /** False when the store already held companies and was reused as it is. */
  created: boolean;
  companies: number;
  import?: ImportSummary;
}

/** Creates the demo data unless the store already holds companies (a second run reuses them). */
export async function ensureDemoData(db: Kysely<Schema>, options: DemoDataOptions = {}): Promise<DemoDataResult> {
  const existing = await countCompanies(db);
  if (existing > 0) return { created: false, companies: existing };
  const docs = generateCompanies({
    count: options.count ?? DEMO_COMPANY_COUNT,
    seed: options.seed ?? DEMO_SEED,
    ...(options.referenceDate ? { referenceDate: options.referenceDate } : {}),
  });
  const documented = documentedCompanies();
  const summary = await importCompanies(db, ndjsonLines([...documented, ...withoutClashes(docs, documented)]), { workers: defaultImportWorkers(), feed: {} });
  if (summary.rejected > 0) {
    const first = summary.errors[0];
    throw new Error(`the demo dataset has ${summary.rejected} invalid documents (line ${first?.line}: ${first?.reason})`);
  }
  return { created: true, companies: await countCompanies(db), import: summary };
}

/**
 * The generated companies minus any that would claim a documented company's USCC, registration
 * number or name (the generator invents valid codes, so a clash is rare but possible): the
 * documented one must win, and the import must not reject a line.
 */
function* withoutClashes(generated: Iterable<CompanyDocument>, documented: readonly CompanyDocument[]): Generator<CompanyDocument> {
  const taken = new Set<string>();
  for (const doc of documented) for (const id of identities(doc)) taken.add(id);
  for (const doc of generated) if (!identities(doc).some((id) => taken.has(id))) yield doc;
}

function identities(doc: CompanyDocument): string[] {
  return [
    ...(doc.uscc ? [`uscc:${doc.uscc.toUpperCase()}`] : []),
    ...(doc.regNo ? [`reg:${doc.regNo}`] : []),
    ...[doc.name, ...(doc.formerNames ?? [])].map((n) => `name:${normaliseName(n)}`),
  ];
}

function* ndjsonLines(docs: Iterable<unknown>): Generator<string> {
  for (const doc of docs) yield `${JSON.stringify(doc)}\n`;
}

/**
 * A company worth showing: among the first 200 active, covered enterprises by KeyNo, the one with
 * the most data (a bounded scan, so a store of millions answers as fast as the demo's).
 */
export async function pickDemoCompany(db: Kysely<Schema>): Promise<StoredCompany | undefined> {
  const candidates = await db
    .selectFrom('companies')
    .select(['key_no', (eb) => eb.fn<number>('length', ['doc']).as('size')])
    .where('entity_kind', '=', 'ENTERPRISE')
    .where('status_norm', '=', 'ACTIVE')
    .orderBy('key_no')
    .limit(200)
    .execute();
  const best = candidates.reduce<(typeof candidates)[number] | undefined>((a, c) => (a === undefined || Number(c.size) > Number(a.size) ? c : a), undefined);
  return best && findCompanyByKeyNo(db, best.key_no);
}
