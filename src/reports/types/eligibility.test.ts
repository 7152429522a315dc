import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompanyDocument } from '../../companies/document.js';
import { dueDiligenceEligibility, shellScanEligibility } from './eligibility.js';

/** A company the source covered: the register and the four core judicial lists (empty = none on record). */
const covered = (over: Partial<CompanyDocument> = {}): CompanyDocument => ({
  schemaVersion: 1,
  name: '上海测试科技有限公司',
  uscc: '91310115MA1H7J3K7G',
  companyType: '有限责任公司(自然人投资或控股)',
  status: '存续（在营、开业、在册）',
  establishedOn: '2015-03-18',
  judgments: [],
  enforcements: [],
  dishonest: [],
  consumptionRestrictions: [],
  ...over,
}) as CompanyDocument;

describe('shell-scan eligibility (218)', () => {
  it('an operating company may be scanned', () => {
    assert.equal(shellScanEligibility(covered()), null);
    assert.equal(shellScanEligibility(covered({ status: '迁出' })), null);
  });
  it('refuses a 个体工商户', () => {
    assert.equal(shellScanEligibility(covered({ companyType: '个体工商户', uscc: '92310115MA1H7J3K7G' }))?.reason, 'shell_scan_individual_business');
  });
  it('refuses a branch', () => {
    const r = shellScanEligibility(covered({ name: '上海测试科技有限公司北京分公司', companyType: '有限责任公司分公司(自然人投资或控股)' }));
    assert.deepEqual([r?.status, r?.reason], ['218', 'shell_scan_branch']);
  });
  it('refuses 注销, 吊销 and 撤销, and nothing else of the statuses', () => {
    for (const [status, word] of [['注销', '注销'], ['吊销，未注销', '吊销'], ['撤销', '撤销']] as const) {
      const r = shellScanEligibility(covered({ status }));
      assert.deepEqual([r?.status, r?.reason], ['218', 'shell_scan_company_closed'], status);
      assert.match(r!.why, new RegExp(word));
    }
    for (const status of ['存续', '在业', '清算', '停业']) assert.equal(shellScanEligibility(covered({ status })), null, status);
  });
});

describe('due-diligence eligibility (219)', () => {
  it('a covered, operating company may be onboarded (a branch or a 个体工商户 too: it is checked, not refused)', () => {
    assert.equal(dueDiligenceEligibility(covered()), null);
    assert.equal(dueDiligenceEligibility(covered({ companyType: '个体工商户' })), null);
  });
  it('refuses 注销, 吊销 and 撤销', () => {
    for (const status of ['注销', '吊销', '撤销']) assert.deepEqual(dueDiligenceEligibility(covered({ status }))?.reason, 'due_diligence_company_closed', status);
  });
  it('refuses a company outside coverage (scorecard v2\'s minimum rule: 数据不足), naming what is missing', () => {
    const noDishonest = covered();
    delete (noDishonest as Partial<CompanyDocument>).dishonest;
    const r = dueDiligenceEligibility(noDishonest);
    assert.deepEqual([r?.status, r?.reason], ['219', 'due_diligence_insufficient_data']);
    assert.match(r!.why, /失信被执行人/);
    const noDate = covered();
    delete (noDate as Partial<CompanyDocument>).establishedOn;
    assert.match(dueDiligenceEligibility(noDate)!.why, /登记信息/);
  });
  it('an empty list is the source saying "none": covered, not missing', () => {
    assert.equal(dueDiligenceEligibility(covered({ dishonest: [] })), null);
  });
});
