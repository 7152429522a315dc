import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreCompany } from '../../reports/score/scorecard.js';
import { NOT_RATED } from '../../reports/score/types.js';
import { entityKind } from '../entity-kind.js';
import { DEFAULT_REFERENCE_DATE, generateCompanies } from './index.js';

const GRADES = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C'] as const;

test('the version-1 scorecard spreads 10,000 generated companies over all nine grades, most in A–BB', () => {
  const counts = new Map<string, number>();
  let covered = 0;
  for (const doc of generateCompanies({ count: 10_000, seed: 'grade-spread' })) {
    if (!entityKind(doc.uscc, doc.companyType).covered) continue; // answered 208: never scored
    covered++;
    const { grade } = scoreCompany(doc, DEFAULT_REFERENCE_DATE);
    counts.set(grade, (counts.get(grade) ?? 0) + 1);
  }
  const share = (grade: string): number => (counts.get(grade) ?? 0) / covered;
  const table = [...GRADES, NOT_RATED].map((g) => `${g} ${(share(g) * 100).toFixed(1)}%`).join(' · ');
  for (const grade of GRADES) assert.ok(share(grade) >= 0.002, `grade ${grade} is (nearly) missing: ${table}`);
  assert.ok(share('A') + share('BBB') + share('BB') >= 0.5, `most companies should grade A–BB: ${table}`);
  assert.ok(share('AAA') <= 0.05, `AAA should be rare: ${table}`);
  assert.ok(share('C') <= 0.12, `C should be the tail: ${table}`);
  assert.ok(share(NOT_RATED) >= 0.02 && share(NOT_RATED) <= 0.12, `cancelled companies are history, not rated: ${table}`);
});
