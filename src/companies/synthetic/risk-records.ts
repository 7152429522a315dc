/**
 * The version-2 record categories of a synthetic company (股权冻结, 破产, 司法拍卖, 限制出境, 法院公告,
 * 送达公告, 土地抵押, 对外担保, 简易注销, 注销备案, 行政许可, 抽查检查, 知识产权出质, 公示催告). They are
 * drawn from their own random stream, after everything else, so adding them left the version-1
 * records of every company as they were; and they are drawn from what the document already says, so
 * they agree with it: a freeze or an exit restriction continues an enforcement case, an auction sells
 * what an enforcement needs, a guarantee is reported in a year that has an annual report, a pledged
 * patent is one of the company's patents, a cancellation filing names the liquidation group.
 *
 * Shares: most companies have none of these; trouble (open enforcement, high latent risk) brings
 * freezes, restrictions and auctions; only companies in or near cancellation have cancellation
 * notices.
 */
import type { CompanyDocument } from '../document.js';
import { isoFromDay } from './dates.js';
import { personName } from './identity.js';
import { count, DAYS_PER_YEAR, dayIn, money, type RecordContext } from './records.js';
import {
  AUCTION_ITEMS,
  BANKS,
  BILL_TYPES,
  COURT_ANNOUNCEMENT_TYPES,
  GUARANTEE_SCOPE,
  LAND_USES,
  ROAD_NAMES,
  SPOT_CHECK_RESULTS_BAD,
  SPOT_CHECK_RESULTS_CLEAN,
  TRADE_NAME_CHARS,
} from './vocabulary.js';

type Enforcement = NonNullable<CompanyDocument['enforcements']>[number];
const NONE: readonly Enforcement[] = Object.freeze([]);

/** A bank branch in the company's city: 中国银行股份有限公司杭州分行. */
export function bankBranch(ctx: RecordContext): string {
  return `${ctx.random.pick(BANKS)}股份有限公司${ctx.place.cityShort}分行`;
}

function yearsAgo(ctx: RecordContext, years: number): number {
  return ctx.referenceDay - Math.round(years * DAYS_PER_YEAR);
}

function otherCompany(ctx: RecordContext, words: readonly string[]): string {
  const { random } = ctx;
  return `${ctx.place.cityShort}${random.pick(TRADE_NAME_CHARS)}${random.pick(TRADE_NAME_CHARS)}${random.pick(words)}有限公司`;
}

/** The risk categories of a covered company (call after every version-1 record exists). */
export function addRiskRecords(doc: CompanyDocument, ctx: RecordContext): void {
  const { random, id } = ctx;
  const r = id.risk;
  const enforcements = doc.enforcements ?? NONE;
  const open = enforcements.length === 0 ? NONE : enforcements.filter((e) => e.closedOn === undefined);
  const trouble = open.length > 0 ? Math.min(1, 0.35 + 0.15 * open.length) : 0;
  const cancelled = id.status === 'cancelled';
  const revoked = id.status === 'revoked';

  // 限制出境: only where an enforcement case exists; current while that case is open.
  const exitCount = count(ctx, 'exitRestrictions', enforcements.length > 0 && random.chance(0.15 + 0.4 * trouble) ? 1 + (random.chance(0.2) ? 1 : 0) : 0);
  const exits: NonNullable<CompanyDocument['exitRestrictions']> = [];
  for (let k = 0; k < exitCount; k++) {
    const e = pickCase(ctx, open.length > 0 ? open : enforcements);
    const filed = dayIn(ctx, e.day + 30);
    const item: NonNullable<CompanyDocument['exitRestrictions']>[number] = {
      caseNo: e.caseNo, person: ctx.legalRepOn(filed), executedParty: id.name, court: e.court, amount: e.amount, filedOn: isoFromDay(filed), removedOn: undefined,
    };
    if (e.closedDay !== undefined) item.removedOn = isoFromDay(Math.max(filed, e.closedDay));
    exits.push(item);
  }
  doc.exitRestrictions = exits;

  // 股权冻结: this company's holdings frozen for its own enforcement, or a shareholder's equity in it frozen for the shareholder's debts.
  const freezeCount = count(ctx, 'equityFreezes', random.chance(0.004 + 0.5 * trouble + 0.03 * r) ? 1 + random.poisson(0.3 + trouble) : 0);
  const freezes: NonNullable<CompanyDocument['equityFreezes']> = [];
  const investments = doc.investments ?? [];
  const shareholders = doc.shareholders ?? [];
  for (let k = 0; k < freezeCount; k++) {
    const own = investments.length > 0 && (enforcements.length > 0 || shareholders.length === 0) && random.chance(0.6);
    let executedParty: string;
    let target: string | undefined;
    let equity: number;
    let caseNo: string;
    let court: string;
    let from: number;
    if (own || shareholders.length === 0) {
      const investment = investments.length > 0 ? random.pick(investments) : undefined;
      const e = pickCase(ctx, open.length > 0 ? open : enforcements);
      executedParty = id.name;
      target = investment?.name ?? otherCompany(ctx, ['投资', '科技', '贸易']);
      equity = Math.max(1, Math.round(((investment?.subscribed?.amount ?? ctx.capital * 0.2) * (0.3 + 0.7 * random.float())) / freezeCount));
      caseNo = e.caseNo;
      court = e.court;
      from = dayIn(ctx, e.day + 7);
    } else {
      const holder = random.pick(shareholders);
      executedParty = holder.name;
      target = undefined;
      // Several freezes of one holder's equity together stay within what it holds.
      equity = Math.max(1, Math.round(((holder.subscribed?.amount ?? ctx.capital * (holder.ratio ?? 0.5)) * (0.5 + 0.5 * random.float())) / freezeCount));
      from = dayIn(ctx, yearsAgo(ctx, 4));
      caseNo = `（${isoFromDay(from).slice(0, 4)}）${ctx.place.basicCourtCode}执${1 + random.int(30000)}号`;
      court = ctx.place.basicCourt;
    }
    const to = from + Math.round(3 * DAYS_PER_YEAR); // a freeze lasts at most three years unless renewed
    const released = random.chance(trouble > 0 ? 0.2 : 0.6);
    const releasedDay = released ? dayIn(ctx, from + 30, Math.min(to, ctx.referenceDay)) : undefined;
    const renewed = !released && to < ctx.referenceDay && random.chance(0.5);
    const frozenTo = renewed ? to + Math.round(3 * DAYS_PER_YEAR) : to;
    const state = released ? 'released' : frozenTo < ctx.referenceDay ? 'expired' : renewed ? 'renewed' : 'frozen';
    freezes.push({
      caseNo, executedParty, target, equityAmount: money(equity), court, noticeNo: `${caseNo.slice(0, -1)}之${k + 1}号`, state,
      frozenFrom: isoFromDay(from), frozenTo: isoFromDay(frozenTo), releasedOn: releasedDay === undefined ? undefined : isoFromDay(releasedDay), publishedOn: isoFromDay(Math.min(ctx.referenceDay, from + random.int(5))),
    });
  }
  doc.equityFreezes = freezes;

  // 司法拍卖: assets sold to pay an enforcement; the starting price is 70 % of the appraisal at a first auction.
  const auctionCount = count(ctx, 'judicialAuctions', enforcements.length > 0 && random.chance(0.1 + 0.35 * trouble) ? 1 + random.poisson(0.5) : 0);
  const auctions: NonNullable<CompanyDocument['judicialAuctions']> = [];
  for (let k = 0; k < auctionCount; k++) {
    const e = pickCase(ctx, enforcements);
    const published = dayIn(ctx, e.day + 60);
    const auctionDay = published + 30 + random.int(15);
    const appraised = Math.round(ctx.capital * random.logNormal(0.3, 0.8) / 100) * 100 + 10_000;
    const thing = random.pick(AUCTION_ITEMS);
    auctions.push({
      title: thing === '房产' || thing === '土地使用权' ? `${ctx.place.fullPrefix}${random.pick(ROAD_NAMES)}路${1 + random.int(500)}号${thing}` : `${id.name}名下${thing}`,
      court: e.court, caseNo: e.caseNo, publishedOn: isoFromDay(published), auctionOn: isoFromDay(auctionDay),
      startingPrice: money(appraised * 0.7), appraisedPrice: money(appraised),
      status: auctionDay > ctx.referenceDay ? '即将开始' : random.pick(['已成交', '已成交', '流拍', '中止']),
    });
  }
  doc.judicialAuctions = auctions;

  // 破产: the end of the road for a few liquidating, revoked or deeply troubled companies.
  const bankrupt = id.status === 'liquidating' ? 0.15 : revoked ? 0.05 : cancelled ? 0.02 : r > 0.8 ? 0.04 : 0;
  const bankruptcyCount = count(ctx, 'bankruptcies', random.chance(bankrupt) ? 1 : 0);
  const bankruptcies: NonNullable<CompanyDocument['bankruptcies']> = [];
  for (let k = 0; k < bankruptcyCount; k++) {
    const published = dayIn(ctx, yearsAgo(ctx, 2));
    const creditor = random.chance(0.6);
    const item: NonNullable<CompanyDocument['bankruptcies']>[number] = {
      caseNo: `（${isoFromDay(published).slice(0, 4)}）${ctx.place.intermediateCourtCode}破${random.chance(0.5) ? '申' : ''}${1 + random.int(300)}号`,
      kind: random.chance(0.8) ? '破产清算' : '破产重整', applicant: creditor ? random.chance(0.5) ? bankBranch(ctx) : otherCompany(ctx, ['商贸', '建设', '实业']) : id.name,
      respondent: id.name, court: ctx.place.intermediateCourt, publishedOn: isoFromDay(published), closedOn: undefined,
    };
    // A cancelled company's bankruptcy ended before it was struck off.
    if (cancelled && id.statusDay !== undefined) item.closedOn = isoFromDay(Math.max(published, id.statusDay - random.int(60)));
    bankruptcies.push(item);
  }
  doc.bankruptcies = bankruptcies;

  // 法院公告 and 送达公告 follow litigation; 送达 by announcement means the company could not be reached.
  const litigated = (doc.judgments?.length ?? 0) + (doc.hearings?.length ?? 0) > 0;
  // Built only for the few companies that get an announcement.
  const casesOf = (): Array<{ caseNo: string; day: string; cause: string | undefined; court: string | undefined; role: string | undefined }> => [
    ...(doc.judgments ?? []).map((j) => ({ caseNo: j.caseNo, day: j.date, cause: j.cause, court: j.court, role: j.role })),
    ...(doc.hearings ?? []).map((h) => ({ caseNo: h.caseNo, day: h.date, cause: h.cause, court: h.court, role: h.role })),
  ];
  const unreachable = (doc.abnormalOperations ?? []).some((a) => a.reason?.includes('无法联系'));
  const cases = litigated && random.chance(0.1 + 0.4 * r) ? casesOf() : [];
  const courtCount = count(ctx, 'courtAnnouncements', cases.length > 0 ? 1 + random.poisson(Math.min(3, cases.length * 0.1)) : 0);
  const courtAnnouncements: NonNullable<CompanyDocument['courtAnnouncements']> = [];
  for (let k = 0; k < courtCount; k++) {
    const c = cases.length > 0 ? random.pick(cases) : undefined;
    const type = bankruptcies.length > 0 && k === 0 ? '破产文书' : random.pick(COURT_ANNOUNCEMENT_TYPES);
    courtAnnouncements.push({
      caseNo: c?.caseNo, type, court: c?.court ?? ctx.place.basicCourt, parties: [id.name], content: `${id.name}：本院受理${c?.cause ?? '案件'}一案，现依法向你公告送达${type}。`,
      publishedOn: c ? isoFromDay(Math.min(ctx.endDay, ctx.referenceDay, dayFrom(c.day) + 10 + random.int(60))) : isoFromDay(dayIn(ctx, yearsAgo(ctx, 2))),
    });
  }
  doc.courtAnnouncements = courtAnnouncements;
  const served = litigated && random.chance(unreachable ? 0.7 : 0.05 + 0.3 * r) ? casesOf().filter((c) => c.role === 'defendant') : [];
  const serviceCount = count(ctx, 'serviceAnnouncements', served.length > 0 ? 1 : 0);
  const serviceAnnouncements: NonNullable<CompanyDocument['serviceAnnouncements']> = [];
  for (let k = 0; k < serviceCount; k++) {
    const defended = served;
    const c = defended.length > 0 ? random.pick(defended) : undefined;
    serviceAnnouncements.push({
      caseNo: c?.caseNo, cause: c?.cause, court: c?.court ?? ctx.place.basicCourt, parties: [id.name], content: `${id.name}：本院受理的${c?.cause ?? ''}一案，因无法直接送达，现依法公告送达起诉状副本、应诉通知书及开庭传票。`,
      publishedOn: c ? isoFromDay(Math.min(ctx.endDay, ctx.referenceDay, dayFrom(c.day) + 5 + random.int(30))) : isoFromDay(dayIn(ctx, yearsAgo(ctx, 2))),
    });
  }
  doc.serviceAnnouncements = serviceAnnouncements;

  // 土地抵押: larger companies that use land (manufacturing, agriculture, real estate, logistics) borrow against it.
  const landUser = /^[ACGK]/.test(id.industryCode) || id.industryCode.startsWith('E');
  const landCount = count(ctx, 'landMortgages', id.kind !== 'individual' && id.kind !== 'branch' && landUser && random.chance(0.02 + 0.06 * id.scale) ? 1 + random.poisson(0.3) : 0);
  const land: NonNullable<CompanyDocument['landMortgages']> = [];
  for (let k = 0; k < landCount; k++) {
    const registered = dayIn(ctx, yearsAgo(ctx, 6));
    const appraised = Math.round(ctx.capital * random.logNormal(0.8, 0.6) / 10_000) * 10_000 + 100_000;
    land.push({
      location: `${ctx.place.fullPrefix}${random.pick(ROAD_NAMES)}路${1 + random.int(800)}号`, landUse: id.industryCode.startsWith('K') ? '商服用地' : random.pick(LAND_USES),
      areaSqm: Math.round(random.logNormal(8000 * (1 + id.scale), 0.7) * 100) / 100, mortgagor: id.name, mortgagee: bankBranch(ctx),
      amount: money(appraised * (0.4 + 0.3 * random.float())), appraisedValue: money(appraised),
      from: isoFromDay(registered), to: isoFromDay(registered + Math.round((1 + random.int(5)) * DAYS_PER_YEAR)), registeredOn: isoFromDay(registered),
    });
  }
  doc.landMortgages = land;

  // 对外担保, as an annual report discloses it: only in a year the company filed a report for.
  const reportYears = (doc.annualReports?.length ?? 0) > 0 && random.chance(0.02 + 0.04 * id.scale + 0.08 * r) ? doc.annualReports!.map((a) => a.year) : [];
  const guaranteeCount = count(ctx, 'guarantees', reportYears.length > 0 ? 1 + random.poisson(0.5) : 0);
  const guarantees: NonNullable<CompanyDocument['guarantees']> = [];
  for (let k = 0; k < guaranteeCount; k++) {
    const year = reportYears.length > 0 ? random.pick(reportYears) : Number(isoFromDay(ctx.referenceDay).slice(0, 4)) - 1;
    const from = Math.max(ctx.startDay, Date.UTC(year, 0, 1) / 86_400_000 + random.int(300));
    guarantees.push({
      year, creditor: bankBranch(ctx), debtor: (doc.investments ?? []).length > 0 && random.chance(0.5) ? random.pick(doc.investments!).name : otherCompany(ctx, ['商贸', '实业', '建设', '科技']),
      debtKind: '合同', amount: money(Math.round(ctx.capital * random.logNormal(0.3, 0.8) / 10_000) * 10_000 + 10_000),
      debtFrom: isoFromDay(from), debtTo: isoFromDay(from + 365 * (1 + random.int(3))), guaranteePeriod: random.chance(0.8) ? '期限' : '未约定',
      method: random.chance(0.85) ? '连带保证' : random.chance(0.5) ? '一般保证' : '未约定', scope: GUARANTEE_SCOPE,
    });
  }
  doc.guarantees = guarantees;

  // 抽查检查: the market regulator's random inspections; results follow trouble.
  const checkCount = count(ctx, 'spotChecks', random.chance(0.12 + 0.2 * r) ? 1 + random.poisson(0.3) : 0);
  const checks: NonNullable<CompanyDocument['spotChecks']> = [];
  for (let k = 0; k < checkCount; k++) {
    const bad = unreachable && k === 0 ? SPOT_CHECK_RESULTS_BAD[1] : random.chance(0.05 + 0.5 * r * r) ? random.pick(SPOT_CHECK_RESULTS_BAD) : random.pick(SPOT_CHECK_RESULTS_CLEAN);
    checks.push({ authority: ctx.place.authority, kind: random.chance(0.8) ? '抽查' : '检查', date: isoFromDay(dayIn(ctx, yearsAgo(ctx, 4))), result: bad });
  }
  doc.spotChecks = checks;

  // 知识产权出质: a company pledges its own registered patents or trademarks.
  const hasIp = (doc.patents?.length ?? 0) + (doc.trademarks?.length ?? 0) > 0;
  const ip = hasIp && random.chance(0.03 + 0.1 * r) ? [...(doc.patents ?? []).filter((p) => p.status === '授权').map((p) => ({ kind: 'patent' as const, name: p.title, no: p.number, date: p.date })),
    ...(doc.trademarks ?? []).filter((t) => t.status === '注册').map((t) => ({ kind: 'trademark' as const, name: t.name, no: t.number, date: t.date }))] : [];
  const ipCount = count(ctx, 'ipPledges', ip.length > 0 ? 1 : 0);
  const ipPledges: NonNullable<CompanyDocument['ipPledges']> = [];
  for (let k = 0; k < ipCount; k++) {
    const item = ip.length > 0 ? random.pick(ip) : { kind: 'patent' as const, name: '一种自动化装置', no: undefined, date: undefined };
    const registered = dayIn(ctx, Math.max(dayFrom(item.date ?? isoFromDay(ctx.startDay)), yearsAgo(ctx, 4)));
    const to = registered + Math.round((1 + random.int(3)) * DAYS_PER_YEAR);
    ipPledges.push({
      regNo: `${item.kind === 'patent' ? 'Y' : 'TM'}${isoFromDay(registered).slice(0, 4)}${String(random.int(1e6)).padStart(6, '0')}`, kind: item.kind, name: item.no ? `${item.name}（${item.no}）` : item.name,
      pledgor: id.name, pledgee: bankBranch(ctx), registeredOn: isoFromDay(registered), periodFrom: isoFromDay(registered), periodTo: isoFromDay(to),
      status: to < ctx.referenceDay ? '已注销' : '有效',
    });
  }
  doc.ipPledges = ipPledges;

  // 公示催告: a lost bill; rare.
  const summonsCount = count(ctx, 'publicSummons', id.kind !== 'individual' && random.chance(0.006 + 0.004 * id.scale) ? 1 : 0);
  const summons: NonNullable<CompanyDocument['publicSummons']> = [];
  for (let k = 0; k < summonsCount; k++) {
    const day = dayIn(ctx, yearsAgo(ctx, 3));
    summons.push({
      billNo: `${1 + random.int(9)}${String(random.int(1e9)).padStart(9, '0')}${String(random.int(1e9)).padStart(9, '0')}`, billType: random.pick(BILL_TYPES),
      amount: money(Math.round(random.logNormal(200_000, 0.8) / 1000) * 1000), applicant: id.name, holder: id.name,
      court: ctx.place.basicCourt, publishedOn: isoFromDay(day),
    });
  }
  doc.publicSummons = summons;
}

/** 简易注销 and 注销备案: only for companies in or near cancellation, agreeing with the status and liquidation. */
export function addCancellationRecords(doc: CompanyDocument, ctx: RecordContext): void {
  const { random, id } = ctx;
  const simple: NonNullable<CompanyDocument['simpleCancellations']> = [];
  const filings: NonNullable<CompanyDocument['cancellationFilings']> = [];
  const clean = (doc.enforcements ?? []).every((e) => e.closedOn !== undefined) && (doc.dishonest ?? []).every((d) => d.removedOn !== undefined);
  const authority = ctx.place.authority;
  if (id.status === 'cancelled' && id.statusDay !== undefined && doc.status === '注销' && clean && random.chance(0.55)) {
    // Struck off after the 20-day notice without objection.
    const from = Math.max(ctx.startDay, id.statusDay - 25 - random.int(40));
    simple.push({ announcedFrom: isoFromDay(from), announcedTo: isoFromDay(from + 20), authority, result: '准予简易注销', objection: undefined });
  } else if (id.status === 'active' && clean && id.risk < 0.3 && id.scale === 0 && random.chance(0.006)) {
    // A notice running now or just ended: near cancellation, not yet struck off.
    const from = ctx.referenceDay - random.int(25);
    const objected = random.chance(0.15);
    simple.push({ announcedFrom: isoFromDay(from), announcedTo: isoFromDay(from + 20), authority, result: objected ? '撤销简易注销' : undefined, objection: objected ? '债权人提出异议' : undefined });
  }
  // 简易注销 skips liquidation; an ordinary cancellation (about half of the others) and every company in liquidation has a group.
  if (simple.length === 0 && (id.status === 'liquidating' || (id.status === 'cancelled' && random.chance(0.5)))) {
    doc.liquidation = { leader: id.legalRep, members: [id.legalRep, personName(random)], date: isoFromDay(id.statusDay ?? ctx.referenceDay) };
  }
  if (doc.liquidation !== undefined) {
    // Ordinary cancellation: the liquidation group is filed, then creditors are notified for 45 days.
    const end = id.statusDay ?? ctx.referenceDay;
    const filed = Math.max(ctx.startDay, id.status === 'cancelled' ? end - 60 - random.int(120) : end);
    const noticeFrom = Math.min(ctx.referenceDay, filed + 1 + random.int(5));
    filings.push({ filedOn: isoFromDay(Math.min(filed, ctx.referenceDay)), liquidationGroup: doc.liquidation.members, creditorNoticeFrom: isoFromDay(noticeFrom), creditorNoticeTo: isoFromDay(noticeFrom + 45), authority });
  }
  doc.simpleCancellations = simple;
  doc.cancellationFilings = filings;
}

interface CaseRef { caseNo: string; court: string; day: number; closedDay: number | undefined; amount: Enforcement['amount'] }

function dayFrom(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

/** An enforcement case to continue, or (with a fixed count and no case) a fresh one. */
function pickCase(ctx: RecordContext, cases: readonly Enforcement[]): CaseRef {
  if (cases.length > 0) {
    const e = ctx.random.pick(cases);
    return { caseNo: e.caseNo, court: e.court ?? ctx.place.basicCourt, day: dayFrom(e.filedOn), closedDay: e.closedOn === undefined ? undefined : dayFrom(e.closedOn), amount: e.amount };
  }
  const day = dayIn(ctx, yearsAgo(ctx, 3));
  return { caseNo: `（${isoFromDay(day).slice(0, 4)}）${ctx.place.basicCourtCode}执${1 + ctx.random.int(30000)}号`, court: ctx.place.basicCourt, day, closedDay: undefined, amount: money(ctx.capital * 0.1 + 1000) };
}

/** 行政许可 that fit the industry, each from the authority that grants it. */
export function addLicences(doc: CompanyDocument, ctx: RecordContext): void {
  const { random, id } = ctx;
  const code = id.industryCode;
  const city = ctx.place.cityPrefix;
  const options: Array<readonly [name: string, authority: string, years: number]> = [];
  if (code.startsWith('H') || code === 'C13' || code === 'C14' || code === 'F52') options.push(['食品经营许可证', ctx.place.authority, 5]);
  if (code.startsWith('E')) options.push(['建筑施工企业安全生产许可证', `${id.division.province}住房和城乡建设厅`, 3]);
  if (code.startsWith('G54')) options.push(['道路运输经营许可证', `${city}交通运输局`, 4]);
  if (code.startsWith('C')) options.push(['排污许可证', `${id.division.city || id.division.province}生态环境局`, 5]);
  if (code.startsWith('C27') || code.startsWith('Q')) options.push(['药品经营许可证', `${id.division.province}药品监督管理局`, 5]);
  if (code.startsWith('R86')) options.push(['出版物经营许可证', `${city}文化广电旅游局`, 6]);
  if (code.startsWith('O81')) options.push(['机动车维修经营备案', `${city}交通运输局`, 5]);
  const n = count(ctx, 'licences', options.length > 0 && random.chance(0.5 + 0.1 * id.scale) ? 1 + (random.chance(0.2) ? 1 : 0) : 0);
  const licences: NonNullable<CompanyDocument['licences']> = [];
  for (let k = 0; k < n; k++) {
    const [name, authority, years] = options.length > 0 ? options[k % options.length]! : (['排污许可证', `${id.division.city || id.division.province}生态环境局`, 5] as const);
    const decided = dayIn(ctx, ctx.referenceDay - Math.round(years * DAYS_PER_YEAR) + 30);
    licences.push({
      number: `${ctx.place.basicCourtCode.slice(0, 1)}${isoFromDay(decided).slice(0, 4)}${String(random.int(1e6)).padStart(6, '0')}`, name, content: name.replace(/许可证|备案$/, ''),
      authority, decidedOn: isoFromDay(decided), validFrom: isoFromDay(decided), validTo: isoFromDay(decided + Math.round(years * DAYS_PER_YEAR) - 1),
    });
  }
  doc.licences = licences;
}
