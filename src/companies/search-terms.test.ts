import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANCHOR, MAX_TERM_CHARS, SEARCH_FIELDS, searchSourceOfDocument, searchTermsOf } from './search-terms.js';

describe('searchTermsOf', () => {
  it('gives every suffix of two characters or more, anchored at the whole value, its start or inside', () => {
    const terms = searchTermsOf({ names: ['华信科技'], legalRep: '张伟' });
    assert.deepEqual(terms, [
      { anchor: ANCHOR.whole, term: '华信科技', field: SEARCH_FIELDS.name },
      { anchor: ANCHOR.inside, term: '信科技', field: SEARCH_FIELDS.name },
      { anchor: ANCHOR.inside, term: '科技', field: SEARCH_FIELDS.name },
      { anchor: ANCHOR.whole, term: '张伟', field: SEARCH_FIELDS.legalRep },
    ]);
  });

  it('cuts terms to MAX_TERM_CHARS and marks a long value\'s first term as its start, not the whole', () => {
    const long = '北京市朝阳区华信科技发展有限责任公司';
    const terms = searchTermsOf({ names: [long], legalRep: null });
    assert.equal(terms[0]!.anchor, ANCHOR.start);
    assert.equal(terms[0]!.term, Array.from(long).slice(0, MAX_TERM_CHARS).join(''));
    assert.ok(terms.every((t) => Array.from(t.term).length <= MAX_TERM_CHARS && Array.from(t.term).length >= 2));
    assert.equal(terms.length, Array.from(long).length - 1);
  });

  it('keeps former names apart from the current one and lists each term once', () => {
    const terms = searchTermsOf(searchSourceOfDocument({ name: '新华有限公司', formerNames: ['旧华有限公司', '旧华有限公司 '], legalRep: ' ' }));
    assert.ok(terms.some((t) => t.field === SEARCH_FIELDS.formerName && t.term === '旧华有限公司' && t.anchor === ANCHOR.whole));
    const ids = terms.map((t) => `${t.anchor}/${t.field}/${t.term}`);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(!terms.some((t) => t.field === SEARCH_FIELDS.legalRep));
  });

  it('normalises like names: width, case and spaces', () => {
    const [t] = searchTermsOf(searchSourceOfDocument({ name: 'ＡＢＣ （中国） 公司' }));
    assert.equal(t!.term, 'abc(中国)公司');
  });
});
