import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BACKENDS } from './support/databases.js';
import { startTestApi } from './support/server.js';

type Body = { Status: string; Message: string; Result: unknown };

for (const backend of BACKENDS) {
  describe(`report API when things break on ${backend.name}`, () => {
    it('500 when a sealed SecretKey no longer opens, 199 for an unexpected error, in the requested envelope', async () => {
      const api = await startTestApi(backend);
      try {
        const creds = await api.account();
        await api.db.db.updateTable('accounts').set({ secret_enc: 'v1:' + Buffer.alloc(40).toString('base64') }).where('key', '=', creds.key).execute();
        const broken = await api.call('GetReportInfo', { ...creds, params: { orderNo: 'f'.repeat(32) } });
        assert.deepEqual(broken.json(), { Status: '500', Message: '【无效请求】接口相关的逻辑错误', Result: null });
        assert.equal(broken.headers['x-error-reason'], 'invariant_broken');

        const other = await api.account();
        await api.db.db.updateTable('accounts').set({ interfaces: '{not json' }).where('key', '=', other.key).execute();
        const res = await api.call('GetReportInfo', { ...other, params: { orderNo: 'f'.repeat(32), dtype: 'xml' } });
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /<Status>199<\/Status>\n<Message>【无效请求】系统未知错误，请联系技术客服<\/Message>\n<Result><\/Result>/);
        assert.equal(res.headers['x-error-reason'], 'internal_error');
        assert.ok(res.headers['x-request-id']);
      } finally {
        await api.close();
      }
    });

    it('202 for a body over the size limit', async () => {
      const api = await startTestApi(backend);
      try {
        const res = await api.app.inject({ method: 'POST', url: '/Report/CreateReport', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'keyNo=' + 'x'.repeat(100_000) });
        assert.equal(res.statusCode, 200);
        assert.equal((res.json() as Body).Status, '202');
        assert.equal(res.headers['x-error-reason'], 'request_malformed');
      } finally {
        await api.close();
      }
    });

    it('203 when the database is unreachable', async () => {
      const api = await startTestApi(backend);
      const creds = await api.account();
      await api.db.db.destroy();
      const res = await api.call('GetReportInfo', { ...creds, params: { orderNo: 'f'.repeat(32) } });
      const body = res.json() as Body;
      assert.equal(body.Status, '203');
      assert.equal(body.Message, '【无效请求】系统查询有异常，请联系技术人员');
      assert.equal(res.headers['x-error-reason'], 'backend_unavailable');
      const ready = await api.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      await api.close().catch(() => {});
    });
  });
}
