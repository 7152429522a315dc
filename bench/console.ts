/**
 * `npm run bench:console -- [--orders N] [--runs N] [--no-pages] [--backend sqlite|postgres]`
 *
 * The web console's figures (issue 17), on SQLite and, with ZHENGXIN_TEST_POSTGRES_URL, PostgreSQL:
 *
 * 1. The order list with N orders (default 1,000,000, inserted by SQL in one statement): the
 *    console API's `GET /console/api/orders` through the real app (session cookie, JSON), first
 *    page and a page half-way down by cursor, unfiltered and with each filter. Baseline in the
 *    same run: the same half-way page read with OFFSET (what a list without a cursor pays).
 *    Target: ≤ 1 s per page.
 * 2. Page loads in Debian's Chromium on the demo data (`npm start`'s 3,000 companies, a few
 *    hundred orders): from navigation to the page's content shown. Target: ≤ 1 s.
 * 3. The gzipped size of the console's JavaScript (target ≤ 300 KB).
 *
 * Medians of `--runs` (default 15). Figures, not assertions: the machine may be shared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { ensureDemoData } from '../src/companies/demo-data.js';
import { BACKENDS } from '../test/support/databases.js';
import { launchChromium, listen } from '../test/support/browser.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from '../test/support/server.js';

interface Args { orders: number; runs: number; pages: boolean; backend: string | undefined }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { orders: 1_000_000, runs: 15, pages: true, backend: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--orders') args.orders = Number(argv[++i]);
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--no-pages') args.pages = false;
    else if (a === '--backend') args.backend = String(argv[++i]);
    else throw new Error(`unknown argument ${a} (use --orders N, --runs N, --no-pages, --backend sqlite|postgres)`);
  }
  if (!Number.isSafeInteger(args.orders) || args.orders < 1) throw new Error('--orders must be a positive whole number');
  return args;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function operatorCookie(api: TestApi): Promise<string> {
  const res = await api.app.inject({ method: 'POST', url: '/console/api/operator/signin', headers: { 'content-type': 'application/json' }, payload: { token: 'test-admin-token', name: 'bench' } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

/** N orders over 10 accounts, 1,000 company names, one a minute back from now; 5 % F, 2 % P. */
async function insertOrders(api: TestApi, n: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < 10; i++) keys.push((await api.account({ name: `压测银行${i}` })).key);
  const db = api.db.db;
  await db.schema.createTable('bench_accounts').addColumn('n', 'integer', (c) => c.primaryKey()).addColumn('key', 'text').execute();
  await db.insertInto('bench_accounts' as never).values(keys.map((key, n) => ({ n, key })) as never).execute();
  const start = Date.now() - n * 60_000;
  if (api.db.capabilities.name === 'postgres') {
    await sql`INSERT INTO orders (order_no, account_key, key_no, company_name, credit_code, report_format, state, price, created_at, finished_at, expires_at, retrieve_code, blob_key, file_size, fail_reason)
      SELECT lpad(to_hex(i), 32, '0'), (SELECT key FROM bench_accounts WHERE n = i % 10), lpad(to_hex(i % 1000), 32, 'a'), '压测公司' || (i % 1000) || '有限公司', NULL, 'pdf',
        CASE WHEN i % 20 = 0 THEN 'F' WHEN i % 50 = 1 THEN 'P' ELSE 'S' END, 1,
        to_char(to_timestamp((${start}::bigint + i::bigint * 60000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL, NULL, NULL, NULL, NULL, NULL
      FROM generate_series(1, ${n}) AS i`.execute(db);
    await sql`ANALYZE orders`.execute(db);
  } else {
    await sql`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
      INSERT INTO orders (order_no, account_key, key_no, company_name, credit_code, report_format, state, price, created_at, finished_at, expires_at, retrieve_code, blob_key, file_size, fail_reason)
      SELECT printf('%032x', i), (SELECT key FROM bench_accounts WHERE n = i % 10), printf('%032x', i % 1000), '压测公司' || (i % 1000) || '有限公司', NULL, 'pdf',
        CASE WHEN i % 20 = 0 THEN 'F' WHEN i % 50 = 1 THEN 'P' ELSE 'S' END, 1,
        strftime('%Y-%m-%dT%H:%M:%fZ', (${start} + i * 60000) / 1000.0, 'unixepoch'), NULL, NULL, NULL, NULL, NULL, NULL
      FROM seq`.execute(db);
    await sql`ANALYZE`.execute(db);
  }
  return keys;
}

async function orderListFigures(api: TestApi, args: Args): Promise<void> {
  const t0 = performance.now();
  const keys = await insertOrders(api, args.orders);
  console.log(`  inserted ${args.orders.toLocaleString('en-US')} orders in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const cookie = await operatorCookie(api);
  const get = async (qs: string) => {
    const started = performance.now();
    const res = await api.app.inject({ method: 'GET', url: `/console/api/orders${qs}`, headers: { cookie } });
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${qs}: ${res.statusCode} ${res.body}`);
    return { ms, body: res.json() as { orders: Array<{ orderNo: string }>; next: string | null } };
  };
  // The cursor of a page half-way down: the row at the middle, found once.
  const middle = await api.db.db.selectFrom('orders').select(['created_at', 'order_no']).orderBy('created_at', 'desc').orderBy('order_no', 'desc').offset(Math.floor(args.orders / 2)).limit(1).executeTakeFirstOrThrow();
  const cursor = Buffer.from(`${middle.created_at}|${middle.order_no}`).toString('base64url');
  const day = new Date(Date.parse(middle.created_at)).toISOString().slice(0, 10);
  const cases: Array<[string, string]> = [
    ['first page, no filter', ''],
    ['half-way page by cursor', `?cursor=${cursor}`],
    ['account', `?account=${keys[3]}`],
    ['account, half-way by cursor', `?account=${keys[3]}&cursor=${cursor}`],
    ['state F', '?state=F'],
    ['state P, half-way by cursor', `?state=P&cursor=${cursor}`],
    ['company name', `?company=${encodeURIComponent('压测公司517有限公司')}`],
    ['one day', `?from=${day}&to=${day}`],
    ['account + state + day', `?account=${keys[5]}&state=S&from=${day}&to=${day}`],
    ['account + state F', `?account=${keys[1]}&state=F`],
  ];
  for (const [name, qs] of cases) {
    const ms: number[] = [];
    for (let r = 0; r < args.runs; r++) ms.push((await get(qs)).ms);
    console.log(`  ${name.padEnd(30)} median ${median(ms).toFixed(1)} ms (max ${Math.max(...ms).toFixed(1)})`);
  }
  // Baseline: the same half-way page read with OFFSET, as a list without a keyset cursor would.
  const offsetMs: number[] = [];
  for (let r = 0; r < Math.min(args.runs, 5); r++) {
    const started = performance.now();
    await api.db.db.selectFrom('orders').selectAll().orderBy('created_at', 'desc').orderBy('order_no', 'desc').offset(Math.floor(args.orders / 2)).limit(50).execute();
    offsetMs.push(performance.now() - started);
  }
  const keysetMs: number[] = [];
  for (let r = 0; r < args.runs; r++) keysetMs.push((await get(`?cursor=${cursor}`)).ms);
  console.log(`  baseline: half-way page by OFFSET ${median(offsetMs).toFixed(1)} ms; by cursor (HTTP) ${median(keysetMs).toFixed(1)} ms: ${(median(offsetMs) / median(keysetMs)).toFixed(0)}x faster`);
}

async function pageLoadFigures(api: TestApi, args: Args): Promise<void> {
  await ensureDemoData(api.db.db);
  const customer = await api.account({ name: '演示银行', balance: 1000 });
  await api.startWorkers();
  for (let i = 0; i < 20; i++) {
    api.clock.set(Date.now());
    await api.call('CreateReport', { ...customer, params: { keyNo: TEST_COMPANIES.ordinary.name } });
  }
  const base = await listen(api);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/console/`);
    await page.getByLabel('管理令牌').fill('test-admin-token');
    await page.getByRole('button', { name: '登录' }).first().click();
    await page.getByRole('heading', { name: '概览' }).waitFor();
    const pages: Array<[string, string, () => Promise<void>]> = [
      ['概览 overview', '#/overview', () => page.getByRole('img', { name: '每日订单（按状态）' }).waitFor()],
      ['账户 accounts', '#/accounts', () => page.getByRole('link', { name: '演示银行' }).waitFor()],
      ['订单 orders', '#/orders', () => page.getByTestId('list-ms').waitFor()],
      ['企业 companies (search)', `#/companies?q=${encodeURIComponent('上海')}`, () => page.getByRole('link', { name: TEST_COMPANIES.ordinary.name }).waitFor()],
      ['回调 deliveries', '#/deliveries', () => page.getByRole('heading', { name: '回调' }).waitFor()],
      ['数据 data', '#/data', () => page.getByRole('heading', { name: '最近的导入' }).waitFor()],
      ['系统 system', '#/system', () => page.getByTestId('maintenance-state').waitFor()],
    ];
    // Baseline, same browser and run: a page of one line of text and one tiny module script, served
    // by this server's origin (intercepted before the network), shown when the script has run.
    // What it costs is the machine's and Chromium's floor for any page, not the console's.
    await page.route(`${base}/bench-baseline/**`, (route) => {
      const js = route.request().url().endsWith('.js');
      return route.fulfill({ status: 200, contentType: js ? 'text/javascript' : 'text/html', body: js ? "document.getElementById('x').textContent = 'ready';" : '<!doctype html><p id="x">…</p><script type="module" src="m.js"></script>' });
    });
    const baseline: number[] = [];
    for (let r = 0; r < Math.min(args.runs, 10); r++) {
      await page.goto('about:blank');
      const started = performance.now();
      await page.goto(`${base}/bench-baseline/index.html`);
      await page.getByText('ready').waitFor();
      baseline.push(performance.now() - started);
    }
    console.log(`  ${'baseline: empty page'.padEnd(26)} median ${median(baseline).toFixed(0)} ms (max ${Math.max(...baseline).toFixed(0)}): one line of text and one tiny module`);
    for (const [name, hash, shown] of pages) {
      const ms: number[] = [];
      const apiMs: number[] = [];
      const fileMs: number[] = [];
      const inPage: number[] = [];
      const domReady: number[] = [];
      for (let r = 0; r < Math.min(args.runs, 10); r++) {
        await page.goto('about:blank');
        const started = performance.now();
        await page.goto(`${base}/console/${hash}`);
        await shown();
        ms.push(performance.now() - started);
        // Where the time went: the page's own API calls (server work) and its files (HTML, CSS, scripts;
        // scripts come from the browser's cache after the first visit: versioned, immutable URLs).
        // The page's own clock: from the navigation's start to the content shown, and to DOMContentLoaded.
        const clock = await page.evaluate(() => ({ now: performance.now(), dcl: (performance.getEntriesByType('navigation' as never)[0] as unknown as { domContentLoadedEventEnd?: number } | undefined)?.domContentLoadedEventEnd ?? 0 }));
        inPage.push(clock.now);
        domReady.push(clock.dcl);
        const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, ms: e.duration })));
        apiMs.push(entries.filter((e) => e.name.includes('/console/api/')).reduce((a, e) => Math.max(a, e.ms), 0));
        fileMs.push(entries.filter((e) => !e.name.includes('/console/api/')).reduce((a, e) => Math.max(a, e.ms), 0));
      }
      console.log(`  ${name.padEnd(26)} median ${median(ms).toFixed(0)} ms (max ${Math.max(...ms).toFixed(0)}; ${(median(ms) / median(baseline)).toFixed(1)}× the empty page), full load incl. scripts, as the test driver sees it; page clock: content shown by ${median(inPage).toFixed(0)} ms (read after it showed, so an upper bound), DOMContentLoaded ${median(domReady).toFixed(0)} ms; slowest API call ${median(apiMs).toFixed(0)} ms, slowest file ${median(fileMs).toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
  }
}

function bundleFigures(): void {
  const dist = fileURLToPath(new URL('../../packages/console/dist/', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) files.push(p);
    }
  };
  walk(dist);
  const raw = files.reduce((a, f) => a + fs.statSync(f).size, 0);
  const gz = files.reduce((a, f) => a + gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
  const css = fs.readFileSync(fileURLToPath(new URL('../../packages/console/static/console.css', import.meta.url)));
  console.log(`console JavaScript: ${files.length} modules, ${(raw / 1024).toFixed(1)} KB, gzipped ${(gz / 1024).toFixed(1)} KB (each file gzipped; target ≤ 300 KB); CSS gzipped ${(gzipSync(css).length / 1024).toFixed(1)} KB`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  bundleFigures();
  for (const backend of BACKENDS.filter((b) => !args.backend || b.name === args.backend)) {
    console.log(`\n${backend.name}: order list with ${args.orders.toLocaleString('en-US')} orders, GET /console/api/orders (50 a page), ${args.runs} runs`);
    const api = await startTestApi(backend);
    try {
      await orderListFigures(api, args);
    } finally {
      await api.close();
    }
    if (args.pages) {
      console.log(`${backend.name}: console pages on the demo data (3,000 companies, 20 orders), Chromium`);
      const demo = await startTestApi(backend);
      try {
        await pageLoadFigures(demo, args);
      } finally {
        await demo.close();
      }
    }
  }
}

await main();
