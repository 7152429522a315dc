import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { BACKENDS } from './support/databases.js';
import { nextReportText } from './support/realtime.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

const AUTH = { authorization: 'Bearer test-admin-token' };

for (const backend of BACKENDS) {
  describe(`data push and the change feed on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(backend);
      await api.startWorkers();
    });
    after(async () => { await api.close(); });

    const keyNo = deriveKeyNo(TEST_COMPANIES.ordinary);
    // The fixtures were stored without the import's checks; pushes are checked whole.
    const valid = { ...TEST_COMPANIES.ordinary, dataAsOf: '2026-06-30T00:00:00+08:00' };
    const events = async (after = 0) =>
      (await api.app.inject({ method: 'GET', url: `/admin/events?after=${after}&limit=1000`, headers: AUTH })).json() as {
        events: Array<{ id: number; keyNo: string; type: string; data: Record<string, unknown> }>;
        next: number;
      };

    it('a pushed 失信 record is in the very next report, and the feed says what changed', async () => {
      assert.equal((await api.app.inject({ method: 'PUT', url: `/admin/companies/${keyNo}`, headers: AUTH, payload: valid })).statusCode, 200);
      const head = (await events()).next;
      const record = { caseNo: '(2026)沪0115执9876号', court: '上海市浦东新区人民法院', filedOn: '2026-05-01', obligation: '支付货款' };
      const pushed = await api.app.inject({ method: 'POST', url: `/admin/companies/${keyNo}/records/dishonest`, headers: AUTH, payload: record });
      assert.equal(pushed.statusCode, 200, pushed.body);
      const result = pushed.json() as { status: string; version: number; event: number };
      assert.equal(result.status, 'updated');
      assert.ok(result.event > head);

      const text = await nextReportText(api, keyNo);
      assert.ok(text.includes('(2026)沪0115执9876号'), 'the pushed case number is in the report');

      const feed = await events(head);
      const mine = feed.events.filter((e) => e.keyNo === keyNo);
      assert.deepEqual(mine.map((e) => e.type).filter((t) => t !== 'grade.changed'), ['company.updated', 'record.added']);
      assert.deepEqual(mine[0]!.data, { categories: ['dishonest'], fields: [] });
      assert.deepEqual((mine[1]!.data as { record: unknown }).record, record);
      assert.equal(feed.next, mine[mine.length - 1]!.id);
      assert.equal(result.event, feed.next);
      // Read on from the cursor: nothing again.
      assert.deepEqual((await events(feed.next)).events, []);
    });

    it('PUT creates and replaces a whole document; status changes are events; an unchanged push records none', async () => {
      const doc = { ...valid, name: '上海推送测试有限公司', uscc: undefined, regNo: undefined, formerNames: undefined };
      const newKey = 'a'.repeat(32);
      const head = (await events()).next;
      const created = await api.app.inject({ method: 'PUT', url: `/admin/companies/${newKey}`, headers: AUTH, payload: doc });
      assert.equal(created.statusCode, 201, created.body);
      const again = await api.app.inject({ method: 'PUT', url: `/admin/companies/${newKey}`, headers: AUTH, payload: doc });
      assert.equal((again.json() as { status: string }).status, 'unchanged');
      assert.equal((created.json() as { version: number }).version, 1);
      assert.deepEqual([(again.json() as { version: number }).version, (again.json() as { event: number }).event], [1, (created.json() as { event: number }).event]);
      const cancelled = await api.app.inject({ method: 'PUT', url: `/admin/companies/${newKey}`, headers: AUTH, payload: { ...doc, status: '注销' } });
      assert.equal((cancelled.json() as { status: string }).status, 'updated');
      assert.equal((cancelled.json() as { version: number }).version, 2, 'one more per accepted change');
      const feed = (await events(head)).events.filter((e) => e.keyNo === newKey);
      assert.equal(feed[0]!.type, 'company.created');
      assert.ok(feed.some((e) => e.type === 'status.changed' && e.data.old === '存续' && e.data.new === '注销'));
      const updated = feed.find((e) => e.type === 'company.updated')!;
      assert.deepEqual(updated.data.fields, ['status']);
      assert.equal(feed.filter((e) => e.type === 'company.created').length, 1);
    });

    it('a bad document changes nothing and names the field', async () => {
      const head = (await events()).next;
      const before = await api.db.db.selectFrom('companies').select('doc').where('key_no', '=', keyNo).executeTakeFirstOrThrow();
      const bad = await api.app.inject({ method: 'POST', url: `/admin/companies/${keyNo}/records/dishonest`, headers: AUTH, payload: { court: '某法院' } });
      assert.equal(bad.statusCode, 400);
      const body = bad.json() as { field: string; reason: string };
      assert.match(body.field, /^\/dishonest\/\d+$/);
      assert.match(body.reason, /caseNo/);
      const wrongCategory = await api.app.inject({ method: 'POST', url: `/admin/companies/${keyNo}/records/nonsense`, headers: AUTH, payload: {} });
      assert.equal(wrongCategory.statusCode, 400);
      assert.equal((wrongCategory.json() as { field: string }).field, 'category');
      const badPut = await api.app.inject({ method: 'PUT', url: `/admin/companies/${keyNo}`, headers: AUTH, payload: { ...valid, establishedOn: 'yesterday' } });
      assert.equal(badPut.statusCode, 400);
      assert.equal((badPut.json() as { field: string }).field, '/establishedOn');
      const missing = await api.app.inject({ method: 'POST', url: `/admin/companies/${'b'.repeat(32)}/records/dishonest`, headers: AUTH, payload: { caseNo: 'x', filedOn: '2026-01-01' } });
      assert.equal(missing.statusCode, 404);
      const after = await api.db.db.selectFrom('companies').select('doc').where('key_no', '=', keyNo).executeTakeFirstOrThrow();
      assert.equal(after.doc, before.doc);
      assert.deepEqual((await events(head)).events, []);
      assert.equal((await api.app.inject({ method: 'GET', url: '/admin/events?after=x', headers: AUTH })).statusCode, 400);
      assert.equal((await api.app.inject({ method: 'GET', url: '/admin/events' })).statusCode, 401);
    });
  });
}
