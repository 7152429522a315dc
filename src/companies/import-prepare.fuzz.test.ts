/**
 * Fuzz: the import line checker never throws, and never accepts a line whose stored text cannot
 * be parsed back and handed to the report (structuredClone, as the snapshot does): any text, any
 * JSON value, and valid documents with hostile values planted in them, with and without a BOM.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fuzzRuns } from '../fuzz/runs.js';
import { prepareChunk, prepareLine, type PreparedLine } from './import-prepare.js';
import { generateCompany } from './synthetic/index.js';
import { textOf } from './upsert-plan.js';

/** The outcome is a verdict, and an accepted document is one every reader can read back. */
function assertServable(r: PreparedLine): void {
  if (r.ok !== true) return;
  const back = JSON.parse(textOf(r.prepared.docText)) as unknown;
  structuredClone(back);
  assert.equal(typeof (back as { name: unknown }).name, 'string');
}

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('1e400', '-1e400', '9223372036854775808', '-0', '1e-400', '"\\ud800"', '"\\u0000"', '"\ufeff"'),
  fc.integer({ min: 1, max: 200 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
);
const BASES = Array.from({ length: 20 }, (_, i) => generateCompany('fuzz', i));

describe('import line fuzz', () => {
  it(`any text: a verdict, never a throw (${fuzzRuns()} cases)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.boolean(), (text, lenient) => {
        const r = prepareLine(1, text, undefined, lenient);
        assertServable(r);
      }),
      { numRuns: fuzzRuns() },
    );
  });

  it(`valid documents with hostile values planted, as bytes with or without a BOM (${fuzzRuns()} cases)`, () => {
    fc.assert(
      fc.property(
        fc.nat(BASES.length - 1), fc.constantFrom('registeredCapital', 'insuredCount', 'extra', 'name', 'shareholders', 'keyNo', 'uscc', 'establishedOn'), hostile, fc.boolean(),
        (base, field, planted, bom) => {
          const doc = JSON.stringify(BASES[base]);
          const value = typeof planted === 'string' ? planted : JSON.stringify(planted);
          const text = `${doc.slice(0, -1)},"${field}":${value}}`;
          const bytes = Buffer.from((bom ? '\ufeff' : '') + text);
          const [r] = prepareChunk({ bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>, lines: [{ lineNo: 1, start: 0, end: bytes.length }] }, false);
          assertServable(r!);
          if (r!.ok === true && bom) assert.equal(r!.bomStripped, true);
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });
});
