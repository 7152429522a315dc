/**
 * Company documents → the vendor's result objects for the company-data interfaces, exactly as
 * ../shared/OPENAPI-SHAPES.md describes them (field names, order, misspellings and value formats).
 * Pure: company-shapes.test.ts checks every field against that file.
 *
 * Rules that apply throughout (OPENAPI-SHAPES.md §4, §8.4):
 * - every scalar is a string (numbers as text), except `Paging.*` and `VerifyResult`;
 * - a value the document does not have is `""` where the vendor sends `""`, `null` where it sends
 *   null (`OrgNo`, `StockNumber`, `StockType`, `RecCap`, `RevokeInfo`, …);
 * - top-level dates of the ECIV4 generation and ECIInfoVerify are `yyyy-MM-dd HH:mm:ss`; FuzzySearch,
 *   nested lists and the risk checks use `yyyy-MM-dd`;
 * - vendor misspellings are kept (`TeamEnd` beside `TermEnd`, `ShoudDate`, `RomoveReason`,
 *   `EmergingIndustyList`, the lower-case tails of ShixinCheck).
 */
import crypto from 'node:crypto';
import type { CompanyDocument, Money } from '../companies/document.js';
import { findDivision } from '../companies/divisions.js';
import { findIndustry } from '../companies/industry.js';

/** A JSON value in wire order (object keys are emitted in insertion order). */
export type WireValue = string | number | null | WireValue[] | { [name: string]: WireValue };
export type WireObject = { [name: string]: WireValue };

/** What a shape needs of a stored company besides its document. */
export interface CompanyFacts {
  keyNo: string;
  doc: CompanyDocument;
  /** `entity_kind` of the store (src/companies/entity-kind.ts). */
  entityKind: string;
  /** ISO instant the row was last written (the vendor's `UpdatedDate`). */
  updatedAt: string;
}

/** `2012-07-10` → `2012-07-10 00:00:00` (ECIV4 generation); missing → `""`. */
export function dateTime(date: string | undefined | null): string {
  return date ? `${date} 00:00:00` : '';
}

/** Date only; missing → `""`. */
export function dateOnly(date: string | undefined | null): string {
  return date ?? '';
}

/** An ISO instant as Beijing local time `yyyy-MM-dd HH:mm:ss`. */
export function beijingDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A number as the vendor writes it: no exponent, no trailing zeros (`491.9`, `185000`). */
export function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

const CURRENCY_WORDS: Readonly<Record<string, string>> = { CNY: '元人民币', USD: '美元', HKD: '港元', EUR: '欧元', JPY: '日元', GBP: '英镑' };

/** Registered capital as free text with unit and currency: `{1850000000}` → `185000万元人民币`. */
export function capitalText(m: Money | undefined): string {
  if (!m) return '';
  const ccy = m.currency ?? 'CNY';
  return `${numberText(m.amount / 10_000)}万${CURRENCY_WORDS[ccy] ?? ccy}`;
}

/** Amount in 万 as bare text (`ShouldCapi: "491.9"`). */
function tenThousands(m: Money | undefined): string {
  return m ? numberText(m.amount / 10_000) : '';
}

/** A ratio 0..1 as the vendor's percentage text: `0.4919` → `49.19%`. */
export function percentText(ratio: number | undefined): string {
  return ratio === undefined ? '' : `${numberText(Number((ratio * 100).toFixed(4)))}%`;
}

/**
 * Two-letter province codes of the vendor's `Province` field, by the first two digits of the
 * division code. `BJ` and `JS` are seen in recorded responses [C]; the others follow the same
 * pinyin-initial pattern [I].
 */
const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': 'BJ', '12': 'TJ', '13': 'HB', '14': 'SX', '15': 'NMG', '21': 'LN', '22': 'JL', '23': 'HLJ', '31': 'SH', '32': 'JS',
  '33': 'ZJ', '34': 'AH', '35': 'FJ', '36': 'JX', '37': 'SD', '41': 'HEN', '42': 'HUB', '43': 'HUN', '44': 'GD', '45': 'GX',
  '46': 'HAIN', '50': 'CQ', '51': 'SC', '52': 'GZ', '53': 'YN', '54': 'XZ', '61': 'SAX', '62': 'GS', '63': 'QH', '64': 'NX', '65': 'XJ',
};

/** The company's division code: the document's, else the USCC's positions 3–8. */
function divisionCodeOf(doc: CompanyDocument): string {
  if (doc.divisionCode) return doc.divisionCode;
  const fromUscc = doc.uscc?.slice(2, 8);
  return fromUscc && /^[0-9]{6}$/.test(fromUscc) ? fromUscc : '';
}

/** `EntType`: 0 mainland company, 1 social organisation, 4 public institution, 9 law firm, 11 government body, -1 other. */
export function entTypeOf(entityKind: string): string {
  switch (entityKind) {
    case 'ENTERPRISE':
    case 'INDIVIDUAL_BUSINESS':
    case 'COOPERATIVE':
      return '0';
    case 'SOCIAL_ORGANISATION':
    case 'PRIVATE_NON_ENTERPRISE':
    case 'FOUNDATION':
      return '1';
    case 'PUBLIC_INSTITUTION':
      return '4';
    case 'LAW_FIRM':
      return '9';
    case 'GOVERNMENT_ORGAN':
      return '11';
    default:
      return '-1';
  }
}

const CANCELLED = /注销/u;
const REVOKED = /吊销/u;

function revokeInfo(doc: CompanyDocument): WireObject | null {
  const cancelled = CANCELLED.test(doc.status) && !/未注销/u.test(doc.status);
  const revoked = REVOKED.test(doc.status);
  if (!cancelled && !revoked) return null;
  return {
    CancelDate: cancelled ? dateOnly(doc.statusDate) : '',
    CancelReason: '',
    RevokeDate: revoked ? dateOnly(doc.statusDate) : '',
    RevokeReason: '',
  };
}

const STOCK_TYPES: ReadonlyArray<[RegExp, string]> = [[/上海|深圳|北京证券|SSE|SZSE|BSE/iu, 'A股'], [/香港|HKEX/iu, '港股'], [/纳斯达克|纽约|NASDAQ|NYSE/iu, '美股'], [/新三板|全国中小企业股份转让/u, '新三板']];

function stockType(exchange: string | undefined): string | null {
  if (!exchange) return null;
  return STOCK_TYPES.find(([re]) => re.test(exchange))?.[1] ?? null;
}

function originalNames(doc: CompanyDocument): WireObject[] {
  return (doc.formerNames ?? []).map((name) => {
    // The change record that names the former name, when the source supplied one.
    const change = (doc.changes ?? []).find((c) => /名称/u.test(c.item) && c.before === name);
    return { Name: name, ChangeDate: dateOnly(change?.date) };
  });
}

function area(doc: CompanyDocument): WireObject {
  const d = findDivision(divisionCodeOf(doc));
  return { Province: d?.province ?? '', City: d?.city ?? '', County: d?.level === 'county' ? d.name : '' };
}

/** §5.1 FuzzySearch/GetList item. */
export function fuzzySearchItem(c: CompanyFacts): WireObject {
  const d = c.doc;
  return {
    KeyNo: c.keyNo,
    Name: d.name,
    CreditCode: d.uscc ?? '',
    StartDate: dateOnly(d.establishedOn),
    OperName: d.legalRep ?? '',
    Status: d.status,
    No: d.regNo ?? '',
    Address: d.address ?? '',
  };
}

/** §5.2/§5.3 ECIV4/Search and ECIV4/SearchWide item (`Dimension` is the vendor's reserved field: `""`). */
export function eciSearchItem(c: CompanyFacts): WireObject {
  const d = c.doc;
  return {
    KeyNo: c.keyNo,
    Name: d.name,
    OperName: d.legalRep ?? '',
    StartDate: dateTime(d.establishedOn),
    Status: d.status,
    No: d.regNo ?? '',
    CreditCode: d.uscc ?? '',
    Dimension: '',
  };
}

/** §6.1 ECIV4/GetBasicDetailsByName `Result`. */
export function basicDetails(c: CompanyFacts): WireObject {
  const d = c.doc;
  const termEnd = dateTime(d.termTo ?? undefined);
  const division = divisionCodeOf(d);
  const reg = d.registeredCapital;
  const paid = d.paidInCapital;
  return {
    KeyNo: c.keyNo,
    Name: d.name,
    No: d.regNo ?? '',
    BelongOrg: d.authority ?? '',
    // Person ids (`p…`) are the vendor's; our data has none.
    OperId: '',
    OperName: d.legalRep ?? '',
    StartDate: dateTime(d.establishedOn),
    EndDate: revokeInfo(d) ? dateTime(d.statusDate) : '',
    Status: d.status,
    Province: PROVINCE_CODES[division.slice(0, 2)] ?? '',
    UpdatedDate: beijingDateTime(c.updatedAt),
    CreditCode: d.uscc ?? '',
    RegistCapi: capitalText(reg),
    EconKind: d.companyType,
    Address: d.address ?? '',
    Scope: d.scope ?? '',
    TermStart: dateTime(d.termFrom),
    TeamEnd: termEnd,
    TermEnd: termEnd,
    CheckDate: dateTime(d.approvedOn),
    OrgNo: d.orgCode ?? null,
    IsOnStock: d.listing?.stockCode ? '1' : '0',
    StockNumber: d.listing?.stockCode ?? null,
    StockType: d.listing?.stockCode ? stockType(d.listing.exchange) : null,
    OriginalName: originalNames(d),
    ImageUrl: '',
    EntType: entTypeOf(c.entityKind),
    RecCap: paid ? capitalText(paid) : null,
    RevokeInfo: revokeInfo(d),
    Area: area(d),
    AreaCode: division,
    RegisteredCapital: tenThousands(reg),
    RegisteredCapitalUnit: reg ? '万' : '',
    RegisteredCapitalCCY: reg ? (reg.currency ?? 'CNY') : '',
    PaidUpCapital: tenThousands(paid),
    PaidUpCapitalUnit: paid ? '万' : '',
    PaidUpCapitalCCY: paid ? (paid.currency ?? 'CNY') : '',
  };
}

const STOCK_KINDS: Readonly<Record<string, string>> = { person: '自然人股东', company: '企业法人', government: '国有法人', other: '其他投资者' };

/** §6.2 `Partners` item. */
function partner(s: NonNullable<CompanyDocument['shareholders']>[number]): WireObject {
  return {
    KeyNo: '',
    StockName: s.name,
    StockType: STOCK_KINDS[s.kind ?? 'other'] ?? '其他投资者',
    StockPercent: percentText(s.ratio),
    ShouldCapi: tenThousands(s.subscribed),
    ShoudDate: dateOnly(s.subscribedOn),
    InvestType: '',
    InvestName: null,
    RealCapi: tenThousands(s.paid),
    CapiDate: dateOnly(s.paidOn),
    TagsList: s.isController ? ['实际控制人'] : [],
    FinalBenefitPercent: '',
    RelatedProduct: null,
    RelatedOrg: null,
    Area: null,
  };
}

function industry(doc: CompanyDocument): WireObject | null {
  const code = doc.industry?.code;
  if (!code) return null;
  const cls = findIndustry(code);
  const digits = code.replace(/^[A-Z]/u, '');
  const section = /^[A-Z]/u.test(code) ? code[0]! : '';
  const at = (len: number) => (digits.length >= len ? digits.slice(0, len) : '');
  const name = (c: string) => (c ? findIndustry(section + c)?.name ?? findIndustry(c)?.name ?? '' : '');
  return {
    IndustryCode: section,
    Industry: section ? findIndustry(section)?.name ?? '' : '',
    SubIndustryCode: at(2),
    SubIndustry: name(at(2)),
    MiddleCategoryCode: at(3),
    MiddleCategory: name(at(3)),
    SmallCategoryCode: at(4),
    SmallCategory: at(4) ? cls?.name ?? doc.industry?.name ?? '' : '',
  };
}

function latestInsured(doc: CompanyDocument): string | null {
  if (doc.insuredCount !== undefined) return String(doc.insuredCount);
  const reports = (doc.annualReports ?? []).filter((r) => r.insuredCount !== undefined).sort((a, b) => b.year - a.year);
  return reports[0] ? String(reports[0].insuredCount) : null;
}

/**
 * A list block: `[]` when the source supplied the list and it is empty, `null` when it did not
 * supply it, so that an unknown never reads as "none" (the vendor sends `[]` for none).
 */
function listBlock<T>(list: readonly T[] | undefined, item: (t: T) => WireValue): WireValue[] | null {
  return list === undefined ? null : list.map(item);
}

/** §6.2 ECIV4/GetDetailsByName and ECIInfoVerify/GetInfo `Result`: every field of 6.1 plus the blocks. */
export function details(c: CompanyFacts): WireObject {
  const d = c.doc;
  return {
    ...basicDetails(c),
    Partners: listBlock(d.shareholders, partner),
    Employees: listBlock(d.personnel, (p) => ({ KeyNo: '', Name: p.name, Job: p.positions.join(',') })),
    Branches: listBlock(d.branches, (b) => ({ CompanyId: '', RegNo: '', Name: b.name, BelongOrg: '', CreditCode: b.uscc ?? null, OperName: b.principal ?? null })),
    ChangeRecords: listBlock(d.changes, (ch) => ({ ProjectName: ch.item, BeforeContent: ch.before ?? '', AfterContent: ch.after ?? '', ChangeDate: dateOnly(ch.date) })),
    ContactInfo: {
      WebSite: d.contact?.website ? [{ Name: d.name, Url: d.contact.website }] : null,
      PhoneNumber: d.contact?.phone ?? '',
      Email: d.contact?.email ?? '',
    },
    Industry: industry(d),
    EmergingIndustyList: null,
    InsuredCount: latestInsured(d),
    EnglishName: d.englishName ?? null,
    PersonScope: null,
    IXCode: null,
    TagList: [{ Type: '903', Name: d.status }],
    ARContactList: null,
    EconKindCodeList: [],
  };
}

/** §6.3 ECIPartner/GetList item. */
export function partnerListItem(s: NonNullable<CompanyDocument['shareholders']>[number]): WireObject {
  return {
    KeyNo: '',
    StockName: s.name,
    StockType: STOCK_KINDS[s.kind ?? 'other'] ?? '其他投资者',
    StockPercent: percentText(s.ratio),
    ShouldCapi: tenThousands(s.subscribed),
    ShoudDate: dateOnly(s.subscribedOn),
    StakeDate: '',
    CreditCode: s.uscc ?? '',
    Area: null,
  };
}

/** A stable record id (32 hex) for a record that has none of its own: company, category, position, content. */
export function recordId(keyNo: string, category: string, index: number, record: unknown): string {
  return crypto.createHash('sha256').update(`${keyNo}\u0000${category}\u0000${index}\u0000${JSON.stringify(record)}`).digest('hex').slice(0, 32);
}

function amountText(m: Money | undefined): string {
  return m ? numberText(m.amount) : '';
}

type Doc = CompanyDocument;
type Item<K extends keyof Doc> = NonNullable<Doc[K]> extends ReadonlyArray<infer T> ? T : never;

/** §7.1 ShixinCheck `Data[]` item, from a 失信被执行人 record. */
export function shixinItem(keyNo: string, r: Item<'dishonest'>, index: number): WireObject {
  return {
    Id: recordId(keyNo, 'dishonest', index, r),
    Liandate: dateOnly(r.filedOn),
    Anno: r.caseNo,
    Executegov: r.court ?? '',
    Executestatus: r.performance ?? '',
    Publicdate: dateOnly(r.publishedOn),
    Executeno: r.basisDocNo ?? '',
    ActionRemark: r.conduct ?? '',
    // Our records carry the obligation as text, not an amount.
    Amount: '',
  };
}

/** ZhixingCheck `Data[]` item (S7 `741.go`: Id, Liandate, Anno, ExecuteGov, Biaodi, SuspectedApplicant), from a 被执行人 record. */
export function zhixingItem(keyNo: string, r: Item<'enforcements'>, index: number): WireObject {
  return {
    Id: recordId(keyNo, 'enforcements', index, r),
    Liandate: dateOnly(r.filedOn),
    Anno: r.caseNo,
    ExecuteGov: r.court ?? '',
    Biaodi: amountText(r.amount),
    SuspectedApplicant: '',
  };
}

/** §7.2 AdminPenaltyCheck `Data[]` item. */
export function adminPenaltyItem(keyNo: string, r: Item<'penalties'>, index: number): WireObject {
  return {
    Id: recordId(keyNo, 'penalties', index, r),
    DocNo: r.decisionNo ?? '',
    PunishReason: r.violation ?? '',
    PunishResult: r.content ?? '',
    PunishOffice: r.authority ?? '',
    PunishDate: dateOnly(r.decidedOn),
    Source: '',
    SourceCode: '',
    PunishAmt: amountText(r.fine),
  };
}

/** §7.3 TaxIllegalCheck `Data[]` item. */
export function taxIllegalItem(keyNo: string, r: Item<'taxViolations'>, index: number): WireObject {
  return {
    Id: recordId(keyNo, 'tax-violations', index, r),
    PublishDate: dateOnly(r.publishedOn),
    CaseNature: r.nature ?? '',
    TaxGov: '',
    IllegalContent: r.facts ?? '',
    PunishContent: r.penalty ?? '',
  };
}

/** §7.4 SeriousIllegalCheck `Data[]` item. */
export function seriousIllegalItem(r: Item<'seriousViolations'>): WireObject {
  return {
    Type: '严重违法失信名单',
    AddReason: r.reason ?? '',
    AddDate: dateOnly(r.listedOn),
    AddOffice: r.authority ?? '',
    RemoveReason: r.removalReason ?? '',
    RemoveDate: dateOnly(r.removedOn),
    RemoveOffice: r.removedOn ? r.authority ?? '' : '',
  };
}

/** §7.5 ExceptionCheck `Data[]` item (`RomoveReason` sic). */
export function exceptionItem(r: Item<'abnormalOperations'>): WireObject {
  return {
    AddReason: r.reason ?? '',
    AddDate: dateOnly(r.listedOn),
    RomoveReason: r.removalReason ?? '',
    RemoveDate: dateOnly(r.removedOn),
    DecisionOffice: r.authority ?? '',
    RemoveDecisionOffice: r.removedOn ? r.authority ?? '' : '',
  };
}
