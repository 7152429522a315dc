import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CATEGORIES, CATEGORY_GROUPS, category, categoriesOf, categoryCoverage, categoryRecords, categorySupplied } from './categories.js';
import type { CompanyDocument } from './document.js';

const bare: CompanyDocument = { name: '上海甲乙科技有限公司', companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02' };

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const schema = JSON.parse(fs.readFileSync(path.join(repo, 'src/companies/company.schema.json'), 'utf8')) as {
  properties: Record<string, { type?: string }>;
};

describe('categories', () => {
  it('lists every list or object of the schema once, and only fields the schema has', () => {
    const listed = CATEGORIES.flatMap((c) => c.fields);
    assert.equal(new Set(listed).size, listed.length, 'a field belongs to one category');
    assert.equal(new Set(CATEGORIES.map((c) => c.id)).size, CATEGORIES.length, 'ids are unique');
    for (const f of listed) assert.ok(schema.properties[f], `${f} is a schema property`);
    // Identity and contact details are not categories of data a report covers.
    const notCategories = new Set(['formerNames', 'industry', 'parent', 'listing', 'contact']);
    for (const [name, def] of Object.entries(schema.properties)) {
      if ((def.type === 'array' || def.type === 'object') && !notCategories.has(name)) assert.ok(listed.includes(name as never), `${name} has a category`);
    }
  });

  it('has the titles of issue 11 for the new categories', () => {
    const titles = new Map(CATEGORIES.map((c) => [c.fields[0], c.title]));
    assert.deepEqual(
      ['equityFreezes', 'bankruptcies', 'judicialAuctions', 'exitRestrictions', 'landMortgages', 'guarantees', 'licences', 'spotChecks', 'ipPledges', 'simpleCancellations', 'cancellationFilings', 'courtAnnouncements', 'serviceAnnouncements', 'publicSummons'].map((f) => titles.get(f as never)),
      ['股权冻结', '破产重整', '司法拍卖', '限制出境', '土地抵押', '对外担保', '行政许可', '抽查检查', '知识产权出质', '简易注销', '注销备案', '法院公告', '送达公告', '公示催告'],
    );
    for (const c of CATEGORIES) assert.equal(c.since === 2, !['capital', 'paid-in', 'insured'].includes(c.id) && schema.properties[c.fields[0]!]!.type === 'array' && (schema.properties[c.fields[0]!] as { description?: string }).description?.includes('v2') === true, c.id);
  });

  it('groups every category, in the groups listed', () => {
    const groups = new Set(CATEGORY_GROUPS.map((g) => g.id));
    for (const c of CATEGORIES) assert.ok(groups.has(c.group), c.id);
    assert.deepEqual(categoriesOf('judicial').map((c) => c.id).slice(0, 4), ['judgments', 'enforcements', 'dishonest', 'consumption-restrictions']);
    assert.equal(CATEGORY_GROUPS.reduce((n, g) => n + categoriesOf(g.id).length, 0), CATEGORIES.length);
  });

  it('absent = not supplied, [] = supplied (none)', () => {
    assert.equal(categorySupplied(bare, 'equity-freezes'), false);
    assert.equal(categoryRecords(bare, 'equity-freezes'), undefined);
    const none = { ...bare, equityFreezes: [] };
    assert.equal(categorySupplied(none, 'equity-freezes'), true);
    assert.deepEqual(categoryRecords(none, 'equity-freezes'), []);
    const some = { ...bare, exitRestrictions: [{ person: '张三', filedOn: '2024-01-01' }] };
    assert.equal(categoryRecords(some, 'exit-restrictions')?.length, 1);
    assert.equal(categorySupplied({ ...bare, liquidation: {} }, 'liquidation'), true);
    assert.equal(categorySupplied(bare, 'liquidation'), false);
    assert.equal(categorySupplied({ ...bare, registeredCapital: { amount: 0 } }, 'capital'), true);
  });

  it('a bare document supplies no category; every category can be supplied', () => {
    assert.deepEqual(categoryCoverage(bare).filter((c) => c.supplied), []);
    const full: Record<string, unknown> = { ...bare };
    for (const c of CATEGORIES) full[c.fields[0]!] = c.shape === 'records' ? [] : {};
    assert.ok(categoryCoverage(full as CompanyDocument).every((c) => c.supplied));
  });

  it('paid-in capital and insured staff are also supplied by shareholders and annual reports', () => {
    assert.equal(categorySupplied({ ...bare, shareholders: [{ name: '张三' }] }, 'paid-in'), false);
    assert.equal(categorySupplied({ ...bare, shareholders: [{ name: '张三', paid: { amount: 1 } }] }, 'paid-in'), true);
    assert.equal(categorySupplied({ ...bare, annualReports: [{ year: 2024 }] }, 'insured'), false);
    assert.equal(categorySupplied({ ...bare, annualReports: [{ year: 2024, insuredCount: 0 }] }, 'insured'), true);
  });

  it('refuses an unknown id and a fact read as records', () => {
    assert.throws(() => category('equity-freeze' as never), /unknown category "equity-freeze"/);
    assert.throws(() => categoryRecords(bare, 'capital'), /single fact/);
  });
});
