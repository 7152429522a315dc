/**
 * The generated documents do not contradict themselves (issue 11 item 9). Every invariant is checked
 * over several seeds, a few thousand documents in all, plus every entity kind and status forced.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATEGORIES } from '../categories.js';
import { checkCompanyDocument } from '../document-check.js';
import type { CompanyDocument } from '../document.js';
import { entityKind } from '../entity-kind.js';
import { generateCompanies, generateCompany, heavyLitigationCompany, standardCompany } from './generate.js';
import type { EntityKind, StatusKind } from './identity.js';

const REFERENCE = '2026-06-30';
const SEEDS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
const runs = SEEDS.map((seed) => [...generateCompanies({ count: 500, seed })]);
const all: CompanyDocument[] = runs.flat();
const KINDS: EntityKind[] = ['limited', 'joint_stock', 'sole_proprietorship', 'partnership', 'branch', 'individual', 'cooperative'];
const STATUSES: StatusKind[] = ['active', 'suspended', 'liquidating', 'revoked', 'cancelled'];
const forced: CompanyDocument[] = [];
for (const kind of KINDS) for (const status of STATUSES) for (const risk of [0.1, 0.6, 0.95]) forced.push(generateCompany('forced', 100 + forced.length, { traits: { kind, status, risk, scale: 2 } }));
const everything = [...all, ...forced, standardCompany(), heavyLitigationCompany(100)];
const covered = (d: CompanyDocument): boolean => entityKind(d.uscc, d.companyType).covered;

const FINANCIAL = /银行|小额贷款|融资租赁|消费金融|信托/;

describe('generated documents are consistent', () => {
  it('every document passes the import checks (schema and record checks)', () => {
    for (const doc of everything) {
      const r = checkCompanyDocument(doc);
      assert.ok(r.ok, `${doc.name}: ${r.ok ? '' : r.reason}`);
      assert.equal(doc.schemaVersion, 2);
    }
  });

  it('ownership kinds agree with the shareholder list', () => {
    let checked = 0;
    for (const doc of [...all, ...forced, standardCompany()]) {
      const holders = doc.shareholders ?? [];
      const type = doc.companyType;
      if (type.includes('法人独资')) assert.ok(holders.length === 1 && holders[0]!.kind === 'company', `${doc.name} ${type}: ${holders.length} holders`);
      else if (type.includes('自然人独资')) assert.ok(holders.length === 1 && holders[0]!.kind === 'person', `${doc.name} ${type}`);
      else if (type === '个人独资企业') assert.ok(holders.length === 1 && holders[0]!.name === doc.legalRep, `${doc.name} ${type}`);
      else if (type.startsWith('股份有限公司（')) assert.ok(holders.length >= 2, `${doc.name} ${type}: ${holders.length}`);
      else if (type === '有限合伙企业') assert.ok(holders.length >= 2 && holders.some((h) => h.name === doc.legalRep), `${doc.name}: the 执行事务合伙人 is a partner`);
      else if (type === '有限责任公司（自然人投资或控股）') assert.ok(holders.length >= 2 && holders.some((h) => h.kind === 'person'), `${doc.name} ${type}`);
      if (type.includes('国有控股')) assert.equal(holders[0]?.kind, 'government', doc.name);
      if (holders.length > 0) checked++;
    }
    assert.ok(checked > 2000);
  });

  it('share pledgors are shareholders and pledge no more than they subscribed', () => {
    let pledges = 0;
    for (const doc of everything) {
      const holders = new Map((doc.shareholders ?? []).map((s) => [s.name, s]));
      const pledged = new Map<string, number>();
      for (const p of doc.equityPledges ?? []) {
        pledges++;
        const holder = holders.get(p.pledgor ?? '');
        assert.ok(holder, `${doc.name}: pledgor ${p.pledgor} is no shareholder`);
        pledged.set(p.pledgor!, (pledged.get(p.pledgor!) ?? 0) + (p.amount?.amount ?? 0));
      }
      for (const [name, amount] of pledged) assert.ok(amount <= (holders.get(name)!.subscribed?.amount ?? 0) + 2, `${doc.name}: ${name} pledged ${amount}`);
    }
    assert.ok(pledges > 50);
  });

  it('change chains join up and end at the current value; successive legal representatives differ', () => {
    let chains = 0;
    for (const doc of everything) {
      const byItem = new Map<string, NonNullable<CompanyDocument['changes']>>();
      // Newest first in the document: read backwards for the chain.
      for (const c of [...(doc.changes ?? [])].reverse()) {
        let list = byItem.get(c.item);
        if (!list) byItem.set(c.item, (list = []));
        list.push(c);
      }
      for (let k = 1; k < (doc.changes ?? []).length; k++) assert.ok(doc.changes![k - 1]!.date >= doc.changes![k]!.date, `${doc.name}: changes newest first`);
      for (const [item, list] of byItem) {
        if (item.endsWith('备案')) {
          for (const c of list) assert.ok(c.before === undefined && c.after === undefined, `${doc.name}: a filing has no before/after`);
          continue;
        }
        chains++;
        for (let k = 0; k < list.length; k++) {
          assert.notEqual(list[k]!.before, list[k]!.after, `${doc.name}: ${item} changes nothing`);
          if (k > 0) assert.equal(list[k]!.before, list[k - 1]!.after, `${doc.name}: ${item} chain breaks at ${list[k]!.date}`);
        }
        const last = list.at(-1)!.after;
        const current = currentValue(doc, item);
        assert.equal(last, current, `${doc.name}: the last ${item} is not the current value`);
        if (/法定代表人|负责人|经营者|执行事务合伙人|投资人变更/.test(item)) {
          const people = [list[0]!.before, ...list.map((c) => c.after)];
          assert.equal(new Set(people).size, people.length, `${doc.name}: ${item} to the same person twice: ${people.join(' → ')}`);
        }
        if (item === '名称变更') assert.ok(doc.formerNames?.includes(list[0]!.before!), `${doc.name}: renamed from a former name`);
      }
    }
    assert.ok(chains > 1000);
  });

  it('change items fit the entity kind', () => {
    for (const doc of everything) {
      const items = new Set((doc.changes ?? []).map((c) => c.item));
      if (doc.companyType.includes('分公司')) assert.ok(!items.has('法定代表人变更') && !items.has('注册资本变更') && !items.has('投资人(股权)变更'), doc.name);
      if (doc.companyType === '个体工商户') assert.ok(!items.has('法定代表人变更') && !items.has('投资人(股权)变更'), doc.name);
    }
  });

  it('certificate issuers fit the certificate', () => {
    let n = 0;
    for (const doc of everything) {
      for (const c of doc.certificates ?? []) {
        n++;
        if (c.type.startsWith('ISO')) assert.match(c.issuer ?? '', /认证/, `${doc.name}: ${c.type} from ${c.issuer}`);
        else if (c.type === '建筑业企业资质证书') assert.match(c.issuer ?? '', /住房和城乡建设/, doc.name);
        else if (c.type === '高新技术企业') assert.match(c.issuer ?? '', /科学技术/, doc.name);
        else assert.fail(`${doc.name}: unexpected certificate ${c.type}`);
        if (c.type === '建筑业企业资质证书') assert.equal(doc.industry?.code[0], 'E', `${doc.name}: a construction licence outside construction`);
      }
      for (const l of doc.licences ?? []) {
        if (l.name === '食品经营许可证') assert.match(l.authority ?? '', /市场监督管理局$/, doc.name);
        if (l.name === '排污许可证') assert.match(l.authority ?? '', /生态环境局$/, doc.name);
        if (l.name.includes('建筑施工')) assert.match(l.authority ?? '', /住房和城乡建设/, doc.name);
        assert.ok(!l.validTo || !l.validFrom || l.validFrom <= l.validTo);
      }
    }
    assert.ok(n > 100);
  });

  it('financial-loan plaintiffs are financial institutions, and the company defends', () => {
    let n = 0;
    for (const doc of everything) {
      for (const j of doc.judgments ?? []) {
        if (j.cause !== '金融借款合同纠纷') continue;
        n++;
        assert.equal(j.role, 'defendant', `${doc.name}: ${j.caseNo}`);
        const plaintiff = j.title!.split('与')[0]!;
        assert.match(plaintiff, FINANCIAL, `${doc.name}: plaintiff ${plaintiff}`);
      }
      for (const h of doc.hearings ?? []) if (h.cause === '金融借款合同纠纷') for (const p of h.plaintiffs ?? []) assert.match(p, FINANCIAL, `${doc.name}: hearing plaintiff ${p}`);
      for (const f of doc.caseFilings ?? []) if (f.cause === '金融借款合同纠纷') assert.equal(f.role, 'defendant', doc.name);
    }
    assert.ok(n > 20);
  });

  it('restrictions name the legal representative of their day and continue enforcement cases', () => {
    for (const doc of everything) {
      const reps = new Set([doc.legalRep, ...(doc.changes ?? []).filter((c) => /法定代表人|负责人|经营者|执行事务合伙人|投资人变更/.test(c.item)).flatMap((c) => [c.before, c.after])]);
      for (const r of doc.consumptionRestrictions ?? []) assert.ok(reps.has(r.person), `${doc.name}: 限高 person ${r.person}`);
      const cases = new Map((doc.enforcements ?? []).map((e) => [e.caseNo, e]));
      for (const x of doc.exitRestrictions ?? []) {
        assert.ok(reps.has(x.person), `${doc.name}: 限制出境 person ${x.person}`);
        if (cases.size > 0) {
          const e = cases.get(x.caseNo!);
          assert.ok(e, `${doc.name}: exit restriction ${x.caseNo} continues no enforcement`);
          if (x.removedOn === undefined) assert.equal(e.closedOn, undefined, `${doc.name}: a current exit restriction on a closed case`);
        }
        assert.equal(x.executedParty, doc.name);
      }
      for (const a of doc.judicialAuctions ?? []) {
        if (cases.size > 0) assert.ok(cases.has(a.caseNo!), `${doc.name}: auction ${a.caseNo}`);
        assert.ok(a.startingPrice!.amount <= a.appraisedPrice!.amount);
        assert.equal(a.status === '即将开始', a.auctionOn! > REFERENCE, `${doc.name}: auction status ${a.status} on ${a.auctionOn}`);
      }
    }
  });

  it('equity freezes: the frozen party owns what is frozen, and the state agrees with the dates', () => {
    let n = 0;
    for (const doc of everything) {
      const holders = new Set((doc.shareholders ?? []).map((s) => s.name));
      const frozen = new Map<string, number>();
      for (const f of doc.equityFreezes ?? []) {
        n++;
        if (f.target === undefined) {
          assert.ok(holders.has(f.executedParty), `${doc.name}: ${f.executedParty} holds no equity here`);
          frozen.set(f.executedParty, (frozen.get(f.executedParty) ?? 0) + f.equityAmount!.amount);
        }
        else assert.equal(f.executedParty, doc.name, `${doc.name}: a freeze of another company's equity is this company's`);
        if (f.state === 'released') assert.ok(f.releasedOn !== undefined && f.releasedOn >= f.frozenFrom!, doc.name);
        else assert.equal(f.releasedOn, undefined, doc.name);
        if (f.state === 'expired') assert.ok(f.frozenTo! < REFERENCE, doc.name);
        if (f.state === 'frozen' || f.state === 'renewed') assert.ok(f.frozenTo! >= REFERENCE, `${doc.name}: current freeze ended ${f.frozenTo}`);
      }
      for (const [name, amount] of frozen) assert.ok(amount <= doc.shareholders!.find((s) => s.name === name)!.subscribed!.amount + 2, `${doc.name}: ${name}'s frozen equity ${amount} exceeds its holding`);
    }
    assert.ok(n > 20);
  });

  it('the other new records agree with the document', () => {
    for (const doc of everything) {
      const years = new Set((doc.annualReports ?? []).map((a) => a.year));
      for (const g of doc.guarantees ?? []) assert.ok(years.has(g.year), `${doc.name}: guarantee of ${g.year} without that annual report`);
      const ip = new Set([...(doc.patents ?? []).map((p) => `${p.title}（${p.number}）`), ...(doc.trademarks ?? []).map((t) => `${t.name}（${t.number}）`)]);
      for (const p of doc.ipPledges ?? []) {
        assert.equal(p.pledgor, doc.name);
        // (unless the source supplied no IP lists at all)
        if (doc.patents !== undefined || doc.trademarks !== undefined) assert.ok(ip.has(p.name!), `${doc.name}: pledged ${p.name} is not its own`);
      }
      for (const m of doc.chattelMortgages ?? []) assert.ok(m.mortgagee && m.collateral, `${doc.name}: mortgage without mortgagee or collateral`);
      for (const m of doc.landMortgages ?? []) assert.ok(m.amount!.amount <= m.appraisedValue!.amount && m.mortgagor === doc.name);
      for (const f of doc.cancellationFilings ?? []) assert.deepEqual(f.liquidationGroup, doc.liquidation?.members, doc.name);
      const nearCancellation = /注销|清算/.test(doc.status);
      for (const s of doc.simpleCancellations ?? []) {
        assert.ok(nearCancellation || s.announcedFrom >= '2026-05-01', `${doc.name} (${doc.status}): simple cancellation notice ${s.announcedFrom}`);
        assert.equal(doc.liquidation, undefined, `${doc.name}: a simple cancellation skips liquidation`);
        if (doc.statusDate && doc.status === '注销') assert.ok(s.announcedTo! <= doc.statusDate, doc.name);
      }
      if ((doc.cancellationFilings ?? []).length > 0) assert.ok(nearCancellation, `${doc.name} (${doc.status}) has a cancellation filing`);
    }
  });

  it('the new categories appear for a realistic share, and trouble brings freezes and exit restrictions', () => {
    const c = all.filter(covered);
    const share = (docs: CompanyDocument[], f: (d: CompanyDocument) => boolean): number => docs.filter(f).length / docs.length;
    const some = (field: keyof CompanyDocument) => (d: CompanyDocument): boolean => ((d[field] as unknown[] | undefined) ?? []).length > 0;
    const table: Record<string, number> = {};
    for (const cat of CATEGORIES.filter((x) => x.since === 2)) table[cat.fields[0]!] = share(c, some(cat.fields[0]!));
    const shown = JSON.stringify(table);
    for (const [field, s] of Object.entries(table)) {
      assert.ok(s > 0, `${field} never appears: ${shown}`);
      assert.ok(s < 0.3, `${field} on ${(s * 100).toFixed(1)} % of companies: ${shown}`);
    }
    const troubled = c.filter((d) => (d.enforcements ?? []).some((e) => e.closedOn === undefined));
    const calm = c.filter((d) => (d.enforcements ?? []).length === 0);
    const hit = (d: CompanyDocument): boolean => some('equityFreezes')(d) || some('exitRestrictions')(d);
    assert.ok(troubled.length > 30);
    assert.ok(share(troubled, hit) > 0.3, `with open enforcement: ${share(troubled, hit)}`);
    assert.ok(share(calm, hit) < 0.02, `without enforcement: ${share(calm, hit)}`);
    assert.ok(share(c, (d) => some('simpleCancellations')(d) || some('cancellationFilings')(d)) < 0.1);
  });

  it('every category that applies is supplied ([] for none), except the few from a poorer source', () => {
    const c = all.filter(covered);
    const core = ['judgments', 'enforcements', 'dishonest', 'consumptionRestrictions'] as const;
    for (const doc of c) for (const f of core) assert.ok(Array.isArray(doc[f]), `${doc.name}: ${f} not supplied`);
    const lacksV2 = c.filter((d) => d.equityFreezes === undefined).length / c.length;
    assert.ok(lacksV2 > 0.005 && lacksV2 < 0.05, `share without v2 categories ${lacksV2}`);
    const full = c.filter((d) => d.equityFreezes !== undefined && d.taxCredit !== undefined && d.patents !== undefined);
    assert.ok(full.length > c.length * 0.9);
    for (const doc of full) for (const cat of CATEGORIES) if (cat.shape === 'records' && !['shareholders', 'investments', 'branches', 'annualReports'].includes(cat.fields[0]!)) assert.ok(doc[cat.fields[0]!] !== undefined, `${doc.name}: ${cat.id}`);
  });

  it('entity kinds carry only the fields they can have', () => {
    const seen = new Set<string>();
    for (const doc of [...all, ...forced]) {
      const kind = entityKind(doc.uscc, doc.companyType);
      if (doc.companyType.includes('分公司')) {
        seen.add('branch');
        assert.equal(doc.registeredCapital, undefined, doc.name);
        assert.equal(doc.paidInCapital, undefined, doc.name);
        assert.equal(doc.shareholders, undefined, doc.name);
        assert.equal(doc.insuredCount, undefined, doc.name);
        assert.ok(doc.parent?.name && doc.parent.uscc, `${doc.name}: a branch names its head office`);
        assert.deepEqual(doc.personnel?.find((p) => p.name === doc.legalRep)?.positions, ['负责人'], doc.name);
      }
      if (doc.companyType === '个体工商户') {
        seen.add('individual');
        assert.equal(doc.paidInCapital, undefined, doc.name);
        assert.equal(doc.shareholders, undefined, doc.name);
        assert.deepEqual(doc.personnel?.find((p) => p.name === doc.legalRep)?.positions, ['经营者'], doc.name);
      }
      if (doc.companyType === '有限合伙企业') {
        seen.add('partnership');
        assert.deepEqual(doc.personnel?.find((p) => p.name === doc.legalRep)?.positions, ['执行事务合伙人'], doc.name);
      }
      if (/注销|吊销/.test(doc.status)) {
        seen.add('dead');
        assert.ok(doc.statusDate, `${doc.name}: ${doc.status} without a status date`);
        for (const a of doc.annualReports ?? []) assert.ok(a.publishedOn! <= doc.statusDate!, `${doc.name}: annual report published after ${doc.status}`);
      }
      void kind;
    }
    assert.deepEqual([...seen].sort(), ['branch', 'dead', 'individual', 'partnership']);
  });
});

function wan(amount: number): string {
  return `${(amount / 10_000).toFixed(amount % 10_000 === 0 ? 0 : 2)}万元人民币`;
}

/** What the document says now for a change item. */
function currentValue(doc: CompanyDocument, item: string): string | undefined {
  if (/法定代表人|负责人|经营者|执行事务合伙人|^投资人变更/.test(item)) return doc.legalRep;
  if (/住所|经营场所|营业场所/.test(item)) return doc.address;
  if (item === '注册资本变更') return wan(doc.registeredCapital!.amount);
  if (item === '名称变更') return doc.name;
  if (/投资人\(股权\)|发起人|合伙人变更/.test(item)) return (doc.shareholders ?? []).map((s) => s.name).join('、');
  if (item === '经营范围变更') return doc.scope;
  if (item === '营业期限变更') return `${doc.establishedOn} 至 ${doc.termTo ?? '长期'}`;
  return undefined;
}
