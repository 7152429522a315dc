import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Params, dtypeValid, parseReportFormat, requestedDtype } from './params.js';

describe('request parameters', () => {
  it('lets the body win over the query string', () => {
    const p = new Params({ keyNo: 'query', key: 'k' }, { keyNo: 'body' });
    assert.equal(p.get('keyNo'), 'body');
    assert.equal(p.get('key'), 'k');
  });
  it('falls back to a case-insensitive name and stringifies JSON scalars', () => {
    const p = new Params({ keyno: 'x', reportFormat: 2, list: ['a', 'b'], obj: { a: 1 } });
    assert.equal(p.get('keyNo'), 'x');
    assert.equal(p.get('reportFormat'), '2');
    assert.equal(p.get('list'), 'a');
    assert.equal(p.get('obj'), undefined);
  });
  it('parses dtype and reportFormat', () => {
    assert.equal(requestedDtype(new Params({ dtype: 'XML' })), 'xml');
    assert.equal(requestedDtype(new Params({ dtype: 'yaml' })), 'json');
    assert.equal(dtypeValid(new Params({ dtype: 'yaml' })), false);
    assert.equal(dtypeValid(new Params({})), true);
    assert.equal(parseReportFormat(new Params({})), 'pdf');
    assert.equal(parseReportFormat(new Params({ reportFormat: '2' })), 'word');
    assert.equal(parseReportFormat(new Params({ reportFormat: '3' })), undefined);
  });
});
