import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareDocument, companyRow, rowToStoredCompany } from '../companies/store.js';
import { standardCompany } from '../companies/synthetic/index.js';
import { buildReportModel } from './model/build.js';
import { modelOfSource, type ReportSource, sourceCompanyOf } from './report-source.js';
import { takeSnapshot } from './snapshot.js';

const GENERATED_AT = '2026-07-01T02:03:04.000Z';

function storedStandardCompany() {
  const prepared = prepareDocument(standardCompany());
  return rowToStoredCompany(companyRow(prepared, prepared.explicitKeyNo ?? prepared.derivedKeyNo, '2026-06-30T00:00:00.000Z'));
}

describe('modelOfSource', () => {
  it('builds the model the in-memory path builds from the same stored company', () => {
    const stored = storedStandardCompany();
    const generatedAt = new Date(GENERATED_AT);
    const expected = buildReportModel(takeSnapshot(stored, () => generatedAt), { orderNo: 'a'.repeat(32), customerName: '华东商业银行', generatedAt: GENERATED_AT });
    const source: ReportSource = {
      company: sourceCompanyOf(stored),
      orderNo: 'a'.repeat(32),
      customerName: '华东商业银行',
      generatedAt: GENERATED_AT,
      format: 'pdf',
    };
    assert.deepEqual(modelOfSource(source), expected);
    // Plain data: it survives the structured clone that carries it to a render thread.
    assert.deepEqual(modelOfSource(structuredClone(source)), expected);
  });

  it('names the order when its generation time is not an instant; a document without a data date fails as the snapshot says', () => {
    const stored = storedStandardCompany();
    const source: ReportSource = {
      company: { ...sourceCompanyOf(stored), dataAsOf: null, synthetic: true },
      orderNo: 'b'.repeat(32),
      customerName: '',
      generatedAt: 'yesterday',
      format: 'pdf',
    };
    assert.throws(() => modelOfSource(source), new RegExp(`order ${'b'.repeat(32)}: generatedAt "yesterday"`));
    const noDate = { ...source, generatedAt: GENERATED_AT, company: { ...source.company, docText: JSON.stringify({ ...JSON.parse(stored.docText), dataAsOf: undefined }), updatedAt: 'never' } };
    assert.throws(() => modelOfSource(noDate), /no usable data date/);
  });
});

describe('modelOfSource: data age', () => {
  it('warns past the configured age (ZHENGXIN_REPORT_STALE_DAYS reaches it as staleAfterDays), 30 days by default', () => {
    const stored = storedStandardCompany();
    // The standard company's data date is 2026-06-30; generated on 2026-08-09 (Beijing) it is 40 days old.
    const source: ReportSource = { company: sourceCompanyOf(stored), orderNo: 'd'.repeat(32), customerName: '', generatedAt: '2026-08-09T01:00:00.000Z', format: 'pdf' };
    const byDefault = modelOfSource(source);
    assert.equal(byDefault.meta.dataAgeDays, 40);
    assert.equal(byDefault.meta.dataStale, true);
    assert.match(byDefault.cover.staleNotice ?? '', /距报告生成已 40 天（超过 30 天）/);
    const relaxed = modelOfSource({ ...source, staleAfterDays: 60 });
    assert.equal(relaxed.meta.dataStale, false);
    assert.equal(relaxed.cover.staleNotice, undefined);
    assert.ok(!relaxed.cover.fields.some((f) => f.label === '数据时效提示'));
  });
});
