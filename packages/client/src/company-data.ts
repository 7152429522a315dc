/**
 * Types of the company-data interfaces (the server's docs/integration.md, "Company-data
 * interfaces"). Every value the vendor sends as text stays a string here; `VerifyResult` and
 * `Paging` are numbers.
 */
export interface DataPaging {
  readonly PageSize: number;
  readonly PageIndex: number;
  readonly TotalRecords: number;
}

/** One answer of a company-data interface with `Status` 200. */
export interface DataAnswer<T> {
  readonly orderNumber: string;
  readonly paging: DataPaging | null;
  readonly result: T;
}

/** A page of search or list results; `total` 0 and no items when the server answered 201. */
export interface DataPage<T> {
  readonly orderNumber: string;
  readonly items: readonly T[];
  readonly total: number;
  readonly pageIndex: number;
  readonly pageSize: number;
}

export interface FuzzySearchItem {
  readonly KeyNo: string;
  readonly Name: string;
  readonly CreditCode: string;
  readonly StartDate: string;
  readonly OperName: string;
  readonly Status: string;
  readonly No: string;
  readonly Address: string;
}

export interface SearchItem {
  readonly KeyNo: string;
  readonly Name: string;
  readonly OperName: string;
  readonly StartDate: string;
  readonly Status: string;
  readonly No: string;
  readonly CreditCode: string;
  readonly Dimension: string;
}

export interface PartnerItem {
  readonly KeyNo: string;
  readonly StockName: string;
  readonly StockType: string;
  readonly StockPercent: string;
  readonly ShouldCapi: string;
  readonly ShoudDate: string;
  readonly StakeDate: string;
  readonly CreditCode: string;
  readonly Area: unknown;
}

/** The face sheet (`TeamEnd` and `TermEnd` carry the same value) and, for details, the blocks. */
export type CompanyDetails = Readonly<Record<string, unknown>> & { readonly KeyNo: string; readonly Name: string };

/**
 * A risk check's answer: `records` when the source has records, `none` when it supplied the
 * category and it is empty. A category the source did not supply is never one of these: the
 * server answers 203 (reason `category_not_supplied`) and the method throws `ReportApiError`.
 */
export type CheckAnswer<T> =
  | { readonly verifyResult: 1; readonly data: readonly T[]; readonly paging: DataPaging | null; readonly orderNumber: string }
  | { readonly verifyResult: 0; readonly data: null; readonly paging: null; readonly orderNumber: string };

export interface PageOptions {
  readonly pageIndex?: number;
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

export interface SearchOptions extends PageOptions {
  /** `default`, `name` (current and former names) or `opername` (legal representative). */
  readonly type?: 'default' | 'name' | 'opername';
}

export const RISK_CHECKS = {
  shixinCheck: 'ShixinCheck/GetList',
  zhixingCheck: 'ZhixingCheck/GetList',
  adminPenaltyCheck: 'AdminPenaltyCheck/GetList',
  taxIllegalCheck: 'TaxIllegalCheck/GetList',
  seriousIllegalCheck: 'SeriousIllegalCheck/GetList',
  exceptionCheck: 'ExceptionCheck/GetList',
} as const;
export type RiskCheckName = keyof typeof RISK_CHECKS;

/** One path of `company/findRelation`: `Length` edges joining `Nodes` in order. */
export interface RelationPath {
  readonly Length: number;
  readonly Nodes: ReadonlyArray<{ readonly Id: string; readonly Type: 'company' | 'person'; readonly Name: string; readonly KeyNo: string | null }>;
  readonly Edges: ReadonlyArray<{
    readonly From: string;
    readonly To: string;
    readonly Type: 'shareholder' | 'executive' | 'legalRep' | 'investment' | 'branch';
    readonly Label: string;
    /** Shareholdings, e.g. `"70%"`; null otherwise. */
    readonly Ratio: string | null;
  }>;
}

/** `findRelation()`: the paths, shortest first (none when the server found none within maxDepth: 201 `no_path`). */
export interface RelationAnswer {
  readonly orderNumber: string;
  readonly paths: readonly RelationPath[];
}

export interface RelationOptions {
  /** Most edges on a path, 1–6 (server default 4). */
  readonly maxDepth?: number;
  readonly signal?: AbortSignal;
}

/** A node of `EquityThrough/GetEquityThrough` (OPENAPI-SHAPES §8.1); every scalar is text. */
export interface EquityNode {
  readonly KeyNo: string;
  readonly Name: string;
  /** `0` company, `2` natural person, `1` other holder. */
  readonly Category: string;
  readonly FundedRatio: string;
  readonly InParentActualRadio: string;
  readonly Count: string;
  readonly Grade: string;
  readonly ShouldCapi: string;
  readonly StockRightNum: string;
  readonly ShortStatus: string;
  readonly Children: readonly EquityNode[] | null;
}

export interface EquityThrough {
  readonly KeyNo: string;
  readonly Name: string;
  readonly Count: string;
  readonly Children: readonly EquityNode[] | null;
}

export interface EquityThroughOptions {
  /** Levels, 1–4 (server default 4). */
  readonly level?: number;
  readonly signal?: AbortSignal;
}
