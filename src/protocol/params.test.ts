import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonBody, Params, dtypeValid, parseReportFormat, requestedDtype } from './params.js';

describe('request parameters', () => {
  it('lets the body win over the query string', () => {
    const p = new Params({ keyNo: 'query', key: 'k' }, { keyNo: 'body' });
    assert.equal(p.get('keyNo'), 'body');
    assert.equal(p.get('key'), 'k');
  });
  it('falls back to a case-insensitive name and takes JSON numbers as text', () => {
    const p = new Params(new JsonBody({ keyno: 'x', reportFormat: 2 }));
    assert.equal(p.get('keyNo'), 'x');
    assert.equal(p.get('reportFormat'), '2');
    assert.equal(p.invalid(), undefined);
  });
  it('refuses a non-string value: a JSON array, object or boolean', () => {
    for (const value of [['a'], { a: 1 }, true, null]) {
      const p = new Params(new JsonBody({ key: 'k', keyNo: value }));
      assert.deepEqual(p.invalid(), { reason: 'parameter_not_string', name: 'keyNo' }, JSON.stringify(value));
      assert.equal(p.get('keyNo'), undefined);
      assert.equal(p.get('key'), 'k');
    }
  });
  it('refuses a name repeated with different values within one source, keeping the first for get', () => {
    const q = new Params({ keyNo: ['a', 'b'] });
    assert.equal(q.get('keyNo'), 'a');
    assert.equal(q.invalid()?.reason, 'parameter_repeated');
    assert.equal(new Params({ keyNo: ['a', 'a'] }).invalid(), undefined, 'the same value twice is one value');
    assert.equal(new Params({ keyNo: 'a', KEYNO: 'b' }).invalid()?.reason, 'parameter_repeated', 'names fold case');
    assert.equal(new Params(new JsonBody({ keyNo: 'b' }, new Set(['keyNo']))).invalid()?.reason, 'parameter_repeated');
    assert.equal(new Params({ keyNo: 'a' }, { keyNo: 'b' }).invalid(), undefined, 'across sources the body wins');
  });
  it('parses dtype and reportFormat', () => {
    assert.equal(requestedDtype(new Params({ dtype: 'XML' })), 'xml');
    assert.equal(requestedDtype(new Params({ dtype: 'yaml' })), 'json');
    assert.equal(dtypeValid(new Params({ dtype: 'yaml' })), false);
    assert.equal(dtypeValid(new Params({})), true);
    assert.equal(parseReportFormat(new Params({})), 'pdf');
    assert.equal(parseReportFormat(new Params({ reportFormat: '2' })), 'word');
    assert.equal(parseReportFormat(new Params({ reportFormat: '3' })), 'json', 'our extension: the report as data');
    assert.equal(parseReportFormat(new Params({ reportFormat: '4' })), undefined);
  });
});
