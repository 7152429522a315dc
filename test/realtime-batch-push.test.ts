import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findCompanyByKeyNo } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { BACKENDS } from './support/databases.js';
import { nextReportText, writerDocument } from './support/realtime.js';
import { startTestApi, TEST_COMPANIES, type TestApi } from './support/server.js';

const AUTH = { authorization: 'Bearer test-admin-token' };

interface BatchAnswer {
  imported: number; updated: number; unchanged: number; rejected: number;
  results: Array<{ line: number; status: string; keyNo?: string; field?: string; reason?: string }>;
}

for (const backend of BACKENDS) {
  describe(`HTTP batch push (POST /admin/companies) on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(backend);
      await api.startWorkers();
    });
    after(async () => { await api.close(); });

    const base = writerDocument('0'.repeat(32));
    const doc = (i: number, extra: Record<string, unknown> = {}) => ({ ...base, name: `上海批量推送${i}有限公司`, uscc: completeUscc(`91310115MD${String(i).padStart(6, '0')}`), ...extra });
    const push = (body: string, type = 'application/x-ndjson') => api.app.inject({ method: 'POST', url: '/admin/companies', headers: { ...AUTH, 'content-type': type }, payload: body });
    const events = async (after: number) =>
      ((await api.app.inject({ method: 'GET', url: `/admin/events?after=${after}&limit=1000`, headers: AUTH })).json() as { events: Array<{ keyNo: string; type: string }>; next: number });

    it('NDJSON: good lines committed with their events, bad lines answered with line, field and reason and nothing written for them', async () => {
      const head = (await events(0)).next;
      const lines = [
        JSON.stringify(doc(1)),
        '',
        JSON.stringify(doc(2, { dishonest: [{ court: '上海市浦东新区人民法院' }] })), // a record without its required fields
        '{not json',
        JSON.stringify(doc(3)),
        JSON.stringify(doc(1, { address: '上海市浦东新区重复路1号' })), // the same company again in one request
        JSON.stringify({ ...doc(4), uscc: doc(3).uscc, keyNo: deriveKeyNo(doc(4)) }), // another company's uscc
        `{"a":${'['.repeat(40)}${']'.repeat(40)}}`, // nested too deep: refused before parsing
      ];
      const res = await push(`${lines.join('\r\n')}\n`);
      assert.equal(res.statusCode, 200, res.body);
      const answer = res.json() as BatchAnswer;
      assert.deepEqual([answer.imported, answer.updated, answer.unchanged, answer.rejected], [2, 0, 0, 5]);
      assert.deepEqual(answer.results.map((r) => [r.line, r.status]), [[1, 'imported'], [3, 'rejected'], [4, 'rejected'], [5, 'imported'], [6, 'rejected'], [7, 'rejected'], [8, 'rejected']]);
      const byLine = new Map(answer.results.map((r) => [r.line, r]));
      assert.match(byLine.get(3)!.field!, /^\/dishonest\/0/);
      assert.match(byLine.get(4)!.reason!, /^malformed JSON/);
      assert.match(byLine.get(6)!.reason!, /same company .* as line 1 of this request/);
      assert.equal(byLine.get(7)!.field, '/uscc');
      assert.match(byLine.get(8)!.reason!, /nested deeper than 32/);
      assert.equal(byLine.get(1)!.keyNo, deriveKeyNo(doc(1)));

      for (const i of [2, 4]) {
        assert.equal(await findCompanyByKeyNo(api.db.db, deriveKeyNo(doc(i))), undefined, `the line of company ${i} was refused and wrote nothing`);
      }
      const created = (await events(head)).events.filter((e) => e.type === 'company.created').map((e) => e.keyNo).sort();
      assert.deepEqual(created, [deriveKeyNo(doc(1)), deriveKeyNo(doc(3))].sort(), 'one company.created per accepted line');
    });

    it('a JSON array of whole documents: updates and unchanged, and a pushed record is in the very next report', async () => {
      const keyNo = deriveKeyNo(TEST_COMPANIES.ordinary);
      const valid = { ...TEST_COMPANIES.ordinary, dataAsOf: '2026-06-30T00:00:00+08:00' };
      const record = { caseNo: '(2026)沪0115执5432号', court: '上海市浦东新区人民法院', filedOn: '2026-05-01', obligation: '支付货款' };
      const res = await push(JSON.stringify([{ ...valid, dishonest: [record] }, doc(3)]), 'application/json');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual((res.json() as BatchAnswer).results.map((r) => [r.line, r.status, r.keyNo]), [[1, 'updated', keyNo], [2, 'unchanged', deriveKeyNo(doc(3))]]);

      assert.ok((await nextReportText(api, keyNo)).includes('(2026)沪0115执5432号'), 'the pushed case number is in the report');
    });

    it('refuses a body it cannot read, whole, saying why; and asks for the admin token', async () => {
      const cases: Array<[string, string, RegExp]> = [
        ['{"name":"x"}', 'application/json', /array/],
        ['[1,', 'application/json', /malformed JSON/],
        ['\n\n', 'application/x-ndjson', /no documents/],
        ['{}', 'text/plain', /application\/x-ndjson/],
        [`[${'['.repeat(40)}${']'.repeat(40)}]`, 'application/json', /nested deeper than 32/],
      ];
      for (const [body, type, reason] of cases) {
        const res = await push(body, type);
        assert.equal(res.statusCode, 400, `${type} ${body}: ${res.body}`);
        assert.match((res.json() as { reason: string }).reason, reason);
      }
      const res = await api.app.inject({ method: 'POST', url: '/admin/companies', headers: { 'content-type': 'application/x-ndjson' }, payload: JSON.stringify(doc(9)) });
      assert.equal(res.statusCode, 401);
    });
  });
}
