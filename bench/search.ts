/**
 * `npm run bench:search -- [--data-dir DIR | --database-url URL] [--companies N] [--seed S] [--samples N]`
 *
 * Fuzzy search and basic details over a full store, in process, as the interfaces run them
 * (search + the page's result objects; resolve + the face sheet), p50/p99 per query kind.
 * Targets (issue 14): fuzzy search p99 ≤ 20 ms, basic details p99 ≤ 5 ms at 1,000,000 companies,
 * on SQLite and PostgreSQL. Figures, not assertions: the machine is shared.
 *
 * The store: `--data-dir` (SQLite) or `--database-url` (PostgreSQL). When it holds fewer than N
 * companies, the bench first imports the synthetic companies 0..N-1 of the seed (what
 * `npm run bench:import -- --keep` leaves behind for SQLite is such a store: seed `bench`).
 * Queries are taken from random companies of the same seed: a 2-character and a 4-character
 * fragment of the name, the whole name, the legal representative, the USCC.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importCompanies } from '../src/companies/import.js';
import { resolveCompany } from '../src/companies/resolver.js';
import { searchCompanies } from '../src/companies/search.js';
import { companyLookup, countCompanies } from '../src/companies/store.js';
import { generateCompany } from '../src/companies/synthetic/index.js';
import { openDatabase } from '../src/db/database.js';
import { basicDetails, fuzzySearchItem } from '../src/protocol/company-shapes.js';

interface Args { dataDir: string | undefined; databaseUrl: string | undefined; companies: number; seed: string; samples: number }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { dataDir: undefined, databaseUrl: undefined, companies: 1_000_000, seed: 'bench', samples: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir') args.dataDir = String(argv[++i]);
    else if (a === '--database-url') args.databaseUrl = String(argv[++i]);
    else if (a === '--companies') args.companies = Number(argv[++i]);
    else if (a === '--seed') args.seed = String(argv[++i]);
    else if (a === '--samples') args.samples = Number(argv[++i]);
    else throw new Error(`unknown argument ${a} (use --data-dir DIR | --database-url URL, --companies N, --seed S, --samples N)`);
  }
  if (!Number.isSafeInteger(args.companies) || args.companies < 1) throw new Error('--companies must be a positive whole number');
  return args;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function* ndjson(seed: string, from: number, to: number): AsyncGenerator<string> {
  let chunk = '';
  for (let i = from; i < to; i++) {
    chunk += JSON.stringify(generateCompany(seed, i)) + '\n';
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = args.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-bench-search-'));
  const database = await openDatabase({ dataDir, databaseUrl: args.databaseUrl });
  const backend = args.databaseUrl ? 'PostgreSQL' : `SQLite in ${dataDir}`;
  try {
    let stored = await countCompanies(database.db);
    console.log(`bench:search — ${backend}, ${stored.toLocaleString('en-US')} companies stored, seed ${args.seed}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);
    if (stored < args.companies) {
      const t0 = performance.now();
      const summary = await importCompanies(database.db, ndjson(args.seed, stored, args.companies), { workers: 1 });
      stored = await countCompanies(database.db);
      console.log(`  imported ${summary.imported} (rejected ${summary.rejected}) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${stored.toLocaleString('en-US')} stored`);
    }
    const db = database.db;
    let state = 4242;
    const nextIndex = () => (state = (state * 1103515245 + 12345) % 2 ** 31) % args.companies;
    const docs = Array.from({ length: args.samples }, () => generateCompany(args.seed, nextIndex()));
    const fragment = (name: string, len: number, i: number): string => {
      const chars = Array.from(name);
      const start = chars.length <= len ? 0 : (i * 7919) % (chars.length - len + 1);
      return chars.slice(start, start + len).join('');
    };
    const kinds: Array<[string, (d: (typeof docs)[number], i: number) => string | undefined]> = [
      ['2-char fragment', (d, i) => fragment(d.name, 2, i)],
      ['4-char fragment', (d, i) => fragment(d.name, 4, i)],
      ['whole name', (d) => d.name],
      ['legal rep', (d) => d.legalRep],
      ['USCC', (d) => d.uscc],
    ];
    const all: number[] = [];
    console.log(`fuzzy search (FuzzySearch/GetList work: search, first page of 10, result objects; ${docs.length} random companies per kind; target p99 ≤ 20 ms):`);
    for (const [label, pick] of kinds) {
      const inputs = docs.map(pick).filter((x): x is string => x !== undefined && Array.from(x.trim()).length >= 2);
      for (const input of inputs.slice(0, 50)) await searchCompanies(db, { text: input, offset: 0, limit: 10 }); // warm-up
      const times: number[] = [];
      let hits = 0;
      let capped = 0;
      for (const input of inputs) {
        const t0 = performance.now();
        const r = await searchCompanies(db, { text: input, offset: 0, limit: 10 });
        if (r.ok) for (const c of r.companies) fuzzySearchItem({ keyNo: c.keyNo, doc: c.doc, entityKind: c.entityKind, updatedAt: c.updatedAt });
        times.push(performance.now() - t0);
        if (r.ok && r.total > 0) hits++;
        if (r.ok && r.capped) capped++;
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      console.log(`  ${label.padEnd(16)} p50 ${percentile(times, 50).toFixed(2)} ms · p99 ${percentile(times, 99).toFixed(2)} ms · max ${times[times.length - 1]!.toFixed(2)} ms · found ${hits}/${inputs.length} · capped at 1,000 ${capped}`);
    }
    all.sort((a, b) => a - b);
    console.log(`  all kinds        p50 ${percentile(all, 50).toFixed(2)} ms · p99 ${percentile(all, 99).toFixed(2)} ms`);

    const lookup = companyLookup(db);
    console.log(`basic details (ECIV4/GetBasicDetailsByName work: resolve, face sheet; target p99 ≤ 5 ms):`);
    for (const [label, pick] of [['by name', (d: (typeof docs)[number]) => d.name], ['by USCC', (d: (typeof docs)[number]) => d.uscc]] as const) {
      const inputs = docs.map(pick).filter((x): x is string => x !== undefined);
      for (const input of inputs.slice(0, 50)) await resolveCompany(input, lookup, { includeUncovered: true });
      const times: number[] = [];
      let found = 0;
      for (const input of inputs) {
        const t0 = performance.now();
        const r = await resolveCompany(input, lookup, { includeUncovered: true });
        if (r.ok) {
          basicDetails({ keyNo: r.company.keyNo, doc: r.company.doc, entityKind: r.company.entityKind, updatedAt: r.company.updatedAt });
          found++;
        }
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`  ${label.padEnd(16)} p50 ${percentile(times, 50).toFixed(2)} ms · p99 ${percentile(times, 99).toFixed(2)} ms · max ${times[times.length - 1]!.toFixed(2)} ms · found ${found}/${inputs.length}`);
    }
    console.log(`load average at the end ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await database.close();
    if (!args.dataDir && !args.databaseUrl) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
