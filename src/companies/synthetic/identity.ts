/**
 * The registration facts of synthetic company number `index`: kind, region, name, codes, dates,
 * status and latent traits. They come from their own random stream so that other documents can
 * refer to a company (a branch to its parent, a parent to its branches, an investor to its
 * investee) by recomputing its identity, without generating or remembering the whole document.
 *
 * Uniqueness within a run comes by construction, not by bookkeeping: trade names, code bodies and
 * registration sequences are keyed bijections of the index.
 */
import { COUNTY_DIVISIONS, type Division } from '../divisions.js';
import { findIndustry } from '../industry.js';
import { completeRegNo } from '../reg-no.js';
import { completeUscc, USCC_CHARS } from '../uscc.js';
import { clusterPlaceOf, type ClusterPlace } from './clusters.js';
import { dayOfDate } from './dates.js';
import { AffinePermutation, mix32, Random, WeightedTable } from './random.js';
import {
  COOPERATIVE_KINDS,
  ENTERPRISE_INDUSTRIES,
  GIVEN_NAME_CHARS,
  PROVINCE_ABBREVIATIONS,
  PROVINCE_WEIGHTS,
  SHOP_KINDS,
  SURNAMES,
  TRADE_NAME_CHARS,
  UNCOVERED_KINDS,
} from './vocabulary.js';

export type EntityKind = 'limited' | 'joint_stock' | 'sole_proprietorship' | 'partnership' | 'branch' | 'individual' | 'cooperative' | 'uncovered';
export type StatusKind = 'active' | 'moved_in' | 'moved_out' | 'suspended' | 'liquidating' | 'revoked' | 'cancelled';

/** Latent traits a caller may fix instead of drawing (presets, tests). */
export interface CompanyTraits {
  kind: EntityKind;
  status: StatusKind;
  /** 0 (no trouble at all) … 1 (deep trouble): drives every negative and positive record. */
  risk: number;
  /** 0 micro, 1 small, 2 medium, 3 large. */
  scale: 0 | 1 | 2 | 3;
  /** Age at the reference date, in years (fractional). */
  ageYears: number;
}

export interface CompanyIdentity extends CompanyTraits {
  readonly index: number;
  readonly category: string;
  readonly division: Division;
  /** Strings derived from the division (short names, courts, authorities), shared by its companies. */
  readonly place: Place;
  readonly name: string;
  readonly companyType: string;
  readonly uscc: string;
  readonly regNo: string | undefined;
  readonly industryCode: string;
  readonly industryName: string;
  readonly scope: string;
  readonly establishedDay: number;
  /** Day of cancellation, revocation etc.; records end here. Absent for going concerns. */
  readonly statusDay: number | undefined;
  readonly statusText: string;
  readonly legalRep: string;
  readonly parentIndex: number | undefined;
  /** The name before a 名称变更, when there was one: same region and 字号, another industry word. */
  readonly formerName: string | undefined;
  /** Registered at a registration agent's address (clusters.ts), when it is. */
  readonly cluster: ClusterPlace | undefined;
}

export interface GeneratorKeys {
  readonly seedHash: number;
  readonly referenceDay: number;
  readonly tradeNames2: AffinePermutation;
  readonly tradeNames3: AffinePermutation;
  readonly orgBodies: AffinePermutation;
  readonly newBodies: AffinePermutation;
  readonly regSequences: AffinePermutation;
}

const IDENTITY_STREAM = 1;
const P = TRADE_NAME_CHARS.length;
const NEW_BODY_SPACE = 31 ** 6;
/** GB 32100 codes replaced registration numbers from October 2015; older firms keep an 8-digit organisation-code body. */
const USCC_START_DAY = dayOfDate(2015, 10, 1);

export function generatorKeys(seedHash: number, referenceDay: number): GeneratorKeys {
  return {
    seedHash,
    referenceDay,
    tradeNames2: new AffinePermutation(P * P, seedHash ^ 0x1001),
    tradeNames3: new AffinePermutation(P * P * P, seedHash ^ 0x1002),
    orgBodies: new AffinePermutation(100_000_000, seedHash ^ 0x1003),
    newBodies: new AffinePermutation(NEW_BODY_SPACE, seedHash ^ 0x1004),
    regSequences: new AffinePermutation(100_000_000, seedHash ^ 0x1005),
  };
}

const KIND_TABLE = new WeightedTable<EntityKind>([
  ['limited', 62],
  ['joint_stock', 3],
  ['sole_proprietorship', 2],
  ['partnership', 1.5],
  ['branch', 8], // about half fall back to `limited` when the would-be parent is no company
  ['individual', 17],
  ['cooperative', 3.5],
  ['uncovered', 3],
]);

/** One province's counties, each with its Place once a company has been registered there. */
interface ProvinceCounties {
  readonly counties: readonly Division[];
  readonly places: Array<Place | undefined>;
}

const COUNTIES_BY_PROVINCE = new Map<string, ProvinceCounties>();
for (const d of COUNTY_DIVISIONS) {
  const key = d.code.slice(0, 2);
  let province = COUNTIES_BY_PROVINCE.get(key);
  if (!province) COUNTIES_BY_PROVINCE.set(key, (province = { counties: [], places: [] }));
  (province.counties as Division[]).push(d);
}
// The table yields the province's counties directly: a Map look-up per company (and per place) showed in profiles.
const PROVINCE_TABLE = new WeightedTable<ProvinceCounties>(
  Object.entries(PROVINCE_WEIGHTS).flatMap(([code, weight]) => {
    const province = COUNTIES_BY_PROVINCE.get(code);
    return province ? [[province, weight] as const] : [];
  }),
);
/** A county drawn by province weight, then uniformly within the province (as companies' own are). */
function drawCounty(random: Random): Division {
  const province = PROVINCE_TABLE.pick(random);
  return province.counties[random.int(province.counties.length)]!;
}
const CLUSTER_PLACES = new Map<string, Place>();

const INDUSTRY_TABLE = new WeightedTable(ENTERPRISE_INDUSTRIES.map((c) => [c, c.weight] as const));

/** The kind drawn for `index`, before the branch fallback: the first draw of its identity stream. */
function drawnKind(keys: GeneratorKeys, index: number): EntityKind {
  return KIND_TABLE.pick(new Random(keys.seedHash, index, IDENTITY_STREAM));
}

/** A branch's parent is company ⌊index/2⌋, so a parent knows its (at most two) branches. */
export function branchParentIndex(index: number): number | undefined {
  return index >= 2 ? Math.floor(index / 2) : undefined;
}

/** Whether `index` really is a branch: drawn as one and its would-be parent is a company. */
export function isBranch(keys: GeneratorKeys, index: number): boolean {
  if (drawnKind(keys, index) !== 'branch') return false;
  const parent = branchParentIndex(index);
  if (parent === undefined) return false;
  const parentKind = drawnKind(keys, parent);
  return parentKind === 'limited' || parentKind === 'joint_stock';
}

/** Indices of the branches of company `index` (those of 2·index and 2·index+1 that are branches). */
export function branchIndicesOf(keys: GeneratorKeys, index: number): number[] {
  if (index < 1) return [];
  const out: number[] = [];
  for (const child of [2 * index, 2 * index + 1]) if (isBranch(keys, child)) out.push(child);
  return out;
}

export function personName(random: Random): string {
  const surname = random.pick(SURNAMES);
  return random.chance(0.35) ? surname + random.pick(GIVEN_NAME_CHARS) : surname + random.pick(GIVEN_NAME_CHARS) + random.pick(GIVEN_NAME_CHARS);
}

/** The unique 字号 of `index`: two characters for the first P² companies, then three. */
function tradeName(keys: GeneratorKeys, index: number): string {
  const pairs = P * P;
  if (index < pairs) {
    const k = keys.tradeNames2.apply(index);
    return TRADE_NAME_CHARS[k % P]! + TRADE_NAME_CHARS[Math.floor(k / P)]!;
  }
  const k = keys.tradeNames3.apply(index - pairs); // unique up to P² + P³ companies (about 59 million with 390 characters)
  return TRADE_NAME_CHARS[k % P]! + TRADE_NAME_CHARS[Math.floor(k / P) % P]! + TRADE_NAME_CHARS[Math.floor(k / pairs)]!;
}

const ETHNIC = /(?:蒙古|朝鲜|土家|苗|藏|彝|傣|哈尼|壮|布依|侗|白|羌|回|哈萨克|柯尔克孜|傈僳|景颇|黎|瑶|满|畲|仫佬|毛南|仡佬|水|纳西|拉祜|佤|撒拉|土|东乡|保安|裕固|达斡尔|鄂温克|鄂伦春|锡伯|塔吉克|各)族?.*自治/;
const SPECIAL_PROVINCES: Record<string, string> = { 内蒙古自治区: '内蒙古', 广西壮族自治区: '广西', 西藏自治区: '西藏', 宁夏回族自治区: '宁夏', 新疆维吾尔自治区: '新疆' };

/** 上海市 → 上海, 延边朝鲜族自治州 → 延边, 浦东新区 → 浦东, 城区 stays 城区. */
export function shortPlaceName(name: string): string {
  const special = SPECIAL_PROVINCES[name];
  if (special) return special;
  const ethnic = ETHNIC.exec(name);
  if (ethnic && ethnic.index >= 2) return name.slice(0, ethnic.index);
  const stripped = name.replace(/(?:特别行政区|新区|地区|省|市|区|县|旗|盟)$/, '');
  return stripped.length >= 2 ? stripped : name;
}

/** Strings derived from a county that every company registered there uses; computed once per county. */
export interface Place {
  /** 杭州: the region word of a company name. */
  readonly cityShort: string;
  /** 西湖, or the city short name when the county's own is no good in a name (开发区, 高新区 …). */
  readonly countyShort: string;
  readonly provinceShort: string;
  /** 杭州市西湖区; 上海市浦东新区; 济源市. */
  readonly cityPrefix: string;
  /** 浙江省杭州市西湖区, without repeating a municipality. */
  readonly fullPrefix: string;
  /** 杭州市西湖区人民法院 and 杭州市中级人民法院. */
  readonly basicCourt: string;
  readonly intermediateCourt: string;
  readonly authority: string;
  readonly taxAuthority: string;
  readonly provinceTaxAuthority: string;
  /** Case-number prefix: 浙0106 (basic court) and 浙01 (intermediate). */
  readonly basicCourtCode: string;
  readonly intermediateCourtCode: string;
}

const PLACES = new Map<string, Place>();

export function placeOf(d: Division): Place {
  let place = PLACES.get(d.code);
  if (place) return place;
  const cityPrefix = !d.city ? d.name : d.city === d.name ? d.name : d.city + d.name;
  const cityShort = shortPlaceName(d.city || d.name);
  const ownShort = shortPlaceName(d.name);
  const countyShort = /开发|高新|园区|新区|经济|管理|矿区|城区|郊区|市辖/.test(d.name) || ownShort.length > 3 ? cityShort : ownShort;
  const abbr = PROVINCE_ABBREVIATIONS[d.code.slice(0, 2)] ?? '京';
  place = {
    cityShort,
    countyShort,
    provinceShort: shortPlaceName(d.province),
    cityPrefix,
    fullPrefix: d.city === d.province ? cityPrefix : d.province + cityPrefix,
    basicCourt: `${cityPrefix}人民法院`,
    intermediateCourt: `${d.city || d.province}中级人民法院`,
    authority: `${cityPrefix}市场监督管理局`,
    taxAuthority: `国家税务总局${cityPrefix}税务局`,
    provinceTaxAuthority: `国家税务总局${shortPlaceName(d.province)}省税务局`.replace(/(北京|天津|上海|重庆)省/, '$1市').replace(/(内蒙古|广西|西藏|宁夏|新疆)省/, '$1自治区'),
    basicCourtCode: abbr + d.code.slice(2, 6),
    intermediateCourtCode: abbr + d.code.slice(2, 4),
  };
  PLACES.set(d.code, place);
  return place;
}

function base31(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = USCC_CHARS[n % 31]! + out;
    n = Math.floor(n / 31);
  }
  return out;
}

const INDUSTRY_NAMES = new Map<string, string>();
function industryName(code: string): string {
  let name = INDUSTRY_NAMES.get(code);
  if (name === undefined) INDUSTRY_NAMES.set(code, (name = findIndustry(code)?.name ?? ''));
  return name;
}

const STATUS_ACTIVE_TEXTS = ['存续（在营、开业、在册）', '存续（在营、开业、在册）', '在业', '存续'];

/**
 * The identity of company `index`. `traits` fixes any latent trait instead of drawing it (the draws
 * still happen, so fixing one trait leaves the others as they would have been).
 */
export function companyIdentity(keys: GeneratorKeys, index: number, traits: Partial<CompanyTraits> = {}): CompanyIdentity {
  const random = new Random(keys.seedHash, index, IDENTITY_STREAM);
  let kind = KIND_TABLE.pick(random);
  if (kind === 'branch' && !isBranch(keys, index)) kind = 'limited';
  kind = traits.kind ?? kind;

  // Latent risk: most companies are fine, a long tail is not (a skewed draw, tuned so that the
  // version-1 scorecard spreads across all nine grades with most in A–BB).
  const riskDraw = random.float();
  const risk = traits.risk ?? 0.93 * riskDraw ** 3;
  const scaleDraw = random.float();
  const drawnScale: CompanyTraits['scale'] = scaleDraw < 0.55 ? 0 : scaleDraw < 0.83 ? 1 : scaleDraw < 0.96 ? 2 : 3;
  const scale = traits.scale ?? (kind === 'individual' || kind === 'cooperative' ? 0 : drawnScale);

  const province = PROVINCE_TABLE.pick(random);
  const countyIndex = random.int(province.counties.length);
  // A caller fixing traits asks for one exact company: no cluster. Drawn afterwards from its own
  // stream, so the identity stream (and every other company) is the same with or without clusters.
  const fixed = traits.kind !== undefined || traits.risk !== undefined || traits.scale !== undefined || traits.status !== undefined || traits.ageYears !== undefined;
  const cluster = fixed ? undefined : clusterPlaceOf(keys.seedHash, index, kind, drawCounty);
  let division = province.counties[countyIndex]!;
  let place = (province.places[countyIndex] ??= placeOf(division));
  if (cluster) {
    division = cluster.division;
    let p = CLUSTER_PLACES.get(division.code);
    if (!p) CLUSTER_PLACES.set(division.code, (p = placeOf(division)));
    place = p;
  }

  // Older firms are sturdier: age is log-normal with a median that falls with risk.
  const ageDraw = random.logNormal(7 - 4 * risk + 1.5 * scale, 0.75);
  const ageYears = traits.ageYears ?? Math.min(40, Math.max(0.05, ageDraw));
  const establishedDay = keys.referenceDay - Math.max(1, Math.round(ageYears * 365.25));

  const statusDraw = random.float();
  const status: StatusKind =
    traits.status ??
    (kind === 'uncovered'
      ? 'active'
      : statusDraw < 0.015 + 0.05 * risk
        ? 'revoked'
        : statusDraw < 0.075 + 0.08 * risk
          ? 'cancelled'
          : statusDraw < 0.08 + 0.09 * risk
            ? 'suspended'
            : statusDraw < 0.085 + 0.1 * risk
              ? 'liquidating'
              : statusDraw < 0.095 + 0.1 * risk
                ? 'moved_out'
                : statusDraw < 0.105 + 0.1 * risk
                  ? 'moved_in'
                  : 'active');
  const statusTextDraw = random.int(4);
  let statusText: string;
  let statusDay: number | undefined;
  const liveDays = keys.referenceDay - establishedDay;
  const endDay = establishedDay + Math.max(1, Math.round(liveDays * (0.35 + 0.6 * random.float())));
  switch (status) {
    case 'active': statusText = STATUS_ACTIVE_TEXTS[statusTextDraw]!; break;
    case 'moved_in': statusText = '迁入'; break;
    case 'moved_out': statusText = '迁出'; statusDay = endDay; break;
    case 'suspended': statusText = '停业'; statusDay = endDay; break;
    case 'liquidating': statusText = '清算'; statusDay = endDay; break;
    case 'revoked': statusText = '吊销，未注销'; statusDay = endDay; break;
    case 'cancelled': statusText = statusTextDraw === 0 ? '吊销，已注销' : '注销'; statusDay = endDay; break;
  }

  const drawnLegalRep = personName(random);
  const legalRep = cluster?.nominee ?? drawnLegalRep;
  const formDraw = random.float();
  const regionDraw = random.float();
  const industryChoice = INDUSTRY_TABLE.pick(random);
  const wordDraw = random.float();
  const parentIndex = kind === 'branch' ? branchParentIndex(index) ?? 0 : undefined;
  const renamed = random.chance(0.06);
  let formerName: string | undefined;

  let category = '91';
  let name: string;
  let companyType: string;
  let industryCode = industryChoice.code;
  let scope = industryChoice.scope;
  const word = industryChoice.words[Math.floor(wordDraw * industryChoice.words.length)]!;
  const trade = tradeName(keys, index);
  const region = scale >= 2 && regionDraw < 0.3 ? place.provinceShort : regionDraw > 0.85 ? place.countyShort : place.cityShort;

  switch (kind) {
    case 'limited':
      name = `${region}${trade}${word}${formDraw < 0.85 ? '有限公司' : '有限责任公司'}`;
      if (renamed) formerName = `${region}${trade}${word === '贸易' ? '实业' : '贸易'}有限公司`;
      companyType =
        formDraw < 0.55 ? '有限责任公司（自然人投资或控股）' : formDraw < 0.8 ? '有限责任公司（自然人独资）' : formDraw < 0.92 ? '有限责任公司（非自然人投资或控股的法人独资）' : '有限责任公司（自然人投资或控股的法人独资）';
      break;
    case 'joint_stock':
      name = `${region}${trade}${word}股份有限公司`;
      if (renamed) formerName = `${region}${trade}${word === '实业' ? '发展' : '实业'}股份有限公司`;
      companyType = formDraw < 0.7 ? '股份有限公司（非上市、自然人投资或控股）' : '股份有限公司（非上市、国有控股）';
      break;
    case 'sole_proprietorship':
      name = `${region}${trade}${word}${formDraw < 0.5 ? '商行' : formDraw < 0.8 ? '经营部' : '工作室'}`;
      companyType = '个人独资企业';
      break;
    case 'partnership':
      name = `${region}${trade}${word}合伙企业（有限合伙）`;
      companyType = '有限合伙企业';
      break;
    case 'branch': {
      const parent = companyIdentity(keys, parentIndex!, { kind: traits.kind === 'branch' && !isBranch(keys, index) ? 'limited' : undefined });
      const sibling = index % 2 === 1 && isBranch(keys, index - 1);
      name = `${parent.name}${place.countyShort}${sibling ? '第二' : ''}分公司`;
      companyType = parent.kind === 'joint_stock' ? '股份有限公司分公司（非上市、自然人投资或控股）' : '有限责任公司分公司（自然人投资或控股）';
      industryCode = parent.industryCode;
      scope = parent.scope;
      break;
    }
    case 'individual': {
      const [shop, code, shopScope] = SHOP_KINDS[Math.floor(wordDraw * SHOP_KINDS.length)]!;
      category = '92';
      name = `${place.cityPrefix}${trade}${shop}`;
      companyType = '个体工商户';
      industryCode = code;
      scope = shopScope;
      break;
    }
    case 'cooperative': {
      const [coop, code, coopScope] = COOPERATIVE_KINDS[Math.floor(wordDraw * COOPERATIVE_KINDS.length)]!;
      category = '93';
      name = `${place.cityPrefix}${trade}${coop}`;
      companyType = '农民专业合作社';
      industryCode = code;
      scope = coopScope;
      break;
    }
    case 'uncovered': {
      const [cat, tail, type, code] = UNCOVERED_KINDS[Math.floor(wordDraw * UNCOVERED_KINDS.length)]!;
      category = cat;
      name = `${place.cityPrefix}${trade}${tail}`;
      companyType = type;
      industryCode = code;
      scope = `${tail}业务。`;
      break;
    }
  }

  const body8 = establishedDay < USCC_START_DAY && category !== '52' && category !== '51' && category !== '12'
    ? String(keys.orgBodies.apply(index)).padStart(8, '0')
    : 'MA' + base31(keys.newBodies.apply(index % NEW_BODY_SPACE), 6);
  const uscc = completeUscc(category + division.code + body8);
  // Registration numbers belong to market-registered entities set up before the 2015 reform (and
  // some after, which kept both numbers for a while).
  const hasRegNo = (category === '91' || category === '92' || category === '93') && (establishedDay < USCC_START_DAY + 400 || (mix32(index ^ keys.seedHash) & 3) === 0);
  const regNo = hasRegNo ? completeRegNo(division.code + String(keys.regSequences.apply(index)).padStart(8, '0')) : undefined;

  // One literal with every field (optional ones possibly undefined) keeps a single object shape.
  const identity: CompanyIdentity = {
    index,
    kind,
    status,
    risk,
    scale,
    ageYears,
    category,
    division,
    place,
    name,
    companyType,
    uscc,
    industryCode,
    industryName: industryName(industryCode),
    scope,
    establishedDay,
    statusText,
    legalRep,
    regNo,
    statusDay,
    parentIndex,
    formerName,
    cluster,
  };
  return identity;
}
