/**
 * Real-time figures (issue 18), embedded SQLite (or an existing store), in-process app:
 *
 * 1. push latency (PUT answer, median) and sequential PUT throughput, creates then updates
 *    (Fastify inject, so no socket cost);
 * 2. batch push throughput, updates (a new risk record per company), three rounds each of
 *    a. the HTTP batch push, `POST /admin/companies` with an NDJSON body over a real socket to the
 *       app listening on 127.0.0.1 (what a data feed calls; the issue's "≥ 2,000 company
 *       updates/s" is taken here), and
 *    b. `pushLines`, one transaction per file (`data watch`'s path), called directly: the baseline
 *       measured in the same run;
 * 3. event → callback delivered: a record appended to a watched company until the signed POST
 *    reaches a local receiver (real dispatcher, real HTTP), p50/p90; a delivery slower than a
 *    second is printed with its attempts and last error (what delayed it);
 * 4. CreateReport latency and throughput (sequential, one account) with 0 and with 100,000 watched
 *    companies on that account, alternated twice in the same run: the ratio is the watch cost.
 *
 * Every throughput is printed as wall rate and as CPU per company (process CPU time / companies,
 * with the implied rate per core): on a shared machine the wall rate measures the neighbours, the
 * CPU time measures this code. The load average is printed with each.
 *
 * Usage: npm run build && node dist/bench/realtime.js [companies (default 2000)] [watches (default 100000)]
 *   [--data-dir DIR | --database-url URL]
 * `--data-dir` (a SQLite store) or `--database-url` (PostgreSQL) runs on an existing store, e.g. a
 * copy of the shared 1M store: the bench WRITES to it (its own companies, accounts, watches and
 * orders, left there), so never point it at a store you keep. Without either, a fresh SQLite store
 * in a temporary folder, deleted at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/api-config.js';
import { createAccount } from '../src/accounts/accounts.js';
import { secretBox } from '../src/accounts/secrets.js';
import { countCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { openDatabase, SQLITE_FILE_NAME } from '../src/db/database.js';
import { manualClock } from '../src/ops/clock.js';
import { companyDirectory } from '../src/orders/company-directory.js';
import { computeToken } from '../src/protocol/token.js';
import { dbJobQueue } from '../src/queue/db-queue.js';
import { startCallbackDispatcher } from '../src/realtime/deliveries.js';
import { feedHead } from '../src/realtime/feed.js';
import { pushLines } from '../src/realtime/push.js';
import { fsBlobStore } from '../src/storage/fs-blob-store.js';
import { quantile } from './support/scratch-database.js';

const positional: string[] = [];
let dataDir: string | undefined;
let databaseUrl: string | undefined;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i]!;
  if (a === '--data-dir') dataDir = process.argv[++i];
  else if (a === '--database-url') databaseUrl = process.argv[++i];
  else if (a.startsWith('--')) throw new Error(`unknown option ${a} (use [companies] [watches] [--data-dir DIR | --database-url URL])`);
  else positional.push(a);
}
if (dataDir && databaseUrl) throw new Error('give --data-dir or --database-url, not both');
if (dataDir && !fs.existsSync(path.join(dataDir, SQLITE_FILE_NAME))) throw new Error(`--data-dir ${dataDir} holds no ${SQLITE_FILE_NAME}`);
const n = Number(positional[0] ?? 2000);
const watchCount = Number(positional[1] ?? 100_000);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-bench-rt-'));
const dir = dataDir ?? scratch;
const database = await openDatabase({ dataDir: dir, ...(databaseUrl ? { databaseUrl } : {}) });
const storeName = databaseUrl ? `PostgreSQL ${databaseUrl.replace(/\/\/[^@/]*@/, '//')}` : `SQLite in ${dir}`;
const secrets = secretBox(crypto.randomBytes(32));
const clock = manualClock(Date.now());
const queue = dbJobQueue(database, { pollMs: 1000, leaseMs: 30_000 } as never);
const app = await buildApp({
  config: loadApiConfig({ ZHENGXIN_ADMIN_TOKEN: 'bench' }), database, blobStore: fsBlobStore(path.join(scratch, 'reports')), jobQueue: queue as never,
  directory: companyDirectory(database.db), secrets, clock,
});
const AUTH = { authorization: 'Bearer bench' };
const docs = Array.from({ length: n }, (_, i) => {
  const uscc = completeUscc(`91310115MA${String(i).padStart(6, '0')}`);
  return { schemaVersion: 1, name: `上海推送基准${i}有限公司`, uscc, companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-18', address: `上海市${i}号`, dataAsOf: '2026-06-30T00:00:00+08:00' };
});
const median = (xs: number[]) => quantile(xs, 0.5);
const load = () => os.loadavg()[0]!.toFixed(1);
const cpuMs = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const rates = (count: number, wallMs: number, cpu: number) =>
  `${(count / (wallMs / 1000)).toFixed(0)} /s wall, ${((cpu * 1000) / count).toFixed(0)} µs CPU each (${(count / (cpu / 1000)).toFixed(0)} /s per core), load ${load()}`;
console.log(`bench:realtime — ${n} companies, ${watchCount.toLocaleString('en-US')} watches, ${storeName} (${(await countCompanies(database.db)).toLocaleString('en-US')} companies stored), ${os.cpus().length} CPUs, load ${load()} (a shared machine: read the CPU figures)`);

// 1. Sequential PUTs.
const put = (d: (typeof docs)[number], round: number) =>
  app.inject({ method: 'PUT', url: `/admin/companies/${deriveKeyNo(d)}`, headers: AUTH, payload: { ...d, address: `${d.address} r${round}` } });
for (const round of [1, 2]) {
  const lat: number[] = [];
  const t0 = performance.now();
  const c0 = cpuMs();
  for (const d of docs) {
    const s = performance.now();
    const r = await put(d, round);
    if (r.statusCode >= 300) throw new Error(r.body);
    lat.push(performance.now() - s);
  }
  console.log(`PUT round ${round} (${round === 1 ? 'creates' : 'updates'}), sequential: ${rates(n, performance.now() - t0, cpuMs() - c0)}; latency median ${median(lat).toFixed(2)} ms`);
}

// 2. Batch push: a new risk record per company (what a data feed mostly sends), over HTTP and direct.
const batchLines = (round: number, tag: string) =>
  docs.map((d, i) => JSON.stringify({ ...d, address: `${d.address} r2`, dishonest: [{ caseNo: `(2026)沪0115执${tag}${round}-${i}号`, court: '上海市浦东新区人民法院', filedOn: '2026-05-01' }] }));
await app.listen({ port: 0, host: '127.0.0.1' });
const appPort = (app.server.address() as AddressInfo).port;
const postNdjson = (body: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: appPort, path: '/admin/companies', method: 'POST', agent: false,
      headers: { ...AUTH, 'content-type': 'application/x-ndjson', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
const httpRates: number[] = [];
const directRates: number[] = [];
for (const round of [1, 2, 3]) {
  const body = `${batchLines(round, 'H').join('\n')}\n`;
  let t0 = performance.now();
  let c0 = cpuMs();
  const r = await postNdjson(body);
  if (r.status !== 200) throw new Error(`POST /admin/companies answered ${r.status}: ${r.text.slice(0, 300)}`);
  const answer = JSON.parse(r.text) as { updated: number; rejected: number };
  let wall = performance.now() - t0;
  httpRates.push(answer.updated / (wall / 1000));
  console.log(`HTTP batch push (POST /admin/companies, NDJSON, ${n} documents, ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB, real socket) round ${round}: ${answer.updated} updates, ${answer.rejected} rejected, ${rates(answer.updated, wall, cpuMs() - c0)} (target ≥ 2,000 /s)`);

  const lines = batchLines(round, 'D');
  t0 = performance.now();
  c0 = cpuMs();
  const { outcomes } = await pushLines(database.db, lines, Date.now());
  const updated = outcomes.filter((o) => o.status === 'updated').length;
  wall = performance.now() - t0;
  directRates.push(updated / (wall / 1000));
  console.log(`  baseline, pushLines (one transaction, no HTTP) round ${round}: ${updated} updates, ${rates(updated, wall, cpuMs() - c0)}`);
}
console.log(`batch push, fastest of 3 rounds: HTTP ${Math.max(...httpRates).toFixed(0)} /s wall, pushLines ${Math.max(...directRates).toFixed(0)} /s wall (HTTP/pushLines ×${(Math.max(...httpRates) / Math.max(...directRates)).toFixed(2)}); target ≥ 2,000 /s on SQLite; load ${load()}`);

// 3. Event → callback delivered.
const received = new Map<string, number>();
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; data: { KeyNo: string } };
    if (body.type === 'record.added' && !received.has(body.data.KeyNo)) received.set(body.data.KeyNo, performance.now());
    res.writeHead(204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
const watcher = await createAccount(database.db, secrets, { name: '监控银行', balance: 1e9, concurrencyLimit: 1e9, callbackUrl: hookUrl, interfaces: 'all' }, clock.now());
const watched = docs.slice(0, 40).map((d) => deriveKeyNo(d));
const head = await feedHead(database.db);
await database.db.insertInto('monitor_watches').values(watched.map((k) => ({ account_key: watcher.account.key, key_no: k, since_event: head, added_at: new Date().toISOString() }))).execute();
const dispatcher = startCallbackDispatcher({ db: database.db, secrets, allowPrivate: true, skipLocked: Boolean(databaseUrl), pollMs: 1000 });
const delays: number[] = [];
for (const [i, keyNo] of watched.entries()) {
  const t0 = performance.now();
  const r = await app.inject({ method: 'POST', url: `/admin/companies/${keyNo}/records/dishonest`, headers: AUTH, payload: { caseNo: `(2026)沪0115执回调${i}号`, court: '上海市浦东新区人民法院', filedOn: '2026-05-02' } });
  if (r.statusCode !== 200) throw new Error(r.body);
  dispatcher.kick(); // what the server's onDataChanged does after a push
  while (!received.has(keyNo)) await new Promise((res) => setTimeout(res, 2));
  delays.push(received.get(keyNo)! - t0);
}
await dispatcher.close();
receiver.close();
// What delayed a slow one: its attempts and the last failure the dispatcher recorded.
for (const [i, keyNo] of watched.entries()) {
  if (delays[i]! < 1000) continue;
  const rows = await database.db.selectFrom('callback_deliveries').select(['id', 'attempts', 'last_status', 'last_error', 'created_at', 'delivered_at'])
    .where('account_key', '=', watcher.account.key).where('body', 'like', `%${keyNo}%`).execute();
  console.log(`  slow delivery (${delays[i]!.toFixed(0)} ms) for ${keyNo}: ${JSON.stringify(rows)}`);
}
console.log(`event → callback delivered (push start → signed POST received), ${delays.length} events: p50 ${median(delays).toFixed(1)} ms, p90 ${quantile(delays, 0.9).toFixed(1)} ms, max ${Math.max(...delays).toFixed(1)} ms (target p50 ≤ 1 s); load ${load()}`);

// 4. CreateReport with 0 and with `watchCount` watches on the ordering account.
const orderer = await createAccount(database.db, secrets, { name: '下单银行', balance: 1e9, concurrencyLimit: 1e9 }, clock.now());
const orderKey = orderer.account.key;
const createReports = async (count: number): Promise<{ p50: number; perSecond: number; cpuUs: number }> => {
  const lat: number[] = [];
  const t0 = performance.now();
  const c0 = cpuMs();
  for (let i = 0; i < count; i++) {
    clock.set(Date.now());
    const timespan = String(Math.floor(clock.now() / 1000));
    const s = performance.now();
    const r = await app.inject({
      method: 'GET', url: '/api/yj/Report/CreateReport', remoteAddress: '127.0.0.1',
      query: { key: orderKey, keyNo: deriveKeyNo(docs[i % n]!), reportFormat: '1' },
      headers: { Token: computeToken(orderKey, timespan, orderer.secretKey), Timespan: timespan },
    });
    lat.push(performance.now() - s);
    const status = (r.json() as { Status: string }).Status;
    if (status !== '200') throw new Error(`CreateReport answered ${r.body}`);
  }
  const wall = performance.now() - t0;
  return { p50: median(lat), perSecond: count / (wall / 1000), cpuUs: ((cpuMs() - c0) * 1000) / count };
};
const addWatches = async (): Promise<void> => {
  const at = new Date().toISOString();
  for (let i = 0; i < watchCount; i += 5000) {
    const rows = Array.from({ length: Math.min(5000, watchCount - i) }, (_, j) => ({ account_key: orderKey, key_no: crypto.createHash('md5').update(`w${i + j}`).digest('hex'), since_event: 0, added_at: at }));
    await database.db.insertInto('monitor_watches').values(rows).execute();
  }
};
const dropWatches = () => database.db.deleteFrom('monitor_watches').where('account_key', '=', orderKey).execute();
await createReports(200); // warm-up
const orders = 500;
const results: Record<'none' | 'watched', Array<{ p50: number; perSecond: number; cpuUs: number }>> = { none: [], watched: [] };
for (let pass = 0; pass < 2; pass++) {
  results.none.push(await createReports(orders));
  await addWatches();
  results.watched.push(await createReports(orders));
  await dropWatches();
}
const med = (k: 'none' | 'watched', f: 'p50' | 'perSecond' | 'cpuUs') => median(results[k].map((r) => r[f]));
for (const k of ['none', 'watched'] as const) {
  console.log(`CreateReport, ${k === 'none' ? 'no watches' : `${watchCount.toLocaleString('en-US')} watches`} on the account (${orders} sequential orders × 2 passes, medians): latency p50 ${med(k, 'p50').toFixed(2)} ms, ${med(k, 'perSecond').toFixed(0)} /s wall, ${med(k, 'cpuUs').toFixed(0)} µs CPU each`);
}
console.log(`CreateReport with ${watchCount.toLocaleString('en-US')} watches vs none: latency p50 ×${(med('watched', 'p50') / med('none', 'p50')).toFixed(3)}, CPU per order ×${(med('watched', 'cpuUs') / med('none', 'cpuUs')).toFixed(3)} (target: ≤ 1.05); load ${load()}`);

await app.close();
await database.close();
fs.rmSync(scratch, { recursive: true, force: true });
