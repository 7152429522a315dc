/**
 * What keeping person identity with the graph costs (docs/relations.md "Who is one person"), on an
 * existing store, which this bench WRITES to (migrations, then the kept groups): use a copy.
 *
 *   node dist/bench/identity.js --data-dir DIR | --database-url URL [--regroup 500] [--rounds 3]
 *
 * 1. the whole store's build (`rebuildPersonIdentity`): wall, this process's CPU, peak RSS, rows;
 * 2. regrouping dirty names (`regroupDirtyNames`): the names of `--regroup` random mentions marked
 *    dirty, then regrouped in batches, `--rounds` times: milliseconds per name (median of rounds).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { rebuildPersonIdentity, regroupDirtyNames } from '../src/companies/relations/identity-build.js';
import { markDirty } from '../src/companies/relations/identity-store.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = arg('data-dir');
const databaseUrl = arg('database-url');
if (!dataDir && !databaseUrl) {
  console.error('usage: node dist/bench/identity.js --data-dir DIR | --database-url URL [--regroup N] [--rounds N] [--no-build]');
  process.exit(2);
}
const regroup = Number(arg('regroup') ?? 500);
const rounds = Number(arg('rounds') ?? 3);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const d = await openDatabase({ dataDir: dataDir ?? '', ...(databaseUrl ? { databaseUrl } : {}) });
try {
  if (!process.argv.includes('--no-build')) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await rebuildPersonIdentity(d.db);
    const cpu = process.cpuUsage(cpu0);
    console.log(`build: ${r.names} names, ${r.rows} grouped mentions; wall ${((performance.now() - t0) / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; phases (ms): read ${r.phases.read.toFixed(0)}, resolve ${r.phases.resolve.toFixed(0)}, cluster+write ${r.phases.write.toFixed(0)}`);
  }
  const perName: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const refs = (await sql<{ a_ref: string }>`select a_ref from company_relations where a_type = 'person' order by random() limit ${regroup}`.execute(d.db)).rows.map((r) => r.a_ref);
    await markDirty(d.db, refs);
    const t0 = performance.now();
    let names = 0;
    for (let n; (n = await regroupDirtyNames(d.db)) > 0;) names += n;
    const ms = performance.now() - t0;
    perName.push(ms / Math.max(1, names));
    console.log(`regroup round ${round + 1}: ${names} names in ${ms.toFixed(0)} ms (${(ms / Math.max(1, names)).toFixed(2)} ms per name)`);
  }
  if (perName.length > 0) console.log(`regroup: median ${median(perName).toFixed(2)} ms per dirty name over ${rounds} rounds of ${regroup} random mentions' names`);
} finally {
  await d.close();
}
