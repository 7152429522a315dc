/**
 * `npm run bench:shared-counts [-- --companies N] [--seed S] [--backend sqlite|postgres|both] [--samples N]
 *   [--data-dir DIR] [--database-url URL] [--resolve-from N] [--stop-at N] [--path old|new|both]`
 *
 * The shell scan's store-wide counts (issue 13, item 4): N synthetic companies (default 200,000)
 * written once to an NDJSON file and imported into a fresh store per backend, then `sharedCountsOf`
 * (src/companies/shared-counts.ts) timed over `--samples` sampled companies after a warm-up pass
 * over other companies; p50/p99 per backend. PostgreSQL runs when ZHENGXIN_TEST_POSTGRES_URL is set
 * (an admin URL; a scratch database is created and dropped). Figures, not assertions: the machine
 * is shared.
 *
 * `--path` picks what is timed: `new` (`sharedCountsOf`), `old` (`sharedCountsFromDocument`, the
 * path before it: the whole document, then identity through PersonResolver) or `both` (default):
 * each sample is then counted by both, in alternating order, the answers compared (a difference
 * fails the run) and the ratios new/old printed. Beside wall time, each path prints the process's
 * CPU time per call (on PostgreSQL the client's share only) and the statements per call, which a
 * loaded machine does not move.
 *
 * `--data-dir DIR` (SQLite) and/or `--database-url URL` (PostgreSQL) time an existing store instead
 * (e.g. the 1M stores): opened without migrations and only read; samples are drawn from its KeyNos.
 * `--resolve-from N` is the namesakes count from which the legal representative's identity is
 * resolved (default the shell scan's threshold, as served; 2 resolves it for every shared name).
 * `--stop-at N` stops resolving once the person heads N companies (default the shell scan's threshold,
 * as served; 0 never stops: the exact count).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KyselyPlugin } from 'kysely';
import { importCompanies } from '../src/companies/import.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { LEGAL_REP_COMPANIES_MIN } from '../src/reports/types/shell-scan/indicators.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { sharedCountsFromDocument, sharedCountsOf, type SharedCountsOptions } from '../src/companies/shared-counts.js';
import type { SharedRegistrationCounts } from '../src/companies/store-counts.js';
import { generateCompanies, generateCompany, writeCompanyNdjson } from '../src/companies/synthetic/index.js';
import { quantile, scratchDatabase } from './support/scratch-database.js';

type Backend = 'sqlite' | 'postgres';
type PathName = 'old' | 'new';
interface Args { companies: number; seed: string; backends: Backend[]; samples: number; dataDir?: string; databaseUrl?: string; resolveFrom: number; stopAt: number; paths: PathName[] }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { companies: 200_000, seed: 'bench', backends: ['sqlite', 'postgres'], samples: 1000, resolveFrom: LEGAL_REP_COMPANIES_MIN, stopAt: LEGAL_REP_COMPANIES_MIN, paths: ['old', 'new'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--companies') args.companies = Number(argv[++i]);
    else if (a === '--data-dir') args.dataDir = String(argv[++i]);
    else if (a === '--database-url') args.databaseUrl = String(argv[++i]);
    else if (a === '--resolve-from') args.resolveFrom = Number(argv[++i]);
    else if (a === '--stop-at') args.stopAt = Number(argv[++i]);
    else if (a === '--seed') args.seed = String(argv[++i]);
    else if (a === '--samples') args.samples = Number(argv[++i]);
    else if (a === '--path') {
      const p = argv[++i];
      args.paths = p === 'both' ? ['old', 'new'] : p === 'old' || p === 'new' ? [p] : (() => { throw new Error(`--path old|new|both, got ${p}`); })();
    } else if (a === '--backend') {
      const b = argv[++i];
      args.backends = b === 'both' ? ['sqlite', 'postgres'] : b === 'sqlite' || b === 'postgres' ? [b] : (() => { throw new Error(`--backend sqlite|postgres|both, got ${b}`); })();
    } else throw new Error(`unknown argument ${a} (use --companies N, --seed S, --backend sqlite|postgres|both, --samples N, --data-dir DIR, --database-url URL, --resolve-from N, --stop-at N, --path old|new|both)`);
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

const PATHS: Record<PathName, (db: Database['db'], keyNo: string, options: SharedCountsOptions) => Promise<SharedRegistrationCounts | undefined>> = {
  old: sharedCountsFromDocument,
  new: sharedCountsOf,
};

/** Counts the statements a database handle executes (every result passes through here once). */
function countingStatements(db: Database['db']): { db: Database['db']; statements: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => { n++; return a.result; } };
  return { db: db.withPlugin(plugin), statements: () => n };
}

interface Timing { times: number[]; cpu: number[]; statements: number[]; allocated: number[]; resolvedCpu: number[]; resolvedTimes: number[]; indexOnlyTimes: number[]; missing: number; shared: number; resolved: number; stopped: number }

const emptyTiming = (): Timing => ({ times: [], cpu: [], statements: [], allocated: [], resolvedCpu: [], resolvedTimes: [], indexOnlyTimes: [], missing: 0, shared: 0, resolved: 0, stopped: 0 });

/**
 * Warms up on `warm`, then times each asked path over `sample`. With both paths each sample is
 * counted by both, the first alternating (neither always meets the other's warmed pages), and
 * their answers must agree.
 */
async function timeCounts(plain: Database['db'], warm: readonly string[], sample: readonly string[], args: Args): Promise<Map<PathName, Timing>> {
  const options = { resolveLegalRepFrom: args.resolveFrom, ...(args.stopAt > 0 ? { stopLegalRepAt: args.stopAt } : {}) };
  const { db, statements } = countingStatements(plain);
  for (const k of warm) for (const p of args.paths) await PATHS[p](db, k, options);
  const out = new Map(args.paths.map((p) => [p, emptyTiming()]));
  for (let s = 0; s < sample.length; s++) {
    const k = sample[s]!;
    const order = s % 2 === 0 ? args.paths : [...args.paths].reverse();
    const answers = new Map<PathName, SharedRegistrationCounts | undefined>();
    for (const p of order) {
      const t = out.get(p)!;
      const n0 = statements();
      const h0 = process.memoryUsage().heapUsed;
      const c0 = processCpuMs();
      const started = performance.now();
      const counts = await PATHS[p](db, k, options);
      const wall = performance.now() - started;
      // CPU time: all of the work on SQLite (in-process), only the client's on PostgreSQL.
      const cpu = processCpuMs() - c0;
      // Heap allocated by the call: heapUsed only grows between collections, so a call during
      // which one ran (the difference is negative) says nothing and is left out.
      const grown = process.memoryUsage().heapUsed - h0;
      if (grown >= 0) t.allocated.push(grown);
      t.times.push(wall);
      t.cpu.push(cpu);
      t.statements.push(statements() - n0);
      answers.set(p, counts);
      if (!counts) { t.missing++; continue; }
      if ((counts.sameAddress ?? 0) > 1 || (counts.samePhone ?? 0) > 1 || (counts.sameEmail ?? 0) > 1) t.shared++;
      // Identity was resolved when a shared name got an exact count.
      if ((counts.legalRepNamesakes ?? 0) > 1 && counts.legalRepCompanies !== null) { t.resolved++; t.resolvedTimes.push(wall); t.resolvedCpu.push(cpu); } else t.indexOnlyTimes.push(wall);
      if (counts.legalRepCompaniesAtLeast) t.stopped++;
    }
    if (answers.size === 2) assert.deepEqual(answers.get('new'), answers.get('old'), `the two paths disagree on ${k}`);
  }
  return out;
}

function report(label: string, n: number | string, timings: Map<PathName, Timing>, args: Args): void {
  for (const [p, t] of timings) {
    if (t.missing > 0) throw new Error(`${t.missing} sampled companies were not found in the ${label} store`);
    const name = `${label} [${p}]`;
    const indexOnly = t.indexOnlyTimes.length > 0 ? `; index reads only (${t.indexOnlyTimes.length}): p50 ${ms(quantile(t.indexOnlyTimes, 0.5))}, p99 ${ms(quantile(t.indexOnlyTimes, 0.99))}` : '';
    const resolved = t.resolvedTimes.length > 0 ? `; legal representative resolved by identity for ${t.resolved} (namesakes ≥ ${args.resolveFrom}; ${t.stopped} stopped at ${args.stopAt > 0 ? `${args.stopAt} companies` : 'no threshold'}): p50 ${ms(quantile(t.resolvedTimes, 0.5))}, p99 ${ms(quantile(t.resolvedTimes, 0.99))}` : '';
    console.log(`${name} sharedCountsOf over ${args.samples} companies of ${n} (${t.shared} sharing an address, phone or e-mail): p50 ${ms(quantile(t.times, 0.5))}, p99 ${ms(quantile(t.times, 0.99))}${indexOnly}${resolved}`);
    // CPU time survives a loaded machine better than wall time (on SQLite it is all the work; on PostgreSQL the client's share only).
    const resolvedCpu = t.resolvedCpu.length > 0 ? `; identity resolved p50 ${ms(quantile(t.resolvedCpu, 0.5))}, p99 ${ms(quantile(t.resolvedCpu, 0.99))}` : '';
    console.log(`${name} process CPU time per call: p50 ${ms(quantile(t.cpu, 0.5))}, p99 ${ms(quantile(t.cpu, 0.99))}${resolvedCpu}`);
    const st = t.statements;
    console.log(`${name} statements per call: mean ${(st.reduce((a, b) => a + b, 0) / st.length).toFixed(2)}, p50 ${quantile(st, 0.5)}, p99 ${quantile(st, 0.99)}, max ${Math.max(...st)}`);
    // Allocation sets how often the young generation is collected, whose pauses land in some calls.
    if (t.allocated.length > 0) console.log(`${name} heap allocated per call (the ${t.allocated.length} calls without a collection): p50 ${(quantile(t.allocated, 0.5) / 1024).toFixed(1)} KiB, p99 ${(quantile(t.allocated, 0.99) / 1024).toFixed(1)} KiB`);
  }
  const o = timings.get('old');
  const w = timings.get('new');
  if (o && w) {
    const ratio = (f: (t: Timing) => number): string => `${(f(w) / f(o)).toFixed(2)}×`;
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(`${label} new/old (same samples, same run; answers identical): wall p50 ${ratio((t) => quantile(t.times, 0.5))}, p99 ${ratio((t) => quantile(t.times, 0.99))}; CPU p50 ${ratio((t) => quantile(t.cpu, 0.5))}, p99 ${ratio((t) => quantile(t.cpu, 0.99))}, mean ${ratio((t) => mean(t.cpu))}; statements mean ${ratio((t) => mean(t.statements))}; heap allocated p50 ${ratio((t) => quantile(t.allocated, 0.5))}`);
  }
}

/** A pseudo-random point among 32-hex-digit KeyNos, the same for the same `i` in every run. */
function hexPoint(i: number): string {
  let x = (i + 1) >>> 0;
  let out = '';
  for (let j = 0; j < 4; j++) {
    x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
    x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * Samples and warm-up keys spread over an existing store's KeyNos (disjoint points): the first
 * KeyNo at or after a pseudo-random point (KeyNos are hashes, evenly spread), one index probe each.
 * Not every KeyNo read into memory, as before: a million strings on the heap put the collector's
 * old-generation work inside the timed calls.
 */
async function keysOf(db: Database['db'], samples: number): Promise<{ sample: string[]; warm: string[]; total: number }> {
  const total = Number((await db.selectFrom('companies').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const first = (await db.selectFrom('companies').select('key_no').orderBy('key_no').limit(1).executeTakeFirstOrThrow()).key_no;
  const pick = async (i: number): Promise<string> =>
    (await db.selectFrom('companies').select('key_no').where('key_no', '>=', hexPoint(i)).orderBy('key_no').limit(1).executeTakeFirst())?.key_no ?? first;
  const sample: string[] = [];
  for (let i = 0; i < samples; i++) sample.push(await pick(i));
  const warm: string[] = [];
  for (let i = 0; i < Math.min(200, samples); i++) warm.push(await pick(samples + i));
  return { sample, warm, total };
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
