/**
 * The company document of ../shared/contracts/company.schema.json (version 1) as a TypeScript type.
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

export interface CompanyDocument {
  schemaVersion?: 1;
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
  chattelMortgages?: Array<{ regNo?: string; authority?: string; amount?: Money; registeredOn: IsoDate; status?: string }>;
  taxArrears?: Array<{ taxType?: string; balance?: Money; publishedOn: IsoDate; authority?: string; settledOn?: IsoDate }>;
  taxViolations?: Array<{ nature?: string; facts?: string; penalty?: string; publishedOn: IsoDate }>;
  liquidation?: { leader?: string; members?: string[]; date?: IsoDate };

  taxCredit?: Array<{ year: number; grade: 'A' | 'B' | 'M' | 'C' | 'D'; authority?: string }>;
  certificates?: Array<{ type: string; number?: string; issuer?: string; issuedOn?: IsoDate; expiresOn?: IsoDate }>;
  patents?: Array<{ number?: string; title?: string; kind?: 'invention' | 'utility' | 'design'; status?: string; date?: IsoDate }>;
  trademarks?: Array<{ number?: string; name?: string; class?: number; status?: string; date?: IsoDate }>;
  softwareCopyrights?: Array<{ number?: string; name?: string; date?: IsoDate }>;
  tenders?: Array<{ title?: string; role?: 'winner' | 'bidder' | 'buyer'; amount?: Money; date?: IsoDate; counterparty?: string }>;

  dataAsOf?: string;
  /** Ours, beside dataAsOf: `synthetic` marks generated data so nobody mistakes it for real. */
  source?: string;
  [extra: string]: unknown;
}
