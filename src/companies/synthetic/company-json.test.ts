import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompanyDocument } from '../document.js';
import { COMPANY_JSON_MEMBERS, writeCompanyJson } from './company-json.js';
import { generateCompanies, generateCompany, heavyLitigationCompany, standardCompany } from './generate.js';
import type { EntityKind, StatusKind } from './identity.js';
import { Utf8JsonWriter } from './utf8-json-writer.js';

function bytesOf(doc: CompanyDocument): Buffer {
  const w = new Utf8JsonWriter(64);
  writeCompanyJson(w, doc);
  return w.buffer.subarray(0, w.length);
}

const KINDS: EntityKind[] = ['limited', 'joint_stock', 'sole_proprietorship', 'partnership', 'branch', 'individual', 'cooperative', 'uncovered'];
const STATUSES: StatusKind[] = ['active', 'moved_in', 'moved_out', 'suspended', 'liquidating', 'revoked', 'cancelled'];

test('the shape-aware writer gives the bytes of JSON.stringify for generated runs, presets and every kind and status', () => {
  const docs: CompanyDocument[] = [
    ...generateCompanies({ count: 2000, seed: 'company-json' }),
    ...generateCompanies({ count: 300, seed: 'company-json', referenceDate: '2016-02-29' }),
    standardCompany(),
    heavyLitigationCompany(120),
  ];
  for (const kind of KINDS) {
    for (const status of STATUSES) {
      for (const risk of [0, 0.5, 0.95]) docs.push(generateCompany('company-json', 40 + docs.length, { traits: { kind, status, risk, scale: 3 } }));
    }
  }
  for (const doc of docs) {
    const expected = Buffer.from(JSON.stringify(doc), 'utf8');
    const actual = bytesOf(doc);
    if (!actual.equals(expected)) assert.equal(actual.toString('utf8'), expected.toString('utf8'), `writeCompanyJson differs from JSON.stringify for ${doc.name}: a field missing from company-json.ts?`);
  }
});

test('the writer knows every top-level field the generator creates, in the generator\'s order', () => {
  assert.deepEqual(Object.keys(generateCompany('company-json', 7)), [...COMPANY_JSON_MEMBERS]);
});
