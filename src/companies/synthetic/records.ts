/**
 * Record generators for one synthetic company: judicial, operating-risk and positive records. Each
 * draws its count from the company's latent risk and scale (or takes a fixed count from the
 * caller) and dates everything inside the company's life, never after the reference date.
 */
import type { CompanyDocument, Money } from '../document.js';
import { isoFromDay } from './dates.js';
import type { CompanyIdentity, GeneratorKeys, Place } from './identity.js';
import { personName } from './identity.js';
import type { Random } from './random.js';
import {
  ABNORMAL_REASONS,
  BANKS,
  CASE_CAUSES,
  CERTIFICATION_BODIES,
  CONSTRUCTION_CERTIFICATE,
  FINANCIAL_CAUSES,
  HIGH_TECH_CERTIFICATE,
  LABOUR_CAUSES,
  NON_BANK_LENDERS,
  PATENT_TOPICS,
  PENALTY_VIOLATIONS,
  SERIOUS_VIOLATION_REASONS,
  SOFTWARE_TOPICS,
  SYSTEM_CERTIFICATES,
  TAX_TYPES,
  TRADE_NAME_CHARS,
} from './vocabulary.js';

/** Record lists whose length a caller may fix (presets such as the heavy-litigation company). */
export type RecordKind =
  | 'shareholders' | 'personnel' | 'investments' | 'changes' | 'annualReports'
  | 'judgments' | 'enforcements' | 'dishonest' | 'consumptionRestrictions' | 'terminatedCases' | 'hearings' | 'caseFilings'
  | 'abnormalOperations' | 'seriousViolations' | 'penalties' | 'equityPledges' | 'chattelMortgages' | 'taxArrears' | 'taxViolations'
  | 'taxCredit' | 'certificates' | 'patents' | 'trademarks' | 'softwareCopyrights' | 'tenders'
  | 'equityFreezes' | 'bankruptcies' | 'judicialAuctions' | 'exitRestrictions' | 'courtAnnouncements' | 'serviceAnnouncements'
  | 'landMortgages' | 'guarantees' | 'licences' | 'spotChecks' | 'ipPledges' | 'publicSummons';

export type RecordCounts = Partial<Record<RecordKind, number>>;

export const DAYS_PER_YEAR = 365.25;

/** Everything the record generators share for one company. */
export interface RecordContext {
  readonly random: Random;
  readonly keys: GeneratorKeys;
  readonly id: CompanyIdentity;
  readonly counts: RecordCounts;
  /** First and last day records may carry (establishment; status date or the reference date). */
  readonly startDay: number;
  readonly endDay: number;
  readonly referenceDay: number;
  /** Registered capital in yuan (a nominal figure for entities without one), the yardstick of amounts. */
  readonly capital: number;
  readonly place: Place;
  /** Enforcement cases issued so far, so that 失信 and 终本 records point at real cases. */
  readonly enforcementCases: Array<{ caseNo: string; day: number }>;
  /** The legal representative (负责人, 经营者 …) on a day, as the change records tell it. */
  legalRepOn(day: number): string;
}

/** No fixed counts: the case of every company of a run. */
export const DRAWN_COUNTS: RecordCounts = Object.freeze({});

export function count(ctx: RecordContext, kind: RecordKind, drawn: number): number {
  // A look-up by a varying key went megamorphic and showed in profiles; runs fix no counts at all.
  return ctx.counts === DRAWN_COUNTS ? drawn : (ctx.counts[kind] ?? drawn);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** A day in [max(from, start), min(to, end)], uniform. */
export function dayIn(ctx: RecordContext, fromDay: number, toDay = ctx.endDay): number {
  const lo = Math.max(fromDay, ctx.startDay);
  const hi = Math.min(toDay, ctx.endDay);
  // An empty window (a young company asked for something older, or a late follow-up of a closed
  // company) collapses to the nearest day of the company's life.
  if (hi <= lo) return Math.max(ctx.startDay, Math.min(lo, ctx.endDay));
  return lo + ctx.random.int(hi - lo + 1);
}

export function money(amount: number): Money {
  return { amount: Math.max(0, Math.round(amount)) };
}

function yearsAgo(ctx: RecordContext, years: number): number {
  return ctx.referenceDay - Math.round(years * DAYS_PER_YEAR);
}

function otherPartyName(random: Random, cityShort: string): string {
  if (random.chance(0.35)) return personName(random);
  return `${cityShort}${random.pick(TRADE_NAME_CHARS)}${random.pick(TRADE_NAME_CHARS)}${random.pick(['商贸', '建设', '科技', '物流', '实业'])}有限公司`;
}

/** A lender that brings 金融借款合同纠纷: a bank branch of the city, or a licensed non-bank lender. */
export function financialInstitution(random: Random, cityShort: string): string {
  if (random.chance(0.7)) return `${random.pick(BANKS)}股份有限公司${cityShort}分行`;
  return `${cityShort}${random.pick(TRADE_NAME_CHARS)}${random.pick(TRADE_NAME_CHARS)}${random.pick(NON_BANK_LENDERS)}`;
}

/**
 * The other party of a case with this cause, and whether the company must be the defendant: a
 * financial-loan plaintiff is a financial institution (and our companies are none), a labour
 * dispute's other party is a person.
 */
function counterparty(random: Random, cityShort: string, cause: string): { name: string; companyDefends: boolean } {
  if (FINANCIAL_CAUSES.has(cause)) return { name: financialInstitution(random, cityShort), companyDefends: true };
  if (LABOUR_CAUSES.has(cause)) return { name: personName(random), companyDefends: false };
  return { name: otherPartyName(random, cityShort), companyDefends: false };
}

function caseNo(ctx: RecordContext, day: number, kind: string, intermediate = false): string {
  return `（${yearOf(day)}）${intermediate ? ctx.place.intermediateCourtCode : ctx.place.basicCourtCode}${kind}${1 + ctx.random.int(30000)}号`;
}

function yearOf(day: number): string {
  return isoFromDay(day).slice(0, 4);
}

export function addJudicialRecords(doc: CompanyDocument, ctx: RecordContext, cityShort: string): void {
  const { random, id } = ctx;
  const r = id.risk;
  const s = id.scale;
  const threeYears = yearsAgo(ctx, 3);

  // 裁判文书: recent cases as defendant follow risk; older ones and cases as plaintiff follow size.
  const recentDefendant = random.poisson((0.02 + 3.5 * r * r) * (1 + 0.4 * s));
  const other = random.poisson(0.03 + 0.25 * s + 0.5 * r * r);
  const judgmentCount = count(ctx, 'judgments', recentDefendant + other);
  if (judgmentCount > 0) {
    const list: NonNullable<CompanyDocument['judgments']> = [];
    for (let k = 0; k < judgmentCount; k++) {
      const recent = k < recentDefendant || (ctx.counts.judgments !== undefined && random.chance(0.6));
      const day = recent ? dayIn(ctx, threeYears) : dayIn(ctx, ctx.startDay, threeYears - 1);
      const cause = random.pick(CASE_CAUSES);
      const { name: party, companyDefends } = counterparty(random, cityShort, cause);
      const defendant = recent || random.chance(0.4) || companyDefends;
      const appeal = random.chance(0.15);
      list.push({
        caseNo: caseNo(ctx, day, appeal ? '民终' : '民初', appeal),
        title: defendant ? `${party}与${id.name}${cause}${appeal ? '二审' : '一审'}民事判决书` : `${id.name}与${party}${cause}${appeal ? '二审' : '一审'}民事判决书`,
        cause,
        court: appeal ? ctx.place.intermediateCourt : ctx.place.basicCourt,
        docType: '民事判决书',
        date: isoFromDay(day),
        role: defendant ? 'defendant' : 'plaintiff',
        amount: money(ctx.capital * random.logNormal(0.02 + 0.1 * r, 1.2) + 1000),
        result: defendant ? random.pick(['判决被告支付货款及利息', '驳回原告部分诉讼请求', '判决被告支付欠款', '调解结案']) : random.pick(['判决被告支付货款', '准许撤诉', '支持原告诉讼请求']),
      });
    }
    doc.judgments = list;
  }

  // 被执行人: open cases in proportion to capital measure how much is owed right now.
  const enforcementCount = count(ctx, 'enforcements', r > 0.45 ? random.poisson(5 * (r - 0.45) ** 1.5) : 0);
  if (enforcementCount > 0) {
    const list: NonNullable<CompanyDocument['enforcements']> = [];
    for (let k = 0; k < enforcementCount; k++) {
      const filed = dayIn(ctx, yearsAgo(ctx, 4));
      const no = caseNo(ctx, filed, '执');
      ctx.enforcementCases.push({ caseNo: no, day: filed });
      const closed = random.chance(0.7 - 0.6 * r);
      const item: NonNullable<CompanyDocument['enforcements']>[number] = {
        caseNo: no,
        court: ctx.place.basicCourt,
        filedOn: isoFromDay(filed),
        amount: money(ctx.capital * random.logNormal(0.03 + 0.35 * r * r, 1) + 500),
      };
      if (closed) item.closedOn = isoFromDay(dayIn(ctx, filed + 30));
      list.push(item);
    }
    doc.enforcements = list;
  }

  // A 失信/限高/终本 record continues an enforcement case when there is one (same number, later date).
  const enforcementCase = (fromDay: number): { caseNo: string; day: number } => {
    if (ctx.enforcementCases.length > 0) {
      const c = random.pick(ctx.enforcementCases);
      return { caseNo: c.caseNo, day: dayIn(ctx, c.day) };
    }
    const day = dayIn(ctx, fromDay);
    return { caseNo: caseNo(ctx, day, '执'), day };
  };

  // 失信被执行人: current ones only deep in the tail; removed ones a little earlier.
  const dishonestCount = count(ctx, 'dishonest', random.chance(clamp01((r - 0.65) * 1.6)) ? 1 + random.poisson(r) : random.chance(0.08 * r) ? 1 : 0);
  if (dishonestCount > 0) {
    const current = r > 0.65;
    const list: NonNullable<CompanyDocument['dishonest']> = [];
    for (let k = 0; k < dishonestCount; k++) {
      const { caseNo: no, day: filed } = enforcementCase(yearsAgo(ctx, 4));
      const item: NonNullable<CompanyDocument['dishonest']>[number] = {
        caseNo: no,
        court: ctx.place.basicCourt,
        province: ctx.id.division.province,
        basisDocNo: caseNo(ctx, Math.max(ctx.startDay, filed - 200), '民初'),
        obligation: '支付货款及利息',
        performance: '全部未履行',
        conduct: random.pick(['有履行能力而拒不履行生效法律文书确定义务', '违反财产报告制度', '违反限制消费令']),
        filedOn: isoFromDay(filed),
        publishedOn: isoFromDay(dayIn(ctx, filed + 7)),
      };
      if (!current || (k > 0 && random.chance(0.4))) item.removedOn = isoFromDay(dayIn(ctx, filed + 60));
      list.push(item);
    }
    doc.dishonest = list;
  }

  const restrictionCount = count(ctx, 'consumptionRestrictions', random.chance(clamp01((r - 0.65) * 1.2)) ? 1 + random.poisson(r) : 0);
  if (restrictionCount > 0) {
    const list: NonNullable<CompanyDocument['consumptionRestrictions']> = [];
    for (let k = 0; k < restrictionCount; k++) {
      const { caseNo: no, day: filed } = enforcementCase(yearsAgo(ctx, 3));
      const item: NonNullable<CompanyDocument['consumptionRestrictions']>[number] = {
        caseNo: no,
        person: ctx.legalRepOn(filed),
        applicant: otherPartyName(random, cityShort),
        court: ctx.place.basicCourt,
        filedOn: isoFromDay(filed),
        publishedOn: isoFromDay(dayIn(ctx, filed + 3)),
      };
      if (r < 0.6 || random.chance(0.2)) item.removedOn = isoFromDay(dayIn(ctx, filed + 90));
      list.push(item);
    }
    doc.consumptionRestrictions = list;
  }

  const terminatedCount = count(ctx, 'terminatedCases', random.chance(clamp01(r - 0.6)) ? 1 + random.poisson(r) : 0);
  if (terminatedCount > 0) {
    const list: NonNullable<CompanyDocument['terminatedCases']> = [];
    for (let k = 0; k < terminatedCount; k++) {
      const { caseNo: no, day: filed } = enforcementCase(yearsAgo(ctx, 5));
      const amount = ctx.capital * random.logNormal(0.05 + 0.3 * r, 1) + 1000;
      list.push({
        caseNo: no,
        court: ctx.place.basicCourt,
        filedOn: isoFromDay(filed),
        terminatedOn: isoFromDay(dayIn(ctx, filed + 90)),
        amount: money(amount),
        unpaid: money(amount * (0.5 + 0.5 * random.float())),
      });
    }
    doc.terminatedCases = list;
  }

  const oneYear = yearsAgo(ctx, 1);
  const hearingCount = count(ctx, 'hearings', random.poisson((0.03 + 2.5 * r ** 2.5) * (1 + 0.4 * s)));
  if (hearingCount > 0) {
    const list: NonNullable<CompanyDocument['hearings']> = [];
    for (let k = 0; k < hearingCount; k++) {
      const day = dayIn(ctx, random.chance(0.7) ? oneYear : yearsAgo(ctx, 3));
      const cause = random.pick(CASE_CAUSES);
      const { name: party, companyDefends } = counterparty(random, cityShort, cause);
      const defendant = random.chance(0.5 + 0.4 * r) || companyDefends;
      list.push({
        caseNo: caseNo(ctx, day, '民初'),
        cause,
        court: ctx.place.basicCourt,
        date: isoFromDay(day),
        role: defendant ? 'defendant' : 'plaintiff',
        plaintiffs: [defendant ? party : id.name],
        defendants: [defendant ? id.name : party],
      });
    }
    doc.hearings = list;
  }

  const filingCount = count(ctx, 'caseFilings', random.poisson(0.03 + 1.8 * r ** 2.5));
  if (filingCount > 0) {
    const list: NonNullable<CompanyDocument['caseFilings']> = [];
    for (let k = 0; k < filingCount; k++) {
      const day = dayIn(ctx, random.chance(0.7) ? oneYear : yearsAgo(ctx, 3));
      const cause = random.pick(CASE_CAUSES);
      list.push({ caseNo: caseNo(ctx, day, '民初'), cause, court: ctx.place.basicCourt, filedOn: isoFromDay(day), role: random.chance(0.5 + 0.4 * r) || FINANCIAL_CAUSES.has(cause) ? 'defendant' : 'plaintiff' });
    }
    doc.caseFilings = list;
  }
}

export function addOperatingRisks(doc: CompanyDocument, ctx: RecordContext, missedAnnualReport: boolean): void {
  const { random, id } = ctx;
  const r = id.risk;
  const s = id.scale;
  const authority = ctx.place.authority;

  // 经营异常: a missed annual report usually lands the company on the list.
  const currentAbnormal = missedAnnualReport ? random.chance(0.75) : random.chance(0.3 * r ** 3);
  const abnormalCount = count(ctx, 'abnormalOperations', (currentAbnormal ? 1 : 0) + (random.chance(0.06 + 0.2 * r) ? 1 : 0));
  if (abnormalCount > 0) {
    const list: NonNullable<CompanyDocument['abnormalOperations']> = [];
    for (let k = 0; k < abnormalCount; k++) {
      const isCurrent = currentAbnormal && k === 0;
      const listed = dayIn(ctx, isCurrent ? yearsAgo(ctx, 2) : ctx.startDay);
      const item: NonNullable<CompanyDocument['abnormalOperations']>[number] = {
        listedOn: isoFromDay(listed),
        reason: isCurrent && missedAnnualReport ? ABNORMAL_REASONS[0]! : random.pick(ABNORMAL_REASONS),
        authority,
      };
      if (!isCurrent) {
        item.removedOn = isoFromDay(dayIn(ctx, listed + 20));
        item.removalReason = '补报未报年份的年度报告并公示';
      }
      list.push(item);
    }
    doc.abnormalOperations = list;
  }

  const seriousCount = count(ctx, 'seriousViolations', random.chance(clamp01((r - 0.85) * 1.5)) ? 1 : 0);
  if (seriousCount > 0) {
    const list: NonNullable<CompanyDocument['seriousViolations']> = [];
    for (let k = 0; k < seriousCount; k++) list.push({ listedOn: isoFromDay(dayIn(ctx, yearsAgo(ctx, 3))), reason: random.pick(SERIOUS_VIOLATION_REASONS), authority });
    doc.seriousViolations = list;
  }

  const penaltyCount = count(ctx, 'penalties', random.poisson(0.02 + 2.5 * r * r * (1 + 0.3 * s)));
  if (penaltyCount > 0) {
    const list: NonNullable<CompanyDocument['penalties']> = [];
    for (let k = 0; k < penaltyCount; k++) {
      const day = dayIn(ctx, random.chance(0.7) ? yearsAgo(ctx, 3) : ctx.startDay);
      const violation = random.pick(PENALTY_VIOLATIONS);
      const fine = Math.round(random.logNormal(5000 * (1 + s), 1.1) / 100) * 100;
      list.push({ decisionNo: `${ctx.place.cityShort}市监罚〔${yearOf(day)}〕${1 + random.int(3000)}号`, violation, content: `罚款${fine}元`, fine: money(fine), decidedOn: isoFromDay(day), authority });
    }
    doc.penalties = list;
  }

  // 股权出质: a shareholder pledges part of its own equity; all pledges of one shareholder stay within what it subscribed.
  const holders = doc.shareholders ?? [];
  if ((id.kind === 'limited' || id.kind === 'joint_stock') && holders.length > 0) {
    const pledgeCount = count(ctx, 'equityPledges', random.chance(0.03 + 0.15 * r + 0.04 * s) ? 1 + random.poisson(0.5) : 0);
    const list: NonNullable<CompanyDocument['equityPledges']> = [];
    for (let k = 0; k < pledgeCount; k++) {
      const day = dayIn(ctx, yearsAgo(ctx, 5));
      const holder = random.pick(holders);
      const held = holder.subscribed?.amount ?? Math.round(ctx.capital * (holder.ratio ?? 1));
      list.push({
        regNo: `${id.division.code}${yearOf(day)}${String(1 + random.int(9999)).padStart(4, '0')}`,
        pledgor: holder.name,
        pledgee: random.chance(0.8) ? `${random.pick(BANKS)}股份有限公司${ctx.place.cityShort}分行` : otherPartyName(random, ctx.place.cityShort),
        amount: money((held * (0.3 + 0.7 * random.float())) / pledgeCount),
        registeredOn: isoFromDay(day),
        status: random.chance(0.7) ? '有效' : '无效',
      });
    }
    doc.equityPledges = list;
  }

  const mortgageCount = count(ctx, 'chattelMortgages', random.chance(0.03 + 0.06 * s) ? 1 + random.poisson(0.4) : 0);
  if (mortgageCount > 0) {
    const list: NonNullable<CompanyDocument['chattelMortgages']> = [];
    for (let k = 0; k < mortgageCount; k++) {
      const day = dayIn(ctx, yearsAgo(ctx, 5));
      // The secured debt runs from registration for one to three years; once it has run out the mortgage is mostly cancelled.
      const debtTo = day + Math.round((1 + random.int(3)) * DAYS_PER_YEAR);
      const leasing = random.chance(0.25);
      list.push({
        regNo: `${id.division.code}${yearOf(day)}${String(1 + random.int(99999)).padStart(5, '0')}`, authority, amount: money(ctx.capital * (0.1 + random.float())), registeredOn: isoFromDay(day),
        status: debtTo < ctx.referenceDay ? (random.chance(0.85) ? '已注销' : '有效') : random.chance(0.9) ? '有效' : '已注销',
        mortgagee: leasing ? `${ctx.place.cityShort}${random.pick(TRADE_NAME_CHARS)}${random.pick(TRADE_NAME_CHARS)}融资租赁有限公司` : `${random.pick(BANKS)}股份有限公司${ctx.place.cityShort}分行`,
        collateral: collateralFor(random, id.industryCode), debtKind: leasing ? '融资租赁合同' : '借款合同', debtFrom: isoFromDay(day), debtTo: isoFromDay(debtTo),
      });
    }
    doc.chattelMortgages = list;
  }

  const taxAuthority = ctx.place.taxAuthority;
  const currentArrears = random.chance(0.25 * r * r);
  const arrearsCount = count(ctx, 'taxArrears', (currentArrears ? 1 : 0) + (random.chance(0.04) ? 1 : 0));
  if (arrearsCount > 0) {
    const list: NonNullable<CompanyDocument['taxArrears']> = [];
    for (let k = 0; k < arrearsCount; k++) {
      const day = dayIn(ctx, yearsAgo(ctx, 3));
      const item: NonNullable<CompanyDocument['taxArrears']>[number] = { taxType: random.pick(TAX_TYPES), balance: money(random.logNormal(20000 * (1 + s), 1)), publishedOn: isoFromDay(day), authority: taxAuthority };
      if (!(currentArrears && k === 0)) item.settledOn = isoFromDay(dayIn(ctx, day + 15));
      list.push(item);
    }
    doc.taxArrears = list;
  }

  const violationCount = count(ctx, 'taxViolations', random.chance(clamp01((r - 0.7) * 0.5)) ? 1 : 0);
  if (violationCount > 0) {
    const list: NonNullable<CompanyDocument['taxViolations']> = [];
    for (let k = 0; k < violationCount; k++) {
      list.push({ nature: random.pick(['虚开增值税专用发票', '偷税', '逃避追缴欠税']), facts: '经检查，该单位存在违法事实。', penalty: '依法追缴税款并处罚款', publishedOn: isoFromDay(dayIn(ctx, yearsAgo(ctx, 3))) });
    }
    doc.taxViolations = list;
  }
}

const TECH_SECTIONS = new Set(['C', 'I', 'M']);

export function addPositiveRecords(doc: CompanyDocument, ctx: RecordContext): void {
  const { random, id } = ctx;
  const r = id.risk;
  const s = id.scale;
  const good = 1 - r;
  const tech = TECH_SECTIONS.has(id.industryCode[0]!);
  // Grades of year Y are published in spring of Y+1: only years that closed before the company did.
  const lastYear = Math.min(Number(yearOf(ctx.referenceDay)) - 1, Number(yearOf(ctx.endDay)) - 1);
  const firstYear = Number(yearOf(ctx.startDay));

  // 纳税信用等级 of the last three years the company existed in (published the following spring).
  if (id.kind !== 'individual' && id.kind !== 'uncovered') {
    const years = count(ctx, 'taxCredit', s === 0 && random.chance(0.5) ? 0 : Math.max(0, Math.min(s === 0 ? 2 : 3, lastYear - firstYear)));
    if (years > 0) {
      const list: NonNullable<CompanyDocument['taxCredit']> = [];
      const base = random.float();
      for (let y = lastYear - years + 1; y <= lastYear; y++) {
        const u = Math.min(0.999, Math.max(0, base + (random.float() - 0.5) * 0.2));
        const aShare = good ** 3 * (0.25 + 0.2 * s);
        const dShare = r > 0.55 ? (r - 0.55) * 0.9 : 0;
        const cShare = 0.03 + 0.5 * r * r;
        const grade = u < aShare ? 'A' : u > 1 - dShare ? 'D' : u > 1 - dShare - cShare ? 'C' : u < aShare + 0.45 * good ? 'B' : 'M';
        list.push({ year: y, grade });
      }
      doc.taxCredit = list;
    }
  }

  const certificateCount = count(ctx, 'certificates', random.poisson((0.02 + 0.8 * s) * good * good));
  const highTech = tech && s >= 1 && random.chance(0.25 * good * good * s);
  if (certificateCount > 0 || highTech) {
    const list: NonNullable<CompanyDocument['certificates']> = [];
    for (let k = 0; k < certificateCount; k++) {
      const issued = dayIn(ctx, yearsAgo(ctx, 6));
      // A construction firm's 资质 comes from the provincial housing department; a management-system certificate from a certification body (valid three years).
      if (id.industryCode.startsWith('E') && k === 0) {
        list.push({ type: CONSTRUCTION_CERTIFICATE, number: `D${id.division.code.slice(0, 2)}${String(random.int(1e7)).padStart(7, '0')}`, issuer: `${id.division.province}住房和城乡建设厅`, issuedOn: isoFromDay(issued), expiresOn: isoFromDay(issued + Math.round(5 * DAYS_PER_YEAR)) });
      } else {
        list.push({ type: SYSTEM_CERTIFICATES[k % SYSTEM_CERTIFICATES.length]!, number: `${String(random.int(1e8)).padStart(8, '0')}`, issuer: random.pick(CERTIFICATION_BODIES), issuedOn: isoFromDay(issued), expiresOn: isoFromDay(issued + Math.round(3 * DAYS_PER_YEAR)) });
      }
    }
    if (highTech) {
      const issued = dayIn(ctx, yearsAgo(ctx, 2.5));
      list.push({ type: HIGH_TECH_CERTIFICATE, number: `GR${yearOf(issued)}${String(random.int(1e8)).padStart(8, '0')}`, issuer: `${id.division.province}科学技术厅、${id.division.province}财政厅、${ctx.place.provinceTaxAuthority}`, issuedOn: isoFromDay(issued), expiresOn: isoFromDay(issued + Math.round(3 * DAYS_PER_YEAR)) });
    }
    doc.certificates = list;
  }

  const patentCount = count(ctx, 'patents', tech ? random.poisson((0.1 + 2 * s * s) * good) : random.poisson(0.03 * s));
  if (patentCount > 0) {
    const list: NonNullable<CompanyDocument['patents']> = [];
    for (let k = 0; k < patentCount; k++) {
      const day = dayIn(ctx, ctx.startDay);
      const kindDraw = random.float();
      const kind = kindDraw < 0.25 ? 'invention' : kindDraw < 0.85 ? 'utility' : 'design';
      list.push({ number: `CN${yearOf(day)}${kind === 'invention' ? '1' : kind === 'utility' ? '2' : '3'}${String(random.int(1e7)).padStart(7, '0')}.${random.int(10)}`, title: random.pick(PATENT_TOPICS), kind, status: random.chance(0.8) ? '授权' : '实质审查', date: isoFromDay(day) });
    }
    doc.patents = list;
  }

  const trademarkCount = count(ctx, 'trademarks', random.poisson((0.05 + 0.3 * s + 0.5 * s * s) * (1 - r / 2)));
  if (trademarkCount > 0) {
    const list: NonNullable<CompanyDocument['trademarks']> = [];
    const mark = id.name.slice(2, 4);
    for (let k = 0; k < trademarkCount; k++) {
      list.push({ number: String(10_000_000 + random.int(60_000_000)), name: mark, class: 1 + random.int(45), status: random.chance(0.85) ? '注册' : '申请中', date: isoFromDay(dayIn(ctx, ctx.startDay)) });
    }
    doc.trademarks = list;
  }

  const softwareCount = count(ctx, 'softwareCopyrights', id.industryCode[0] === 'I' || id.industryCode === 'M75' ? random.poisson((0.3 + 3 * s) * good) : 0);
  if (softwareCount > 0) {
    const list: NonNullable<CompanyDocument['softwareCopyrights']> = [];
    const prefix = id.name.slice(2, 4);
    for (let k = 0; k < softwareCount; k++) {
      const day = dayIn(ctx, ctx.startDay);
      list.push({ number: `${yearOf(day)}SR${String(random.int(1e7)).padStart(7, '0')}`, name: `${prefix}${random.pick(SOFTWARE_TOPICS)}V${1 + random.int(5)}.0`, date: isoFromDay(day) });
    }
    doc.softwareCopyrights = list;
  }

  const tenderCount = count(ctx, 'tenders', random.poisson((0.03 + 0.9 * s ** 1.5) * good));
  if (tenderCount > 0) {
    const list: NonNullable<CompanyDocument['tenders']> = [];
    for (let k = 0; k < tenderCount; k++) {
      const day = dayIn(ctx, random.chance(0.7) ? yearsAgo(ctx, 2) : yearsAgo(ctx, 5));
      const won = random.chance(0.6);
      list.push({ title: `${id.division.name}${random.pick(['办公设备采购', '物业服务', '信息化建设', '道路维修', '食堂食材配送', '设备维保'])}项目${won ? '中标' : '投标'}公告`, role: won ? 'winner' : 'bidder', amount: money(random.logNormal(300000 * (1 + s), 1)), date: isoFromDay(day), counterparty: `${id.division.name}${random.pick(['人民医院', '教育局', '住房和城乡建设局', '交通运输局'])}` });
    }
    doc.tenders = list;
  }
}

function collateralFor(random: Random, industryCode: string): string {
  if (industryCode.startsWith('G')) return `货运车辆${2 + random.int(10)}辆`;
  if (industryCode.startsWith('C')) return random.pick(['数控机床', '生产线设备', '注塑机', '加工中心']) + `${2 + random.int(20)}台`;
  if (industryCode.startsWith('E')) return `挖掘机等工程机械${1 + random.int(8)}台`;
  if (industryCode.startsWith('F')) return `库存商品一批`;
  return random.pick(['办公设备一批', '小型客车1辆', '机器设备一批']);
}
