/** Fuzz: parameter parsing never throws and keeps its rules whatever the query and body hold. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fuzzRuns } from '../fuzz/runs.js';
import { dtypeValid, extensionsRequested, Params, parseReportFormat, requestedDtype } from './params.js';

const NAMES = ['key', 'keyNo', 'keyno', 'KEYNO', 'orderNo', 'dtype', 'reportFormat', 'ext', '__proto__', 'constructor', 'toString'];
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 }));
// What a query parser, a form body or a JSON body can deliver for one name.
const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
  fc.double(), fc.integer(), fc.boolean(), fc.constant(null),
  fc.jsonValue({ maxDepth: 4 }),
);
const source = fc.dictionary(name, value, { maxKeys: 8 });

describe('params fuzz', () => {
  it(`never throws, returns strings or nothing, and the body wins (${fuzzRuns()} cases)`, () => {
    fc.assert(
      fc.property(source, source, fc.constantFrom(...NAMES), (query, body, asked) => {
        const params = new Params(query, body);
        const got = params.get(asked);
        assert.ok(got === undefined || typeof got === 'string');
        // A plain string in the body under the exact name is what get() answers, unless the call is
        // already a parameter error (the name given twice, e.g. KEYNO and keyNo with different values:
        // 202, and get() keeps the first value so the key can still be recognised).
        if (Object.hasOwn(body, asked) && typeof body[asked] === 'string' && params.invalid() === undefined) {
          assert.equal(got, body[asked]);
        }
        assert.ok(['json', 'xml'].includes(requestedDtype(params)));
        assert.equal(typeof dtypeValid(params), 'boolean');
        assert.ok([undefined, 'pdf', 'word', 'json'].includes(parseReportFormat(params)));
        assert.equal(typeof extensionsRequested(params), 'boolean');
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
