/** `zhengxin company show`: what the store holds for a KeyNo, USCC, registration number or name. */
import { isCoveredKind } from '../companies/entity-kind.js';
import { resolveCompany } from '../companies/resolver.js';
import { companyLookup, type StoredCompany } from '../companies/store.js';
import type { CompanyDocument, Money } from '../companies/document.js';
import { UsageError, withCommandDatabase, type Command } from './command.js';
import type { PenetrationNode, RelationFacts } from '../companies/relations/facts.js';
import { DEFAULT_PENETRATION_DEPTH, relationFactsOf } from '../companies/relations/relation-facts.js';
import { MAX_LEVELS } from '../companies/relations/holdings.js';

const NOT_FOUND_MESSAGES: Record<string, string> = {
  not_found: 'no company matches',
  uscc_check_failed: 'not a valid unified social credit code (a check character is wrong), and no stored company has it',
  uscc_malformed: 'not a valid unified social credit code (a character outside the code alphabet)',
  too_short: 'give at least 2 characters',
  personal_id: 'that is a personal ID number, not a company keyword',
  url: 'that is a URL, not a company keyword',
  email: 'that is an e-mail address, not a company keyword',
  digits_not_reg_no: 'those digits are no registration number (15 digits with a check digit)',
  punctuation_only: 'that is only punctuation',
};

export const companyShowCommand: Command = {
  name: 'company show',
  usage: 'company show KEYNO|USCC|REGNO|NAME [--json]',
  summary: 'Print the stored company (a summary, or the document with --json); exit 1 when nothing matches.',
  async run(ctx) {
    const json = ctx.argv.includes('--json');
    const words = ctx.argv.filter((a) => a !== '--json');
    if (words.some((w) => w.startsWith('--'))) throw new UsageError(`unknown option ${words.find((w) => w.startsWith('--'))}`);
    if (words.length === 0) throw new UsageError('which company? give a KeyNo, USCC, registration number or name');
    const keyword = words.join(' ');

    return withCommandDatabase(ctx, async (database) => {
      const r = await resolveCompany(keyword, companyLookup(database.db), { includeUncovered: true });
      if (!r.ok) {
        ctx.stderr.write(`zhengxin company show: "${keyword}": ${NOT_FOUND_MESSAGES[r.reason] ?? r.reason}\n`);
        return 1;
      }
      ctx.stdout.write(json ? `${JSON.stringify(r.company.doc, null, 2)}\n` : formatCompanySummary(r.company));
      return 0;
    });
  },
};

export const companyGraphCommand: Command = {
  name: 'company graph',
  usage: 'company graph KEYNO|USCC|REGNO|NAME [--depth N] [--json]',
  summary: 'Print the actual controller with its chain, the beneficial owners, the equity penetration and the related companies; exit 1 when nothing matches.',
  async run(ctx) {
    let json = false;
    let depth = DEFAULT_PENETRATION_DEPTH;
    const words: string[] = [];
    for (let i = 0; i < ctx.argv.length; i++) {
      const a = ctx.argv[i]!;
      if (a === '--json') json = true;
      else if (a === '--depth' || a.startsWith('--depth=')) {
        const raw = a === '--depth' ? ctx.argv[++i] : a.slice('--depth='.length);
        const n = Number(raw);
        if (raw === undefined || !Number.isInteger(n) || n < 1 || n > MAX_LEVELS) throw new UsageError(`--depth must be a whole number from 1 to ${MAX_LEVELS}, got ${raw ?? 'nothing'}`);
        depth = n;
      } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
      else words.push(a);
    }
    if (words.length === 0) throw new UsageError('which company? give a KeyNo, USCC, registration number or name');
    const keyword = words.join(' ');
    return withCommandDatabase(ctx, async (database) => {
      const r = await resolveCompany(keyword, companyLookup(database.db), { includeUncovered: true });
      if (!r.ok) {
        ctx.stderr.write(`zhengxin company graph: "${keyword}": ${NOT_FOUND_MESSAGES[r.reason] ?? r.reason}\n`);
        return 1;
      }
      const facts = await relationFactsOf(database.db, r.company.keyNo, { depth });
      if (!facts) {
        ctx.stderr.write(`zhengxin company graph: "${keyword}": no company matches\n`);
        return 1;
      }
      ctx.stdout.write(json ? `${JSON.stringify(facts, null, 2)}\n` : formatRelationFacts(r.company.name, facts));
      return 0;
    });
  },
};

function percent(r: number | null | undefined): string {
  return r === null || r === undefined ? '比例未知' : `${Math.round(r * 10000) / 100}%`;
}

/** The operator's reading of RelationFacts: controller and chain, owners, tree, related companies. */
export function formatRelationFacts(name: string, f: RelationFacts): string {
  const out: string[] = [`${name} (${f.keyNo})`, ''];
  const c = f.controller;
  out.push('实际控制人 controller');
  if (c.status === 'found' && c.controller) {
    out.push(`  ${c.controller.name} [${c.controller.type}${c.controller.keyNo ? ` ${c.controller.keyNo}` : ''}]  累计持股 ${percent(c.cumulativeRatio)}  (${c.basis})`);
    const chain = c.chain ?? [];
    if (chain.length > 0) out.push(`  chain: ${chain.map((s) => `${s.holder.name} —${percent(s.ratio)}→ `).join('')}${name}`);
  } else out.push(`  ${c.status === 'none' ? '无 none' : '未知 unknown'}`);
  out.push(`  ${c.reason}`, '');
  out.push(`受益所有人 beneficial owners (≥ ${percent(f.beneficialOwnerThreshold)})`);
  if (f.beneficialOwners.length === 0) out.push(f.controller.status === 'unknown' ? '  unknown: shareholders not supplied' : '  none at this threshold');
  for (const b of f.beneficialOwners) out.push(`  ${b.person.name}  ${percent(b.cumulativeRatio)}  (${b.paths.length} path${b.paths.length === 1 ? '' : 's'})`);
  out.push('', '股权穿透 penetration');
  const walk = (n: PenetrationNode, indent: string): void => {
    for (const ch of n.children) {
      const marks = `${ch.cycle ? '  [cycle]' : ''}${ch.truncated ? '  [more above]' : ''}`;
      out.push(`${indent}${ch.party.name} [${ch.party.type}]  ${percent(ch.ratio)}${marks}`);
      walk(ch, `${indent}  `);
    }
  };
  if (f.penetration.children.length === 0) out.push('  (no shareholders known)');
  walk(f.penetration, '  ');
  if (f.cycles.length > 0) {
    out.push('', '循环持股 cycles');
    for (const cyc of f.cycles) out.push(`  ${cyc.map((p) => p.name).join(' → ')} → ${cyc[0]!.name}`);
  }
  out.push('', '关联企业 related companies');
  if (f.related.length === 0) out.push('  none found in the store or named by its documents');
  const flag = (label: string, n: number | null): string => (n === null ? `${label} ?` : `${label} ${n}`);
  for (const r of f.related) {
    const where = r.keyNo ?? 'not in the store';
    const share = r.ratio === undefined ? '' : `  ${percent(r.ratio)}`;
    const revoked = r.flags.revoked === null ? '吊销 ?' : r.flags.revoked ? '吊销' : '';
    out.push(`  ${r.name} (${where})  ${r.relation} via ${r.via}${share}  ${r.status || 'status ?'}  ${[flag('失信', r.flags.dishonest), flag('被执行', r.flags.enforcements), flag('经营异常', r.flags.abnormalOperations), revoked].filter(Boolean).join(' · ')}`);
  }
  return `${out.join('\n')}\n`;
}

/** Record sections whose sizes the summary lists, with their Chinese labels. */
const SECTIONS: ReadonlyArray<[keyof CompanyDocument, string]> = [
  ['shareholders', '股东'], ['personnel', '主要人员'], ['investments', '对外投资'], ['branches', '分支机构'],
  ['changes', '变更记录'], ['annualReports', '年报'], ['judgments', '裁判文书'], ['enforcements', '被执行人'],
  ['dishonest', '失信被执行人'], ['consumptionRestrictions', '限制高消费'], ['terminatedCases', '终本案件'],
  ['hearings', '开庭公告'], ['caseFilings', '立案信息'], ['abnormalOperations', '经营异常'],
  ['seriousViolations', '严重违法失信'], ['penalties', '行政处罚'], ['equityPledges', '股权出质'],
  ['chattelMortgages', '动产抵押'], ['taxArrears', '欠税公告'], ['taxViolations', '税收违法'],
  ['taxCredit', '纳税信用'], ['certificates', '资质证书'], ['patents', '专利'], ['trademarks', '商标'],
  ['softwareCopyrights', '软件著作权'], ['tenders', '招投标'],
];

/** A few readable lines: identity, registration facts, then how many records each section holds. */
export function formatCompanySummary(c: StoredCompany): string {
  const d = c.doc;
  const lines: Array<[string, string | undefined]> = [
    ['名称 name', c.name],
    ['KeyNo', c.keyNo],
    ['统一社会信用代码 USCC', c.uscc ?? undefined],
    ['注册号 regNo', c.regNo ?? undefined],
    ['企业类型 type', `${d.companyType} (${c.entityKind}${isCoveredKind(c.entityKind) ? '' : ', not covered by reports: 208'})`],
    ['登记状态 status', `${d.status} (${c.statusNorm})`],
    ['法定代表人 legal rep', d.legalRep],
    ['成立日期 established', d.establishedOn],
    ['注册资本 registered capital', money(d.registeredCapital)],
    ['实缴资本 paid-in capital', money(d.paidInCapital)],
    ['地址 address', d.address],
    ['行业 industry', d.industry ? `${d.industry.code}${d.industry.name ? ` ${d.industry.name}` : ''}` : undefined],
    ['曾用名 former names', d.formerNames?.length ? d.formerNames.join('；') : undefined],
    ['数据日期 data as of', c.dataAsOf ?? undefined],
    ['来源 source', c.synthetic ? 'synthetic (generated, not real data)' : d.source],
  ];
  const width = 28;
  const out = lines.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${padDisplay(k, width)} ${v}`);
  const counts = SECTIONS.map(([key, label]) => [label, (d[key] as unknown[] | undefined)?.length ?? 0] as const).filter(([, n]) => n > 0);
  if (counts.length > 0) out.push(`${padDisplay('记录 records', width)} ${counts.map(([label, n]) => `${label} ${n}`).join(' · ')}`);
  return `${out.join('\n')}\n`;
}

function money(m: Money | undefined): string | undefined {
  if (!m) return undefined;
  return `${m.amount.toLocaleString('en-US')} ${m.currency ?? 'CNY'}`;
}

/** Pads to a terminal width where CJK characters take two columns. */
function padDisplay(text: string, width: number): string {
  let used = 0;
  for (const ch of text) used += /[\u2e80-\uffef]/u.test(ch) ? 2 : 1;
  return text + ' '.repeat(Math.max(1, width - used));
}
