/**
 * Synthetic company documents for demos, tests and benchmarks. Company number `index` of a seed
 * depends on (seed, index) alone, so the first N of a larger run equal a run of N, and a document
 * is byte-identical on every machine. Nothing reads the clock: every date counts back from the
 * reference date.
 */
import type { CompanyDocument } from '../document.js';
import { dayFromIso, isoFromDay } from './dates.js';
import {
  branchIndicesOf,
  companyIdentity,
  generatorKeys,
  personName,
  type CompanyIdentity,
  type CompanyTraits,
  type GeneratorKeys,
} from './identity.js';
import { addJudicialRecords, addOperatingRisks, addPositiveRecords, count, DAYS_PER_YEAR, DRAWN_COUNTS, dayIn, money, type RecordContext, type RecordCounts } from './records.js';
import { groupPlaceOf, withMinorityHolder, type GroupPlace } from './groups.js';
import { hashSeed, Random } from './random.js';
import { CATEGORIES } from '../categories.js';
import { addChanges } from './changes.js';
import { addCancellationRecords, addLicences, addRiskRecords } from './risk-records.js';
import { ROAD_NAMES, ROAD_SUFFIXES, TRADE_NAME_CHARS } from './vocabulary.js';

export const DEFAULT_REFERENCE_DATE = '2026-06-30';
const BODY_STREAM = 2;
/** The version-2 categories draw from their own stream, so adding them moved no version-1 record. */
const RISK_STREAM = 3;

export interface GenerateCompaniesOptions {
  count: number;
  seed: string | number;
  /** `YYYY-MM-DD`; every date in the documents is on or before it (certificate expiry and 营业期限 excepted). */
  referenceDate?: string;
  /** First index (default 0): a block [start, start + count) of the run, for parallel generation. */
  start?: number;
}

export interface GenerateCompanyOptions {
  referenceDate?: string;
  /** Fix latent traits instead of drawing them. */
  traits?: Partial<CompanyTraits>;
  /** Fix record counts instead of drawing them. */
  counts?: RecordCounts;
}

/** The documents of companies start … start+count−1 (default 0 … count−1) of the seed, lazily. */
export function* generateCompanies({ count: total, seed, referenceDate = DEFAULT_REFERENCE_DATE, start = 0 }: GenerateCompaniesOptions): Generator<CompanyDocument> {
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`company count must be a non-negative integer, got ${total}`);
  if (!Number.isSafeInteger(start) || start < 0) throw new Error(`start index must be a non-negative integer, got ${start}`);
  const keys = generatorKeys(hashSeed(seed), dayFromIso(referenceDate));
  const dataAsOf = `${referenceDate}T00:00:00+08:00`;
  for (let index = start; index < start + total; index++) yield buildDocument(keys, index, dataAsOf, {});
}

/** Company number `index` of the seed, the same as the run's; traits or counts make a variant. */
export function generateCompany(seed: string | number, index: number, options: GenerateCompanyOptions = {}): CompanyDocument {
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const keys = generatorKeys(hashSeed(seed), dayFromIso(referenceDate));
  return buildDocument(keys, index, `${referenceDate}T00:00:00+08:00`, options);
}

/**
 * A covered, active, mid-sized company with typical record counts: about five shareholders, eight
 * people, ten changes, five annual reports, a handful of judicial and operating-risk records and
 * some positive ones — the "standard report" of about ten pages.
 */
export function standardCompany(options: { referenceDate?: string } = {}): CompanyDocument {
  return generateCompany('standard-report', 20, {
    ...options,
    traits: { kind: 'limited', status: 'active', risk: 0.22, scale: 2, ageYears: 12.4 },
    counts: STANDARD_COUNTS,
  });
}

/** The standard company with `judgments` judgments (and proportionate hearings, filings and enforcements). */
export function heavyLitigationCompany(judgments = 500, options: { referenceDate?: string } = {}): CompanyDocument {
  return generateCompany('heavy-litigation', 21, {
    ...options,
    traits: { kind: 'limited', status: 'active', risk: 0.6, scale: 2, ageYears: 15.2 },
    counts: { ...STANDARD_COUNTS, judgments, hearings: Math.ceil(judgments / 5), caseFilings: Math.ceil(judgments / 5), enforcements: Math.ceil(judgments / 20) },
  });
}

const STANDARD_COUNTS: RecordCounts = {
  shareholders: 5, personnel: 8, changes: 10, annualReports: 5, investments: 3,
  judgments: 4, enforcements: 1, dishonest: 0, consumptionRestrictions: 0, terminatedCases: 0, hearings: 2, caseFilings: 1,
  abnormalOperations: 1, seriousViolations: 0, penalties: 1, equityPledges: 1, chattelMortgages: 1, taxArrears: 0, taxViolations: 0,
  taxCredit: 3, certificates: 3, patents: 6, trademarks: 4, softwareCopyrights: 2, tenders: 3,
};

/** The registered capital of a generated company: the first draw of its body stream, so another document can state it. */
function capitalOf(keys: GeneratorKeys, id: CompanyIdentity): number {
  return capitalFor(new Random(keys.seedHash, id.index, BODY_STREAM), id);
}

/** A capital figure in yuan rounded to whole 万 (10,000), as registrations are. */
function capitalFor(random: Random, id: CompanyIdentity): number {
  const median = id.kind === 'individual' ? 50_000 : id.kind === 'cooperative' ? 1_000_000 : id.kind === 'uncovered' ? 300_000 : [400_000, 3_000_000, 30_000_000, 200_000_000][id.scale]!;
  return Math.max(10_000, Math.round(random.logNormal(median, 0.7) / 10_000) * 10_000);
}

/**
 * A document with every field the generator may set, in the order it sets them, absent ones
 * undefined (JSON.stringify leaves those out, so the text is as if they had never been added).
 * One object shape for every document: adding the optional fields one by one gave each combination
 * its own hidden class, and the thousands of them made every field store a slow megamorphic miss;
 * building documents took twice as long.
 */
function emptyDocument(name: string): CompanyDocument {
  return {
    schemaVersion: 2, name, formerNames: undefined, uscc: undefined, regNo: undefined, orgCode: undefined, companyType: '', status: '',
    statusDate: undefined, legalRep: undefined, registeredCapital: undefined, paidInCapital: undefined, establishedOn: '', termFrom: undefined,
    termTo: undefined, approvedOn: undefined, authority: undefined, divisionCode: undefined, address: undefined, industry: undefined,
    scope: undefined, taxpayerType: undefined, insuredCount: undefined, parent: undefined, contact: undefined,
    personnel: undefined, shareholders: undefined, investments: undefined, branches: undefined, changes: undefined, annualReports: undefined,
    judgments: undefined, enforcements: undefined, dishonest: undefined, consumptionRestrictions: undefined, terminatedCases: undefined,
    hearings: undefined, caseFilings: undefined,
    abnormalOperations: undefined, seriousViolations: undefined, penalties: undefined, equityPledges: undefined, chattelMortgages: undefined,
    taxArrears: undefined, taxViolations: undefined,
    taxCredit: undefined, certificates: undefined, patents: undefined, trademarks: undefined, softwareCopyrights: undefined, tenders: undefined,
    equityFreezes: undefined, bankruptcies: undefined, judicialAuctions: undefined, exitRestrictions: undefined, courtAnnouncements: undefined,
    serviceAnnouncements: undefined, landMortgages: undefined, guarantees: undefined, simpleCancellations: undefined, cancellationFilings: undefined,
    licences: undefined, spotChecks: undefined, ipPledges: undefined, publicSummons: undefined,
    liquidation: undefined, dataAsOf: undefined, source: undefined,
  };
}

function buildDocument(keys: GeneratorKeys, index: number, dataAsOf: string, options: GenerateCompanyOptions): CompanyDocument {
  const id = companyIdentity(keys, index, options.traits);
  const random = new Random(keys.seedHash, index, BODY_STREAM);
  const referenceDay = keys.referenceDay;
  const endDay = id.statusDay ?? referenceDay;
  const capital = capitalFor(random, id);
  const division = id.division;
  const place = id.place;
  const ctx: RecordContext = {
    random, keys, id, counts: options.counts ?? DRAWN_COUNTS, startDay: id.establishedDay, endDay, referenceDay, capital,
    place, enforcementCases: [], legalRepOn: (day) => legalRepOn(legalRepHistory, day),
  };
  let legalRepHistory: Array<{ day: number; name: string }> = [{ day: id.establishedDay, name: id.legalRep }];
  const cityShort = place.cityShort;
  const isCompany = id.kind === 'limited' || id.kind === 'joint_stock';
  const covered = id.kind !== 'uncovered';

  // Fields appear in emptyDocument's order (the contract's, near enough), whatever order they are set in below.
  const doc = emptyDocument(id.name);
  // A renamed company keeps its unique 字号, so the former name never equals another company's name.
  if (id.formerName !== undefined) doc.formerNames = [id.formerName];
  doc.uscc = id.uscc;
  if (id.regNo !== undefined) doc.regNo = id.regNo;
  // Only codes converted from an old 组织机构代码 carry one; new (MA…) bodies were never organisation codes.
  if (id.category === '91' && id.kind !== 'branch' && !id.uscc.startsWith('MA', 8)) doc.orgCode = id.uscc.slice(8, 16) + '-' + id.uscc[16];
  doc.companyType = id.companyType;
  doc.status = id.statusText;
  if (id.statusDay !== undefined) doc.statusDate = isoFromDay(id.statusDay);
  doc.legalRep = id.legalRep;
  const hasCapital = id.kind !== 'branch' && (id.kind !== 'individual' || random.chance(0.5));
  let paidRatio = 0;
  if (hasCapital) {
    doc.registeredCapital = money(capital);
    if (isCompany || id.kind === 'partnership') {
      const u = random.float();
      const full = 0.15 + 0.35 * (1 - id.risk) + 0.1 * id.scale;
      paidRatio = u < full ? 1 : u < full + 0.2 ? 0.2 + 0.7 * random.float() : u < full + 0.3 ? 0 : -1;
      if (paidRatio >= 0) doc.paidInCapital = money(capital * paidRatio);
    }
  }
  doc.establishedOn = isoFromDay(id.establishedDay);
  doc.termFrom = doc.establishedOn;
  doc.termTo = id.kind === 'individual' || random.chance(0.6) ? null : isoFromDay(id.establishedDay + Math.round((random.chance(0.5) ? 20 : 30) * DAYS_PER_YEAR));
  doc.approvedOn = doc.establishedOn; // 核准日期: moved to the latest change once changes exist
  doc.authority = place.authority;
  doc.divisionCode = division.code;
  const ownAddress = `${place.fullPrefix}${random.pick(ROAD_NAMES)}${random.pick(ROAD_SUFFIXES)}${1 + random.int(999)}号${random.chance(0.5) ? `${1 + random.int(30)}幢${100 + random.int(2800)}室` : ''}`;
  // Drawn either way, so a cluster member's body stream is what it would be without clusters.
  doc.address = id.cluster ? `${place.fullPrefix}${id.cluster.addressTail}` : ownAddress;
  doc.industry = { code: id.industryCode, name: id.industryName };
  doc.scope = id.scope;
  if (covered && id.kind !== 'individual') doc.taxpayerType = id.scale >= 1 || random.chance(0.15) ? '一般纳税人' : '小规模纳税人';

  // Insured employees by size; troubled firms shed staff, and some never disclose.
  const insuredBase = [3, 20, 120, 800][id.scale]!;
  const insured = id.status === 'cancelled' || id.status === 'revoked' ? 0 : random.chance(0.25 * id.risk + (id.scale === 0 ? 0.2 : 0)) ? 0 : Math.max(0, Math.round(random.logNormal(insuredBase * (1 - 0.5 * id.risk), 0.6)));
  // A branch has no insured staff of its own to disclose (they are its head office's).
  const disclosesInsured = covered && random.chance(0.85) && id.kind !== 'branch';
  if (disclosesInsured) doc.insuredCount = insured;
  if (id.parentIndex !== undefined) {
    const parent = companyIdentity(keys, id.parentIndex, options.traits?.kind === 'branch' ? { kind: 'limited' } : {});
    doc.parent = { name: parent.name, uscc: parent.uscc };
  }
  // No phone numbers: any plausible one may belong to somebody. example.com is reserved for examples.
  const ownEmail = random.chance(0.4);
  // A registration agent fills its own e-mail into every form it files.
  if (isCompany && id.cluster) doc.contact = { email: id.cluster.agentEmail };
  else if (isCompany && ownEmail) doc.contact = { email: `contact${index}@example.com` };

  // Groups only where the caller fixed neither traits nor counts (those ask for one exact company).
  const group = options.traits === undefined && options.counts === undefined ? groupPlaceOf(keys, index) : undefined;
  if (covered) addPeople(doc, ctx, capital, paidRatio, cityShort, isCompany, group);
  if (isCompany) addInvestmentsAndBranches(doc, ctx, keys, index, options, group);
  if (covered) {
    legalRepHistory = addChanges(doc, ctx, capital);
    if (doc.changes?.length) doc.approvedOn = doc.changes[0]!.date;
    const missedAnnualReport = addAnnualReports(doc, ctx, insured, disclosesInsured);
    addJudicialRecords(doc, ctx, cityShort);
    addOperatingRisks(doc, ctx, missedAnnualReport);
    addPositiveRecords(doc, ctx);
    const risk = new Random(keys.seedHash, index, RISK_STREAM);
    const riskCtx: RecordContext = { ...ctx, random: risk };
    addCancellationRecords(doc, riskCtx);
    addRiskRecords(doc, riskCtx);
    addLicences(doc, riskCtx);
    supplyEmptyLists(doc, id, risk);
  }
  doc.dataAsOf = dataAsOf;
  doc.source = 'synthetic';
  return doc;
}

/** Splits 10,000 basis points into n shares, the first (the controller's) the largest. */
function basisPointShares(random: Random, n: number): number[] {
  const weights: number[] = [];
  let total = 0;
  for (let k = 0; k < n; k++) {
    const w = k === 0 ? 2 + random.float() * 3 : 0.3 + random.float();
    weights.push(w);
    total += w;
  }
  const shares = weights.map((w) => Math.max(1, Math.floor((w / total) * 10_000)));
  shares[0]! += 10_000 - shares.reduce((a, b) => a + b, 0);
  return shares;
}

function addPeople(doc: CompanyDocument, ctx: RecordContext, capital: number, paidRatio: number, cityShort: string, isCompany: boolean, group: GroupPlace | undefined): void {
  const { random, id } = ctx;
  const personnel: NonNullable<CompanyDocument['personnel']> = [];
  switch (id.kind) {
    case 'individual': personnel.push({ name: id.legalRep, positions: ['经营者'] }); break;
    case 'branch': personnel.push({ name: id.legalRep, positions: ['负责人'] }); break;
    case 'partnership': personnel.push({ name: id.legalRep, positions: ['执行事务合伙人'] }); break;
    case 'sole_proprietorship': personnel.push({ name: id.legalRep, positions: ['投资人'] }); break;
    case 'cooperative': personnel.push({ name: id.legalRep, positions: ['理事长'] }, { name: personName(random), positions: ['监事'] }); break;
    default: {
      const n = count(ctx, 'personnel', id.scale === 0 ? 2 + random.int(2) : 3 + random.int(3 + 2 * id.scale));
      if (n <= 3) {
        personnel.push({ name: id.legalRep, positions: ['执行董事', '总经理'] });
        if (n >= 2) personnel.push({ name: personName(random), positions: ['监事'] });
        if (n >= 3) personnel.push({ name: personName(random), positions: ['财务负责人'] });
      } else {
        personnel.push({ name: id.legalRep, positions: ['董事长'] });
        const roles = [['董事', '总经理'], ['董事'], ['监事会主席'], ['财务负责人'], ['董事', '副总经理'], ['监事'], ['董事会秘书'], ['职工代表监事']];
        for (let k = 1; k < n; k++) personnel.push({ name: personName(random), positions: roles[(k - 1) % roles.length]! });
      }
    }
  }
  // The agent's clerk is 监事 wherever one of its nominees is legal representative (unless the caller fixed the count).
  if (id.cluster?.nominee !== undefined && ctx.counts === DRAWN_COUNTS) personnel.push({ name: id.cluster.clerk, positions: ['监事'] });
  // A group's head's legal representative sits on each member's board (people with several posts).
  if (group?.headLegalRep !== undefined && !personnel.some((p) => p.name === group.headLegalRep)) personnel.push({ name: group.headLegalRep, positions: ['董事'] });
  // People who also sit on other groups' boards (groups.ts "panels"): no draw, so the body stream is unchanged.
  for (const post of group?.outsidePosts ?? []) {
    if (personnel.some((p) => p.name === post.name)) continue;
    personnel.push({ name: post.name, positions: [post.role === 'supervisor' ? '监事' : id.kind === 'joint_stock' ? '独立董事' : '董事'] });
  }
  doc.personnel = personnel;

  if (!(isCompany || id.kind === 'partnership' || id.kind === 'sole_proprietorship' || id.kind === 'cooperative')) return;
  const soleOwner = id.kind === 'sole_proprietorship' || id.companyType.includes('独资');
  const drawn = soleOwner ? 1 : id.kind === 'cooperative' ? 5 + random.int(10) : id.kind === 'joint_stock' ? 3 + random.int(4 + 2 * id.scale) : 2 + random.int(2 + id.scale);
  let n = count(ctx, 'shareholders', drawn);
  // A caller's fixed count wins over the drawn form, and the registered form follows it: 独资 means exactly one owner,
  // a 股份有限公司 or a partnership has at least two, a 个人独资企业 exactly one.
  if (id.kind === 'sole_proprietorship') n = 1;
  if ((id.kind === 'joint_stock' || id.kind === 'partnership') && n < 2) n = 2;
  if (id.kind === 'limited' && soleOwner !== (n === 1)) doc.companyType = n === 1 ? '有限责任公司（自然人独资）' : '有限责任公司（自然人投资或控股）';
  let shares = basisPointShares(random, n);
  // A group member is held and controlled by the member above it: the largest share is its.
  if (group?.parent) {
    shares.sort((a, b) => b - a);
    if (n === 1 && id.kind === 'limited') doc.companyType = '有限责任公司（法人独资）';
  }
  const legalPersonOwner = doc.companyType.includes('法人独资');
  // Another group's member holds a minority: it joins last, and the controller keeps control (withMinorityHolder).
  const minority = isCompany ? group?.minorityHolder : undefined;
  if (minority) shares = withMinorityHolder(shares, minority.basisPoints);
  const stateOwned = doc.companyType.includes('国有');
  const subscribedDay = id.establishedDay + Math.round((random.chance(0.6) ? 20 : 10) * DAYS_PER_YEAR);
  const shareholders: NonNullable<CompanyDocument['shareholders']> = [];
  for (let k = 0; k < shares.length; k++) {
    const ratio = shares[k]! / 10_000;
    const subscribed = Math.round((capital * shares[k]!) / 10_000);
    let entry: Shareholder;
    if (k === n) {
      // The other group's member: stated by its own 对外投资 too, with the same ratio and amount. No draw here.
      entry = shareholderEntry(minority!.other.name, 'company', minority!.other.uscc);
      entry.subscribed = money(subscribed);
      entry.subscribedOn = isoFromDay(subscribedDay);
      if (paidRatio > 0) {
        entry.paid = money(subscribed * paidRatio);
        entry.paidOn = shareholders[0]!.paidOn;
      }
      entry.ratio = ratio;
      shareholders.push(entry);
      continue;
    }
    if (k === 0 && stateOwned) entry = shareholderEntry(`${cityShort}市人民政府国有资产监督管理委员会`, 'government');
    else if (k === 0 && group?.parent) entry = shareholderEntry(group.parent.name, 'company', group.parent.uscc);
    else if (k === n - 1 && k > 0 && group?.cycleHolder) entry = shareholderEntry(group.cycleHolder.name, 'company', group.cycleHolder.uscc);
    else if ((k === 0 && legalPersonOwner) || (k > 0 && random.chance(0.12))) entry = investorCompany(ctx, cityShort);
    else entry = shareholderEntry(k === 0 ? id.legalRep : personName(random), 'person');
    entry.subscribed = money(subscribed);
    entry.subscribedOn = isoFromDay(subscribedDay);
    if (paidRatio > 0) {
      entry.paid = money(subscribed * paidRatio);
      entry.paidOn = isoFromDay(dayIn(ctx, id.establishedDay));
    }
    entry.ratio = ratio;
    if (k === 0) entry.isController = true;
    if (entry.kind === 'person' && ratio >= 0.25) entry.isBeneficialOwner = true;
    shareholders.push(entry);
  }
  doc.shareholders = shareholders;
  // With a second holder a 独资 company is not one any more.
  if (minority && doc.companyType.includes('独资')) doc.companyType = shareholders.some((h) => h.kind === 'person') ? '有限责任公司（自然人投资或控股）' : '其他有限责任公司';
  // A group member whose holders are all companies is not 自然人投资或控股 any more.
  if (group && doc.companyType === '有限责任公司（自然人投资或控股）' && !shareholders.some((h) => h.kind === 'person')) doc.companyType = '其他有限责任公司';
}

type Shareholder = NonNullable<CompanyDocument['shareholders']>[number];

/** A shareholder with every field up front (undefined ones stay out of the JSON): one object shape, as for documents. */
function shareholderEntry(name: string, kind: Shareholder['kind'], uscc?: string): Shareholder {
  return { name, kind, uscc, subscribed: undefined, subscribedOn: undefined, paid: undefined, paidOn: undefined, ratio: undefined, isController: undefined, isBeneficialOwner: undefined };
}

/** A corporate shareholder: another company of the run (an earlier index, so it exists in every prefix), or a plausible outsider. */
function investorCompany(ctx: RecordContext, cityShort: string): Shareholder {
  const { random, keys, id } = ctx;
  if (id.index > 0 && random.chance(0.7)) {
    const other = companyIdentity(keys, random.int(id.index));
    if (other.kind === 'limited' || other.kind === 'joint_stock') return shareholderEntry(other.name, 'company', other.uscc);
  }
  return shareholderEntry(`${cityShort}${random.pick(TRADE_NAME_CHARS)}${random.pick(TRADE_NAME_CHARS)}${random.pick(['投资', '控股', '实业'])}有限公司`, 'company');
}

function addInvestmentsAndBranches(doc: CompanyDocument, ctx: RecordContext, keys: GeneratorKeys, index: number, options: GenerateCompanyOptions, group: GroupPlace | undefined): void {
  const { random, id } = ctx;
  const n = count(ctx, 'investments', random.poisson(0.1 + 0.6 * id.scale * id.scale));
  const cross = group?.investsIn;
  if (n > 0 || cross) {
    const investments: NonNullable<CompanyDocument['investments']> = [];
    const seen = new Set<string>();
    if (cross) {
      // A minority stake in another group's member, as its shareholder list states it (same ratio, same amount).
      const investee = cross.other;
      investments.push({
        name: investee.name, uscc: investee.uscc, ratio: cross.basisPoints / 10_000,
        subscribed: money(Math.round((capitalOf(keys, investee) * cross.basisPoints) / 10_000)),
        status: investee.statusText, establishedOn: isoFromDay(investee.establishedDay),
      });
      seen.add(investee.name);
    }
    for (let k = 0; k < n; k++) {
      // Mostly other companies of the run (earlier indices exist in every prefix), else an outsider.
      const other = index > 0 && random.chance(0.8) ? companyIdentity(keys, random.int(index)) : undefined;
      const ratio = Math.round((0.05 + 0.95 * random.float()) * 10_000) / 10_000;
      const subscribed = money(Math.round((ctx.capital * ratio * 0.1) / 10_000) * 10_000 + 10_000);
      if (other && (other.kind === 'limited' || other.kind === 'joint_stock') && other.index !== index) {
        if (seen.has(other.name)) continue;
        seen.add(other.name);
        investments.push({ name: other.name, uscc: other.uscc, ratio, subscribed, status: other.statusText, establishedOn: isoFromDay(other.establishedDay) });
      } else {
        const name = `${ctx.place.cityShort}${random.pick(TRADE_NAME_CHARS)}${random.pick(TRADE_NAME_CHARS)}${random.pick(['投资', '科技', '贸易', '物业'])}有限公司`;
        if (seen.has(name)) continue;
        seen.add(name);
        investments.push({ name, ratio, subscribed, status: '存续', establishedOn: isoFromDay(dayIn(ctx, id.establishedDay)) });
      }
    }
    doc.investments = investments;
  }
  // Branches are real documents of the run: companies 2·index and 2·index+1 when they are branches.
  if (options.traits === undefined) {
    const branchIndices = branchIndicesOf(keys, index);
    if (branchIndices.length > 0) {
      doc.branches = branchIndices.map((b) => {
        const branch = companyIdentity(keys, b);
        return { name: branch.name, uscc: branch.uscc, principal: branch.legalRep, status: branch.statusText, establishedOn: isoFromDay(branch.establishedDay) };
      });
    }
  }
}

/** Annual reports of the last (up to) five years; returns whether the latest due one is missing. */
function addAnnualReports(doc: CompanyDocument, ctx: RecordContext, insured: number, disclosesInsured: boolean): boolean {
  const { random, id } = ctx;
  if (id.kind === 'branch') return false; // a branch files within its parent's report
  const referenceYear = Number(isoFromDay(ctx.referenceDay).slice(0, 4));
  const lastYear = referenceYear - 1; // due by 30 June of the reference year
  const firstYear = Math.max(Number(doc.establishedOn.slice(0, 4)), lastYear - (id.scale === 0 ? 1 : id.scale === 1 ? 2 : 4));
  const missesLatest = random.chance(0.03 + 0.45 * id.risk ** 2) || id.status === 'revoked';
  const missedLatest = missesLatest && lastYear >= firstYear;
  const discloses = random.chance(id.scale === 0 ? 0.55 : 0.85);
  let revenue = random.logNormal([800_000, 8_000_000, 80_000_000, 800_000_000][id.scale]! * (1 - 0.5 * id.risk), 0.6);
  const fixedCount = ctx.counts.annualReports;
  const years: number[] = [];
  for (let y = lastYear; y >= firstYear && years.length < (fixedCount ?? 5); y--) {
    if (y === lastYear && missesLatest) continue;
    years.push(y);
  }
  if (fixedCount !== undefined) while (years.length < fixedCount) years.push((years.at(-1) ?? lastYear + 1) - 1);
  years.reverse();
  const reports: NonNullable<CompanyDocument['annualReports']> = [];
  for (const year of years) {
    const dueFrom = Date.UTC(year + 1, 0, 1) / 86_400_000;
    const published = Math.min(ctx.endDay, ctx.referenceDay, dueFrom + random.int(180));
    if (published < dueFrom && fixedCount === undefined) continue; // closed down before it was due
    // Every field up front (undefined ones stay out of the JSON): one object shape, as for documents.
    const report: NonNullable<CompanyDocument['annualReports']>[number] = {
      year, publishedOn: isoFromDay(Math.max(published, ctx.startDay)), insuredCount: undefined,
      totalAssets: undefined, totalLiabilities: undefined, equity: undefined, revenue: undefined, netProfit: undefined, taxPaid: undefined,
    };
    if (disclosesInsured) report.insuredCount = Math.max(0, Math.round(insured * (0.8 + 0.4 * random.float())));
    revenue *= 0.85 + 0.35 * random.float();
    if (discloses && id.kind !== 'individual') {
      const assets = revenue * (0.5 + random.float());
      const liabilities = assets * Math.min(0.98, 0.25 + 0.6 * id.risk + 0.2 * random.float());
      const margin = 0.08 - 0.15 * id.risk + 0.06 * random.normal();
      report.totalAssets = money(assets);
      report.totalLiabilities = money(liabilities);
      report.equity = money(Math.round(assets) - Math.round(liabilities));
      report.revenue = money(revenue);
      // The schema's money is never negative: a loss-making year discloses no net profit.
      if (margin >= 0) report.netProfit = money(revenue * margin);
      report.taxPaid = money(revenue * (0.01 + 0.03 * random.float()));
    } else if (discloses) {
      report.revenue = money(revenue);
    }
    reports.push(report);
  }
  if (reports.length > 0) doc.annualReports = reports;
  return missedLatest && id.status !== 'cancelled';
}

/** The legal representative on `day`: the last one appointed on or before it. */
function legalRepOn(history: ReadonlyArray<{ day: number; name: string }>, day: number): string {
  let name = history[0]!.name;
  for (const h of history) if (h.day <= day) name = h.name;
  return name;
}

const V2_FIELDS = CATEGORIES.filter((c) => c.since === 2).map((c) => c.fields[0]!);
const TAX_FIELDS = CATEGORIES.filter((c) => c.group === 'tax').map((c) => c.fields[0]!);
const IP_FIELDS = CATEGORIES.filter((c) => c.group === 'ip').map((c) => c.fields[0]!);

/**
 * The generated source supplies every category that applies to the entity: a category with no
 * records is `[]` (supplied, none), never left out (which would mean "unknown"). Lists that cannot
 * exist for the kind stay absent: a branch has no shareholders, investments or annual reports of
 * its own, a 个体工商户 no shareholders or investments. A few companies come from a poorer source:
 * about 2 % lack every version-2 category, 1 % the tax categories and 1 % the IP ones, so that
 * reports show what an unsupplied category looks like. Field by field rather than a loop over
 * CATEGORIES: keyed stores with varying keys went megamorphic (consistency.test.ts checks that
 * every category is covered).
 */
function supplyEmptyLists(doc: CompanyDocument, id: CompanyIdentity, random: Random): void {
  const kind = id.kind;
  if (kind !== 'branch') {
    doc.annualReports ??= [];
    if (kind !== 'individual') {
      doc.shareholders ??= [];
      doc.investments ??= [];
    }
  }
  if (kind === 'limited' || kind === 'joint_stock') doc.branches ??= [];
  doc.personnel ??= [];
  doc.changes ??= [];
  doc.judgments ??= [];
  doc.enforcements ??= [];
  doc.dishonest ??= [];
  doc.consumptionRestrictions ??= [];
  doc.terminatedCases ??= [];
  doc.hearings ??= [];
  doc.caseFilings ??= [];
  doc.abnormalOperations ??= [];
  doc.seriousViolations ??= [];
  doc.penalties ??= [];
  doc.equityPledges ??= [];
  doc.chattelMortgages ??= [];
  doc.taxArrears ??= [];
  doc.taxViolations ??= [];
  doc.taxCredit ??= [];
  doc.certificates ??= [];
  doc.patents ??= [];
  doc.trademarks ??= [];
  doc.softwareCopyrights ??= [];
  doc.tenders ??= [];
  // The version-2 lists are always set by their generators.
  const u = random.float();
  if (u < 0.04) {
    const unsupplied = u < 0.02 ? V2_FIELDS : u < 0.03 ? TAX_FIELDS : IP_FIELDS;
    const record = doc as unknown as Record<string, unknown>;
    for (const field of unsupplied) record[field] = undefined;
  }
}
