import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffDocuments } from './change-feed.js';
import type { CompanyDocument } from './document.js';

const base = { schemaVersion: 1, name: '上海测试有限公司', status: '存续', dishonest: [{ caseNo: 'A', filedOn: '2026-01-01' }] } as unknown as CompanyDocument;

describe('diffDocuments', () => {
  it('a new company is company.created, with its grade when graded', () => {
    assert.deepEqual(diffDocuments(undefined, base, { grader: () => 'AA' }), [{ type: 'company.created', data: { name: '上海测试有限公司', grade: 'AA' } }]);
  });

  it('names changed categories and fields, one record.added per new record, reordering adds none', () => {
    const after = { ...base, address: '新地址', dishonest: [{ caseNo: 'B', filedOn: '2026-02-01' }, { filedOn: '2026-01-01', caseNo: 'A' }] } as CompanyDocument;
    assert.deepEqual(diffDocuments(base, after), [
      { type: 'company.updated', data: { categories: ['dishonest'], fields: ['address'] } },
      { type: 'record.added', data: { category: 'dishonest', record: { caseNo: 'B', filedOn: '2026-02-01' } } },
    ]);
    assert.deepEqual(diffDocuments(base, { ...base, dishonest: [...base.dishonest!].reverse() }), []);
  });

  it('status and grade changes', () => {
    const grades = new Map([['存续', 'A'], ['吊销', 'C']]);
    const events = diffDocuments(base, { ...base, status: '吊销' }, { grader: (d) => grades.get(d.status) });
    assert.deepEqual(events.map((e) => e.type), ['company.updated', 'status.changed', 'grade.changed']);
    assert.deepEqual(events[2]!.data, { old: 'A', new: 'C' });
  });

  it('the same content is no change (keyNo aside)', () => {
    assert.deepEqual(diffDocuments(base, { ...base, keyNo: 'x'.repeat(32) }, { grader: () => 'A' }), []);
  });
});
