/**
 * `npm run bench:api`: the report API against a bare Fastify hello-world on the same machine.
 *
 *  1. ceiling: a bare Fastify hello-world (child process), autocannon GET /;
 *  2. order to S on an idle queue: sequential CreateReport → poll until S, median and p90; then
 *     the same for every registered report type (`reportType`) and for JSON (`reportFormat=3`)
 *     (`--only order-to-s` runs this step alone);
 *  3. GetReportInfo under load while a backlog of reports renders in the background;
 *  4. CreateReport under load (every request places a charged order and enqueues a job);
 *  5. for comparison, the hello-world again while the same backlog renders in the server, which
 *     otherwise answers nothing: what background rendering leaves to any server on this machine.
 * The server is the real one (`zhengxin serve`, SQLite in a temp dir, render pool, database
 *  6. the raw-UTF-8 request-line handling's cost: GetReportInfo on two API-only servers, with and
 *     without it, in alternation (`--rounds N`; `--only request-line` runs this step alone).
 * queue). Targets: GetReportInfo ≥70% and CreateReport ≥40% of the ceiling's requests/s, p99 of
 * both ≤20 ms, order-to-S median ≤200 ms. Flags: --duration S (default 10), --connections N (10).
 * Timings on a shared machine are noisy: run it twice before trusting a ratio. Each load also
 * prints the server's CPU time per call (main thread and whole process, from /proc), which the
 * machine's other load disturbs much less than requests/s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAccount } from '../src/accounts/accounts.js';
import { secretBox } from '../src/accounts/secrets.js';
import { ensureDemoData } from '../src/companies/demo-data.js';
import { openDatabase } from '../src/db/database.js';
import { computeToken } from '../src/protocol/token.js';
import { REPORT_TYPES } from '../src/reports/types/index.js';

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
}
/** autocannon ships no type declarations; this is the part of its API used here. */
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<LoadResult>;

const { values } = parseArgs({ options: {
  duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' },
  // `--only request-line`: just step 6 (the raw-UTF-8 request-line handling's cost).
  only: { type: 'string' }, rounds: { type: 'string', default: '3' },
} });
const DURATION_S = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const children: ChildProcess[] = [];

function spawnUntil(args: string[], env: NodeJS.ProcessEnv, pattern: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = pattern.exec(seen);
      if (m) resolve({ child, match: m });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${seen}`)));
  });
}

/**
 * CPU time (µs) the server has used so far: its main thread (the event loop, which serves every
 * request) and the whole process (render threads, libuv pool, GC and checkpoint threads too).
 * Linux /proc only; NaN elsewhere. CPU per request is steadier than requests/s on a shared machine.
 */
function cpuMicros(pid: number | undefined): { main: number; process: number } {
  const ticks = (file: string) => {
    const fields = fs.readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1_000_000 / CLOCK_TICKS_PER_SECOND);
  };
  try {
    return { main: ticks(`/proc/${pid}/task/${pid}/stat`), process: ticks(`/proc/${pid}/stat`) };
  } catch {
    return { main: NaN, process: NaN };
  }
}
/** USER_HZ: 100 on every Linux build we run on. */
const CLOCK_TICKS_PER_SECOND = 100;

async function load(name: string, pid: number | undefined, opts: Record<string, unknown>): Promise<LoadResult & { mainCpuPerCall: number }> {
  const before = cpuMicros(pid);
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
  const after = cpuMicros(pid);
  const perCall = (a: number, b: number) => (b - a) / result.requests.total;
  console.log(`${name.padEnd(24)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   non-2xx ${result.non2xx}   errors ${result.errors}   server CPU/call: main thread ${perCall(before.main, after.main).toFixed(0)} µs, process ${perCall(before.process, after.process).toFixed(0)} µs`);
  return { ...result, mainCpuPerCall: perCall(before.main, after.main) };
}

/**
 * 6. What the raw-UTF-8 request-line handling (src/protocol/request-line.ts) costs: two API-only servers on the
 * same store, one with it and one with ZHENGXIN_REQUEST_LINE_ENCODING=off, GetReportInfo on each in
 * alternation (`--rounds`, default 3), nothing rendering. Prints each run, the medians and the ratio.
 */
async function requestLineCost(dataDir: string, masterKey: Buffer, headers: Record<string, string>, key: string, orderNo: string): Promise<void> {
  const start = (encoding: 'on' | 'off') => spawnUntil(['bin/zhengxin.js', 'serve', '--port', '0', '--role', 'api'], {
    ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: masterKey.toString('hex'), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ZHENGXIN_REQUEST_LINE_ENCODING: encoding,
  }, /listening on (http:\/\/\S+)/);
  const on = await start('on');
  const off = await start('off');
  const runs: Record<'on' | 'off', number[]> = { on: [], off: [] };
  const cpu: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [name, server] of (round % 2 === 0 ? [['off', off], ['on', on]] : [['on', on], ['off', off]]) as Array<['on' | 'off', typeof on]>) {
      const r = await load(`GetReportInfo encoder ${name}`, server.child.pid, { url: `${server.match[1]}/api/yj/Report/GetReportInfo?key=${key}&orderNo=${orderNo}`, headers });
      if (r.non2xx || r.errors) throw new Error(`GetReportInfo with the encoder ${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      runs[name].push(r.requests.average);
      cpu[name].push(r.mainCpuPerCall);
    }
  }
  on.child.kill('SIGKILL');
  off.child.kill('SIGKILL');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const change = 100 * (median(runs.on) / median(runs.off) - 1);
  console.log(`request-line handling: GetReportInfo median ${median(runs.on).toFixed(0)} req/s with, ${median(runs.off).toFixed(0)} without (${change >= 0 ? '+' : ''}${change.toFixed(1)}%; target: a drop ≤5%: ${-change <= 5 ? 'ok' : 'MISSED'})`);
  // The event loop serves every request, so its CPU per call bounds the throughput (1 / CPU per
  // call when saturated); a busy machine disturbs it far less than requests/s.
  const cpuChange = 100 * (median(cpu.on) / median(cpu.off) - 1);
  console.log(`request-line handling: main-thread CPU per GetReportInfo median ${median(cpu.on).toFixed(0)} µs with, ${median(cpu.off).toFixed(0)} µs without (${cpuChange >= 0 ? '+' : ''}${cpuChange.toFixed(1)}%, i.e. a throughput ceiling ${(100 * (median(cpu.off) / median(cpu.on) - 1)).toFixed(1)}% apart)`);
}

/** `--only request-line`: a store with one finished order, then step 6 alone. */
async function requestLineOnly(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-bench-api-'));
  const masterKey = crypto.randomBytes(32);
  const database = await openDatabase({ dataDir });
  await ensureDemoData(database.db, { count: 50 });
  const { account, secretKey } = await createAccount(database.db, secretBox(masterKey), { name: 'bench', balance: 1_000_000 }, Date.now());
  const name = (await database.db.selectFrom('companies').select('name').where('entity_kind', '=', 'ENTERPRISE').limit(1).executeTakeFirstOrThrow()).name;
  await database.close();
  const server = await spawnUntil(['bin/zhengxin.js', 'serve', '--port', '0'], { ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: masterKey.toString('hex'), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, /listening on (http:\/\/\S+)/);
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = { Token: computeToken(account.key, ts, secretKey), Timespan: ts };
  const res = await fetch(`${server.match[1]}/api/yj/Report/CreateReport`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key: account.key, keyNo: name }).toString() });
  const orderNo = ((await res.json()) as { Result: { OrderNo: string } }).Result.OrderNo;
  await waitForS(orderNo, async (o) => ((await (await fetch(`${server.match[1]}/api/yj/Report/GetReportInfo?key=${account.key}&orderNo=${o}`, { headers })).json()) as { Result: { ReportStatus: string } }).Result.ReportStatus);
  server.child.kill('SIGKILL');
  await requestLineCost(dataDir, masterKey, headers, account.key, orderNo);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (values.only === 'request-line') return requestLineOnly();
  if (values.only === 'order-to-s') return orderToSOnly();
  console.log(`bench:api on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${CONNECTIONS} connections × ${DURATION_S} s per run`);

  // 1. The ceiling.
  const startHello = () => spawnUntil(['--input-type=module', '-e', `
    const Fastify = (await import('fastify')).default;
    const app = Fastify();
    app.get('/', async () => ({ hello: 'world' }));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    console.log('listening ' + address);
  `], {}, /listening (http:\/\/\S+)/);
  const hello = await startHello();
  const ceiling = await load('fastify hello-world', hello.child.pid, { url: hello.match[1] });
  hello.child.kill('SIGKILL');

  // The real server on a fresh SQLite store with a few hundred companies and a rich account.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-bench-api-'));
  const masterKey = crypto.randomBytes(32);
  const database = await openDatabase({ dataDir });
  await ensureDemoData(database.db, { count: 300 });
  const { account, secretKey } = await createAccount(database.db, secretBox(masterKey), { name: 'bench', balance: 1_000_000_000, concurrencyLimit: 1_000_000_000, reportTypes: REPORT_TYPES.map((t) => t.code) }, Date.now());
  const names = (await database.db.selectFrom('companies').select('name').where('entity_kind', '=', 'ENTERPRISE').orderBy('key_no').limit(50).execute()).map((r) => r.name);
  await database.close();
  const server = await spawnUntil(['bin/zhengxin.js', 'serve', '--port', '0'], {
    ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: masterKey.toString('hex'), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ZHENGXIN_JOB_POLL_MS: '50',
  }, /listening on (http:\/\/\S+)/);
  const base = server.match[1]!;
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = { Token: computeToken(account.key, ts, secretKey), Timespan: ts };
  const formHeaders = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
  const createBody = (i: number) => new URLSearchParams({ key: account.key, keyNo: names[i % names.length]! }).toString();
  const createOrder = async (i: number): Promise<string> => {
    const res = await fetch(`${base}/api/yj/Report/CreateReport`, { method: 'POST', headers: formHeaders, body: createBody(i) });
    const body = (await res.json()) as { Status: string; Result: { OrderNo: string } };
    if (body.Status !== '200') throw new Error(`CreateReport answered ${JSON.stringify(body)}`);
    return body.Result.OrderNo;
  };
  const reportStatus = async (orderNo: string): Promise<string> => {
    const res = await fetch(`${base}/api/yj/Report/GetReportInfo?key=${account.key}&orderNo=${orderNo}`, { headers });
    return ((await res.json()) as { Result: { ReportStatus: string } }).Result.ReportStatus;
  };

  // 2. Order to S on an idle queue (the first order also warms the render threads up).
  await waitForS(await createOrder(0), reportStatus);
  const orderToS: number[] = [];
  for (let i = 1; i <= 15; i++) {
    const started = performance.now();
    await waitForS(await createOrder(i), reportStatus);
    orderToS.push(performance.now() - started);
  }
  orderToS.sort((a, b) => a - b);
  const medianToS = orderToS[Math.floor(orderToS.length / 2)]!;
  const renderMetrics = await (await fetch(`${base}/metrics`)).text();
  const renderSum = Number(/zhengxin_report_render_seconds_sum\{outcome="ok"\} ([\d.e+-]+)/.exec(renderMetrics)?.[1] ?? NaN);
  const renderCount = Number(/zhengxin_report_render_seconds_count\{outcome="ok"\} (\d+)/.exec(renderMetrics)?.[1] ?? NaN);
  console.log(`order to S (idle queue)   median ${medianToS.toFixed(0)} ms   p90 ${orderToS[Math.floor(orderToS.length * 0.9)]!.toFixed(0)} ms   (${orderToS.length} orders; mean render ${(1000 * renderSum / renderCount).toFixed(0)} ms of it, first one included)`);
  await orderToSByType(base, formHeaders, account.key, names, reportStatus);

  // 3. GetReportInfo, first on an idle server (the request path alone), then while a backlog
  // renders in the background (the target).
  const known = await createOrder(1);
  await waitForS(known, reportStatus);
  const infoIdle = await load('GetReportInfo (idle)', server.child.pid, { url: `${base}/api/yj/Report/GetReportInfo?key=${account.key}&orderNo=${known}`, headers });
  await Promise.all(Array.from({ length: 300 }, (_, i) => createOrder(i)));
  const info = await load('GetReportInfo', server.child.pid, { url: `${base}/api/yj/Report/GetReportInfo?key=${account.key}&orderNo=${known}`, headers });

  // 4. CreateReport: each request is a charged order plus a queued job (renders keep running).
  let n = 0;
  const create = await load('CreateReport', server.child.pid, {
    url: `${base}/api/yj/Report/CreateReport`,
    method: 'POST',
    headers: formHeaders,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: createBody(n++) }) }],
  });

  // 5. The ceiling again, next to the backlog the server is still rendering (thousands queued).
  const helloBeside = await startHello();
  const serverBefore = cpuMicros(server.child.pid);
  const besideStarted = performance.now();
  const ceilingBeside = await load('hello-world, zx rendering', helloBeside.child.pid, { url: helloBeside.match[1] });
  const serverAfter = cpuMicros(server.child.pid);
  const besideMicros = 1000 * (performance.now() - besideStarted);
  helloBeside.child.kill('SIGKILL');
  console.log(`  meanwhile zhengxin used ${(100 * (serverAfter.main - serverBefore.main) / besideMicros).toFixed(0)}% of a core on its main thread (job bookkeeping), ${(100 * (serverAfter.process - serverBefore.process) / besideMicros).toFixed(0)}% in all (render thread at nice ${process.env.ZHENGXIN_RENDER_NICE ?? 19})`);

  const metrics = await (await fetch(`${base}/metrics`)).text();
  const depth = /zhengxin_queue_depth (\d+)/.exec(metrics)?.[1];
  server.child.kill('SIGKILL');
  await requestLineCost(dataDir, masterKey, headers, account.key, known);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const ratio = (r: LoadResult) => (100 * r.requests.average) / ceiling.requests.average;
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  console.log('');
  console.log(`GetReportInfo / ceiling   ${ratio(info).toFixed(0)}%   (target ≥70%: ${verdict(ratio(info) >= 70)})   p99 ${info.latency.p99} ms (target ≤20: ${verdict(info.latency.p99 <= 20)})`);
  console.log(`CreateReport / ceiling    ${ratio(create).toFixed(0)}%   (target ≥40%: ${verdict(ratio(create) >= 40)})   p99 ${create.latency.p99} ms (target ≤20: ${verdict(create.latency.p99 <= 20)})`);
  console.log(`GetReportInfo idle / ceiling ${ratio(infoIdle).toFixed(0)}%   p99 ${infoIdle.latency.p99} ms (no background rendering)`);
  console.log(`order to S median         ${medianToS.toFixed(0)} ms (target ≤200: ${verdict(medianToS <= 200)})`);
  console.log(`reports still queued at the end: ${depth ?? '?'} (rendering in the background during runs 3, 4 and 5)`);
  console.log(`hello-world beside the rendering / ceiling   ${ratio(ceilingBeside).toFixed(0)}%   (what background rendering leaves to a bare server on this machine; GetReportInfo is ${(100 * info.requests.average / ceilingBeside.requests.average).toFixed(0)}% of it, CreateReport ${(100 * create.requests.average / ceilingBeside.requests.average).toFixed(0)}%)`);
}

/** Step 2 per report type and format (PDF, Word; JSON for type 1): sequential orders on the idle queue, each to S. */
async function orderToSByType(base: string, formHeaders: Record<string, string>, key: string, names: string[], reportStatus: (o: string) => Promise<string>): Promise<void> {
  const kinds = [
    ...REPORT_TYPES.flatMap((t) => [
      { label: `type ${t.code} ${t.slug} pdf`, reportType: String(t.code), reportFormat: '1' },
      { label: `type ${t.code} ${t.slug} word`, reportType: String(t.code), reportFormat: '2' },
    ]),
    { label: 'type 1 credit json', reportType: '1', reportFormat: '3' },
  ];
  for (const kind of kinds) {
    const times: number[] = [];
    let refused = '';
    for (let i = 0; i < 11 && !refused; i++) {
      const started = performance.now();
      const res = await fetch(`${base}/api/yj/Report/CreateReport`, { method: 'POST', headers: formHeaders, body: new URLSearchParams({ key, keyNo: names[i % names.length]!, reportType: kind.reportType, reportFormat: kind.reportFormat }).toString() });
      const body = (await res.json()) as { Status: string; Result: { OrderNo: string } | null };
      if (body.Status === '218' || body.Status === '219') continue; // that company does not qualify for the type
      if (body.Status !== '200') refused = body.Status;
      else {
        await waitForS(body.Result!.OrderNo, reportStatus);
        if (i > 0) times.push(performance.now() - started); // the first warms the type up
      }
    }
    times.sort((a, b) => a - b);
    if (refused || times.length === 0) console.log(`order to S ${kind.label.padEnd(26)} not measured (${refused ? `CreateReport answered ${refused}` : 'no company qualified'})`);
    else console.log(`order to S ${kind.label.padEnd(26)} median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms   p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(0)} ms   (${times.length} orders; target ≤200)`);
  }
}

/** `--only order-to-s`: step 2 alone, per report type. */
async function orderToSOnly(): Promise<void> {
  console.log(`bench:api --only order-to-s on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-bench-api-'));
  const masterKey = crypto.randomBytes(32);
  const database = await openDatabase({ dataDir });
  await ensureDemoData(database.db, { count: 300 });
  const { account, secretKey } = await createAccount(database.db, secretBox(masterKey), { name: 'bench', balance: 1_000_000_000, concurrencyLimit: 1_000_000_000, reportTypes: REPORT_TYPES.map((t) => t.code) }, Date.now());
  const names = (await database.db.selectFrom('companies').select('name').where('entity_kind', '=', 'ENTERPRISE').orderBy('key_no').limit(50).execute()).map((r) => r.name);
  await database.close();
  const server = await spawnUntil(['bin/zhengxin.js', 'serve', '--port', '0'], {
    ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: masterKey.toString('hex'), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ZHENGXIN_JOB_POLL_MS: '50',
  }, /listening on (http:\/\/\S+)/);
  const base = server.match[1]!;
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = { Token: computeToken(account.key, ts, secretKey), Timespan: ts };
  const reportStatus = async (orderNo: string): Promise<string> => {
    const res = await fetch(`${base}/api/yj/Report/GetReportInfo?key=${account.key}&orderNo=${orderNo}`, { headers });
    return ((await res.json()) as { Result: { ReportStatus: string } }).Result.ReportStatus;
  };
  await orderToSByType(base, { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, account.key, names, reportStatus);
}

async function waitForS(orderNo: string, status: (o: string) => Promise<string>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const s = await status(orderNo);
    if (s === 'S') return;
    if (s === 'F') throw new Error(`order ${orderNo} failed`);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`order ${orderNo} not done after 60 s`);
}

main().then(
  () => { for (const c of children) c.kill('SIGKILL'); },
  (err) => { for (const c of children) c.kill('SIGKILL'); console.error(err); process.exitCode = 1; },
);
