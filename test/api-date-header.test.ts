// The HTTP `Date` header comes from the clock the Timespan check uses, not Node's wall clock, so a
// client correcting a 115 from `Date` lands inside the server's window (see the client's
// real-server-skew.test.ts for the whole round trip).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BACKENDS } from './support/databases.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

/** Far from the wall clock, so a header taken from the wall clock cannot match by accident. */
const SERVER_NOW = Date.parse('2031-01-02T03:04:05.678Z');
const SERVER_DATE = 'Thu, 02 Jan 2031 03:04:05 GMT';

for (const backend of BACKENDS) {
  describe(`Date header on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(backend);
    });
    after(async () => { await api.close(); });

    it('carries the injected clock, as an IMF-fixdate, on accepted and refused report calls, 404s and ops endpoints', async () => {
      const creds = await api.account();
      api.clock.set(SERVER_NOW);

      const accepted = await api.call('CreateReport', { ...creds, params: { keyNo: TEST_COMPANIES.ordinary.uscc } });
      assert.equal((accepted.json() as { Status: string }).Status, '200');
      assert.equal(accepted.headers.date, SERVER_DATE);

      const wallClockTimespan = String(Math.floor(Date.now() / 1000));
      const skewed = await api.call('GetReportInfo', { ...creds, timespan: wallClockTimespan, params: { orderNo: '0'.repeat(32) } });
      assert.equal((skewed.json() as { Status: string }).Status, '115');
      assert.equal(skewed.headers['x-error-reason'], 'timespan_skew');
      assert.equal(skewed.headers.date, SERVER_DATE, 'the 115 tells the client the clock it was judged by');

      assert.equal((await api.app.inject({ method: 'GET', url: '/no/such/path' })).headers.date, SERVER_DATE);
      assert.equal((await api.app.inject({ method: 'GET', url: '/healthz' })).headers.date, SERVER_DATE);

      api.clock.advance(60_000);
      assert.equal((await api.app.inject({ method: 'GET', url: '/healthz' })).headers.date, 'Thu, 02 Jan 2031 03:05:05 GMT');
    });
  });
}
