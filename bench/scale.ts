/**
 * `npm run bench:scale [-- --orders N] [--seconds S]`
 *
 * Scale-out figures in one run, with real `zhengxin serve` processes:
 *  1. reports per second with one and with two worker processes (PostgreSQL, Redis, S3 via s3rver;
 *     one API process takes the orders): N orders submitted at once, timed until the last is S,
 *     ordering a spread of companies (the demo data set's generated companies, round robin, so
 *     reports differ in size as real ones do, not one small company over and over);
 *  2. GetReportInfo requests per second (autocannon, 16 connections) against an API process in
 *     scale-out mode (PostgreSQL + Redis + S3) beside one in embedded mode (SQLite, database queue,
 *     local disk).
 * Needs PostgreSQL (ZHENGXIN_TEST_POSTGRES_URL, default the local one scripts/start-postgres.sh
 * starts) and redis-server. Figures, not assertions: the machine is shared and timings are noisy;
 * on a 2-core machine two worker processes compete with the API, Redis and PostgreSQL for CPU.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** The part of autocannon's result this benchmark reads (the package ships no type declarations). */
interface LoadResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<LoadResult>;

process.env.ZHENGXIN_TEST_POSTGRES_URL ??= 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

const { createAccount } = await import('../src/accounts/accounts.js');
const { parseMasterKey, secretBox } = await import('../src/accounts/secrets.js');
const { upsertCompanies } = await import('../src/companies/store.js');
const { ensureDemoData } = await import('../src/companies/demo-data.js');
const { computeToken } = await import('../src/protocol/token.js');
const { BACKENDS, tempDir } = await import('../test/support/databases.js');
const { startRedis } = await import('../test/support/redis.js');
const { startS3Server } = await import('../test/support/s3.js');
const { Cluster, callReportApi, createReport, inParallel, newMasterKeyHex } = await import('../test/support/scale-cluster.js');
const { TEST_COMPANIES } = await import('../test/support/server.js');
const { openDatabase } = await import('../src/db/database.js');

type Db = Awaited<ReturnType<typeof openDatabase>>;
type Creds = { key: string; secretKey: string };

function parseArgs(argv: readonly string[]): { orders: number; seconds: number } {
  const get = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const v = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
    return v;
  };
  return { orders: get('orders', 80), seconds: get('seconds', 5) };
}

const args = parseArgs(process.argv.slice(2));
const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
const masterKey = newMasterKeyHex();

/** Companies the report runs order, round robin. */
const SPREAD_COMPANIES = 200;
let spread: string[] = [];

async function seed(db: Db): Promise<Creds> {
  // First: ensureDemoData leaves a store that already holds companies as it is.
  await ensureDemoData(db.db, { count: SPREAD_COMPANIES });
  await upsertCompanies(db.db, [TEST_COMPANIES.ordinary], { now: new Date().toISOString() });
  spread = (await db.db.selectFrom('companies').select('key_no').where('entity_kind', '=', 'ENTERPRISE').orderBy('key_no').limit(SPREAD_COMPANIES).execute()).map((r) => r.key_no);
  const { account, secretKey } = await createAccount(db.db, secretBox(parseMasterKey(masterKey)), {
    name: '基准测试银行', balance: 1_000_000, concurrencyLimit: 100_000,
  }, Date.now());
  return { key: account.key, secretKey };
}

async function countState(db: Db, state: string): Promise<number> {
  const row = await db.db.selectFrom('orders').select((eb) => eb.fn.countAll<string | number>().as('n')).where('state', '=', state).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function waitUntilDone(db: Db, total: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  while ((await countState(db, 'S')) + (await countState(db, 'F')) < total) {
    if (Date.now() > deadline) throw new Error('orders did not finish within 10 minutes');
    await new Promise((r) => setTimeout(r, 50));
  }
  const failed = await countState(db, 'F');
  if (failed > 0) throw new Error(`${failed} orders failed`);
}

/** Reports per second with `workerCount` worker processes and one API process. */
async function reportsPerSecond(workerCount: number, redisUrl: string, s3Env: Record<string, string>): Promise<number> {
  const db = await postgres.open();
  const cluster = new Cluster({ DATABASE_URL: db.databaseUrl!, REDIS_URL: redisUrl, ...s3Env, ZHENGXIN_MASTER_KEY: masterKey });
  try {
    const creds = await seed(db);
    const [api] = await Promise.all([cluster.spawn('api'), ...Array.from({ length: workerCount }, () => cluster.spawn('worker'))]);
    // Warm-up: one report through every stage (render pool start-up, S3 connection).
    await createReport(api!.url, creds, TEST_COMPANIES.ordinary.uscc!);
    await waitUntilDone(db, 1);
    const started = performance.now();
    await inParallel(Array.from({ length: args.orders }, (_, i) => i), 8, (i) => createReport(api!.url, creds, spread[i % spread.length]!));
    await waitUntilDone(db, args.orders + 1);
    return args.orders / ((performance.now() - started) / 1000);
  } finally {
    await cluster.stopAll();
    await db.cleanup();
  }
}

/** GetReportInfo requests per second against one process, for a finished order. */
async function getReportInfoRps(baseUrl: string, creds: Creds, db: Db): Promise<{ rps: number; p99Ms: number; non2xx: number }> {
  const orderNo = await createReport(baseUrl, creds, TEST_COMPANIES.ordinary.uscc!);
  await waitUntilDone(db, 1);
  const timespan = String(Math.floor(Date.now() / 1000));
  const check = await callReportApi(baseUrl, 'GetReportInfo', creds, { orderNo });
  if (check.Result?.ReportStatus !== 'S') throw new Error(`GetReportInfo answered ${JSON.stringify(check)}`);
  const result = await autocannon({
    url: `${baseUrl}/api/yj/Report/GetReportInfo?key=${creds.key}&orderNo=${orderNo}`,
    connections: 16,
    duration: args.seconds,
    headers: { Token: computeToken(creds.key, timespan, creds.secretKey), Timespan: timespan },
  });
  return { rps: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

async function scaleOutApiRps(redisUrl: string, s3Env: Record<string, string>) {
  const db = await postgres.open();
  const cluster = new Cluster({ DATABASE_URL: db.databaseUrl!, REDIS_URL: redisUrl, ...s3Env, ZHENGXIN_MASTER_KEY: masterKey });
  try {
    const creds = await seed(db);
    const [api] = await Promise.all([cluster.spawn('api'), cluster.spawn('worker')]);
    return await getReportInfoRps(api!.url, creds, db);
  } finally {
    await cluster.stopAll();
    await db.cleanup();
  }
}

async function embeddedApiRps() {
  const dataDir = tempDir('zhengxin-bench-embedded-');
  const db = await openDatabase({ dataDir });
  const creds = await seed(db);
  const cluster = new Cluster({ ZHENGXIN_MASTER_KEY: masterKey });
  try {
    const proc = await cluster.spawn('all', { ZHENGXIN_DATA_DIR: dataDir });
    return await getReportInfoRps(proc.url, creds, db);
  } finally {
    await cluster.stopAll();
    await db.close();
  }
}

const redis = await startRedis();
const s3 = await startS3Server();
try {
  console.log(`bench:scale — ${os.cpus().length} cores; ${args.orders} orders per worker configuration over ${SPREAD_COMPANIES} generated companies, ${args.seconds} s per API load test`);
  const one = await reportsPerSecond(1, redis.url, s3.env);
  console.log(`reports/s, 1 worker process  (PostgreSQL + Redis + S3): ${one.toFixed(1)}`);
  const two = await reportsPerSecond(2, redis.url, s3.env);
  console.log(`reports/s, 2 worker processes (PostgreSQL + Redis + S3): ${two.toFixed(1)}  (×${(two / one).toFixed(2)})`);
  const scaleOut = await scaleOutApiRps(redis.url, s3.env);
  console.log(`GetReportInfo req/s, scale-out API process (PostgreSQL + Redis + S3): ${scaleOut.rps.toFixed(0)}  p99 ${scaleOut.p99Ms} ms  non-2xx ${scaleOut.non2xx}`);
  const embedded = await embeddedApiRps();
  console.log(`GetReportInfo req/s, embedded process (SQLite, database queue, disk):  ${embedded.rps.toFixed(0)}  p99 ${embedded.p99Ms} ms  non-2xx ${embedded.non2xx}`);
} finally {
  await s3.close();
  await redis.close();
}
