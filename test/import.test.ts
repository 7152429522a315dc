import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies, MAX_REPORTED_ERRORS, type ImportSummary } from '../src/companies/import.js';
import { countCompanies, findCompanyByUscc } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const base = { companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02' };
const doc = (n: number, extra: Partial<CompanyDocument> = {}): CompanyDocument => ({
  ...base,
  name: `杭州导入${n}号贸易有限公司`,
  uscc: completeUscc(`91330100${String(n).padStart(8, '0')}`),
  ...extra,
});
const line = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value)}\n`);

/** A 10 MiB line, produced in 64 KiB chunks so that nothing here holds it whole either. */
function* hugeLine(): Generator<Buffer> {
  yield Buffer.from(`{"name":"巨大公司有限公司","companyType":"有限责任公司","status":"存续","establishedOn":"2015-03-02","scope":"`);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  for (let i = 0; i < 160; i++) yield chunk;
  yield Buffer.from('"}\n');
}

function* badInputFile(): Generator<Buffer> {
  yield line(doc(1)); // 1
  yield Buffer.from('{"name": "坏的JSON有限公司", \n'); // 2 malformed JSON
  yield line(doc(3, { registeredCapital: { amount: '100万' } as never })); // 3 wrong type
  const { establishedOn: _drop, ...missing } = doc(4);
  yield line(missing); // 4 missing required field
  const wrong = doc(5).uscc!;
  yield line(doc(5, { uscc: wrong.slice(0, 17) + (wrong[17] === '0' ? '1' : '0') })); // 5 invalid USCC
  yield* hugeLine(); // 6 a 10 MiB line
  yield Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('有限公司","companyType":"x","status":"存续","establishedOn":"2015-03-02"}\n')]); // 7 invalid UTF-8
  yield line(doc(1, { name: '杭州导入1号贸易有限公司（重复）' })); // 8 same identity as line 1
  yield line(doc(9)); // 9
  yield Buffer.from('\n'); // 10 blank: not a record
  yield Buffer.from(JSON.stringify(doc(11))); // 11, no trailing newline
}

for (const backend of BACKENDS) {
  describe(`import on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    for (const workers of [0, 2]) {
    it(`rejects each bad line with its own reason and loses nothing else; a re-import is all unchanged (${workers} workers)`, async () => {
      await t.db.deleteFrom('company_names').execute();
      await t.db.deleteFrom('companies').execute();
      const first = await importCompanies(t.db, badInputFile(), { batchSize: 2, workers });
      assert.deepEqual(counts(first), { imported: 3, updated: 0, unchanged: 0, rejected: 7 });
      assert.deepEqual(first.errors.map((e) => e.line), [2, 3, 4, 5, 6, 7, 8]);
      const reason = (n: number) => first.errors.find((e) => e.line === n)!.reason;
      assert.match(reason(2), /^malformed JSON/);
      assert.match(reason(3), /\/registeredCapital\/amount must be number/);
      assert.match(reason(4), /missing required property "establishedOn"/);
      assert.match(reason(5), /invalid uscc .*position 18/);
      assert.match(reason(6), /line is 10485\d{3} bytes, longer than the limit of 1048576/);
      assert.match(reason(7), /not valid UTF-8/);
      assert.match(reason(8), /duplicate of line 1 /);
      assert.equal((await findCompanyByUscc(t.db, doc(1).uscc!))?.name, doc(1).name, 'the first occurrence is kept');
      assert.equal(await countCompanies(t.db), 3);

      const again = await importCompanies(t.db, badInputFile(), { batchSize: 2, workers });
      assert.deepEqual(counts(again), { imported: 0, updated: 0, unchanged: 3, rejected: 7 });
      assert.deepEqual(again.errors, first.errors);
    });
    }

    it('counts updates, and caps the error list while counting every rejection', async () => {
      const lines = [line(doc(20)), line(doc(21))];
      await importCompanies(t.db, lines);
      const changed = [line(doc(20, { legalRep: '王五' })), line(doc(21))];
      for (let i = 0; i < MAX_REPORTED_ERRORS + 20; i++) changed.push(Buffer.from('not json\n'));
      const summary = await importCompanies(t.db, changed);
      assert.deepEqual(counts(summary), { imported: 0, updated: 1, unchanged: 1, rejected: MAX_REPORTED_ERRORS + 20 });
      assert.equal(summary.errors.length, MAX_REPORTED_ERRORS);
    });

    it('accepts a code failing its check only with --lenient-uscc, with a warning', async () => {
      const pilot = line({ ...base, name: '厦门试点贸易有限公司', uscc: '91350211M00013FA1N' });
      const strict = await importCompanies(t.db, [pilot]);
      assert.equal(strict.rejected, 1);
      const warnings: string[] = [];
      const lenient = await importCompanies(t.db, [pilot], { lenientUscc: true, onWarning: (l, w) => warnings.push(`${l}: ${w}`) });
      assert.equal(lenient.imported, 1);
      assert.match(warnings[0] ?? '', /^1: uscc 91350211M00013FA1N accepted leniently: .*position 18/);
    });

    it('reports a failing input stream as an abort that keeps the committed batches', async () => {
      async function* failing(): AsyncGenerator<Buffer> {
        yield line(doc(30));
        yield line(doc(31));
        throw new Error('EIO: simulated read failure');
      }
      await assert.rejects(importCompanies(t.db, failing(), { batchSize: 1 }), (err: Error & { summary?: ImportSummary }) => {
        assert.match(err.message, /EIO/);
        assert.equal(err.summary?.imported, 2);
        return true;
      });
      assert.ok(await findCompanyByUscc(t.db, doc(31).uscc!));
    });
  });
}

function counts(s: ImportSummary): Omit<ImportSummary, 'errors'> {
  const { errors: _errors, ...rest } = s;
  return rest;
}
