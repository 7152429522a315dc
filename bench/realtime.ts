/**
 * Data push figures (issue 18), embedded SQLite, in-process HTTP (Fastify inject, so no socket
 * cost): push latency (PUT answer, median), sequential push throughput, and NDJSON batch push
 * throughput (pushLines, as `data watch` would use), each against the same 2,000 companies.
 * Usage: npm run build && node dist/bench/realtime.js [companies]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/api-config.js';
import { secretBox } from '../src/accounts/secrets.js';
import { completeUscc } from '../src/companies/uscc.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { openDatabase } from '../src/db/database.js';
import { manualClock } from '../src/ops/clock.js';
import { companyDirectory } from '../src/orders/company-directory.js';
import { dbJobQueue } from '../src/queue/db-queue.js';
import { pushLines } from '../src/realtime/push.js';
import { fsBlobStore } from '../src/storage/fs-blob-store.js';

const n = Number(process.argv[2] ?? 2000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-bench-rt-'));
const database = await openDatabase({ dataDir: dir });
const queue = dbJobQueue(database, { pollMs: 1000, leaseMs: 30_000 } as never);
const app = await buildApp({
  config: loadApiConfig({ ZHENGXIN_ADMIN_TOKEN: 'bench' }), database, blobStore: fsBlobStore(path.join(dir, 'reports')), jobQueue: queue as never,
  directory: companyDirectory(database.db), secrets: secretBox(crypto.randomBytes(32)), clock: manualClock(Date.now()),
});
const docs = Array.from({ length: n }, (_, i) => {
  const uscc = completeUscc(`91310115MA${String(i).padStart(6, '0')}`);
  return { schemaVersion: 1, name: `上海推送基准${i}有限公司`, uscc, companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-18', address: `上海市${i}号`, dataAsOf: '2026-06-30T00:00:00+08:00' };
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const put = (d: (typeof docs)[number], round: number) =>
  app.inject({ method: 'PUT', url: `/admin/companies/${deriveKeyNo(d)}`, headers: { authorization: 'Bearer bench' }, payload: { ...d, address: `${d.address} r${round}` } });

for (const round of [1, 2]) {
  const lat: number[] = [];
  const t0 = performance.now();
  for (const d of docs) {
    const s = performance.now();
    const r = await put(d, round);
    if (r.statusCode >= 300) throw new Error(r.body);
    lat.push(performance.now() - s);
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`PUT round ${round} (${round === 1 ? 'creates' : 'updates'}): ${n} pushes in ${secs.toFixed(2)} s = ${(n / secs).toFixed(0)} /s sequential; latency median ${median(lat).toFixed(2)} ms`);
}
const lines = docs.map((d) => JSON.stringify({ ...d, address: `${d.address} batch` }));
const t1 = performance.now();
const { outcomes } = await pushLines(database.db, lines, Date.now());
const secs = (performance.now() - t1) / 1000;
console.log(`NDJSON batch (pushLines, one transaction): ${outcomes.filter((o) => o.status === 'updated').length} updates in ${secs.toFixed(2)} s = ${(n / secs).toFixed(0)} /s`);
await app.close();
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
