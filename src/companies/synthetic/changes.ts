/**
 * 变更记录 that join up. Each item (法定代表人, 住所, 注册资本 …) is a chain: read oldest first, every
 * change's `before` is the previous change's `after`, and the newest `after` is what the document says
 * now (its legal representative, address, capital, shareholders, scope, term, name). Successive
 * legal-representative changes go to different people. Item names follow the entity kind: a branch
 * changes its 负责人, a 个体工商户 its 经营者, a partnership its 执行事务合伙人.
 */
import type { CompanyDocument } from '../document.js';
import { isoFromDay } from './dates.js';
import type { EntityKind } from './identity.js';
import { personName } from './identity.js';
import { count, DAYS_PER_YEAR, dayIn, type RecordContext } from './records.js';
import { ROAD_NAMES, ROAD_SUFFIXES, SCOPE_CLAUSES, type ChangeChain } from './vocabulary.js';

type ChangeItem = readonly [item: string, chain: ChangeChain];

/** Key items (legal representative, owners, address) and the others, by entity kind. */
const ITEMS: Readonly<Record<EntityKind, { key: readonly ChangeItem[]; other: readonly ChangeItem[] }>> = {
  limited: {
    key: [['法定代表人变更', 'legalRep'], ['投资人(股权)变更', 'owners'], ['住所变更', 'address']],
    other: [['经营范围变更', 'scope'], ['注册资本变更', 'capital'], ['高级管理人员备案', 'filing'], ['章程备案', 'filing'], ['营业期限变更', 'term'], ['联络员备案', 'filing']],
  },
  joint_stock: {
    key: [['法定代表人变更', 'legalRep'], ['发起人变更', 'owners'], ['住所变更', 'address']],
    other: [['经营范围变更', 'scope'], ['注册资本变更', 'capital'], ['高级管理人员备案', 'filing'], ['章程备案', 'filing'], ['营业期限变更', 'term'], ['联络员备案', 'filing']],
  },
  sole_proprietorship: { key: [['投资人变更', 'legalRep'], ['住所变更', 'address']], other: [['经营范围变更', 'scope'], ['联络员备案', 'filing']] },
  partnership: {
    key: [['执行事务合伙人变更', 'legalRep'], ['合伙人变更', 'owners'], ['主要经营场所变更', 'address']],
    other: [['经营范围变更', 'scope'], ['合伙协议备案', 'filing'], ['联络员备案', 'filing']],
  },
  branch: { key: [['负责人变更', 'legalRep'], ['营业场所变更', 'address']], other: [['经营范围变更', 'scope'], ['联络员备案', 'filing']] },
  individual: { key: [['经营者变更', 'legalRep'], ['经营场所变更', 'address']], other: [['经营范围变更', 'scope']] },
  cooperative: { key: [['法定代表人变更', 'legalRep'], ['住所变更', 'address']], other: [['经营范围变更', 'scope'], ['章程备案', 'filing']] },
  uncovered: { key: [['法定代表人变更', 'legalRep'], ['住所变更', 'address']], other: [['经营范围变更', 'scope']] },
};

function wan(amount: number): string {
  return `${(amount / 10_000).toFixed(amount % 10_000 === 0 ? 0 : 2)}万元人民币`;
}

interface Drawn { day: number; item: string; chain: ChangeChain; order: number }

/**
 * Draws the company's changes, then writes each chain's values backwards from the current one.
 * Returns the legal representative's history (oldest first) for records that name the
 * representative of the day (限制高消费, 限制出境).
 */
export function addChanges(doc: CompanyDocument, ctx: RecordContext, capital: number): Array<{ day: number; name: string }> {
  const { random, id } = ctx;
  const twoYears = ctx.referenceDay - Math.round(2 * DAYS_PER_YEAR);
  const lifeYears = (ctx.endDay - ctx.startDay) / DAYS_PER_YEAR;
  // Key changes (legal representative, shareholders, address) in the last 24 months rise with risk.
  const recentKey = id.kind === 'individual' ? random.poisson(0.1) : random.poisson(0.2 + 6 * id.risk ** 1.5);
  const older = random.poisson(Math.min(8, lifeYears) * (id.kind === 'individual' ? 0.05 : 0.2));
  const n = count(ctx, 'changes', recentKey + older);
  if (n === 0) {
    doc.changes = [];
    return [{ day: ctx.startDay, name: id.legalRep }];
  }
  const items = ITEMS[id.kind];
  const hasOwners = (doc.shareholders?.length ?? 0) > 0;
  const capitalChangeable = doc.registeredCapital !== undefined && capital >= 20_000 && doc.registeredCapital.currency === undefined;
  const drawn: Drawn[] = [];
  for (let k = 0; k < n; k++) {
    const key = k < recentKey || random.chance(0.4);
    const day = k < recentKey ? dayIn(ctx, twoYears) : dayIn(ctx, ctx.startDay + 30, twoYears - 1);
    let choice: ChangeItem;
    // A rename is recorded as the first change before the recent window; no other 名称变更 is invented.
    if (k === recentKey && id.formerName !== undefined) choice = ['名称变更', 'name'];
    else choice = key ? items.key[random.int(items.key.length)]! : random.pick(items.other);
    // An item the entity cannot have (owners without shareholders, capital without capital) becomes a scope change.
    if ((choice[1] === 'owners' && !hasOwners) || (choice[1] === 'capital' && !capitalChangeable)) choice = ['经营范围变更', 'scope'];
    drawn.push({ day, item: choice[0], chain: choice[1], order: k });
  }
  // Oldest first; ties keep the draw order, which is also the order the chain is read in.
  drawn.sort((a, b) => a.day - b.day || a.order - b.order);

  const byItem = new Map<string, Drawn[]>();
  for (const d of drawn) {
    let list = byItem.get(d.item);
    if (!list) byItem.set(d.item, (list = []));
    list.push(d);
  }
  const values = new Map<Drawn, { before: string | undefined; after: string | undefined }>();
  let legalRepHistory: Array<{ day: number; name: string }> = [];
  for (const list of byItem.values()) {
    const chain = chainValues(doc, ctx, list[0]!.chain, list.length, capital);
    for (let k = 0; k < list.length; k++) values.set(list[k]!, { before: chain[k], after: chain[k + 1] });
    if (list[0]!.chain === 'legalRep') legalRepHistory = [{ day: ctx.startDay, name: chain[0]! }, ...list.map((d, k) => ({ day: d.day, name: chain[k + 1]! }))];
  }
  if (drawn.length > 0) {
    // Newest first, as registers list them: the exact reverse of the chain order.
    const changes: NonNullable<CompanyDocument['changes']> = [];
    for (let k = drawn.length - 1; k >= 0; k--) {
      const d = drawn[k]!;
      const v = values.get(d)!;
      changes.push({ date: isoFromDay(d.day), item: d.item, before: v.before, after: v.after });
    }
    doc.changes = changes;
  } else {
    doc.changes = [];
  }
  return legalRepHistory.length > 0 ? legalRepHistory : [{ day: ctx.startDay, name: id.legalRep }];
}

/**
 * The n+1 values of a chain of n changes, oldest first; the last is the document's current value.
 * Filings (备案) carry no before/after: every value is undefined.
 */
function chainValues(doc: CompanyDocument, ctx: RecordContext, chain: ChangeChain, n: number, capital: number): Array<string | undefined> {
  const { random, id } = ctx;
  const values: Array<string | undefined> = new Array<string | undefined>(n + 1);
  switch (chain) {
    case 'legalRep': {
      // Every representative of the chain is a different person.
      const used = new Set<string>([id.legalRep]);
      values[n] = id.legalRep;
      for (let k = n - 1; k >= 0; k--) values[k] = freshName(random, used);
      break;
    }
    case 'owners': {
      const owners = doc.shareholders!.map((s) => s.name);
      const used = new Set<string>(owners);
      values[n] = owners.join('、');
      let current = owners;
      for (let k = n - 1; k >= 0; k--) {
        // Before each change one holder was someone else (an earlier owner sold out).
        const replaced = current.slice();
        replaced[random.int(replaced.length)] = freshName(random, used);
        values[k] = replaced.join('、');
        current = replaced;
      }
      break;
    }
    case 'address': {
      const used = new Set<string>([doc.address ?? '']);
      values[n] = doc.address;
      for (let k = n - 1; k >= 0; k--) {
        let a: string;
        do a = `${ctx.place.fullPrefix}${random.pick(ROAD_NAMES)}${random.pick(ROAD_SUFFIXES)}${1 + random.int(999)}号`;
        while (used.has(a));
        used.add(a);
        values[k] = a;
      }
      break;
    }
    case 'capital': {
      // Capital grows: each earlier figure is a smaller whole number of 万.
      let amount = capital;
      values[n] = wan(amount);
      for (let k = n - 1; k >= 0; k--) {
        const smaller = Math.round((amount * (0.3 + 0.5 * random.float())) / 10_000) * 10_000;
        // Below 2万 there is nothing smaller to come from: that step was a reduction (减资) instead.
        amount = amount >= 20_000 ? Math.max(10_000, Math.min(amount - 10_000, smaller)) : amount * 2;
        values[k] = wan(amount);
      }
      break;
    }
    case 'name': {
      values[n] = id.name;
      for (let k = n - 1; k >= 0; k--) values[k] = id.formerName ?? `${id.name}（原）`;
      break;
    }
    case 'term': {
      const from = doc.establishedOn;
      values[n] = `${from} 至 ${doc.termTo ?? '长期'}`;
      for (let k = n - 1; k >= 0; k--) values[k] = `${from} 至 ${isoFromDay(id.establishedDay + Math.round((10 + 5 * (n - 1 - k)) * DAYS_PER_YEAR))}`;
      // A ten-year term changed to its own value would be no change: make it read 长期 → the date instead.
      for (let k = n - 1; k >= 0; k--) if (values[k] === values[k + 1]) values[k] = `${from} 至 长期`;
      break;
    }
    case 'scope': {
      const scope = doc.scope ?? '';
      values[n] = scope;
      const clauses = SCOPE_CLAUSES.filter((c) => !scope.includes(c));
      for (let k = n - 1; k >= 0; k--) {
        // Going back, each change had added one clause more: earlier scopes lack the later clauses.
        values[k] = `${values[k + 1]!.replace(/。$/, '')}；${clauses[k % clauses.length]!}。`.replace(/^；/, '');
      }
      // Read forwards this says each change dropped a clause: the chain joins, and no two neighbours are equal.
      break;
    }
    case 'filing':
      break;
  }
  return values;
}

function freshName(random: RecordContext['random'], used: Set<string>): string {
  let name = personName(random);
  for (let attempt = 0; used.has(name) && attempt < 50; attempt++) name = personName(random);
  used.add(name);
  return name;
}
