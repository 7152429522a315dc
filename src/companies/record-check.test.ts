import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRecords, isCalendarDate } from './record-check.js';
import type { CompanyDocument } from './document.js';

const bare: CompanyDocument = { name: '上海甲乙科技有限公司', companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02' };

describe('checkRecords', () => {
  it('knows the calendar', () => {
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2023-02-29'), false);
    assert.equal(isCalendarDate('2000-02-29'), true);
    assert.equal(isCalendarDate('1900-02-29'), false);
    assert.equal(isCalendarDate('2024-04-31'), false);
    assert.equal(isCalendarDate('2024-12-31'), true);
    assert.equal(isCalendarDate('2024-13-01'), false);
    assert.equal(isCalendarDate('2024-00-10'), false);
    assert.equal(isCalendarDate('2024-01-00'), false);
  });

  it('accepts a period of one day and a document without version-2 records', () => {
    assert.equal(checkRecords(bare), undefined);
    assert.equal(checkRecords({ ...bare, licences: [{ name: 'x', validFrom: '2024-01-01', validTo: '2024-01-01' }] }), undefined);
  });

  it('names the record and both fields of a period that ends before it begins', () => {
    const cases: Array<[Partial<CompanyDocument>, RegExp]> = [
      [{ equityFreezes: [{ executedParty: 'x', state: 'released', publishedOn: '2024-01-01', frozenFrom: '2024-03-01', releasedOn: '2024-02-01' }] }, /^\/equityFreezes\/0\/releasedOn 2024-02-01 is before frozenFrom 2024-03-01$/],
      [{ exitRestrictions: [{ person: 'x', filedOn: '2024-01-01' }, { person: 'y', filedOn: '2024-05-01', removedOn: '2024-04-30' }] }, /^\/exitRestrictions\/1\/removedOn/],
      [{ landMortgages: [{ registeredOn: '2024-01-01', from: '2024-01-02', to: '2024-01-01' }] }, /^\/landMortgages\/0\/to /],
      [{ guarantees: [{ year: 2023, debtFrom: '2023-06-01', debtTo: '2023-01-01' }] }, /^\/guarantees\/0\/debtTo /],
      [{ simpleCancellations: [{ announcedFrom: '2024-01-21', announcedTo: '2024-01-01' }] }, /^\/simpleCancellations\/0\/announcedTo /],
      [{ cancellationFilings: [{ filedOn: '2024-01-01', creditorNoticeFrom: '2024-03-01', creditorNoticeTo: '2024-01-01' }] }, /^\/cancellationFilings\/0\/creditorNoticeTo /],
      [{ licences: [{ name: 'x', validFrom: '2024-03-01', validTo: '2024-01-01' }] }, /^\/licences\/0\/validTo /],
      [{ ipPledges: [{ registeredOn: '2024-01-01', periodFrom: '2024-03-01', periodTo: '2024-01-01' }] }, /^\/ipPledges\/0\/periodTo /],
      [{ chattelMortgages: [{ registeredOn: '2024-01-01', debtFrom: '2024-03-01', debtTo: '2024-01-01' }] }, /^\/chattelMortgages\/0\/debtTo /],
      [{ spotChecks: [{ date: '2024-02-30', result: '正常' }] }, /^\/spotChecks\/0\/date 2024-02-30 is not a date of the calendar$/],
      [{ publicSummons: [{ publishedOn: '2024-06-31' }] }, /^\/publicSummons\/0\/publishedOn/],
    ];
    for (const [extra, expected] of cases) assert.match(checkRecords({ ...bare, ...extra }) ?? '(accepted)', expected);
  });

  it('leaves version-1 records as version 1 judged them', () => {
    // A v1 document with an impossible date in a v1 category imported before and still does.
    assert.equal(checkRecords({ ...bare, chattelMortgages: [{ registeredOn: '2023-02-30' }], enforcements: [{ caseNo: 'x', filedOn: '2024-01-01', closedOn: '2023-01-01' }] }), undefined);
  });
});

