import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUscc } from '../src/companies/uscc.js';
import { SAMPLE_COMPANIES, STALE_DATA_DATE, heavyLitigationSample } from './support/sample-companies.js';
import { modelOf } from './render-support.js';

describe('sample companies (test/support/sample-companies.ts)', () => {
  it('every sample has a valid USCC and builds a report model', () => {
    for (const [name, make] of Object.entries(SAMPLE_COMPANIES)) {
      const doc = make();
      assert.ok(doc.uscc && checkUscc(doc.uscc).ok, `${name}: USCC ${doc.uscc ?? ''}`);
      assert.ok(modelOf(doc).sections.length > 10, name);
    }
  });

  it('the heavy-litigation company is as its comment says', () => {
    const doc = heavyLitigationSample();
    assert.equal(doc.judgments!.length, 600);
    const threeYearsBack = '2023-06-30';
    assert.ok(doc.judgments!.filter((j) => j.role === 'defendant' && j.date > threeYearsBack && j.date <= STALE_DATA_DATE).length >= 300);
    const open = doc.enforcements!.filter((e) => !e.closedOn);
    assert.equal(open.length, 12);
    assert.equal(open.reduce((s, e) => s + e.amount!.amount, 0), 45_300_000);
    const oldestFive = [...doc.enforcements!].sort((a, b) => a.filedOn.localeCompare(b.filedOn)).slice(0, 5);
    assert.ok(oldestFive.every((e) => !e.closedOn), 'the five oldest enforcements are open');
    assert.ok(oldestFive.some((e) => e.amount!.amount === 12_410_000));
  });
});
