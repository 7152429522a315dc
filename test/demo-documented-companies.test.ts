// Issue 15 item 15: every company the newcomer's documents name (README, docs/integration.md,
// packages/client/README.md, the runnable examples under docs/examples/ and the /docs page)
// resolves on a fresh demo store, whatever the synthetic generator invents.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureDemoData } from '../src/companies/demo-data.js';
import { documentedCompanies } from '../src/companies/demo-companies.js';
import { resolveCompany } from '../src/companies/resolver.js';
import { companyLookup } from '../src/companies/store.js';
import { docsPage } from '../src/ops/docs-page.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The documents a newcomer follows, as text. */
function newcomerTexts(): Array<{ source: string; text: string }> {
  const files = ['README.md', 'docs/integration.md', 'packages/client/README.md'];
  const examples = path.join(root, 'docs/examples');
  if (fs.existsSync(examples)) for (const f of fs.readdirSync(examples)) files.push(`docs/examples/${f}`);
  return [...files.map((f) => ({ source: f, text: fs.readFileSync(path.join(root, f), 'utf8') })), { source: '/docs', text: docsPage() }];
}

/**
 * Company identifiers in a text: unified social credit codes (18 characters of the code's shape),
 * 15-digit registration numbers, and Chinese names ending in 有限公司 or 有限责任公司, except
 * placeholders (某…) and a legal form named on its own (股份有限公司).
 */
const LEGAL_FORM = /^(?:股份)?有限(?:责任)?公司$/u;

export function namedCompanies(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g)) found.add(m[0]);
  for (const m of text.matchAll(/(?<![0-9])[0-9]{15}(?![0-9])/g)) found.add(m[0]);
  for (const m of text.matchAll(/[\p{Script=Han}（）()]{2,}有限(?:责任)?公司/gu)) if (!m[0].includes('某') && !LEGAL_FORM.test(m[0])) found.add(m[0]);
  return [...found];
}

describe('the companies the docs name', () => {
  it('finds the running example in README, docs/integration.md and the client README', () => {
    const all = newcomerTexts().flatMap((t) => namedCompanies(t.text));
    for (const expected of ['上海测试科技有限公司', '91310115MA1H7J3K7G']) assert.ok(all.includes(expected), `${expected} is named somewhere`);
    // The extractor ignores placeholders and table wording.
    assert.deepEqual(namedCompanies('某某有限公司 【有效请求】此接口不支持此公司类型查询 91310115MA1H7J3K7GX 1234567890123456，股份有限公司'), []);
  });
});

for (const backend of BACKENDS) {
  describe(`a fresh demo store on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('resolves every company the docs name, as the documented company, with the whole synthetic set imported', async () => {
      const demo = await ensureDemoData(t.db);
      assert.equal(demo.import?.rejected, 0);
      const documented = documentedCompanies();
      assert.equal(demo.companies >= documented.length + 2_900, true, `${demo.companies} companies`);
      const lookup = companyLookup(t.db);
      for (const { source, text } of newcomerTexts()) {
        for (const named of namedCompanies(text)) {
          const result = await resolveCompany(named, lookup);
          assert.ok(result.ok, `${source} names ${named}, which answers ${result.ok ? '' : `${result.status} ${result.reason}`} on a fresh demo`);
          const doc = documented.find((d) => [d.name, d.uscc, d.regNo, ...(d.formerNames ?? [])].includes(named));
          assert.ok(doc, `${source} names ${named}, which is not one of the hand-written demo companies (src/companies/demo-companies.ts)`);
          assert.equal(result.company.name, doc.name);
        }
      }
      // The hand-written documents arrive whole: the one the docs order by name has its records.
      const example = await resolveCompany('上海旧名称贸易有限公司', lookup);
      assert.ok(example.ok);
      assert.equal(example.company.uscc, '91310115MA1H7J3K7G');
    });
  });
}
