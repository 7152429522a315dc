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
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  console.log(`  baseline: half-way page by OFFSET ${median(offsetMs).toFixed(1)} ms (SQL only); by cursor ${median(keysetMs).toFixed(1)} ms (through HTTP): OFFSET takes ${(median(offsetMs) / median(keysetMs)).toFixed(1)}× the cursor's time`);
}

/**
 * Where one page load's time went, on the page's own clock (ms from the navigation's start):
 * the HTML received; the script running (stylesheet and script fetched, from the cache after the
 * first visit, parsed and started: the mark at the bundle's end); the API calls the page waited for
 * (session and data, started together); drawing the content (the page's `console:page-shown` mark).
 */
interface Split { html: number; script: number; api: number; render: number; shown: number; calls: number; scriptBytes: number }

async function splitOf(page: import('playwright-core').Page): Promise<Split> {
  await page.waitForFunction(() => performance.getEntriesByName('console:page-shown').length > 0);
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation' as never)[0] as unknown as { responseEnd: number };
    const scriptRun = performance.getEntriesByName('console:script-run')[0]!.startTime;
    const shown = performance.getEntriesByName('console:page-shown')[0]!.startTime;
    const resources = performance.getEntriesByType('resource') as unknown as Array<{ name: string; startTime: number; responseEnd: number; transferSize: number }>;
    const calls = resources.filter((e) => e.name.includes('/console/api/') && e.startTime < shown);
    const apiEnd = calls.reduce((a, e) => Math.max(a, e.responseEnd), scriptRun);
    const script = resources.find((e) => /\/console\/assets\/console\.[0-9a-f]+\.js$/.test(e.name));
    return { html: nav.responseEnd, script: scriptRun - nav.responseEnd, api: apiEnd - scriptRun, render: shown - apiEnd, shown, calls: calls.length, scriptBytes: script?.transferSize ?? 0 };
  });
}

function describeSplit(split: Split[]): string {
  const m = (k: keyof Split) => median(split.map((s) => s[k])).toFixed(0);
  return `page clock: shown at ${m('shown')} ms = HTML ${m('html')} + script ${m('script')} + API ${m('api')} (${m('calls')} calls, in parallel) + render ${m('render')} (medians; script bytes over the wire ${m('scriptBytes')})`;
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
    // What it costs is the machine's and Chromium's floor for any page, not the console's. In a
    // context of its own: Playwright turns the HTTP cache off for a page that intercepts requests,
    // which would make every console page below fetch its script again.
    const baselineContext = await browser.newContext();
    const blank = await baselineContext.newPage();
    await blank.route(`${base}/bench-baseline/**`, (route) => {
      const js = route.request().url().endsWith('.js');
      return route.fulfill({ status: 200, contentType: js ? 'text/javascript' : 'text/html', body: js ? "document.getElementById('x').textContent = 'ready';" : '<!doctype html><p id="x">…</p><script type="module" src="m.js"></script>' });
    });
    const baseline: number[] = [];
    for (let r = 0; r < Math.min(args.runs, 10); r++) {
      await blank.goto('about:blank');
      const started = performance.now();
      await blank.goto(`${base}/bench-baseline/index.html`);
      await blank.getByText('ready').waitFor();
      baseline.push(performance.now() - started);
    }
    await baselineContext.close();
    console.log(`  ${'baseline: empty page'.padEnd(26)} median ${median(baseline).toFixed(0)} ms (max ${Math.max(...baseline).toFixed(0)}): one line of text and one tiny module`);
    for (const [name, hash, shown] of pages) {
      const ms: number[] = [];
      const split: Split[] = [];
      for (let r = 0; r < Math.min(args.runs, 10); r++) {
        await page.goto('about:blank');
        const started = performance.now();
        await page.goto(`${base}/console/${hash}`);
        await shown();
        ms.push(performance.now() - started);
        split.push(await splitOf(page));
      }
      console.log(`  ${name.padEnd(26)} median ${median(ms).toFixed(0)} ms (max ${Math.max(...ms).toFixed(0)}; ${(median(ms) / median(baseline)).toFixed(1)}× the empty page) as the test driver sees it; ${describeSplit(split)}`);
    }
    // A first visit: a new browser context each run (nothing cached, the session cookie copied in),
    // so the script and stylesheet come over the wire (Brotli) and are compiled afresh.
    const cookies = await page.context().cookies();
    const cold: number[] = [];
    const coldSplit: Split[] = [];
    for (let r = 0; r < Math.min(args.runs, 10); r++) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const fresh = await context.newPage();
      const started = performance.now();
      await fresh.goto(`${base}/console/#/overview`);
      await fresh.getByRole('img', { name: '每日订单（按状态）' }).waitFor();
      cold.push(performance.now() - started);
      coldSplit.push(await splitOf(fresh));
      await context.close();
    }
    console.log(`  ${'概览, first visit (cold)'.padEnd(26)} median ${median(cold).toFixed(0)} ms (max ${Math.max(...cold).toFixed(0)}) as the test driver sees it, new context each run; ${describeSplit(coldSplit)}`);
  } finally {
    await browser.close();
  }
}

function bundleFigures(): void {
  // What the server sends (packages/console/scripts/build.js): rebuilt first if its sources changed.
  const build = fileURLToPath(new URL('../../packages/console/scripts/build.js', import.meta.url));
  const built = spawnSync(process.execPath, [build, '--if-stale'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the console build failed');
  const web = fileURLToPath(new URL('../../packages/console/dist/web/', import.meta.url));
  const names = fs.readdirSync(web);
  const size = (n: string) => fs.statSync(path.join(web, n)).size;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const scripts = names.filter((n) => n.endsWith('.js'));
  const css = names.find((n) => n.endsWith('.css'))!;
  const total = (suffix: string) => scripts.reduce((a, n) => a + size(n + suffix), 0);
  console.log(`console JavaScript: ${scripts.length} bundled script (${scripts.join(', ')}), ${kb(total(''))} minified, gzip ${kb(total('.gz'))}, brotli ${kb(total('.br'))} as sent (target ≤ 300 KB gzipped); CSS ${kb(size(css))}, brotli ${kb(size(`${css}.br`))}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`bench:console — ${os.cpus().length} CPUs, load average at start ${load()} (a shared machine inflates every browser figure; compare with the empty page of the same run)`);
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
  console.log(`load average at the end ${load()}`);
}

await main();
