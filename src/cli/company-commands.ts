/** `zhengxin company show`: what the store holds for a KeyNo, USCC, registration number or name. */
import { isCoveredKind } from '../companies/entity-kind.js';
import { resolveCompany } from '../companies/resolver.js';
import { companyLookup, type StoredCompany } from '../companies/store.js';
import type { CompanyDocument, Money } from '../companies/document.js';
import { UsageError, withCommandDatabase, type Command } from './command.js';

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
