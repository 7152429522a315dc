import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompanyGoneError, customerFailReason, storedFailReason } from './fail-reasons.js';

describe('fail reasons', () => {
  it('stores the code with the detail and shows the customer the code with a fixed text only', () => {
    const err = Object.assign(new Error("ENOTDIR: not a directory, open '/data/reports/2026-11/x.pdf'"), { code: 'ENOTDIR' });
    const stored = storedFailReason(err);
    assert.equal(stored, "render_failed: ENOTDIR: not a directory, open '/data/reports/2026-11/x.pdf'");
    assert.equal(customerFailReason(stored), 'render_failed: 报告生成失败；费用已退还，可重新下单');
    assert.equal(customerFailReason(storedFailReason(new CompanyGoneError('company k of order o is no longer in the store'))), 'company_gone: 该企业已不在数据库中，无法生成报告；费用已退还');
  });

  it('reads anything stored before codes existed, or unknown, as render_failed', () => {
    for (const legacy of ['report generation failed: Maximum call stack size exceeded', 'bogus_code: x', '', null]) {
      assert.equal(customerFailReason(legacy), 'render_failed: 报告生成失败；费用已退还，可重新下单');
    }
  });
});
