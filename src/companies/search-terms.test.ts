import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANCHOR, decodeSearchTerms, LEGAL_FORM_TAILS, encodeSearchTerms, isLegalFormFragment, MAX_TERM_CHARS, SEARCH_FIELDS, searchSourceOfDocument, searchTermsOf } from './search-terms.js';

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
    // Every suffix of two characters or more, less the five inside 有限责任公司.
    assert.equal(terms.length, Array.from(long).length - 1 - 5);
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

describe('legal-form tails', () => {
  it('skips the suffixes inside a legal-form ending, keeps the ones that start before it', () => {
    const terms = searchTermsOf({ names: ['北京华信科技有限公司'], legalRep: null }).map((t) => t.term);
    assert.ok(terms.includes('科技有限公司') && terms.includes('技有限公司'));
    for (const tail of ['有限公司', '限公司', '公司']) assert.ok(!terms.includes(tail), tail);
    const longer = searchTermsOf({ names: ['华信股份有限公司', '华信有限责任公司北京分公司'], legalRep: null }).map((t) => t.term);
    for (const tail of ['股份有限公司', '份有限公司', '有限公司']) assert.ok(!longer.includes(tail), tail);
    // Not at the end: kept, because a query like "有限责任公司北京" needs it.
    assert.ok(longer.includes('有限责任公司北京分公司') && longer.includes('分公司'));
    // A value that is nothing but a legal form keeps its whole term.
    assert.deepEqual(searchTermsOf({ names: ['有限公司'], legalRep: null }).map((t) => t.term), ['有限公司']);
  });

  it('refuses exactly the queries the skipped tails would answer', () => {
    for (const q of ['有限', '公司', '限公司', '有限公司', '股份', '股份有限公司', '责任公司', '有限责任']) assert.ok(isLegalFormFragment(q), q);
    for (const q of ['有限元', '科技有限公司', '公司北京', '华信', '分公司']) assert.ok(!isLegalFormFragment(q), q);
  });
});

describe('encodeSearchTerms', () => {
  it('round-trips any term text, control characters and astral characters included', () => {
    const terms = searchTermsOf({ names: ['𠀋华信\u0001科技有限公司', 'a\u0000b'], legalRep: '张伟' });
    assert.deepEqual(decodeSearchTerms(encodeSearchTerms(terms)), terms);
    assert.deepEqual(decodeSearchTerms(''), []);
  });
});

describe('migration 0076', () => {
  it('deletes exactly the terms LEGAL_FORM_TAILS names (its frozen list matches the code)', async () => {
    const source = await import('node:fs').then((fs) => fs.readFileSync(new URL('../../../src/db/migrations/0076_search_without_legal_form_tails.ts', import.meta.url), 'utf8'));
    const listed = JSON.parse(/const TAILS = (\[[^\]]*\])/.exec(source)![1]!.replaceAll("'", '"')) as string[];
    assert.deepEqual([...listed].sort(), [...LEGAL_FORM_TAILS].sort());
  });
});
