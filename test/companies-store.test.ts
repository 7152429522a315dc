import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { CompanyDocument } from '../src/companies/document.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { completeRegNo } from '../src/companies/reg-no.js';
import { resolveCompany } from '../src/companies/resolver.js';
import { companyLookup, findCompaniesByName, findCompanyByKeyNo, findCompanyByRegNo, findCompanyByUscc, upsertCompanies } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const NOW = '2026-01-01T00:00:00.000Z';
const LATER = '2026-02-01T00:00:00.000Z';
const base = { companyType: '有限责任公司', status: '存续（在营、开业、在册）', establishedOn: '2015-03-02' };

function company(n: number, extra: Partial<CompanyDocument> = {}): CompanyDocument {
  const body = String(n).padStart(8, '0');
  return { ...base, name: `上海测试${n}号科技有限公司`, uscc: completeUscc(`91310115${body}`), ...extra };
}

for (const backend of BACKENDS) {
  describe(`company store on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('round-trips a document and finds it by KeyNo, USCC, registration number, name and former name', async () => {
      const doc = company(1, {
        name: '上海往返科技有限公司（浦东分公司）',
        formerNames: ['上海旧名科技有限公司', 'Old Name Trading'],
        regNo: completeRegNo('31011500000001'),
        uscc: completeUscc('91310115AB000001').toLowerCase(),
        source: 'synthetic',
        dataAsOf: '2026-01-01T00:00:00Z',
        shareholders: [{ name: '张三', ratio: 0.6 }, { name: '李四', ratio: 0.4 }],
        custom: { kept: true },
      });
      const [outcome] = await upsertCompanies(t.db, [doc], { now: NOW });
      const keyNo = deriveKeyNo(doc);
      assert.deepEqual(outcome, { status: 'imported', keyNo });

      const stored = await findCompanyByKeyNo(t.db, keyNo);
      assert.ok(stored);
      assert.deepEqual(stored.doc, { ...doc, keyNo, uscc: doc.uscc!.toUpperCase() });
      // The stored text is what a render thread is sent: the same document, less the KeyNo doc adds.
      assert.deepEqual({ ...(JSON.parse(stored.docText) as object), keyNo }, stored.doc);
      assert.deepEqual({ ...stored, doc: undefined, docText: undefined }, {
        keyNo, uscc: doc.uscc!.toUpperCase(), regNo: doc.regNo, name: doc.name, entityKind: 'ENTERPRISE', statusNorm: 'ACTIVE',
        doc: undefined, docText: undefined, synthetic: true, dataAsOf: '2026-01-01T00:00:00Z', updatedAt: NOW,
      });
      assert.equal((await findCompanyByUscc(t.db, doc.uscc!))?.keyNo, keyNo);
      assert.equal((await findCompanyByRegNo(t.db, doc.regNo!))?.keyNo, keyNo);
      assert.deepEqual((await findCompaniesByName(t.db, '上海往返科技有限公司(浦东分公司)')).map((m) => [m.company.keyNo, m.current]), [[keyNo, true]]);
      assert.deepEqual((await findCompaniesByName(t.db, ' 上海旧名科技有限公司 ')).map((m) => [m.company.keyNo, m.current]), [[keyNo, false]]);
      assert.equal((await findCompaniesByName(t.db, 'old name trading')).length, 1);
      assert.equal(await findCompanyByKeyNo(t.db, 'f'.repeat(32)), undefined);
    });

    it('detects unchanged documents, replaces changed ones under the same identity, and frees old names', async () => {
      const doc = company(2, { formerNames: ['上海第二旧名有限公司'] });
      const keyNo = deriveKeyNo(doc);
      assert.equal((await upsertCompanies(t.db, [doc], { now: NOW }))[0]!.status, 'imported');
      // same content, other key order: unchanged, not rewritten
      const reordered = Object.fromEntries(Object.entries(doc).reverse()) as CompanyDocument;
      assert.deepEqual(await upsertCompanies(t.db, [reordered], { now: LATER }), [{ status: 'unchanged', keyNo }]);
      assert.equal((await findCompanyByKeyNo(t.db, keyNo))?.updatedAt, NOW);

      const renamed = { ...doc, name: '上海第二新名有限公司', formerNames: [doc.name], status: '吊销，未注销' };
      assert.deepEqual(await upsertCompanies(t.db, [renamed], { now: LATER }), [{ status: 'updated', keyNo }]);
      const stored = await findCompanyByKeyNo(t.db, keyNo);
      assert.equal(stored?.statusNorm, 'REVOKED');
      assert.equal(stored?.updatedAt, LATER);
      assert.deepEqual((await findCompaniesByName(t.db, doc.name)).map((m) => m.current), [false]);
      assert.deepEqual(await findCompaniesByName(t.db, '上海第二旧名有限公司'), []);
    });

    it('takes identity from keyNo, else the stored uscc, else the stored regNo', async () => {
      const regNo = completeRegNo('31011500000003');
      const first = { ...base, name: '上海只有注册号有限公司', regNo };
      const [a] = await upsertCompanies(t.db, [first], { now: NOW });
      // the USCC arrives later: the company keeps the KeyNo it got from its registration number
      const withUscc = { ...first, uscc: completeUscc('91310115AB000003') };
      const [b] = await upsertCompanies(t.db, [withUscc], { now: NOW });
      assert.deepEqual(b, { status: 'updated', keyNo: a!.keyNo });
      const explicit = company(4, { keyNo: '0123456789abcdef0123456789abcdef' });
      assert.deepEqual(await upsertCompanies(t.db, [explicit], { now: NOW }), [{ status: 'imported', keyNo: explicit.keyNo }]);
      const byUscc = { ...company(4), name: '上海测试4号新名有限公司' };
      assert.deepEqual(await upsertCompanies(t.db, [byUscc], { now: NOW }), [{ status: 'updated', keyNo: explicit.keyNo }]);
    });

    it('rejects a document whose uscc belongs to another company, and only that document', async () => {
      const owner = company(5);
      const [o] = await upsertCompanies(t.db, [owner], { now: NOW });
      const thief = { ...company(5), keyNo: 'abcdefabcdefabcdefabcdefabcdef01', name: '别的公司有限公司' };
      const outcomes = await upsertCompanies(t.db, [thief, company(6)], { now: NOW });
      assert.equal(outcomes[0]!.status, 'rejected');
      assert.match((outcomes[0] as { reason: string }).reason, new RegExp(`uscc ${owner.uscc} already belongs to company ${o!.keyNo}`));
      assert.equal(outcomes[1]!.status, 'imported');
      assert.equal(await findCompanyByKeyNo(t.db, thief.keyNo), undefined);
    });

    it('refuses the same company twice in one batch, keeping the first', async () => {
      const outcomes = await upsertCompanies(t.db, [company(7), { ...company(7), name: '第二次出现有限公司' }], { now: NOW });
      assert.equal(outcomes[0]!.status, 'imported');
      assert.match((outcomes[1] as { reason: string }).reason, /same company .* as document 1/);
      assert.equal((await findCompanyByUscc(t.db, company(7).uscc!))?.name, company(7).name);
    });

    it('resolves through the real store: found, 201, 202, 208', async () => {
      const lookup = companyLookup(t.db);
      const doc = company(8, { formerNames: ['上海第八旧名有限公司'], regNo: completeRegNo('31011500000008') });
      const foundation = { ...base, name: '上海测试公益基金会', companyType: '基金会', uscc: completeUscc('53310000AB000009') };
      await upsertCompanies(t.db, [doc, foundation], { now: NOW });
      for (const input of [doc.uscc!, doc.uscc!.toLowerCase(), doc.regNo!, deriveKeyNo(doc), ` ${doc.name} `, '上海第八旧名有限公司']) {
        const r = await resolveCompany(input, lookup);
        assert.equal(r.ok && r.company.keyNo, deriveKeyNo(doc), input);
      }
      assert.deepEqual(await resolveCompany(foundation.name, lookup), { ok: false, status: '208', reason: 'entity_not_covered' });
      assert.deepEqual(await resolveCompany(completeUscc('91310115AB999999'), lookup), { ok: false, status: '201', reason: 'not_found' });
      const bad = completeUscc('91310115AB999999');
      assert.deepEqual(await resolveCompany(bad.slice(0, 17) + (bad[17] === 'A' ? 'B' : 'A'), lookup), { ok: false, status: '202', reason: 'uscc_check_failed' });
    });

    it('replaces a batch atomically: a concurrent reader on another connection sees all old or all new', async () => {
      // More companies than one multi-row statement holds, so a batch spans several statements.
      const COMPANIES = 1500;
      const VERSIONS = 8;
      const version = (v: number) => Array.from({ length: COMPANIES }, (_, i) => company(100_000 + i, { version: v, shareholders: Array.from({ length: v }, (_, k) => ({ name: `股东${k}` })) }));
      await upsertCompanies(t.db, version(0), { now: NOW });
      // The reader runs in a worker thread on its own connection: in-process SQLite calls never yield
      // to other tasks, so only a second thread can read while a batch is half written.
      const reader = startReader({ dataDir: t.dataDir, databaseUrl: t.databaseUrl, count: COMPANIES });
      await reader.firstRead;
      for (let v = 1; v <= VERSIONS; v++) await upsertCompanies(t.db, version(v), { now: LATER });
      const report = await reader.stop();
      assert.equal(report.mixed, null, `a reader saw a half-written batch: ${report.mixed}`);
      assert.ok(report.seen.includes(0) && report.seen.includes(VERSIONS), `reader saw versions ${report.seen.join(', ')}`);
    });
  });
}

interface ReaderReport { reads: number; seen: number[]; mixed: string | null }

/** A reader thread that reads every test company in one statement, in a loop, until stopped. */
function startReader(options: { dataDir: string; databaseUrl: string | undefined; count: number }): { firstRead: Promise<void>; stop(): Promise<ReaderReport> } {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(READER_SOURCE, {
    eval: true,
    workerData: { ...options, stopFlag, databaseModule: new URL('../src/db/database.js', import.meta.url).href },
  });
  let readySignal: () => void = () => {};
  const firstRead = new Promise<void>((resolve) => { readySignal = resolve; });
  const done = new Promise<ReaderReport>((resolve, reject) => {
    worker.on('message', (m: { ready?: true } & ReaderReport) => (m.ready ? readySignal() : resolve(m)));
    worker.on('error', reject);
  });
  return {
    firstRead,
    async stop() {
      Atomics.store(stopFlag, 0, 1);
      return done;
    },
  };
}

const READER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  const { openDatabase } = await import(workerData.databaseModule);
  const database = await openDatabase({ dataDir: workerData.dataDir, databaseUrl: workerData.databaseUrl, migrate: false, poolSize: 1 });
  const seen = new Set();
  let reads = 0;
  let mixed = null;
  for (;;) {
    // read once more after the stop signal, so the last version is always seen
    const stopping = Atomics.load(workerData.stopFlag, 0) === 1;
    const rows = await database.db.selectFrom('companies').select('doc').where('name', 'like', '上海测试1%').execute();
    const versions = [...new Set(rows.map((r) => JSON.parse(r.doc).version))];
    reads++;
    if (versions.length !== 1 || rows.length !== workerData.count) { mixed = rows.length + ' rows, versions ' + versions.join(','); break; }
    seen.add(versions[0]);
    if (reads === 1) parentPort.postMessage({ ready: true });
    if (stopping) break;
  }
  await database.close();
  parentPort.postMessage({ reads, seen: [...seen].sort((a, b) => a - b), mixed });
})();
`;
