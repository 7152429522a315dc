/**
 * /admin validates every input with the CLI's schema (issue 15 item 11): values that would corrupt
 * state answer 400 naming the field and the reason, and nothing is stored. On the real server,
 * both backends; the CLI refuses the same values.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { findCommand } from '../src/cli/commands.js';
import { loadConfig } from '../src/config.js';
import { BACKENDS } from './support/databases.js';
import { startTestApi, type TestApi } from './support/server.js';

const AUTH = { authorization: 'Bearer test-admin-token' };

for (const backend of BACKENDS) {
  describe(`admin input validation on ${backend.name}`, () => {
    let api: TestApi;
    let key: string;
    before(async () => {
      api = await startTestApi(backend);
      key = (await api.account({ balance: 5 })).key;
    });
    after(async () => { await api.close(); });

    const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: string | object) =>
      api.app.inject({ method, url, headers: { ...AUTH, 'content-type': 'application/json' }, ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }) });
    const refused = async (res: Awaited<ReturnType<typeof send>>, field: string, reason: RegExp) => {
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json() as { error: string; field: string; reason: string };
      assert.equal(body.field, field, res.body);
      assert.match(body.reason, reason, res.body);
      assert.equal(body.error, `${field}: ${body.reason}`);
    };

    it('refuses a callback URL pointing at a private or loopback address when it is set, not only at delivery', async () => {
      const url = `/admin/accounts/${key}`;
      await refused(await send('PATCH', url, { callbackUrl: 'http://127.0.0.1:8080/cb' }), 'callbackUrl', /^127\.0\.0\.1 is a private or loopback address: callbacks go to public addresses only \(ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1 allows it\)$/);
      await refused(await send('PATCH', url, { callbackUrl: 'http://[::1]/cb' }), 'callbackUrl', /^::1 is a private/);
      // `localhost` resolves through /etc/hosts, without any DNS server.
      await refused(await send('PATCH', url, { callbackUrl: 'http://localhost:9/cb' }), 'callbackUrl', /^localhost resolves to (127\.0\.0\.1|::1), a private or loopback address/);
      await refused(await send('POST', '/admin/accounts', { name: '内网银行', callbackUrl: 'http://10.1.2.3/cb' }), 'callbackUrl', /^10\.1\.2\.3 is a private/);
      assert.equal(((await send('GET', `/admin/accounts/${key}`)).json() as { account: { callbackUrl: string | null } }).account.callbackUrl, null, 'nothing stored');
      assert.equal((await send('PATCH', url, { callbackUrl: 'https://93.184.216.34/cb' })).statusCode, 200);
      assert.equal((await send('PATCH', url, { callbackUrl: null })).statusCode, 200);
      // While the operator allows private addresses, the same URL is taken.
      const open = await startTestApi(backend, { ZHENGXIN_CALLBACK_ALLOW_PRIVATE: '1' });
      try {
        const k = (await open.account({})).key;
        const res = await open.app.inject({ method: 'PATCH', url: `/admin/accounts/${k}`, headers: { ...AUTH, 'content-type': 'application/json' }, payload: { callbackUrl: 'http://127.0.0.1:8080/cb' } });
        assert.equal(res.statusCode, 200, res.body);
      } finally {
        await open.close();
      }
    });

    it('refuses bad account changes, naming the field, and changes nothing', async () => {
      const before = (await send('GET', `/admin/accounts/${key}`)).json() as { account: unknown };
      const url = `/admin/accounts/${key}`;
      await refused(await send('PATCH', url, { prices: { pdf: -5 } }), 'prices.pdf', /must be 0 or more, got -5/);
      await refused(await send('PATCH', url, { topup: -100 }), 'topup', /must be 1 or more/);
      await refused(await send('PATCH', url, { topup: 1.5 }), 'topup', /whole number/);
      await refused(await send('PATCH', url, { balance: -1 }), 'balance', /0 or more/);
      await refused(await send('PATCH', url, { dailyQuota: -3 }), 'dailyQuota', /0 or more/);
      await refused(await send('PATCH', url, { concurrencyLimit: 0 }), 'concurrencyLimit', /1 or more/);
      await refused(await send('PATCH', url, { creditLimit: -10 }), 'creditLimit', /0 or more/);
      await refused(await send('PATCH', url, { effectiveAt: 'not a date' }), 'effectiveAt', /ISO 8601/);
      await refused(await send('PATCH', url, { interfaces: { CreateReport: { bought: 'yes', enabled: true } } }), 'interfaces.CreateReport.bought', /true or false/);
      await refused(await send('PATCH', url, { interfaces: { NoSuch: { bought: true, enabled: true } } }), 'interfaces.NoSuch', /unknown field/);
      await refused(await send('PATCH', url, '{"interfaces":{"constructor":{"bought":true,"enabled":true}}}'), 'interfaces.constructor', /unknown field/);
      await refused(await send('PATCH', url, { state: 'bogus' }), 'state', /one of active/);
      await refused(await send('PATCH', url, { formats: ['pdf', 'exe'] }), 'formats.1', /one of pdf, word/);
      await refused(await send('PATCH', url, { allowedIps: ['10.0.0.0/99'] }), 'allowedIps.0', /./);
      await refused(await send('PATCH', url, { balanse: 3 }), 'balanse', /unknown field/);
      const proto = await send('PATCH', url, '{"__proto__":{"balance":1000}}');
      assert.equal(proto.statusCode, 400, proto.body);
      assert.deepEqual((await send('GET', `/admin/accounts/${key}`)).json(), before, 'nothing changed');
      // A valid date is stored normalised, and valid values still work.
      const ok = await send('PATCH', url, { effectiveAt: '2026-01-01T08:00:00+08:00', topup: 2, prices: { pdf: 0 } });
      assert.equal(ok.statusCode, 200, ok.body);
      // Prices are kept by price key (the interface registry): `pdf` is CreateReport's.
      const account = (ok.json() as { account: { effectiveAt: string; balance: number; prices: Record<string, number> } }).account;
      assert.deepEqual([account.effectiveAt, account.balance, account.prices['CreateReport:pdf']], ['2026-01-01T00:00:00.000Z', 7, 0]);
    });

    it('refuses bad new accounts, settings and order listings', async () => {
      const count = async () => ((await send('GET', '/admin/accounts')).json() as { accounts: unknown[] }).accounts.length;
      const n = await count();
      await refused(await send('POST', '/admin/accounts', { name: '某银行', prices: { word: -1 } }), 'prices.word', /0 or more/);
      await refused(await send('POST', '/admin/accounts', { name: '某银行', balance: 'lots' }), 'balance', /whole number/);
      await refused(await send('POST', '/admin/accounts', { balance: 3 }), 'name', /required/);
      await refused(await send('POST', '/admin/accounts', { name: '   ' }), 'name', /non-empty/);
      assert.equal(await count(), n);
      await refused(await send('PATCH', '/admin/settings', { maintenance: 'on' }), 'maintenance', /true or false/);
      await refused(await send('PATCH', '/admin/settings', { systemDailyLimit: -1 }), 'systemDailyLimit', /0 or more/);
      await refused(await send('PATCH', '/admin/settings', { interfaces: { CreateReport: 'off' } }), 'interfaces.CreateReport', /one of active, disabled, deleted/);
      assert.equal(((await send('GET', '/admin/settings')).json() as { settings: { maintenance: boolean } }).settings.maintenance, false);
      await refused(await send('GET', '/admin/orders?limit=-1'), 'limit', /1 to 1000/);
      await refused(await send('GET', '/admin/orders?limit=1.5'), 'limit', /1 to 1000/);
      await refused(await send('GET', '/admin/orders?limit=5000'), 'limit', /1 to 1000/);
      await refused(await send('GET', '/admin/orders?state=X'), 'state', /one of P, S, F/);
      assert.equal((await send('GET', '/admin/orders?limit=2&state=P')).statusCode, 200);
    });

    it('the CLI refuses the same values, naming the flag', async () => {
      const run = async (args: string[]) => {
        const match = await findCommand(args);
        const stdout = new PassThrough();
        const stderr = new PassThrough();
        let err = '';
        stderr.on('data', (d: Buffer) => (err += d.toString()));
        // A shared database needs the master key the accounts were sealed with (docs/deploy.md).
        const env: NodeJS.ProcessEnv = { ZHENGXIN_DATA_DIR: api.db.dataDir, ...(api.db.databaseUrl ? { DATABASE_URL: api.db.databaseUrl, ZHENGXIN_MASTER_KEY: api.masterKeyHex } : {}) };
        try {
          const code = await match!.command.run({ config: loadConfig(env), argv: match!.rest, env, stdout, stderr, stdin: new PassThrough(), stdinFd: undefined });
          return { code, err };
        } catch (e) {
          return { code: 2, err: (e as Error).message };
        }
      };
      const topup = await run(['accounts', 'update', key, '--topup=-5']);
      assert.equal(topup.code, 2);
      assert.match(topup.err, /--topup: must be 1 or more, got -5/);
      const quota = await run(['accounts', 'update', key, '--daily-quota=-1']);
      assert.match(quota.err, /--daily-quota: must be 0 or more/);
    });
  });
}
