/**
 * `npm run bench:shared-counts [-- --companies N] [--seed S] [--backend sqlite|postgres|both] [--samples N]`
 *
 * The shell scan's store-wide counts (issue 13, item 4): N synthetic companies (default 200,000)
 * written once to an NDJSON file and imported into a fresh store per backend, then `sharedCountsOf`
 * (src/companies/shared-counts.ts) timed over `--samples` sampled companies after a warm-up pass
 * over other companies; p50/p99 per backend. PostgreSQL runs when ZHENGXIN_TEST_POSTGRES_URL is set
 * (an admin URL; a scratch database is created and dropped). Figures, not assertions: the machine
 * is shared.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importCompanies } from '../src/companies/import.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { sharedCountsOf } from '../src/companies/shared-counts.js';
import { generateCompanies, generateCompany, writeCompanyNdjson } from '../src/companies/synthetic/index.js';
import { quantile, scratchDatabase } from './support/scratch-database.js';

type Backend = 'sqlite' | 'postgres';
interface Args { companies: number; seed: string; backends: Backend[]; samples: number }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { companies: 200_000, seed: 'bench', backends: ['sqlite', 'postgres'], samples: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--companies') args.companies = Number(argv[++i]);
    else if (a === '--seed') args.seed = String(argv[++i]);
    else if (a === '--samples') args.samples = Number(argv[++i]);
    else if (a === '--backend') {
      const b = argv[++i];
      args.backends = b === 'both' ? ['sqlite', 'postgres'] : b === 'sqlite' || b === 'postgres' ? [b] : (() => { throw new Error(`--backend sqlite|postgres|both, got ${b}`); })();
    } else throw new Error(`unknown argument ${a} (use --companies N, --seed S, --backend sqlite|postgres|both, --samples N)`);
  }
  if (!Number.isSafeInteger(args.companies) || args.companies < 100) throw new Error('--companies must be a whole number ≥ 100');
  if (!Number.isSafeInteger(args.samples) || args.samples < 1) throw new Error('--samples must be a whole number ≥ 1');
  return args;
}

const ms = (v: number): string => `${v.toFixed(3)} ms`;


async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.backends.includes('postgres') && !process.env.ZHENGXIN_TEST_POSTGRES_URL) {
    console.log('PostgreSQL skipped: ZHENGXIN_TEST_POSTGRES_URL is not set');
    args.backends = args.backends.filter((b) => b !== 'postgres');
  }
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
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
        for (const k of warmKeys) await sharedCountsOf(d.db, k);
        const times: number[] = [];
        let missing = 0;
        let shared = 0;
        for (const k of sampleKeys) {
          const s = performance.now();
          const counts = await sharedCountsOf(d.db, k);
          times.push(performance.now() - s);
          if (!counts) missing++;
          else if ((counts.sameAddress ?? 0) > 1 || (counts.samePhone ?? 0) > 1 || (counts.sameEmail ?? 0) > 1) shared++;
        }
        if (missing > 0) throw new Error(`${missing} sampled companies were not found in the ${backend} store`);
        console.log(`${backend} sharedCountsOf over ${args.samples} companies of ${args.companies} (${shared} sharing an address, phone or e-mail): p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}`);
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
