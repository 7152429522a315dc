/**
 * `npm run bench:import [-- --companies N] [--seed S] [--workers N] [--keep] [--compare-search-index | --compare-feed] [--backend sqlite|postgres]`
 *
 * Generates N synthetic companies and imports them into a fresh SQLite store under a temp dir,
 * generator and importer running as two child processes piped together (as an operator would run
 * `zhengxin data generate … | zhengxin data import -`). Prints rows/s, the database size and each
 * child's peak RSS (from /usr/bin/time), then resolves samples by USCC, KeyNo and exact name in
 * process against the full store and prints p50/p99. Targets (issue 2): 1,000,000 companies in
 * ≤ 90 s, peak RSS ≤ 500 MB, resolve p99 ≤ 1 ms. Figures, not assertions: the machine is shared.
 *
 * `--compare-search-index` first imports the same companies without writing search terms
 * (ZHENGXIN_BENCH_WITHOUT_SEARCH_INDEX=1, into a store of its own, removed afterwards), then with
 * them, and prints the difference: the index's cost measured in the same run, on the same load.
 * `--compare-feed` does the same for the change feed's `company.created` events
 * (ZHENGXIN_BENCH_WITHOUT_FEED=1 in the baseline).
 *
 * `--backend postgres` imports into a scratch PostgreSQL database per run instead (created and
 * dropped under ZHENGXIN_TEST_POSTGRES_URL's server); the size printed is pg_database_size, and
 * the import's own time includes its closing ANALYZE (src/companies/planner-statistics.ts).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, SQLITE_FILE_NAME } from '../src/db/database.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { resolveCompany } from '../src/companies/resolver.js';
import { companyLookup } from '../src/companies/store.js';
import { generateCompany } from '../src/companies/synthetic/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'bin/zhengxin.js');
const TIME = '/usr/bin/time';
const LOOKUP_SAMPLES = 2000;

interface Args { companies: number; seed: string; keep: boolean; workers: number | undefined; compare: boolean; compareFeed: boolean; backend: 'sqlite' | 'postgres' }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { companies: 1_000_000, seed: 'bench', keep: false, workers: undefined, compare: false, compareFeed: false, backend: 'sqlite' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--companies') args.companies = Number(argv[++i]);
    else if (a === '--seed') args.seed = String(argv[++i]);
    else if (a === '--keep') args.keep = true;
    else if (a === '--compare-search-index') args.compare = true;
    else if (a === '--compare-feed') args.compareFeed = true;
    else if (a === '--workers') args.workers = Number(argv[++i]);
    else if (a === '--backend') args.backend = argv[++i] === 'postgres' ? 'postgres' : 'sqlite';
    else throw new Error(`unknown argument ${a} (use --companies N, --seed S, --workers N, --keep, --compare-search-index, --compare-feed, --backend sqlite|postgres)`);
  }
  if (!Number.isSafeInteger(args.companies) || args.companies < 1) throw new Error('--companies must be a positive whole number');
  if (args.backend === 'postgres' && !process.env.ZHENGXIN_TEST_POSTGRES_URL) throw new Error('--backend postgres needs ZHENGXIN_TEST_POSTGRES_URL (an admin connection to create a scratch database)');
  return args;
}

interface Child { code: number | null; maxRssKb: number | undefined; cpuSeconds: number | undefined; stdout: string; stderr: string }

/** Runs `node BIN args` under /usr/bin/time (when present) so that its own peak RSS is known. */
function startChild(args: string[], env: NodeJS.ProcessEnv, stdin: 'pipe' | 'ignore') {
  const hasTime = fs.existsSync(TIME);
  const rssFile = path.join(os.tmpdir(), `zhengxin-bench-rss-${process.pid}-${args[1]}.txt`);
  const cmd = hasTime ? TIME : process.execPath;
  // %M peak RSS (KB), %U %S user and system CPU seconds: CPU time says more than wall time on a shared machine.
  const cmdArgs = hasTime ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, BIN, ...args] : [BIN, ...args];
  const child = spawn(cmd, cmdArgs, { env, stdio: [stdin, 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const done = new Promise<Child>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const fields = hasTime && fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) : [];
      fs.rmSync(rssFile, { force: true });
      const [rssKb, user, sys] = fields;
      resolve({ code, maxRssKb: rssKb, cpuSeconds: user === undefined || sys === undefined ? undefined : user + sys, stdout, stderr });
    });
  });
  return {
    child,
    done,
    collect: () => child.stdout!.on('data', (d: Buffer) => (stdout += d.toString())),
    collectErr: () => child.stderr!.on('data', (d: Buffer) => (stderr += d.toString())),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A store of one run: a data directory, and on PostgreSQL a scratch database of its own. */
interface Store { dataDir: string; databaseUrl: string | undefined; bytes(): Promise<number>; drop(): Promise<void> }

async function adminQuery(text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: process.env.ZHENGXIN_TEST_POSTGRES_URL });
  await c.connect();
  try { return await c.query(text); } finally { await c.end(); }
}

async function createStore(args: Args, label: string): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `zhengxin-bench-${label}-`));
  if (args.backend === 'sqlite') {
    return { dataDir, databaseUrl: undefined, bytes: async () => dirBytes(dataDir), drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `zx_bench_import_${crypto.randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.ZHENGXIN_TEST_POSTGRES_URL!);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    bytes: async () => Number((await adminQuery(`SELECT pg_database_size('${name}') AS n`)).rows[0].n),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).filter((f) => f.startsWith(SQLITE_FILE_NAME)).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface RunFigures { seconds: number; importerCpu: number | undefined; importerRssKb: number | undefined; bytes: number; terms: number; indexRebuild: string; load: [number, number] }

/** One generate | import run into `dataDir`; prints its figures and returns them. */
async function importRun(label: string, store: Store, args: Args, extraEnv: NodeJS.ProcessEnv): Promise<RunFigures> {
  const { dataDir, databaseUrl } = store;
  const env: NodeJS.ProcessEnv = { ...process.env, ZHENGXIN_DATA_DIR: dataDir, ...extraEnv };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const loadBefore = os.loadavg()[0]!;
  // The store is created (and migrated) first, so the timed run measures generation and import only.
  await (await openDatabase({ dataDir, databaseUrl })).close();
  const started = performance.now();
  const gen = startChild(['data', 'generate', '--companies', String(args.companies), '--seed', args.seed], env, 'ignore');
  const imp = startChild(['data', 'import', '-', '--progress', ...(args.workers === undefined ? [] : ['--workers', String(args.workers)])], env, 'pipe');
  gen.child.stdout!.pipe(imp.child.stdin!);
  gen.collectErr();
  imp.collect();
  imp.collectErr();
  const [g, i] = await Promise.all([gen.done, imp.done]);
  const seconds = (performance.now() - started) / 1000;
  if (g.code !== 0) throw new Error(`generator exited ${g.code}: ${g.stderr}`);
  if (i.code !== 0) throw new Error(`importer exited ${i.code}: ${i.stderr}`);
  const summary = JSON.parse(i.stdout) as { imported: number; rejected: number; errors: unknown[] };
  const rss = (c: Child) => (c.maxRssKb === undefined ? 'n/a' : `${(c.maxRssKb / 1024).toFixed(0)} MB`);
  console.log(`${label}: generate | import: ${seconds.toFixed(1)} s wall, ${Math.round(summary.imported / seconds).toLocaleString('en-US')} rows/s (target: 1M in ≤ 90 s)`);
  console.log(`  imported ${summary.imported}, rejected ${summary.rejected}${summary.rejected ? ` (first: ${JSON.stringify(summary.errors[0])})` : ''}`);
  console.log(`  peak RSS: generator ${rss(g)}, importer ${rss(i)} (target ≤ 500 MB)`);
  const cpu = (c: Child) => (c.cpuSeconds === undefined ? 'n/a' : `${c.cpuSeconds.toFixed(1)} s (${((c.cpuSeconds / args.companies) * 1e6).toFixed(0)} µs/company)`);
  const loadAfter = os.loadavg()[0]!;
  console.log(`  CPU (user+sys): generator ${cpu(g)}, importer ${cpu(i)}; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
  const phase = (re: RegExp): string => i.stderr.match(re)?.[1] ?? 'n/a';
  const indexRebuild = phase(/rebuilt \d+ indexes in ([0-9.]+ s)/);
  if (args.backend === 'sqlite') console.log(`  end of the bulk load (one thread): index rebuilds ${indexRebuild}, commit with its checkpoint ${phase(/committed in ([0-9.]+ s)/)}`);
  else console.log(`  closing ANALYZE: ${phase(/\(ANALYZE of \d+ tables\) in ([0-9.]+ s)/)}`);
  const bytes = await store.bytes();
  const database = await openDatabase({ dataDir, databaseUrl });
  let terms = 0;
  try {
    terms = Number((await database.db.selectFrom('company_search').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  } finally {
    await database.close();
  }
  console.log(`  database size: ${mb(bytes)} (${args.backend === 'sqlite' ? `${SQLITE_FILE_NAME} with WAL` : 'pg_database_size'}); search terms ${terms.toLocaleString('en-US')} (${(terms / Math.max(1, summary.imported)).toFixed(1)} per company)`);
  return { seconds, importerCpu: i.cpuSeconds, importerRssKb: i.maxRssKb, bytes, terms, indexRebuild, load: [loadBefore, loadAfter] };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const store = await createStore(args, 'import');
  console.log(`bench:import — ${args.companies.toLocaleString('en-US')} companies, seed ${args.seed}, import workers ${args.workers ?? 'default'}, ${args.backend === 'sqlite' ? `SQLite in ${store.dataDir}` : `PostgreSQL ${new URL(store.databaseUrl!).pathname.slice(1)}`}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);
  let baselineStore: Store | undefined;
  try {
    let baseline: RunFigures | undefined;
    const compared = args.compare ? { what: 'search index', env: { ZHENGXIN_BENCH_WITHOUT_SEARCH_INDEX: '1' } } : args.compareFeed ? { what: 'change feed', env: { ZHENGXIN_BENCH_WITHOUT_FEED: '1' } } : undefined;
    if (compared) {
      baselineStore = await createStore(args, 'baseline');
      baseline = await importRun(`without the ${compared.what}`, baselineStore, args, compared.env);
      await baselineStore.drop();
      baselineStore = undefined;
    }
    const withIndex = await importRun(compared ? `with the ${compared.what}` : 'import', store, args, {});
    if (baseline && compared) {
      const perCompany = (s: number | undefined) => (s === undefined ? NaN : (s / args.companies) * 1e6);
      console.log(`${compared.what} cost (same run): importer CPU +${(perCompany(withIndex.importerCpu) - perCompany(baseline.importerCpu)).toFixed(0)} µs/company, ` +
        `wall +${(withIndex.seconds - baseline.seconds).toFixed(1)} s (${((withIndex.seconds / baseline.seconds - 1) * 100).toFixed(0)} %; ratio with/without: wall ${(withIndex.seconds / baseline.seconds).toFixed(2)}×, ` +
        `importer CPU ${((withIndex.importerCpu ?? NaN) / (baseline.importerCpu ?? NaN)).toFixed(2)}×), ` +
        `database +${mb(withIndex.bytes - baseline.bytes)}, peak RSS ${((withIndex.importerRssKb ?? 0) / 1024).toFixed(0)} vs ${((baseline.importerRssKb ?? 0) / 1024).toFixed(0)} MB`);
    }
    await measureLookups(store, args);
  } finally {
    if (baselineStore) await baselineStore.drop();
    if (args.keep) console.log(`kept ${store.databaseUrl ?? store.dataDir}`);
    else await store.drop();
  }
}

/** Resolves random companies of the run by each identifier kind; reports per-call latency. */
async function measureLookups(store: Store, args: Args): Promise<void> {
  const database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
  try {
    const lookup = companyLookup(database.db);
    let state = 12345;
    const nextIndex = () => (state = (state * 1103515245 + 12345) % 2 ** 31) % args.companies;
    const docs = Array.from({ length: Math.min(LOOKUP_SAMPLES, args.companies) }, () => generateCompany(args.seed, nextIndex()));
    const kinds: Array<[string, (d: (typeof docs)[number]) => string | undefined]> = [
      ['USCC', (d) => d.uscc],
      ['KeyNo', (d) => d.keyNo ?? deriveKeyNo(d)],
      ['exact name', (d) => d.name],
    ];
    console.log(`resolve (${docs.length} random companies each, ${args.companies.toLocaleString('en-US')} stored; target p99 ≤ 1 ms):`);
    for (const [label, pick] of kinds) {
      const inputs = docs.map(pick).filter((x): x is string => x !== undefined);
      for (const input of inputs.slice(0, 200)) await resolveCompany(input, lookup); // warm-up
      const times: number[] = [];
      let found = 0;
      for (const input of inputs) {
        const t0 = performance.now();
        const r = await resolveCompany(input, lookup);
        times.push(performance.now() - t0);
        if (r.ok || r.status === '208') found++;
      }
      times.sort((a, b) => a - b);
      console.log(`  ${label.padEnd(10)} p50 ${percentile(times, 50).toFixed(3)} ms · p99 ${percentile(times, 99).toFixed(3)} ms · max ${times[times.length - 1]!.toFixed(3)} ms · found ${found}/${inputs.length}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
