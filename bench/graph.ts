/**
 * `npm run bench:graph [-- --companies N] [--seed S] [--backend sqlite|postgres|both] [--samples N] [--rounds N]`
 * `npm run bench:graph -- --data-dir DIR | --database-url URL --companies N [--seed S] [--samples N] [--repeat N] [--level-read one|two|both]`
 * Import options: `--ndjson FILE` (companies already generated: `zhengxin data generate --companies N
 * --seed S`), `--no-rebuild` (skip step 2), `--no-latency` (skip 3 and 4), `--keep-database NAME`
 * (PostgreSQL: the last round's import with the graph goes into a new database of that name, which
 * is kept; refused if it exists).
 *
 * The relation graph's costs (issue 12, performance): N synthetic companies (with the generator's
 * groups) written once to an NDJSON file, then per backend:
 * 1. import time with the graph against the same import without it (the baseline, `relationGraph:
 *    false`), `--rounds` times each in alternation into fresh stores; medians and their ratio;
 * 2. `ensureRelationGraph` on the store imported without the graph (what an older store pays once);
 * 3. controller derivation (`controllerOf`) and `relationFactsOf` over sampled companies: p50/p99;
 * 4. `findPaths` at depth 4 between sampled pairs (half inside a group, half random): p50/p99.
 * PostgreSQL needs ZHENGXIN_TEST_POSTGRES_URL (an admin URL; a scratch database is created and
 * dropped). Figures, not assertions: the machine is shared.
 *
 * With `--data-dir` (a SQLite store) or `--database-url` (a PostgreSQL store) it measures only the
 * latencies (3 and 4) on that existing store, imported from `zhengxin data generate --companies N
 * --seed S` (the samples are the generator's KeyNos): no import, no migration, reads only, so a
 * shared store built once at 1,000,000 companies serves every run. `--repeat` runs the latency
 * passes that many times over the same samples (the first pass warms the caches; each is printed).
 * `--level-read` chooses how an ownership graph is read: `walk` (default; on PostgreSQL the whole
 * upward graph in one recursive statement, ownership-walk.ts; SQLite has no walk and reads by level),
 * `one` (one statement per level, edgesWithCompanies), `two` (two per level: edgesTo, then
 * resolveCompanies; the same for findPaths levels); `both` runs each pass with `one` then `walk` and
 * then checks that both give the same controllerOf, relationFactsOf and findPaths findings for every sample.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { graphStore, type GraphReadPort } from '../src/companies/relations/graph-store.js';
import { findPaths } from '../src/companies/relations/paths.js';
import { ensureRelationGraph } from '../src/companies/relations/rebuild.js';
import { controllerOf, relationFactsOf } from '../src/companies/relations/relation-facts.js';
import { generateCompanies, generateCompany, writeCompanyNdjson } from '../src/companies/synthetic/index.js';
import { GROUP_SIZE } from '../src/companies/synthetic/groups.js';
import { openDatabase, SQLITE_FILE_NAME, type Database } from '../src/db/database.js';
import type { Schema } from '../src/db/schema.js';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { countingPort } from './support/counting-port.js';
import { quantile, scratchDatabase } from './support/scratch-database.js';

interface Args {
  companies: number; seed: string; backends: Array<'sqlite' | 'postgres'>; samples: number; rounds: number;
  dataDir?: string; databaseUrl?: string; repeat: number;
  ndjson?: string; rebuild: boolean; latency: boolean; keepDatabase?: string;
  /** How an ownership level is read: `one` statement (edgesWithCompanies), `two` (edgesTo, then resolveCompanies: the baseline), or `both` compared. */
  levelRead: LevelRead | 'both';
}

type LevelRead = 'walk' | 'one' | 'two';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { companies: 100_000, seed: 'bench', backends: ['sqlite', 'postgres'], samples: 300, rounds: 2, repeat: 1, rebuild: true, latency: true, levelRead: 'walk' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--companies') args.companies = Number(argv[++i]);
    else if (a === '--seed') args.seed = String(argv[++i]);
    else if (a === '--samples') args.samples = Number(argv[++i]);
    else if (a === '--rounds') args.rounds = Number(argv[++i]);
    else if (a === '--repeat') args.repeat = Number(argv[++i]);
    else if (a === '--ndjson') args.ndjson = String(argv[++i]);
    else if (a === '--no-rebuild') args.rebuild = false;
    else if (a === '--keep-database') {
      args.keepDatabase = String(argv[++i]);
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(args.keepDatabase)) throw new Error(`--keep-database: a lower-case PostgreSQL identifier, got ${args.keepDatabase}`);
    }
    else if (a === '--no-latency') args.latency = false;
    else if (a === '--data-dir') args.dataDir = String(argv[++i]);
    else if (a === '--database-url') args.databaseUrl = String(argv[++i]);
    else if (a === '--level-read') {
      const v = argv[++i];
      args.levelRead = v === 'walk' || v === 'one' || v === 'two' || v === 'both' ? v : (() => { throw new Error(`--level-read walk|one|two|both, got ${v}`); })();
    }
    else if (a === '--backend') {
      const b = argv[++i];
      args.backends = b === 'both' ? ['sqlite', 'postgres'] : b === 'sqlite' || b === 'postgres' ? [b] : (() => { throw new Error(`--backend sqlite|postgres|both, got ${b}`); })();
    } else throw new Error(`unknown argument ${a} (use --companies N, --seed S, --backend sqlite|postgres|both, --samples N, --rounds N, --data-dir DIR, --database-url URL, --repeat N, --ndjson FILE, --no-rebuild, --no-latency, --keep-database NAME, --level-read one|two|both)`);
  }
  if (args.keepDatabase && !args.backends.includes('postgres')) throw new Error('--keep-database keeps a PostgreSQL store: use it with --backend postgres or both');
  if (!Number.isSafeInteger(args.companies) || args.companies < 100) throw new Error('--companies must be a whole number ≥ 100');
  return args;
}

const median = (v: number[]): number => quantile(v, 0.5);
const ms = (v: number): string => `${v.toFixed(2)} ms`;


/**
 * One import, wall seconds; prints its CPU time (this process: main thread and the worker, so the
 * figure survives a loaded machine better than the wall clock) and the bulk load's end phases.
 */
async function timeImport(db: Database, file: string, relationGraph: boolean, label: string): Promise<{ wall: number; cpu: number }> {
  const server = await serverCpu(db);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const phases: string[] = [];
  const summary = await importCompanies(db.db, fs.createReadStream(file), {
    workers: 1, relationGraph,
    onProgress: (e) => {
      if (e.kind === 'bulk') phases.push(`${e.phase} ${(e.ms / 1000).toFixed(1)} s`);
      else if (e.kind === 'statistics') phases.push(`analyze ${(e.ms / 1000).toFixed(1)} s`);
      else if (e.kind === 'identity') {
        const r = e.rebuilt;
        phases.push(`person identity ${(e.ms / 1000).toFixed(1)} s${r ? ` (rebuilt: read ${(r.read / 1000).toFixed(1)} s, resolve ${(r.resolve / 1000).toFixed(1)} s, write ${(r.write / 1000).toFixed(1)} s)` : ''}`);
      }
      else if (e.kind === 'writes') phases.push(`batches: ${Object.entries(e.steps).map(([step, t]) => `${step} ${(t / 1000).toFixed(1)} s`).join(', ')}`);
    },
  });
  if (summary.rejected > 0) throw new Error(`import rejected ${summary.rejected} lines: ${summary.errors[0]?.reason}`);
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const serverSeconds = await server?.();
  const serverPart = serverSeconds === undefined ? '' : `, server CPU ${serverSeconds.toFixed(1)} s`;
  console.log(`${label} import ${relationGraph ? 'with' : 'without'} graph: ${wall.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU (user ${(used.user / 1e6).toFixed(1)}, system ${(used.system / 1e6).toFixed(1)})${serverPart}${phases.length > 0 ? `; ${phases.join(', ')}` : ''}`);
  // The CPU of this process and, on PostgreSQL, of the store's server backends.
  return { wall, cpu: (used.user + used.system) / 1e6 + (serverSeconds ?? 0) };
}

/**
 * PostgreSQL on this machine: a function giving the CPU seconds the store's server processes
 * (its connections' backends) used since this call, read from /proc (user + system; backends that
 * connected meanwhile count from their start). Like the client's CPU, a figure that survives a
 * loaded machine better than the wall clock; the server's background writers are not in it.
 * Undefined on SQLite, or when /proc does not show the server (another host).
 */
async function serverCpu(db: Database): Promise<(() => Promise<number | undefined>) | undefined> {
  if (db.capabilities.name !== 'postgres') return undefined;
  const ticks = async (): Promise<Map<number, number> | undefined> => {
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db.db);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
        out.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        return undefined;
      }
    }
    return out;
  };
  const before = await ticks();
  if (!before) return undefined;
  return async () => {
    const after = await ticks();
    if (!after) return undefined;
    let sum = 0;
    for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
    return sum / CLOCK_TICKS_PER_SECOND;
  };
}

/** Linux's USER_HZ, the unit of /proc/PID/stat's times (100 on every Linux this runs on). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * `--keep-database NAME`: a new PostgreSQL database of that name under ZHENGXIN_TEST_POSTGRES_URL's
 * server, migrated, and never dropped (closing it is the only cleanup). Refused if it exists.
 */
async function keptDatabase(name: string, cleanups: Array<() => Promise<void>>): Promise<Database> {
  const admin = new pg.Client({ connectionString: process.env.ZHENGXIN_TEST_POSTGRES_URL! });
  await admin.connect();
  try {
    // CREATE DATABASE refuses an existing name itself (checked at the start too, to fail before importing).
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.ZHENGXIN_TEST_POSTGRES_URL!);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-bench-kept-'));
  const d = await openDatabase({ dataDir, databaseUrl: url.toString() });
  cleanups.push(async () => { await d.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });
  console.log(`postgres: the last import with the graph goes into database ${name} on ${url.host}, which is kept`);
  return d;
}

/** Whether a PostgreSQL database of this name exists (checked before any import, so a run is refused at once). */
async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: process.env.ZHENGXIN_TEST_POSTGRES_URL! });
  await admin.connect();
  try {
    return ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount ?? 0) > 0;
  } finally {
    await admin.end();
  }
}

async function timed<T>(n: number, fn: (i: number) => Promise<T>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Per call: the port's reads and sequential rounds (countingPort; independent of the load) and the
 * client's CPU time, so a change can be judged on a busy machine; the samples with most rounds named.
 */
class Reads {
  private readonly calls: Array<{ id: string; reads: number; rounds: number; cpu: number }> = [];

  async measure<T>(id: string, fn: (port: GraphReadPort) => Promise<T>): Promise<T> {
    const { port, count } = countingPort(levelPort(this.db, this.levelRead));
    const cpu = process.cpuUsage();
    const out = await fn(port);
    const used = process.cpuUsage(cpu);
    this.calls.push({ id, reads: count.reads, rounds: count.rounds, cpu: (used.user + used.system) / 1000 });
    return out;
  }

  constructor(private readonly db: Kysely<Schema>, private readonly levelRead: LevelRead = 'walk') {}

  print(label: string): void {
    const of = (f: (c: { reads: number; rounds: number; cpu: number }) => number): number[] => this.calls.map(f);
    const figures = (xs: number[], unit = ''): string => `p50 ${median(xs)}${unit}, p99 ${quantile(xs, 0.99)}${unit}, max ${Math.max(...xs)}${unit}`;
    const cpu = of((c) => c.cpu);
    console.log(`${label}: reads per call ${figures(of((c) => c.reads))}; sequential rounds ${figures(of((c) => c.rounds))}; client CPU p50 ${ms(median(cpu))}, p99 ${ms(quantile(cpu, 0.99))}`);
    const worst = [...this.calls].sort((a, b) => b.rounds - a.rounds || b.reads - a.reads).slice(0, 5);
    console.log(`${label}: most rounds: ${worst.map((c) => `${c.id} (${c.rounds} rounds, ${c.reads} reads)`).join(', ')}`);
    const busiest = [...this.calls].sort((a, b) => b.cpu - a.cpu).slice(0, 3);
    console.log(`${label}: most client CPU: ${busiest.map((c) => `${c.id} (${ms(c.cpu)}, ${c.reads} reads)`).join(', ')}`);
  }
}

/** The store's port; `two`: without the one-statement level read, as before it (the baseline). */
function levelPort(db: Kysely<Schema>, levelRead: LevelRead): GraphReadPort {
  const { ownershipWalk, edgesWithCompanies, keptGroupsAt, keptGroupsOf, ...rest } = graphStore(db);
  const kept = storesWithoutKeptGroups.has(db) ? {} : { ...(keptGroupsAt ? { keptGroupsAt } : {}), ...(keptGroupsOf ? { keptGroupsOf } : {}) };
  const twoReads = { ...rest, ...kept };
  if (levelRead === 'two' || !edgesWithCompanies) return twoReads;
  return levelRead === 'walk' && ownershipWalk ? { ...twoReads, edgesWithCompanies, ownershipWalk } : { ...twoReads, edgesWithCompanies };
}

/** Existing stores older than kept person groups (migration 0116, opened without migrations): persons are derived from the edges. */
const storesWithoutKeptGroups = new WeakSet<Kysely<Schema>>();

type Sample = { keys: string[]; pairs: Array<readonly [string, string]> };

/** The generator's KeyNos: `samples` companies, and as many pairs (half inside a group, half random). */
function samplesOf(args: Args): Sample {
  const rng = (i: number): number => (Math.imul(i + 1, 2654435761) >>> 0) % args.companies;
  const keys = Array.from({ length: args.samples }, (_, i) => deriveKeyNo(generateCompany(args.seed, rng(i))));
  const pairs = Array.from({ length: args.samples }, (_, i) => {
    const a = rng(i * 7 + 3);
    const b = i % 2 === 0 ? Math.min(args.companies - 1, a - (a % GROUP_SIZE) + ((a + 1 + (i % (GROUP_SIZE - 1))) % GROUP_SIZE)) : rng(i * 13 + 5);
    return [deriveKeyNo(generateCompany(args.seed, a)), deriveKeyNo(generateCompany(args.seed, b))] as const;
  });
  return { keys, pairs };
}

/** Steps 3 and 4: controller, facts and path latencies over the samples. */
async function latencies(label: string, db: Kysely<Schema>, sample: Sample, levelRead: LevelRead = 'walk'): Promise<void> {
  // Only companies the store holds (a store built by an older generator may lack a few).
  const stored = await graphStore(db).companies([...sample.keys, ...sample.pairs.flat()]);
  const keys = sample.keys.filter((k) => stored.has(k));
  const pairs = sample.pairs.filter(([a, b]) => stored.has(a) && stored.has(b));
  if (keys.length < sample.keys.length || pairs.length < sample.pairs.length) {
    console.log(`${label}: ${sample.keys.length - keys.length} sampled companies and ${sample.pairs.length - pairs.length} pairs are not in the store (built by another generator, --seed or --companies?); left out`);
  }
  let found = 0;
  const controllerReads = new Reads(db, levelRead);
  const controller = await timed(keys.length, async (i) => {
    if ((await controllerReads.measure(keys[i]!, (port) => controllerOf(db, keys[i]!, port)))?.status === 'found') found++;
  });
  console.log(`${label} controller derivation (controllerOf, ${keys.length} companies, ${found} with a controller): p50 ${ms(median(controller))}, p99 ${ms(quantile(controller, 0.99))}, max ${ms(Math.max(...controller))}`);
  controllerReads.print(`${label} controllerOf`);
  const factsReads = new Reads(db, levelRead);
  const facts = await timed(keys.length, (i) => factsReads.measure(keys[i]!, (port) => relationFactsOf(db, keys[i]!, { port })));
  console.log(`${label} relationFactsOf (depth 4): p50 ${ms(median(facts))}, p99 ${ms(quantile(facts, 0.99))}, max ${ms(Math.max(...facts))}`);
  factsReads.print(`${label} relationFactsOf`);
  let withPath = 0;
  let capped = 0;
  const pathReads = new Reads(db, levelRead);
  const paths = await timed(pairs.length, async (i) => {
    const r = await pathReads.measure(`${pairs[i]![0]}→${pairs[i]![1]}`, (port) => findPaths(db, pairs[i]![0], pairs[i]![1], { maxDepth: 4, port }));
    if (r.ok && r.paths.length > 0) withPath++;
    if (r.ok && r.capped) capped++;
  });
  console.log(`${label} findPaths depth 4 (${pairs.length} pairs, ${withPath} with a path, ${capped} capped): p50 ${ms(median(paths))}, p99 ${ms(quantile(paths, 0.99))}, max ${ms(Math.max(...paths))}`);
  pathReads.print(`${label} findPaths depth 4`);
}

/** One latency pass; with `both`, the baseline (one statement per level) first, then the walk in one statement, on the same samples. */
async function latencyPass(label: string, db: Kysely<Schema>, sample: Sample, levelRead: LevelRead | 'both'): Promise<void> {
  if (levelRead !== 'both') return latencies(label, db, sample, levelRead);
  await latencies(`${label.replace(/\)$/, '')}, one statement per level)`, db, sample, 'one');
  await latencies(`${label.replace(/\)$/, '')}, ownership walk in one statement)`, db, sample, 'walk');
}

/** Whether the walk and the level-by-level read give the same findings (controllerOf, relationFactsOf, findPaths) for every sample. */
async function compareFindings(label: string, db: Kysely<Schema>, sample: Sample): Promise<void> {
  const stored = await graphStore(db).companies(sample.keys);
  const keys = sample.keys.filter((k) => stored.has(k));
  const differ: string[] = [];
  for (const k of keys) {
    const [c1, c2] = [await controllerOf(db, k, levelPort(db, 'walk')), await controllerOf(db, k, levelPort(db, 'one'))];
    const [f1, f2] = [await relationFactsOf(db, k, { port: levelPort(db, 'walk') }), await relationFactsOf(db, k, { port: levelPort(db, 'one') })];
    if (!isDeepStrictEqual(c1, c2) || !isDeepStrictEqual(f1, f2)) differ.push(k);
  }
  console.log(`${label} findings, ownership walk against one statement per level: ${keys.length - differ.length} of ${keys.length} companies identical (controllerOf and relationFactsOf)${differ.length > 0 ? `; differ: ${differ.slice(0, 5).join(', ')}` : ''}`);
  const ends = await graphStore(db).companies(sample.pairs.flat());
  const pairs = sample.pairs.filter(([a, b]) => ends.has(a) && ends.has(b));
  const differPaths: string[] = [];
  for (const [a, b] of pairs) {
    const one = await findPaths(db, a, b, { maxDepth: 4, port: levelPort(db, 'walk') });
    const two = await findPaths(db, a, b, { maxDepth: 4, port: levelPort(db, 'one') });
    if (!isDeepStrictEqual(one, two)) differPaths.push(`${a}→${b}`);
  }
  console.log(`${label} findPaths depth 4, ownership walk against one statement per level: ${pairs.length - differPaths.length} of ${pairs.length} pairs identical${differPaths.length > 0 ? `; differ: ${differPaths.slice(0, 5).join(', ')}` : ''}`);
}

/** Latencies only, on a store that exists (opened without migrations: nothing is written). */
async function onExistingStore(args: Args): Promise<void> {
  const backend = args.databaseUrl ? 'postgres' : 'sqlite';
  if (args.dataDir && !fs.existsSync(path.join(args.dataDir, SQLITE_FILE_NAME))) throw new Error(`--data-dir ${args.dataDir} holds no ${SQLITE_FILE_NAME}`);
  const scratch = args.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-bench-graph-'));
  const d = await openDatabase({ dataDir: scratch, databaseUrl: args.databaseUrl, migrate: false });
  try {
    const sample = samplesOf(args);
    try {
      await sql`select 1 from person_groups limit 1`.execute(d.db);
    } catch {
      storesWithoutKeptGroups.add(d.db);
      console.log(`${backend}: the store has no kept person groups (built before migration 0116): persons are derived from the edges`);
    }
    for (let r = 1; r <= args.repeat; r++) await latencyPass(`${backend} (existing store, pass ${r}/${args.repeat})`, d.db, sample, args.levelRead);
    if (args.levelRead === 'both') await compareFindings(backend, d.db, sample);
  } finally {
    await d.close();
    if (!args.dataDir) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.dataDir || args.databaseUrl) return onExistingStore(args);
  if (args.backends.includes('postgres') && !process.env.ZHENGXIN_TEST_POSTGRES_URL) {
    console.log('PostgreSQL skipped: ZHENGXIN_TEST_POSTGRES_URL is not set');
    args.backends = args.backends.filter((b) => b !== 'postgres');
  }
  if (args.keepDatabase) {
    if (!args.backends.includes('postgres')) throw new Error('--keep-database needs ZHENGXIN_TEST_POSTGRES_URL');
    if (await databaseExists(args.keepDatabase)) throw new Error(`--keep-database ${args.keepDatabase}: a database of that name exists; drop it or choose another name`);
  }
  const file = args.ndjson ?? path.join(os.tmpdir(), `zhengxin-bench-graph-${process.pid}.ndjson`);
  let t = performance.now();
  if (args.ndjson) console.log(`companies from ${args.ndjson} (as generated with --companies ${args.companies} --seed ${args.seed})`);
  else await writeCompanyNdjson(generateCompanies({ count: args.companies, seed: args.seed }), fs.createWriteStream(file));
  if (!args.ndjson) console.log(`generated ${args.companies} companies in ${((performance.now() - t) / 1000).toFixed(1)} s (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`);
  const sample = samplesOf(args);
  try {
    for (const backend of args.backends) {
      {
        const withGraph: number[] = [];
        const without: number[] = [];
        const withGraphCpu: number[] = [];
        const withoutCpu: number[] = [];
        // One store on disk at a time (a 1,000,000-company store is ~9 GB): each is dropped once measured.
        const drop = async (own: Array<() => Promise<void>>): Promise<void> => { for (const c of own.reverse()) await c(); };
        for (let r = 0; r < args.rounds; r++) {
          const last = r === args.rounds - 1;
          const plainCleanups: Array<() => Promise<void>> = [];
          const plainDb = await scratchDatabase(backend, plainCleanups, 'graph');
          try {
            const plain = await timeImport(plainDb, file, false, backend);
            without.push(plain.wall);
            withoutCpu.push(plain.cpu);
            if (last && args.rebuild) {
              t = performance.now();
              const built = await ensureRelationGraph(plainDb.db);
              console.log(`${backend} ensureRelationGraph on the store imported without it: ${built} companies in ${((performance.now() - t) / 1000).toFixed(1)} s`);
            }
          } finally {
            await drop(plainCleanups);
          }
          const graphCleanups: Array<() => Promise<void>> = [];
          const graphDb = last && backend === 'postgres' && args.keepDatabase
            ? await keptDatabase(args.keepDatabase, graphCleanups)
            : await scratchDatabase(backend, graphCleanups, 'graph');
          try {
            const graphed = await timeImport(graphDb, file, true, backend);
            withGraph.push(graphed.wall);
            withGraphCpu.push(graphed.cpu);
            console.log(`${backend} round ${r + 1}: import without graph ${without.at(-1)!.toFixed(1)} s, with graph ${withGraph.at(-1)!.toFixed(1)} s`);
            if (last && args.latency) {
              await latencyPass(`${backend} (imported)`, graphDb.db, sample, args.levelRead);
              if (args.levelRead === 'both') await compareFindings(backend, graphDb.db, sample);
            }
          } finally {
            await drop(graphCleanups);
          }
        }
        console.log(`${backend} import of ${args.companies}: median without graph ${median(without).toFixed(1)} s, with graph ${median(withGraph).toFixed(1)} s, ratio ${(median(withGraph) / median(without)).toFixed(3)} (+${((median(withGraph) / median(without) - 1) * 100).toFixed(1)} %)`);
        const cpuRatio = median(withGraphCpu) / median(withoutCpu);
        console.log(`${backend} import of ${args.companies}, CPU (this process${backend === 'postgres' ? ' and the server backends' : ''}): median without graph ${median(withoutCpu).toFixed(1)} s, with graph ${median(withGraphCpu).toFixed(1)} s, ratio ${cpuRatio.toFixed(3)} (+${((cpuRatio - 1) * 100).toFixed(1)} %)`);
      }
    }
  } finally {
    if (!args.ndjson) fs.rmSync(file, { force: true });
  }
}

await main();
