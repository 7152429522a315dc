/**
 * The company document of ./company.schema.json (version 2, a strict superset of the shared version 1
 * in ../shared/contracts) as a TypeScript type. For every list of records: absent = the source did not
 * supply the category (unknown), `[]` = supplied, none (see ./categories.ts).
 * Dates are `YYYY-MM-DD` strings; money is `{ amount, currency? }` in yuan as imported (the store and
 * the report convert to integer fen where they compute). Unknown properties are kept, so the index
 * signature stays open.
 */
export type IsoDate = string;

export interface Money {
  amount: number;
  currency?: string;
}

export type CaseRole = 'plaintiff' | 'defendant' | 'third_party' | 'other';

export interface Listing {
  listedOn: IsoDate;
  reason?: string;
  authority?: string;
  removedOn?: IsoDate;
  removalReason?: string;
}

/** 股权冻结 (司法协助). Current = state frozen/renewed and frozenTo absent or not before the data date. */
export interface EquityFreeze {
  caseNo?: string;
  /** 被执行人 */
  executedParty: string;
  /** The company whose equity is frozen; absent = this company. */
  target?: string;
  equityAmount?: Money;
  court?: string;
  /** 协助执行通知书文号 */
  noticeNo?: string;
  state: 'frozen' | 'renewed' | 'released' | 'expired';
  frozenFrom?: IsoDate;
  frozenTo?: IsoDate;
  releasedOn?: IsoDate;
  publishedOn: IsoDate;
}

/** 破产重整 (破产案件). Pending = no closedOn. */
export interface Bankruptcy {
  caseNo: string;
  kind?: '破产清算' | '破产重整' | '破产和解';
  applicant?: string;
  respondent?: string;
  court?: string;
  publishedOn: IsoDate;
  closedOn?: IsoDate;
}

/** 司法拍卖 */
export interface JudicialAuction {
  title: string;
  court?: string;
  caseNo?: string;
  publishedOn: IsoDate;
  auctionOn?: IsoDate;
  startingPrice?: Money;
  appraisedPrice?: Money;
  status?: string;
}

/** 限制出境. Current = no removedOn. */
export interface ExitRestriction {
  caseNo?: string;
  /** 被限制人 */
  person: string;
  /** 被执行人 */
  executedParty?: string;
  court?: string;
  amount?: Money;
  filedOn: IsoDate;
  removedOn?: IsoDate;
}

/** 法院公告 */
export interface CourtAnnouncement {
  caseNo?: string;
  type?: string;
  court?: string;
  parties?: string[];
  content?: string;
  publishedOn: IsoDate;
}

/** 送达公告 */
export interface ServiceAnnouncement {
  caseNo?: string;
  cause?: string;
  court?: string;
  parties?: string[];
  content?: string;
  publishedOn: IsoDate;
}

/** 土地抵押 */
export interface LandMortgage {
  location?: string;
  landUse?: string;
  areaSqm?: number;
  mortgagor?: string;
  mortgagee?: string;
  amount?: Money;
  appraisedValue?: Money;
  from?: IsoDate;
  to?: IsoDate;
  registeredOn: IsoDate;
}

/** 对外担保, as disclosed in the annual report of `year`. */
export interface Guarantee {
  year: number;
  creditor?: string;
  debtor?: string;
  debtKind?: string;
  amount?: Money;
  debtFrom?: IsoDate;
  debtTo?: IsoDate;
  guaranteePeriod?: string;
  method?: '一般保证' | '连带保证' | '未约定';
  scope?: string;
}

/** 简易注销公告 */
export interface SimpleCancellation {
  announcedFrom: IsoDate;
  announcedTo?: IsoDate;
  authority?: string;
  result?: string;
  objection?: string;
}

/** 注销备案 (清算组备案) */
export interface CancellationFiling {
  filedOn: IsoDate;
  liquidationGroup?: string[];
  creditorNoticeFrom?: IsoDate;
  creditorNoticeTo?: IsoDate;
  authority?: string;
}

/** 行政许可 */
export interface Licence {
  number?: string;
  name: string;
  content?: string;
  authority?: string;
  decidedOn?: IsoDate;
  validFrom?: IsoDate;
  validTo?: IsoDate;
}

/** 抽查检查 */
export interface SpotCheck {
  authority?: string;
  kind?: '抽查' | '检查';
  date: IsoDate;
  result: string;
}

/** 知识产权出质 */
export interface IpPledge {
  regNo?: string;
  kind?: 'patent' | 'trademark' | 'copyright';
  name?: string;
  pledgor?: string;
  pledgee?: string;
  registeredOn: IsoDate;
  periodFrom?: IsoDate;
  periodTo?: IsoDate;
  status?: string;
}

/** 公示催告 */
export interface PublicSummons {
  billNo?: string;
  billType?: string;
  amount?: Money;
  applicant?: string;
  holder?: string;
  court?: string;
  publishedOn: IsoDate;
}

/** 动产抵押 (mortgagee, collateral and the secured debt are version 2). */
export interface ChattelMortgage {
  regNo?: string;
  authority?: string;
  amount?: Money;
  registeredOn: IsoDate;
  status?: string;
  /** 抵押权人 */
  mortgagee?: string;
  /** 抵押物, e.g. 数控机床 12 台 */
  collateral?: string;
  /** 被担保债权种类 */
  debtKind?: string;
  debtFrom?: IsoDate;
  debtTo?: IsoDate;
}

export interface CompanyDocument {
  schemaVersion?: 1 | 2;
  keyNo?: string;
  name: string;
  formerNames?: string[];
  englishName?: string;
  uscc?: string;
  regNo?: string;
  orgCode?: string;
  companyType: string;
  status: string;
  statusDate?: IsoDate;
  legalRep?: string;
  registeredCapital?: Money;
  paidInCapital?: Money;
  establishedOn: IsoDate;
  termFrom?: IsoDate;
  termTo?: IsoDate | null;
  approvedOn?: IsoDate;
  authority?: string;
  divisionCode?: string;
  address?: string;
  industry?: { code: string; name?: string };
  scope?: string;
  taxpayerType?: string;
  insuredCount?: number;
  parent?: { name?: string; uscc?: string };
  listing?: { exchange?: string; stockCode?: string };
  contact?: { phone?: string; email?: string; website?: string };

  shareholders?: Array<{
    name: string;
    kind?: 'person' | 'company' | 'government' | 'other';
    uscc?: string;
    subscribed?: Money;
    subscribedOn?: IsoDate;
    paid?: Money;
    paidOn?: IsoDate;
    ratio?: number;
    isController?: boolean;
    isBeneficialOwner?: boolean;
  }>;
  personnel?: Array<{ name: string; positions: string[] }>;
  investments?: Array<{ name: string; uscc?: string; ratio?: number; subscribed?: Money; status?: string; establishedOn?: IsoDate }>;
  branches?: Array<{ name: string; uscc?: string; principal?: string; status?: string; establishedOn?: IsoDate }>;
  changes?: Array<{ date: IsoDate; item: string; before?: string; after?: string }>;
  annualReports?: Array<{
    year: number;
    publishedOn?: IsoDate;
    insuredCount?: number;
    totalAssets?: Money;
    totalLiabilities?: Money;
    equity?: Money;
    revenue?: Money;
    netProfit?: Money;
    taxPaid?: Money;
  }>;

  judgments?: Array<{ caseNo: string; title?: string; cause?: string; court?: string; docType?: string; date: IsoDate; role?: CaseRole; amount?: Money; result?: string }>;
  enforcements?: Array<{ caseNo: string; court?: string; filedOn: IsoDate; amount?: Money; closedOn?: IsoDate }>;
  dishonest?: Array<{
    caseNo: string;
    court?: string;
    province?: string;
    basisDocNo?: string;
    obligation?: string;
    performance?: string;
    conduct?: string;
    filedOn: IsoDate;
    publishedOn?: IsoDate;
    removedOn?: IsoDate;
  }>;
  consumptionRestrictions?: Array<{ caseNo: string; person?: string; applicant?: string; court?: string; filedOn: IsoDate; publishedOn?: IsoDate; removedOn?: IsoDate }>;
  terminatedCases?: Array<{ caseNo: string; court?: string; filedOn: IsoDate; terminatedOn?: IsoDate; amount?: Money; unpaid?: Money }>;
  hearings?: Array<{ caseNo: string; cause?: string; court?: string; date: IsoDate; role?: CaseRole; plaintiffs?: string[]; defendants?: string[] }>;
  caseFilings?: Array<{ caseNo: string; cause?: string; court?: string; filedOn: IsoDate; role?: CaseRole }>;

  abnormalOperations?: Listing[];
  seriousViolations?: Listing[];
  penalties?: Array<{ decisionNo?: string; violation?: string; content?: string; fine?: Money; decidedOn: IsoDate; authority?: string }>;
  equityPledges?: Array<{ regNo?: string; pledgor?: string; pledgee?: string; amount?: Money; registeredOn: IsoDate; status?: string }>;
  chattelMortgages?: ChattelMortgage[];
  taxArrears?: Array<{ taxType?: string; balance?: Money; publishedOn: IsoDate; authority?: string; settledOn?: IsoDate }>;
  taxViolations?: Array<{ nature?: string; facts?: string; penalty?: string; publishedOn: IsoDate }>;
  liquidation?: { leader?: string; members?: string[]; date?: IsoDate };

  taxCredit?: Array<{ year: number; grade: 'A' | 'B' | 'M' | 'C' | 'D'; authority?: string }>;
  certificates?: Array<{ type: string; number?: string; issuer?: string; issuedOn?: IsoDate; expiresOn?: IsoDate }>;
  patents?: Array<{ number?: string; title?: string; kind?: 'invention' | 'utility' | 'design'; status?: string; date?: IsoDate }>;
  trademarks?: Array<{ number?: string; name?: string; class?: number; status?: string; date?: IsoDate }>;
  softwareCopyrights?: Array<{ number?: string; name?: string; date?: IsoDate }>;
  tenders?: Array<{ title?: string; role?: 'winner' | 'bidder' | 'buyer'; amount?: Money; date?: IsoDate; counterparty?: string }>;

  equityFreezes?: EquityFreeze[];
  bankruptcies?: Bankruptcy[];
  judicialAuctions?: JudicialAuction[];
  exitRestrictions?: ExitRestriction[];
  courtAnnouncements?: CourtAnnouncement[];
  serviceAnnouncements?: ServiceAnnouncement[];
  landMortgages?: LandMortgage[];
  guarantees?: Guarantee[];
  simpleCancellations?: SimpleCancellation[];
  cancellationFilings?: CancellationFiling[];
  licences?: Licence[];
  spotChecks?: SpotCheck[];
  ipPledges?: IpPledge[];
  publicSummons?: PublicSummons[];

  dataAsOf?: string;
  /** Ours, beside dataAsOf: `synthetic` marks generated data so nobody mistakes it for real. */
  source?: string;
  [extra: string]: unknown;
}
