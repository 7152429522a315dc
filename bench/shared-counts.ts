/**
 * `npm run bench:shared-counts [-- --companies N] [--seed S] [--backend sqlite|postgres|both] [--samples N]
 *   [--data-dir DIR] [--database-url URL] [--resolve-from N] [--stop-at N]`
 *
 * The shell scan's store-wide counts (issue 13, item 4): N synthetic companies (default 200,000)
 * written once to an NDJSON file and imported into a fresh store per backend, then `sharedCountsOf`
 * (src/companies/shared-counts.ts) timed over `--samples` sampled companies after a warm-up pass
 * over other companies; p50/p99 per backend. PostgreSQL runs when ZHENGXIN_TEST_POSTGRES_URL is set
 * (an admin URL; a scratch database is created and dropped). Figures, not assertions: the machine
 * is shared.
 *
 * `--data-dir DIR` (SQLite) and/or `--database-url URL` (PostgreSQL) time an existing store instead
 * (e.g. the 1M stores): opened without migrations and only read; samples are drawn from its KeyNos.
 * `--resolve-from N` is the namesakes count from which the legal representative's identity is
 * resolved (default the shell scan's threshold, as served; 2 resolves it for every shared name).
 * `--stop-at N` stops resolving once the person heads N companies (default the shell scan's threshold,
 * as served; 0 never stops: the exact count).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importCompanies } from '../src/companies/import.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { LEGAL_REP_COMPANIES_MIN } from '../src/reports/types/shell-scan/indicators.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { sharedCountsOf } from '../src/companies/shared-counts.js';
import { generateCompanies, generateCompany, writeCompanyNdjson } from '../src/companies/synthetic/index.js';
import { quantile, scratchDatabase } from './support/scratch-database.js';

type Backend = 'sqlite' | 'postgres';
interface Args { companies: number; seed: string; backends: Backend[]; samples: number; dataDir?: string; databaseUrl?: string; resolveFrom: number; stopAt: number }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { companies: 200_000, seed: 'bench', backends: ['sqlite', 'postgres'], samples: 1000, resolveFrom: LEGAL_REP_COMPANIES_MIN, stopAt: LEGAL_REP_COMPANIES_MIN };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--companies') args.companies = Number(argv[++i]);
    else if (a === '--data-dir') args.dataDir = String(argv[++i]);
    else if (a === '--database-url') args.databaseUrl = String(argv[++i]);
    else if (a === '--resolve-from') args.resolveFrom = Number(argv[++i]);
    else if (a === '--stop-at') args.stopAt = Number(argv[++i]);
    else if (a === '--seed') args.seed = String(argv[++i]);
    else if (a === '--samples') args.samples = Number(argv[++i]);
    else if (a === '--backend') {
      const b = argv[++i];
      args.backends = b === 'both' ? ['sqlite', 'postgres'] : b === 'sqlite' || b === 'postgres' ? [b] : (() => { throw new Error(`--backend sqlite|postgres|both, got ${b}`); })();
    } else throw new Error(`unknown argument ${a} (use --companies N, --seed S, --backend sqlite|postgres|both, --samples N, --data-dir DIR, --database-url URL, --resolve-from N, --stop-at N)`);
  }
  if (!Number.isSafeInteger(args.resolveFrom) || args.resolveFrom < 2) throw new Error('--resolve-from must be a whole number ≥ 2');
  if (!Number.isSafeInteger(args.stopAt) || args.stopAt < 0) throw new Error('--stop-at must be a whole number ≥ 0 (0: never stop)');
  if (!Number.isSafeInteger(args.companies) || args.companies < 100) throw new Error('--companies must be a whole number ≥ 100');
  if (!Number.isSafeInteger(args.samples) || args.samples < 1) throw new Error('--samples must be a whole number ≥ 1');
  return args;
}

const ms = (v: number): string => `${v.toFixed(3)} ms`;


/** CPU time of this process in ms (the compiler and collector threads included: warm up first). */
function processCpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

interface Timing { times: number[]; cpu: number[]; resolvedCpu: number[]; resolvedTimes: number[]; indexOnlyTimes: number[]; missing: number; shared: number; resolved: number; stopped: number }

/** Warms up on `warm`, then times `sharedCountsOf` over `sample`. */
async function timeCounts(db: Database['db'], warm: readonly string[], sample: readonly string[], args: Args): Promise<Timing> {
  const options = { resolveLegalRepFrom: args.resolveFrom, ...(args.stopAt > 0 ? { stopLegalRepAt: args.stopAt } : {}) };
  for (const k of warm) await sharedCountsOf(db, k, options);
  const out: Timing = { times: [], cpu: [], resolvedCpu: [], resolvedTimes: [], indexOnlyTimes: [], missing: 0, shared: 0, resolved: 0, stopped: 0 };
  for (const k of sample) {
    const c0 = processCpuMs();
    const s = performance.now();
    const counts = await sharedCountsOf(db, k, options);
    const t = performance.now() - s;
    // CPU time: all of the work on SQLite (in-process), only the client's on PostgreSQL.
    const cpu = processCpuMs() - c0;
    out.times.push(t);
    out.cpu.push(cpu);
    if (!counts) { out.missing++; continue; }
    if ((counts.sameAddress ?? 0) > 1 || (counts.samePhone ?? 0) > 1 || (counts.sameEmail ?? 0) > 1) out.shared++;
    // Identity was resolved when a shared name got an exact count.
    if ((counts.legalRepNamesakes ?? 0) > 1 && counts.legalRepCompanies !== null) { out.resolved++; out.resolvedTimes.push(t); out.resolvedCpu.push(cpu); } else out.indexOnlyTimes.push(t);
    if (counts.legalRepCompaniesAtLeast) out.stopped++;
  }
  return out;
}

function report(label: string, n: number | string, t: Timing, args: Args): void {
  if (t.missing > 0) throw new Error(`${t.missing} sampled companies were not found in the ${label} store`);
  const indexOnly = t.indexOnlyTimes.length > 0 ? `; index reads only (${t.indexOnlyTimes.length}): p50 ${ms(quantile(t.indexOnlyTimes, 0.5))}, p99 ${ms(quantile(t.indexOnlyTimes, 0.99))}` : '';
  const resolved = t.resolvedTimes.length > 0 ? `; legal representative resolved by identity for ${t.resolved} (namesakes ≥ ${args.resolveFrom}; ${t.stopped} stopped at ${args.stopAt > 0 ? `${args.stopAt} companies` : 'no threshold'}): p50 ${ms(quantile(t.resolvedTimes, 0.5))}, p99 ${ms(quantile(t.resolvedTimes, 0.99))}` : '';
  console.log(`${label} sharedCountsOf over ${args.samples} companies of ${n} (${t.shared} sharing an address, phone or e-mail): p50 ${ms(quantile(t.times, 0.5))}, p99 ${ms(quantile(t.times, 0.99))}${indexOnly}${resolved}`);
  // CPU time survives a loaded machine better than wall time (on SQLite it is all the work; on PostgreSQL the client's share only).
  const resolvedCpu = t.resolvedCpu.length > 0 ? `; identity resolved p50 ${ms(quantile(t.resolvedCpu, 0.5))}, p99 ${ms(quantile(t.resolvedCpu, 0.99))}` : '';
  console.log(`${label} process CPU time per call: p50 ${ms(quantile(t.cpu, 0.5))}, p99 ${ms(quantile(t.cpu, 0.99))}${resolvedCpu}`);
}

/** Samples and warm-up keys spread over an existing store's KeyNos (disjoint sets). */
async function keysOf(db: Database['db'], samples: number): Promise<{ sample: string[]; warm: string[]; total: number }> {
  const all = (await db.selectFrom('companies').select('key_no').execute()).map((r) => r.key_no);
  const pick = (i: number): string => all[(Math.imul(i + 1, 2654435761) >>> 0) % all.length]!;
  return { sample: Array.from({ length: samples }, (_, i) => pick(i)), warm: Array.from({ length: Math.min(200, samples) }, (_, i) => pick(i + samples)), total: all.length };
}

async function existingStores(args: Args): Promise<void> {
  const stores: Array<[string, { dataDir: string; databaseUrl?: string }]> = [];
  if (args.dataDir) stores.push([`sqlite ${args.dataDir}`, { dataDir: args.dataDir }]);
  if (args.databaseUrl) stores.push([`postgres ${new URL(args.databaseUrl).pathname.slice(1)}`, { dataDir: os.tmpdir(), databaseUrl: args.databaseUrl }]);
  for (const [label, where] of stores) {
    // Read only: no migrations (they write), so the shared stores stay as built.
    const d = await openDatabase({ ...where, migrate: false });
    try {
      const { sample, warm, total } = await keysOf(d.db, args.samples);
      report(label, total, await timeCounts(d.db, warm, sample, args), args);
    } finally {
      await d.close();
    }
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  if (args.dataDir || args.databaseUrl) {
    await existingStores(args);
    console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    return;
  }
  if (args.backends.includes('postgres') && !process.env.ZHENGXIN_TEST_POSTGRES_URL) {
    console.log('PostgreSQL skipped: ZHENGXIN_TEST_POSTGRES_URL is not set');
    args.backends = args.backends.filter((b) => b !== 'postgres');
  }
  const file = path.join(os.tmpdir(), `zhengxin-bench-shared-${process.pid}.ndjson`);
  const t = performance.now();
  await writeCompanyNdjson(generateCompanies({ count: args.companies, seed: args.seed }), fs.createWriteStream(file));
  console.log(`generated ${args.companies} companies in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // Spread over the whole store; the warm-up reads a disjoint set so the timed reads are not all cache hits of it.
  const pick = (i: number): number => (Math.imul(i + 1, 2654435761) >>> 0) % args.companies;
  const sampleKeys = Array.from({ length: args.samples }, (_, i) => deriveKeyNo(generateCompany(args.seed, pick(i))));
  const warmKeys = Array.from({ length: Math.min(200, args.samples) }, (_, i) => deriveKeyNo(generateCompany(args.seed, pick(i + args.samples))));
  try {
    for (const backend of args.backends) {
      const cleanups: Array<() => Promise<void>> = [];
      try {
        const d = await scratchDatabase(backend, cleanups, 'shared');
        const started = performance.now();
        const summary = await importCompanies(d.db, fs.createReadStream(file), { workers: 1 });
        if (summary.rejected > 0) throw new Error(`import rejected ${summary.rejected} lines: ${summary.errors[0]?.reason}`);
        console.log(`${backend} import of ${args.companies}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
        report(backend, args.companies, await timeCounts(d.db, warmKeys, sampleKeys, args), args);
      } finally {
        for (const c of cleanups.reverse()) await c().catch(() => {});
      }
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
