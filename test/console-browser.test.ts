import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findAccount } from '../src/accounts/accounts.js';
import { companyDirectory } from '../src/orders/company-directory.js';
import { createOrder, findOrder, markOrderFailedAndRefund } from '../src/orders/orders.js';
import type { JobQueue } from '../src/queue/job-queue.js';
import { enqueueDelivery } from '../src/realtime/deliveries.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, tempDir } from './support/databases.js';
import { launchChromium, listen, screenshotDir } from './support/browser.js';
import { startTestApi, TEST_COMPANIES, waitForOrder, type TestApi } from './support/server.js';
import { RETRIEVE_URL_PATH } from '../src/protocol/report-calls.js';
import { reportFinishedCallbacks } from '../src/realtime/deliveries.js';

/** A finished order stores its report.finished callback (none goes out here: no callback URL is set). */
const FINISHED = reportFinishedCallbacks(undefined, RETRIEVE_URL_PATH);

const ADMIN_TOKEN = 'test-admin-token';
/** An account name that would run script if any page put it into HTML. */
const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">某<script>window.__xss=2</script>银行';

for (const backend of BACKENDS) {
  describe(`web console in Chromium on ${backend.name}`, () => {
    let api: TestApi;
    let base: string;
    let browser: Browser;
    let operator: BrowserContext;
    let page: Page;
    let shots: string;
    const shot = async (p: Page, name: string) => {
      if (backend.name === 'sqlite') await p.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    };
    // The account the operator creates in the browser, with its SecretKey as shown once.
    const created = { key: '', secretKey: '' };
    let orderNo = '';

    before(async () => {
      api = await startTestApi(backend);
      await api.startWorkers();
      base = await listen(api);
      browser = await launchChromium();
      operator = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
      page = await operator.newPage();
      page.on('dialog', (d) => void d.accept());
      shots = screenshotDir(path.join(tempDir('zx-console-shots-')));
    });
    after(async () => {
      await browser?.close();
      await api?.close();
    });

    it('serves the console with a CSP that forbids inline script and framing, and nothing from other hosts', async () => {
      const res = await fetch(`${base}/console/`);
      assert.equal(res.status, 200);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      const html = await res.text();
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
      const outside: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url()); });
      await page.goto(`${base}/console/`);
      await page.getByLabel('管理令牌').waitFor();
      await shot(page, 'signin');
      assert.deepEqual(outside, []);
    });

    it('loads one bundled script by a content-hashed name, kept for a year and sent precompressed; the page itself is revalidated', async () => {
      const res = await fetch(`${base}/console/`);
      const html = await res.text();
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      const again = await fetch(`${base}/console/`, { headers: { 'if-none-match': res.headers.get('etag')! } });
      assert.equal(again.status, 304, 'an unchanged page answers 304');
      const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
      assert.equal(scripts.length, 1, 'one script');
      assert.match(scripts[0]!, /^assets\/console\.[0-9a-f]{16}\.js$/);
      const url = `${base}/console/${scripts[0]}`;
      const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      const body = Buffer.from(await plain.arrayBuffer());
      assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.match(plain.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      // node's fetch undoes the coding; the raw bytes are compared through http.get.
      const raw = (coding: string) => new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http.get(url, { headers: { 'accept-encoding': coding } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: r.headers, body: Buffer.concat(chunks) })).on('error', reject);
        }).on('error', reject);
      });
      const br = await raw('gzip, deflate, br');
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers.vary, 'Accept-Encoding');
      assert.deepEqual(zlib.brotliDecompressSync(br.body), body);
      assert.ok(br.body.length < body.length / 2);
      const gz = await raw('gzip');
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.deepEqual(zlib.gunzipSync(gz.body), body);
      // A page from before an upgrade names an older hash: it gets today's file, not to be kept.
      const older = await fetch(`${base}/console/assets/console.0123456789abcdef.js`);
      assert.equal(older.status, 200);
      assert.equal(older.headers.get('cache-control'), 'no-cache');
      assert.deepEqual(Buffer.from(await older.arrayBuffer()), body);
      assert.equal((await fetch(`${base}/console/assets/nothing.js`)).status, 404);
      assert.equal((await fetch(`${base}/console/assets/index.html`)).status, 404);
    });

    it('refuses a wrong admin token, then signs the operator in with the right one', async () => {
      await page.getByLabel('管理令牌').fill('not-the-token');
      await page.getByRole('button', { name: '登录' }).first().click();
      await page.getByRole('alert').filter({ hasText: 'wrong admin token' }).waitFor();
      await page.getByLabel('管理令牌').fill(ADMIN_TOKEN);
      await page.getByLabel('操作员姓名').fill('张工');
      await page.getByRole('button', { name: '登录' }).first().click();
      await page.getByRole('heading', { name: '概览' }).waitFor();
      const cookies = await operator.cookies();
      const session = cookies.find((c) => c.name === 'zx_console');
      assert.ok(session?.httpOnly, 'session cookie is HttpOnly');
      assert.equal(session?.sameSite, 'Strict');
      assert.equal(await page.evaluate('document.cookie'), '', 'no script can read the session');
      assert.ok(!String(await page.evaluate('JSON.stringify(localStorage)')).includes(ADMIN_TOKEN), 'nothing secret in local storage');
    });

    it('creates an account and shows its SecretKey exactly once; XSS in the name is inert', async () => {
      await page.getByRole('link', { name: '账户' }).click();
      await page.getByLabel('名称').fill(HOSTILE_NAME);
      await page.getByLabel('初始余额').fill('5');
      await page.getByRole('button', { name: '创建' }).click();
      created.key = (await page.getByTestId('new-key').textContent())!;
      created.secretKey = (await page.getByTestId('new-secret').textContent())!;
      assert.match(created.key, /^[0-9a-f]{32}$/);
      assert.match(created.secretKey, /^[0-9A-Za-z]{32}$/);
      await page.getByRole('button', { name: '复制 SecretKey' }).waitFor();
      await shot(page, 'account-created');
      await page.getByRole('button', { name: '关闭' }).click();
      assert.equal(await page.getByTestId('new-secret').count(), 0);
      // The list shows the name as text, and nothing ran.
      await page.getByRole('link', { name: HOSTILE_NAME }).waitFor();
      assert.equal(await page.evaluate('window.__xss'), undefined);
      await page.reload();
      await page.getByRole('link', { name: HOSTILE_NAME }).waitFor();
      assert.equal(await page.content().then((c) => c.includes(created.secretKey)), false, 'the SecretKey is not shown again');
      await shot(page, 'accounts');
    });

    it('tops the account up and sets its IP allow-list', async () => {
      await page.getByRole('link', { name: HOSTILE_NAME }).click();
      await page.getByLabel('充值金额').fill('100');
      await page.getByRole('button', { name: '充值', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
      await page.getByRole('textbox', { name: 'IP 白名单' }).fill('127.0.0.1/32\n10.0.0.0/8');
      await page.getByRole('button', { name: '保存' }).nth(1).click();
      await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
      await page.getByText('127.0.0.1/32, 10.0.0.0/8').waitFor();
      const stored = await findAccount(api.db.db, created.key);
      assert.equal(stored?.balance, 105);
      assert.deepEqual(stored?.allowedIps, ['127.0.0.1/32', '10.0.0.0/8']);
      await page.getByRole('cell', { name: 'topup' }).first().waitFor();
      assert.equal(await page.evaluate('window.__xss'), undefined);
      await shot(page, 'account');
    });

    it('buys a report type and an interface for the account, with a price and a daily quota', async () => {
      await page.getByRole('checkbox', { name: 'ReportType/2 已购' }).check();
      await page.getByRole('checkbox', { name: 'ReportType/2 启用' }).check();
      await page.getByRole('checkbox', { name: 'FuzzySearch/GetList 已购' }).check();
      await page.getByRole('checkbox', { name: 'FuzzySearch/GetList 启用' }).check();
      await page.getByRole('spinbutton', { name: 'ReportType/2:pdf 价格' }).fill('8');
      await page.getByRole('spinbutton', { name: 'FuzzySearch/GetList 每日限额' }).fill('7');
      await page.getByRole('button', { name: '保存' }).nth(2).click();
      await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
      const stored = await findAccount(api.db.db, created.key);
      assert.deepEqual(stored?.interfaces['ReportType/2'], { bought: true, enabled: true });
      assert.deepEqual(stored?.interfaces['FuzzySearch/GetList'], { bought: true, enabled: true });
      assert.equal(stored?.prices['ReportType/2:pdf'], 8);
      // Prices left as shown were not pinned: they still follow their defaults.
      assert.equal(Object.hasOwn(stored?.prices ?? {}, 'ReportType/3:pdf'), false);
      assert.equal(stored?.interfaceQuotas['FuzzySearch/GetList'], 7);
    });

    it('shows an order made through the API with its state, and downloads its report', async () => {
      api.clock.set(Date.now());
      const res = (await api.call('CreateReport', { ...created, params: { keyNo: TEST_COMPANIES.hostile.name } })).json() as { Status: string; Result: { OrderNo: string } };
      assert.equal(res.Status, '200');
      orderNo = res.Result.OrderNo;
      await waitForOrder(api, created, orderNo);
      await page.goto(`${base}/console/#/orders?account=${created.key}`);
      const row = page.getByRole('row').filter({ hasText: orderNo });
      await row.getByText('成功').waitFor();
      await shot(page, 'orders');
      await row.getByRole('link', { name: orderNo }).click();
      await page.getByRole('heading', { name: '时间线' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载报告' }).click()]);
      const file = await download.path();
      assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
      assert.equal(await page.evaluate('window.__xss'), undefined);
      await shot(page, 'order');
    });

    it('re-renders a failed order after a confirmation, as a new linked order that succeeds', async () => {
      // An order whose job never reaches the workers, then fails as the job does when its last attempt fails.
      const resolved = await companyDirectory(api.db.db).resolve(TEST_COMPANIES.ordinary.name);
      assert.ok(resolved.ok);
      const placed = await createOrder(api.db.db, { enqueue: async () => {} } as unknown as JobQueue, {
        account: (await findAccount(api.db.db, created.key))!, company: resolved.company, format: 'pdf', price: 1, nowMs: Date.now(),
        limits: { systemDailyLimit: null, dailyQuota: null, concurrencyLimit: 10 },
      });
      assert.ok(placed.ok);
      const failed = placed.order.orderNo;
      assert.ok(await markOrderFailedAndRefund(api.db.db, failed, 'render failed', Date.now(), FINISHED));
      const balance = (await findAccount(api.db.db, created.key))!.balance;
      await page.goto(`${base}/console/#/orders/${failed}`);
      await page.getByText('render failed').waitFor();
      const questions: string[] = [];
      page.once('dialog', (d) => questions.push(d.message()));
      await page.getByRole('button', { name: /^重新生成（收费/ }).click();
      await page.getByText('重新生成自').waitFor();
      assert.match(questions[0] ?? '', /原订单已退款/);
      const rerendered = /#\/orders\/([0-9a-f]{32})/.exec(page.url())![1]!;
      assert.notEqual(rerendered, failed);
      await waitForOrder(api, created, rerendered);
      await page.reload();
      await page.getByRole('link', { name: '下载报告' }).waitFor();
      assert.equal((await findAccount(api.db.db, created.key))!.balance, balance - (await findOrder(api.db.db, failed))!.price, 'charged the failed order\'s price again');
      await shot(page, 'order-rerendered');
      await page.goto(`${base}/console/#/orders/${failed}`);
      await page.getByText('已重新生成为').waitFor();
      assert.equal(await page.getByRole('button', { name: '免费重新生成' }).count(), 0, 'once only');
    });

    it('imports an NDJSON file with one bad line and shows the summary', async () => {
      const good = (name: string, uscc: string) => JSON.stringify({ schemaVersion: 1, name, uscc, companyType: '有限责任公司', status: '存续', establishedOn: '2019-01-01', dataAsOf: '2026-06-30T00:00:00+08:00' });
      const file = path.join(tempDir('zx-import-'), 'companies.ndjson');
      fs.writeFileSync(file, [good('浏览器导入一有限公司', completeUscc('91310115MA1H7K1X')), '{"schemaVersion":1,"name":', good('浏览器导入二有限公司', completeUscc('91310115MA1H7K2X'))].join('\n') + '\n');
      await page.getByRole('link', { name: '数据' }).click();
      await page.getByLabel('选择文件').setInputFiles(file);
      await page.getByRole('button', { name: '开始导入' }).click();
      await page.getByTestId('imported').filter({ hasText: '2' }).waitFor();
      assert.equal(await page.getByTestId('rejected').textContent(), '1');
      await page.getByRole('region', { name: 'summary' }).getByRole('cell', { name: '2', exact: true }).waitFor();
      assert.equal(await page.getByLabel('上传进度').evaluate((p) => (p as unknown as { value: number }).value), 1);
      await page.getByTestId('server-progress').and(page.locator('[data-state=done]')).waitFor();
      assert.equal(await page.getByTestId('progress-rejected').textContent(), '1');
      await shot(page, 'data-import');
    });

    it('shows the server\'s import progress while an import runs (an intermediate state), then its summary', async () => {
      const LINES = 6_000;
      const FIRST = 5_000; // more than two batches of 2,000, so the server reports progress before the rest arrives
      const line = (i: number) => JSON.stringify({ schemaVersion: 1, name: `进度测试${i}有限公司`, uscc: completeUscc(`9131011500${String(i).padStart(6, '0')}`), companyType: '有限责任公司', status: '存续', establishedOn: '2019-01-01', dataAsOf: '2026-06-30T00:00:00+08:00' }) + '\n';
      const cookie = (await operator.cookies()).find((c) => c.name === 'zx_console')!;
      const headers = { cookie: `zx_console=${cookie.value}`, 'x-csrf-token': (await page.evaluate(() => fetch('/console/api/session').then((r) => r.json())) as { csrfToken: string }).csrfToken };
      const opened = await fetch(`${base}/console/api/imports`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(opened.status, 201);
      const job = ((await opened.json()) as { job: { id: string } }).job.id;
      // The file arrives in two parts; the second waits until the page has shown the first's progress.
      let release!: () => void;
      const released = new Promise<void>((r) => { release = r; });
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode(Array.from({ length: FIRST }, (_, i) => line(i)).join('')));
          await released;
          controller.enqueue(new TextEncoder().encode(Array.from({ length: LINES - FIRST }, (_, i) => line(FIRST + i)).join('')));
          controller.close();
        },
      });
      const importing = fetch(`${base}/console/api/import?job=${job}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-ndjson' }, body, duplex: 'half' } as RequestInit);
      // Until the server has written progress for the first part (read from the database, not timed).
      const progressed = () => api.db.db.selectFrom('console_imports').select(['state', 'lines']).where('id', '=', job).executeTakeFirst();
      for (let row = await progressed(); !(row?.state === 'running' && Number(row.lines) > 0);) {
        await new Promise((r) => setTimeout(r, 50));
        row = await progressed();
      }
      // A fresh load of the 数据 page (as after a reload mid-import) finds the running import and follows it.
      await page.goto(`${base}/console/#/data`);
      await page.reload();
      const running = page.getByTestId('server-progress').and(page.locator('[data-state=running]'));
      await running.waitFor();
      const shown = Number((await running.getByTestId('progress-lines').textContent())!.replace(/\D/g, ''));
      assert.ok(shown > 0 && shown < LINES, `an intermediate count, got ${shown}`);
      assert.equal(await running.getByTestId('import-state').textContent(), '导入中');
      await shot(page, 'data-import-progress');
      release();
      const answer = await importing;
      assert.equal(answer.status, 200);
      assert.equal(((await answer.json()) as { summary: { imported: number } }).summary.imported, LINES);
      // The page follows the import to its end and shows the summary.
      await page.getByTestId('server-progress').and(page.locator('[data-state=done]')).waitFor();
      await page.getByTestId('imported').filter({ hasText: '6,000' }).waitFor();
    });

    it('finds a company, shows its facts and score, and renders a preview PDF inline', async () => {
      await page.goto(`${base}/console/#/companies`);
      await page.getByLabel('按名称片段或统一社会信用代码搜索').fill('浏览器导入');
      await page.getByRole('button', { name: '搜索' }).click();
      await page.getByRole('link', { name: '浏览器导入一有限公司' }).click();
      await page.getByRole('heading', { name: '工商信息' }).waitFor();
      const preview = page.waitForResponse((r) => r.url().endsWith('/preview.pdf'));
      await page.getByRole('button', { name: '预览报告（PDF）' }).click();
      const pdf = await preview;
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.match(pdf.headers()['content-security-policy'] ?? '', /frame-ancestors 'self'/);
      await shot(page, 'company');
    });

    it('turns maintenance mode on (CreateReport answers 124) and off again, asking first', async () => {
      await page.getByRole('link', { name: '系统' }).click();
      await page.getByRole('button', { name: '维护模式: 开启' }).click();
      await page.getByTestId('maintenance-state').filter({ hasText: '开启' }).waitFor();
      await shot(page, 'system');
      api.clock.set(Date.now());
      const during = (await api.call('CreateReport', { ...created, params: { keyNo: TEST_COMPANIES.ordinary.name } })).json() as { Status: string };
      assert.equal(during.Status, '124');
      await page.getByRole('button', { name: '维护模式: 关闭' }).click();
      await page.getByTestId('maintenance-state').filter({ hasText: '关闭' }).waitFor();
      api.clock.set(Date.now());
      const afterwards = (await api.call('CreateReport', { ...created, params: { keyNo: TEST_COMPANIES.ordinary.name } })).json() as { Status: string };
      assert.equal(afterwards.Status, '200');
    });

    it('shows the overview with its charts', async () => {
      await page.getByRole('link', { name: '概览' }).click();
      await page.getByRole('img', { name: '每日请求（按 Status）' }).waitFor();
      await page.getByRole('img', { name: '每日订单（按状态）' }).waitFor();
      await shot(page, 'overview');
    });

    it('opened at a page\'s address, asks for that page\'s data alongside the session, once, not after it', async () => {
      const asked: string[] = [];
      const count = (r: { url(): string }) => { if (r.url().includes('/console/api/')) asked.push(new URL(r.url()).pathname); };
      page.on('request', count);
      // The session's answer is held until the page's data is asked: a page that waited for the
      // session before asking would ask nothing while it is held (decided by order, not by timing;
      // the 10 s bound only keeps such a page from hanging the test).
      let settingsAsked!: () => void;
      const asking = new Promise<boolean>((resolve) => { settingsAsked = () => resolve(true); });
      const watchSettings = (r: { url(): string }) => { if (r.url().includes('/console/api/settings')) settingsAsked(); };
      page.on('request', watchSettings);
      let askedWhileHeld: boolean | undefined;
      await page.route('**/console/api/session', async (route) => {
        askedWhileHeld = await Promise.race([asking, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))]);
        await route.continue();
      });
      await page.goto('about:blank');
      await page.goto(`${base}/console/#/system`);
      await page.getByTestId('maintenance-state').waitFor();
      page.off('request', count);
      page.off('request', watchSettings);
      await page.unroute('**/console/api/session');
      assert.deepEqual(asked.sort(), ['/console/api/session', '/console/api/settings']);
      assert.equal(askedWhileHeld, true, 'the page asked for its data while the session had not answered');
    });

    it('shows callback deliveries; the operator replays a failed one after a confirmation and sets an account\'s callback URL', async () => {
      await enqueueDelivery(api.db.db, { id: 'console-test-failed', accountKey: created.key, url: 'https://callback.example.invalid/zx', eventType: 'report.finished', data: { orderNo }, nowMs: Date.now() - 86_400_000 });
      await api.db.db.updateTable('callback_deliveries').set({ state: 'failed', attempts: 9, last_status: '503', last_error: 'answered 503' }).where('id', '=', 'console-test-failed').execute();
      await page.getByRole('link', { name: '回调' }).click();
      const row = page.getByRole('row').filter({ hasText: 'callback.example.invalid' });
      await row.getByText('失败').waitFor();
      await row.getByText('answered 503').waitFor();
      const questions: string[] = [];
      page.once('dialog', (d) => questions.push(d.message()));
      await row.getByRole('button', { name: /^重发/ }).click();
      await page.getByRole('status').filter({ hasText: '已重新排队发送' }).waitFor();
      assert.match(questions[0] ?? '', /callback\.example\.invalid/);
      const replayed = await api.db.db.selectFrom('callback_deliveries').select(['state', 'created_at']).where('id', '=', 'console-test-failed').executeTakeFirstOrThrow();
      assert.notEqual(replayed.state, 'failed', 'queued again');
      await shot(page, 'deliveries');
      await page.goto(`${base}/console/#/accounts/${created.key}`);
      await page.getByLabel('回调地址').fill('https://bank.example.com/zx-callback');
      await page.getByRole('button', { name: '保存' }).last().click();
      await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
      assert.equal((await findAccount(api.db.db, created.key))?.callbackUrl, 'https://bank.example.com/zx-callback');
    });

    it('signs a customer in with a signed challenge; it sees only its own orders and files', async () => {
      const other = await api.account({ name: '另一家银行' });
      api.clock.set(Date.now());
      const otherOrder = ((await api.call('CreateReport', { ...other, params: { keyNo: TEST_COMPANIES.ordinary.name } })).json() as { Result: { OrderNo: string } }).Result.OrderNo;
      await waitForOrder(api, other, otherOrder);

      const customer = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
      const cpage = await customer.newPage();
      cpage.on('dialog', (d) => void d.accept());
      const sentSecret: string[] = [];
      cpage.on('request', (r) => { if ((r.postData() ?? '').includes(created.secretKey) || r.url().includes(created.secretKey)) sentSecret.push(r.url()); });
      await cpage.goto(`${base}/console/`);
      await cpage.getByLabel('账户 Key').fill(created.key);
      await cpage.getByLabel('SecretKey').fill(created.secretKey);
      await cpage.getByRole('button', { name: '登录' }).nth(1).click();
      await cpage.getByTestId('balance').waitFor();
      assert.deepEqual(sentSecret, [], 'the SecretKey never left the browser');
      await shot(cpage, 'customer-home');

      await cpage.getByRole('link', { name: '我的订单' }).click();
      await cpage.getByRole('row').filter({ hasText: orderNo }).waitFor();
      assert.equal(await cpage.getByRole('row').filter({ hasText: otherOrder }).count(), 0);
      await shot(cpage, 'customer-orders');
      // Another customer's order and file answer exactly as a missing one; the operator API is closed to it.
      assert.equal((await customer.request.get(`${base}/console/api/me/orders/${otherOrder}`)).status(), 404);
      assert.equal((await customer.request.get(`${base}/console/api/me/orders/${otherOrder}/file`)).status(), 404);
      assert.equal((await customer.request.get(`${base}/console/api/me/orders/${orderNo}/file`)).status(), 200);
      assert.equal((await customer.request.get(`${base}/console/api/orders/${otherOrder}`)).status(), 403);
      assert.equal((await customer.request.get(`${base}/console/api/accounts`)).status(), 403);
      // A change without the CSRF token is refused even with the session cookie.
      assert.equal((await customer.request.post(`${base}/console/api/me/rotate-secret`)).status(), 403);

      // Its own watch list only, and its own deliveries; it sets its own callback URL (checked like the operator's).
      const directory = companyDirectory(api.db.db);
      const mine = await directory.resolve(TEST_COMPANIES.ordinary.name);
      const theirs = await directory.resolve(TEST_COMPANIES.hostile.name);
      assert.ok(mine.ok && theirs.ok);
      await api.db.db.insertInto('monitor_watches').values([
        { account_key: created.key, key_no: mine.company.keyNo, since_event: 0, added_at: new Date().toISOString() },
        { account_key: other.key, key_no: theirs.company.keyNo, since_event: 0, added_at: new Date().toISOString() },
      ]).execute();
      await enqueueDelivery(api.db.db, { id: 'console-test-other', accountKey: other.key, url: 'https://other.example.invalid/cb', eventType: 'report.finished', data: { orderNo: otherOrder }, nowMs: Date.now() });
      await cpage.getByRole('link', { name: '监控名单' }).click();
      await cpage.getByRole('cell', { name: TEST_COMPANIES.ordinary.name }).waitFor();
      assert.equal(await cpage.getByTestId('watch-total').textContent(), '合计 1');
      assert.equal(await cpage.getByRole('cell', { name: TEST_COMPANIES.hostile.name }).count(), 0, 'not another customer\'s watch');
      await shot(cpage, 'customer-watches');
      await cpage.getByRole('link', { name: '回调', exact: true }).click();
      await cpage.getByRole('row').filter({ hasText: 'callback.example.invalid' }).waitFor();
      assert.equal(await cpage.getByRole('row').filter({ hasText: 'other.example.invalid' }).count(), 0);
      await cpage.getByLabel('回调地址').fill('ftp://bank.example.com/x');
      await cpage.getByRole('button', { name: '保存' }).click();
      await cpage.getByRole('alert').filter({ hasText: 'scheme ftp is not http or https' }).waitFor();
      // Where it points is checked when it is set (and again at each delivery); a customer is not told which address.
      await cpage.getByLabel('回调地址').fill('http://localhost:9/x');
      await cpage.getByRole('button', { name: '保存' }).click();
      await cpage.getByRole('alert').filter({ hasText: 'localhost resolves to a private or loopback address: callbacks go to public addresses only' }).waitFor();
      await cpage.getByLabel('回调地址').fill('https://bank.example.com/own-callback');
      await cpage.getByRole('button', { name: '保存' }).click();
      await cpage.getByRole('status').filter({ hasText: '已保存' }).waitFor();
      assert.equal((await findAccount(api.db.db, created.key))?.callbackUrl, 'https://bank.example.com/own-callback');
      await shot(cpage, 'customer-deliveries');

      await cpage.getByRole('link', { name: '我的公司' }).click();
      await cpage.getByRole('button', { name: '重置 SecretKey' }).click();
      const fresh = (await cpage.getByTestId('new-secret').textContent())!;
      assert.notEqual(fresh, created.secretKey);
      api.clock.set(Date.now());
      const params = { orderNo };
      assert.equal(((await api.call('GetReportInfo', { ...created, params })).json() as { Status: string }).Status, '107', 'the old SecretKey stopped working');
      assert.equal(((await api.call('GetReportInfo', { key: created.key, secretKey: fresh, params })).json() as { Status: string }).Status, '200');
      await customer.close();
    });

    it('rate-limits sign-in attempts from one address, even with the right token', async () => {
      const signin = (token: string) => api.app.inject({ method: 'POST', url: '/console/api/operator/signin', remoteAddress: '192.0.2.7', headers: { 'content-type': 'application/json' }, payload: { token } });
      for (let i = 0; i < 5; i++) assert.equal((await signin('wrong')).statusCode, 401);
      const blocked = await signin(ADMIN_TOKEN);
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      assert.equal((await signin(ADMIN_TOKEN)).statusCode, 429);
    });

    it('audits every console action with who did it', async () => {
      // The console writes its audit line after the answer is sent (onResponse), so the last
      // sign-in's line may still be on its way: read until it is there (up to 15 s).
      const read = () => api.db.db.selectFrom('audit_log').select(['interface', 'actor', 'status', 'account_key']).where('interface', 'like', 'console:%').execute();
      let rows = await read();
      for (const deadline = Date.now() + 15_000; !rows.some((r) => r.interface === 'console:signin.operator' && r.status === '429') && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 50));
        rows = await read();
      }
      const did = (action: string, actor: string) => rows.some((r) => r.interface === action && r.actor === actor);
      assert.ok(did('console:account.create', 'operator:张工'));
      assert.ok(did('console:account.update', 'operator:张工'));
      assert.ok(did('console:settings.update', 'operator:张工'));
      assert.ok(did('console:data.import', 'operator:张工'));
      assert.ok(did('console:order.download', 'operator:张工'));
      assert.ok(did('console:order.rerender', 'operator:张工'));
      assert.ok(did('console:delivery.replay', 'operator:张工'));
      assert.ok(did('console:me.callback-url', `customer:${created.key}`));
      assert.ok(did('console:signin.customer', `customer:${created.key}`));
      assert.ok(did('console:me.rotate-secret', `customer:${created.key}`));
      assert.ok(rows.some((r) => r.interface === 'console:signin.operator' && r.status === '401'));
      assert.ok(rows.some((r) => r.interface === 'console:signin.operator' && r.status === '429'));
    });

    it('signs a customer in without WebCrypto (plain HTTP inside a bank: the bundled SHA-256 fallback)', async () => {
      const account = await api.account({ name: '明文银行' });
      const context = await browser.newContext();
      // What a page served over plain HTTP from another host sees: no crypto.subtle.
      await context.addInitScript(() => Object.defineProperty(Object.getPrototypeOf(globalThis.crypto), 'subtle', { get: () => undefined, configurable: true }));
      const cpage = await context.newPage();
      await cpage.goto(`${base}/console/`);
      assert.equal(await cpage.evaluate(() => globalThis.crypto.subtle === undefined), true);
      await cpage.getByLabel('账户 Key').fill(account.key);
      await cpage.getByLabel('SecretKey').fill(account.secretKey);
      await cpage.getByRole('button', { name: '登录' }).nth(1).click();
      await cpage.getByTestId('balance').waitFor();
      await context.close();
    });
  });
}
