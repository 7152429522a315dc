/**
 * `npm run soak [-- --seconds N] [--clients N] [--order-every-ms N]`
 *
 * Mixed load against a real server process for 10 minutes (configurable): orders, polls, retrieves
 * and bad requests (no key, wrong token, bad parameters, malformed bodies, unknown paths and codes),
 * with one `kill -9` of the server half-way and a restart. Prints the requests, errors by kind,
 * the server's RSS at start and end, and the two figures that must be zero: acknowledged orders
 * missing from the database (lost) and orders charged more than once (double charges).
 * SQLite in a temp dir, the embedded queue and disk store. Figures, not assertions: the machine is
 * shared.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../src/db/database.js';
import { computeToken } from '../src/protocol/token.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'bin/zhengxin.js');

interface Args { seconds: number; clients: number; orderEveryMs: number; companies: number }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { seconds: 600, clients: 4, orderEveryMs: 1000, companies: 300 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const n = Number(argv[++i]);
    if (a === '--seconds') args.seconds = n;
    else if (a === '--clients') args.clients = n;
    else if (a === '--order-every-ms') args.orderEveryMs = n;
    else if (a === '--companies') args.companies = n;
    else throw new Error(`unknown argument ${a} (use --seconds N, --clients N, --order-every-ms N, --companies N)`);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${a} needs a positive number`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-soak-'));
const env: NodeJS.ProcessEnv = { ...process.env, ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_ADMIN_TOKEN: 'soak-admin-token-0123456789abcdef', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
delete env.REDIS_URL;

function cli(argv: string[], input?: Buffer): string {
  const r = spawnSync(process.execPath, [BIN, ...argv], { env, input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`zhengxin ${argv.join(' ')}: exit ${r.status}: ${r.stderr.toString()}`);
  return r.stdout.toString();
}

// Data and accounts, through the CLI as an operator would.
const ndjson = spawnSync(process.execPath, [BIN, 'data', 'generate', '--companies', String(args.companies), '--seed', 'soak'], { env, maxBuffer: 1 << 30 }).stdout;
cli(['data', 'import', '-'], ndjson);
const good = JSON.parse(cli(['accounts', 'create', '--name', 'soak', '--balance', '10000000', '--concurrency', '100000', '--json'])) as { key: string; secretKey: string };
const bad = JSON.parse(cli(['accounts', 'create', '--name', 'soak-bad', '--balance', '10', '--json'])) as { key: string; secretKey: string };
const companyNames = (() => {
  const db = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    return (db.prepare("SELECT name FROM companies WHERE entity_kind = 'ENTERPRISE' ORDER BY key_no").all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
})();
if (companyNames.length === 0) throw new Error('no companies were imported');

const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env: { ...env, HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => { const s = d.toString(); if (/listening/.test(s)) return; process.stderr.write(`server: ${s}`); });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async (): Promise<void> => {
      if (child.exitCode !== null) return reject(new Error(`server exited with ${child.exitCode}`));
      try {
        if ((await fetch(`${base}/healthz`)).ok) return resolve(child);
      } catch { /* not up yet */ }
      if (Date.now() > deadline) return reject(new Error('server did not come up in 60 s'));
      setTimeout(() => void poll(), 100);
    };
    void poll();
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const counts = new Map<string, number>();
const count = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
let requests = 0;
const acknowledged = new Set<string>();
const open = new Set<string>();
const done = new Map<string, string>();

async function call(name: string, creds: { key: string; secretKey: string }, params: Record<string, string>, opts: { token?: string; body?: string; contentType?: string } = {}): Promise<{ http: number; body: Record<string, unknown> | undefined }> {
  const timespan = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { Token: opts.token ?? computeToken(creds.key, timespan, creds.secretKey), Timespan: timespan };
  const search = new URLSearchParams({ key: creds.key, ...params });
  requests++;
  const res = opts.body !== undefined
    ? await fetch(`${base}/api/yj/Report/${name}?key=${creds.key}`, { method: 'POST', headers: { ...headers, 'Content-Type': opts.contentType ?? 'application/json' }, body: opts.body })
    : await fetch(`${base}/api/yj/Report/${name}?${search}`, { headers });
  const text = await res.text();
  let body: Record<string, unknown> | undefined;
  try { body = JSON.parse(text) as Record<string, unknown>; } catch { body = undefined; }
  return { http: res.status, body };
}

async function guarded(kind: string, work: () => Promise<string>): Promise<void> {
  try {
    count(`${kind} ${await work()}`);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err instanceof Error ? err.message : String(err));
    count(`${kind} network ${cause}`);
    // The server is down (the kill -9): back off a little instead of spinning.
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

async function client(until: number): Promise<void> {
  let nextOrder = Date.now();
  while (Date.now() < until) {
    if (Date.now() >= nextOrder) {
      nextOrder = Date.now() + args.orderEveryMs;
      await guarded('CreateReport', async () => {
        const r = await call('CreateReport', good, { keyNo: pick(companyNames), reportFormat: Math.random() < 0.8 ? '1' : '2' });
        const orderNo = (r.body?.Result as { OrderNo?: string } | null)?.OrderNo;
        if (r.body?.Status === '200' && orderNo) { acknowledged.add(orderNo); open.add(orderNo); }
        return `${r.http}/${String(r.body?.Status ?? 'non-json')}`;
      });
    }
    const roll = Math.random();
    if (roll < 0.5 && open.size > 0) {
      const orderNo = pick([...open]);
      await guarded('GetReportInfo', async () => {
        const r = await call('GetReportInfo', good, { orderNo });
        const result = r.body?.Result as { ReportStatus?: string; ReportUrl?: string } | null;
        if (result?.ReportStatus === 'S' || result?.ReportStatus === 'F') { open.delete(orderNo); if (result.ReportUrl) done.set(orderNo, result.ReportUrl); }
        return `${r.http}/${String(r.body?.Status ?? 'non-json')}`;
      });
    } else if (roll < 0.7 && done.size > 0) {
      const url = pick([...done.values()]);
      await guarded('retrieve', async () => {
        requests++;
        const res = await fetch(`${base}${url}`, Math.random() < 0.3 ? { headers: { Range: 'bytes=0-99' } } : {});
        const bytes = Buffer.from(await res.arrayBuffer());
        const length = Number(res.headers.get('content-length'));
        if ((res.status === 200 || res.status === 206) && length !== bytes.length) return `${res.status} LENGTH MISMATCH`;
        return String(res.status);
      });
    } else if (roll < 0.85) {
      const kind = pick(['no-key', 'wrong-token', 'bad-format', 'malformed-json', 'unknown-path', 'unknown-code', 'unknown-company', 'bad-method']);
      await guarded(`bad:${kind}`, async () => {
        if (kind === 'no-key') return String((await call('CreateReport', { key: '', secretKey: '' }, { keyNo: pick(companyNames) })).body?.Status);
        if (kind === 'wrong-token') return String((await call('CreateReport', bad, { keyNo: pick(companyNames) }, { token: 'F'.repeat(32) })).body?.Status);
        if (kind === 'bad-format') return String((await call('CreateReport', bad, { keyNo: pick(companyNames), reportFormat: '9' })).body?.Status);
        if (kind === 'malformed-json') return String((await call('CreateReport', bad, {}, { body: '{"key": "' })).body?.Status);
        if (kind === 'unknown-company') return String((await call('CreateReport', bad, { keyNo: '不存在的某某有限公司' })).body?.Status);
        requests++;
        if (kind === 'unknown-path') return String((await fetch(`${base}/api/yj/Report/NoSuchThing`)).status);
        if (kind === 'unknown-code') return String((await fetch(`${base}/api/rpt/retrieve?code=${'0'.repeat(32)}`)).status);
        return String((await fetch(`${base}/api/yj/Report/CreateReport`, { method: 'DELETE' })).status);
      });
    } else {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

let server = await startServer();
const firstPid = server.pid!;
const rssStart = rssMb(firstPid);
const startedAt = Date.now();
const until = startedAt + args.seconds * 1000;
console.log(`soak: ${args.seconds} s, ${args.clients} clients, an order per client every ${args.orderEveryMs} ms, ${companyNames.length} companies, server pid ${firstPid} RSS ${rssStart} MB, data in ${dataDir}`);

// One kill -9 half-way, then a restart on the same data.
let rssBeforeKill = NaN;
const killer = (async () => {
  await new Promise((r) => setTimeout(r, (args.seconds * 1000) / 2));
  rssBeforeKill = rssMb(server.pid!);
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGKILL');
  await exited;
  console.log(`soak: kill -9 at ${((Date.now() - startedAt) / 1000).toFixed(0)} s (RSS was ${rssBeforeKill} MB); restarting`);
  const t0 = Date.now();
  server = await startServer();
  console.log(`soak: restarted as pid ${server.pid} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
})();

await Promise.all([killer, ...Array.from({ length: args.clients }, () => client(until))]);
const rssEnd = rssMb(server.pid!);

// Let the backlog drain (bounded), then count from the database.
const drainDeadline = Date.now() + 180_000;
const pending = (): number => {
  const db = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
  try { return (db.prepare("SELECT count(*) AS n FROM orders WHERE state = 'P'").get() as { n: number }).n; } finally { db.close(); }
};
while (pending() > 0 && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 1000));
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

const db = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
const stored = new Set((db.prepare('SELECT order_no FROM orders').all() as Array<{ order_no: string }>).map((r) => r.order_no));
const lost = [...acknowledged].filter((o) => !stored.has(o));
const doubles = (db.prepare("SELECT order_no FROM account_ledger WHERE kind = 'charge' GROUP BY order_no HAVING count(*) > 1").all() as unknown[]).length;
const refundedTwice = (db.prepare("SELECT order_no FROM account_ledger WHERE kind = 'refund' GROUP BY order_no HAVING count(*) > 1").all() as unknown[]).length;
const byState = Object.fromEntries((db.prepare('SELECT state, count(*) AS n FROM orders GROUP BY state').all() as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
const ledger = db.prepare("SELECT coalesce(sum(amount), 0) AS s FROM account_ledger WHERE account_key = ?").get(good.key) as { s: number };
const balance = (db.prepare('SELECT balance FROM accounts WHERE key = ?').get(good.key) as { balance: number }).balance;
const unchargedOrders = (db.prepare("SELECT count(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM account_ledger l WHERE l.order_no = o.order_no AND l.kind = 'charge')").get() as { n: number }).n;
db.close();

console.log(`requests: ${requests} in ${args.seconds} s (${(requests / args.seconds).toFixed(1)}/s)`);
console.log('answers by kind (endpoint, HTTP/Status or network error):');
for (const [kind, n] of [...counts.entries()].sort()) console.log(`  ${kind.padEnd(48)} ${n}`);
console.log(`orders acknowledged: ${acknowledged.size}; in the database by state: ${JSON.stringify(byState)}`);
console.log(`server RSS: ${rssStart} MB at start, ${rssBeforeKill} MB before kill -9, ${rssEnd} MB at end (restarted process)`);
console.log(`orders lost: ${lost.length} (must be 0)`);
console.log(`double charges: ${doubles} (must be 0); double refunds: ${refundedTwice}; orders without a charge: ${unchargedOrders}`);
console.log(`soak account: ledger sum (top-up, charges, refunds) ${ledger.s} ${Number(ledger.s) === Number(balance) ? '=' : '≠ (MISMATCH)'} balance ${balance}`);
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(lost.length === 0 && doubles === 0 ? 0 : 1);
