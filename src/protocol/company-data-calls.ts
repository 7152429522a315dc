/**
 * The company-data interfaces (issue 14 item 5; shapes: ../shared/OPENAPI-SHAPES.md §5–7): search,
 * details and risk checks over the company store, each declared once for the interface registry
 * (src/protocol/interfaces.ts), so permission, price, quotas, audit, metrics and the operator's
 * switches are the registry's.
 *
 * Each handler starts where the pipeline's checks end: its own parameters (202, 213, 215), then the
 * balance (112/102), then the company (201), then the answer; the per-call charge is the last step,
 * so only a success is charged. A risk check about a category the source never supplied for the
 * company answers 203 `category_not_supplied` and is not charged: an unknown must never read as
 * "no record" (`VerifyResult` 0 means the source supplied the category and it is empty). For the
 * same reason a risk check about a company the store does not hold answers 203
 * `company_not_in_store`, not the vendor's 201: clients read a check's 201 as "no record".
 */
import { categoryRecords, categorySupplied, type CategoryId } from '../companies/categories.js';
import type { CompanyDocument } from '../companies/document.js';
import { resolveCompany } from '../companies/resolver.js';
import { searchCompanies, type SearchScope } from '../companies/search.js';
import { companyLookup, type StoredCompany } from '../companies/store.js';
import { checkBalance, charged } from './call-billing.js';
import { refuse } from './call-pipeline.js';
import {
  adminPenaltyItem, basicDetails, details, eciSearchItem, exceptionItem, fuzzySearchItem, partnerListItem, seriousIllegalItem, shixinItem,
  taxIllegalItem, zhixingItem, type CompanyFacts, type WireObject,
} from './company-shapes.js';
import { SAMPLE_COMPANY, schemaOf } from './company-sample.js';
import { vendorItemName, type Paging, type ResultValue, type XmlItemName } from './envelope.js';
import type { InterfaceCall, InterfaceDeclaration, InterfaceDeps, InterfaceSuccess, ParameterSpec } from './interfaces.js';

/** Paging of every paged interface (OPENAPI-SHAPES.md §8.4: default 10, at most 20). */
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 20;

const KEY: ParameterSpec = { name: 'key', required: true, description: 'The account key (32 lowercase hex characters).' };
const DTYPE: ParameterSpec = { name: 'dtype', description: '`json` (default) or `xml`: the envelope of the answer.', example: 'json' };
const PAGE_INDEX: ParameterSpec = { name: 'pageIndex', description: 'Page number, from 1 (default 1).', example: '1' };
const PAGE_SIZE: ParameterSpec = { name: 'pageSize', description: `Records per page, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}; larger values are served as ${MAX_PAGE_SIZE}, and Paging.PageSize says so).`, example: '10' };
const SEARCH_KEY: ParameterSpec = {
  name: 'searchKey',
  aliases: ['keyword', 'keyNo'],
  required: true,
  description: 'Company name (current or former), unified social credit code, registration number or KeyNo.',
  example: '上海测试科技有限公司',
};
const KEYWORD: ParameterSpec = { ...SEARCH_KEY, name: 'keyword', aliases: ['searchKey', 'keyNo'] };
const SEARCH_TEXT: ParameterSpec = {
  name: 'searchKey',
  aliases: ['keyword'],
  required: true,
  description: 'A name fragment (two characters or more), a current or former name, a unified social credit code, a registration number or a legal representative.',
  example: '测试科技',
};
const SEARCH_TYPE: ParameterSpec = { name: 'type', description: 'Search dimension: `default` (every one we index), `name` (current and former names) or `opername` (legal representative).', example: 'name' };

/** XML names of an interface's own top-level items (`Result` of a list, a check's `Data`); nested lists follow `vendorItemName`. */
function itemsNamed(result: string, data = 'Record'): XmlItemName {
  return (arrayName) => (arrayName === 'Result' ? result : arrayName === 'Data' ? data : vendorItemName(arrayName));
}

/** Company facts for the shape builders. */
function facts(c: StoredCompany): CompanyFacts {
  return { keyNo: c.keyNo, doc: c.doc, entityKind: c.entityKind, updatedAt: c.updatedAt };
}

function pageOf(call: InterfaceCall): { index: number; size: number } {
  const index = call.param('pageIndex')?.trim();
  const size = call.param('pageSize')?.trim();
  const pageIndex = index === undefined || index === '' ? 1 : /^[0-9]{1,6}$/.test(index) ? Number(index) : NaN;
  const pageSize = size === undefined || size === '' ? DEFAULT_PAGE_SIZE : /^[0-9]{1,6}$/.test(size) ? Math.min(Number(size), MAX_PAGE_SIZE) : NaN;
  if (!(pageIndex >= 1)) refuse('202', 'page_index_invalid');
  if (!(pageSize >= 1)) refuse('202', 'page_size_invalid');
  return { index: pageIndex, size: pageSize };
}


/** How "no such company in the store" is answered: 201 for search and details, 203 for a risk check. */
type NotFound = 'no_result' | 'unknown_company';

/** Validates the keyword (213/215/202) before the balance check, as the order of checks wants. */
async function keywordChecked(call: InterfaceCall, deps: InterfaceDeps, parameter: string, notFound: NotFound = 'no_result'): Promise<() => Promise<StoredCompany>> {
  const keyword = call.param(parameter)!;
  // Parameter refusals (213, 215, 202) come before the balance; "not found" after it.
  const resolved = await resolveCompany(keyword, companyLookup(deps.db), { includeUncovered: true });
  if (!resolved.ok && resolved.status !== '201') refuse(resolved.status, resolved.reason);
  return async () => {
    if (resolved.ok) return resolved.company;
    // A risk check's 201 reads as "no record" to the clients that call it (docs/integration.md),
    // but a company we do not hold is one we know nothing about: 203, uncharged, like an
    // unsupplied category.
    return notFound === 'unknown_company' ? refuse('203', 'company_not_in_store') : refuse('201', resolved.reason);
  };
}

// ---------------------------------------------------------------------------------------------
// Search

const SEARCH_REFUSALS = { too_short: '213', punctuation_only: '215', url: '215', email: '215', legal_form: '215' } as const;

function scopeOf(call: InterfaceCall): SearchScope {
  const type = call.param('type')?.trim().toLowerCase();
  if (type === undefined || type === '' || type === 'default') return 'all';
  if (type === 'name') return 'names';
  if (type === 'opername') return 'legalRep';
  return refuse('202', 'search_type_unsupported');
}

async function search(call: InterfaceCall, deps: InterfaceDeps, parameter: string, item: (c: CompanyFacts) => WireObject, scoped: boolean): Promise<InterfaceSuccess> {
  const text = call.param(parameter)!;
  const scope = scoped ? scopeOf(call) : 'all';
  const page = pageOf(call);
  const price = checkBalance(call);
  const found = await searchCompanies(deps.db, { text, scope, offset: (page.index - 1) * page.size, limit: page.size });
  if (!found.ok) return refuse(SEARCH_REFUSALS[found.reason], `keyword_${found.reason}`);
  if (found.total === 0) return refuse('201', 'no_match');
  const paging: Paging = { PageSize: page.size, PageIndex: page.index, TotalRecords: found.total };
  return charged(call, deps, price, { status: '200', result: found.companies.map((c) => item(facts(c))), paging });
}

const SEARCH_PAGING_NOTE = `Matches are ranked exact, then prefix, then fragment, and counted up to 1,000 (TotalRecords stops there).`;

export const FUZZY_SEARCH: InterfaceDeclaration = {
  name: 'FuzzySearch/GetList',
  paths: ['FuzzySearch/GetList'],
  summary: `Company fuzzy search by name fragment, former name, USCC, registration number or legal representative. ${SEARCH_PAGING_NOTE}`,
  parameters: [KEY, SEARCH_TEXT, PAGE_INDEX, PAGE_SIZE, DTYPE],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: { kind: 'data', orderNumberPrefix: 'FUZZYSEARCH', paged: true, xmlItemName: itemsNamed('Company') },
  successMessage: '【有效请求】查询成功',
  resultSchema: schemaOf([fuzzySearchItem(SAMPLE_COMPANY)]),
  handle: (call, deps) => search(call, deps, 'searchKey', fuzzySearchItem, false),
};

const ECI_SEARCH_TEXT: ParameterSpec = { ...SEARCH_TEXT, name: 'keyword', aliases: ['searchKey'] };

export const ECI_SEARCH: InterfaceDeclaration = {
  name: 'ECIV4/Search',
  paths: ['ECIV4/Search'],
  summary: `Keyword search (ECIV4 generation). ${SEARCH_PAGING_NOTE}`,
  parameters: [KEY, ECI_SEARCH_TEXT, SEARCH_TYPE, PAGE_INDEX, PAGE_SIZE, DTYPE],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: { kind: 'data', orderNumberPrefix: 'ECI', paged: true, xmlItemName: itemsNamed('Company') },
  successMessage: '【有效请求】查询成功',
  resultSchema: schemaOf([eciSearchItem(SAMPLE_COMPANY)]),
  handle: (call, deps) => search(call, deps, 'keyword', eciSearchItem, true),
};

export const ECI_SEARCH_WIDE: InterfaceDeclaration = {
  ...ECI_SEARCH,
  name: 'ECIV4/SearchWide',
  paths: ['ECIV4/SearchWide'],
  summary: `Multi-dimension keyword search (ECIV4 generation; same answer as ECIV4/Search). ${SEARCH_PAGING_NOTE}`,
};

// ---------------------------------------------------------------------------------------------
// Details

async function detailsCall(call: InterfaceCall, deps: InterfaceDeps, parameter: string, shape: (c: CompanyFacts) => WireObject): Promise<InterfaceSuccess> {
  const company = await keywordChecked(call, deps, parameter);
  const price = checkBalance(call);
  const c = await company();
  return charged(call, deps, price, { status: '200', result: shape(facts(c)) });
}

export const BASIC_DETAILS: InterfaceDeclaration = {
  name: 'ECIV4/GetBasicDetailsByName',
  paths: ['ECIV4/GetBasicDetailsByName'],
  summary: 'Registration face sheet of one company',
  resultSchema: schemaOf(basicDetails(SAMPLE_COMPANY)),
  parameters: [KEY, KEYWORD, DTYPE],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: { kind: 'data', orderNumberPrefix: 'ECI', paged: false },
  successMessage: '【有效请求】查询成功',
  handle: (call, deps) => detailsCall(call, deps, 'keyword', basicDetails),
};

export const DETAILS: InterfaceDeclaration = {
  name: 'ECIV4/GetDetailsByName',
  paths: ['ECIV4/GetDetailsByName'],
  summary: 'Registration details of one company with shareholders, personnel, branches, changes, contact and industry',
  resultSchema: schemaOf(details(SAMPLE_COMPANY)),
  parameters: [KEY, KEYWORD, DTYPE],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: { kind: 'data', orderNumberPrefix: 'ECI', paged: false },
  successMessage: '【有效请求】查询成功',
  handle: (call, deps) => detailsCall(call, deps, 'keyword', details),
};

export const INFO_VERIFY: InterfaceDeclaration = {
  name: 'ECIInfoVerify/GetInfo',
  paths: ['ECIInfoVerify/GetInfo'],
  summary: 'Registration details of one company (newer generation of ECIV4/GetDetailsByName, same content)',
  resultSchema: schemaOf(details(SAMPLE_COMPANY)),
  parameters: [KEY, SEARCH_KEY, DTYPE],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: { kind: 'data', orderNumberPrefix: 'ECIINFOVERIFY', paged: false },
  successMessage: '【有效请求】查询成功',
  handle: (call, deps) => detailsCall(call, deps, 'searchKey', details),
};

export const PARTNERS: InterfaceDeclaration = {
  name: 'ECIPartner/GetList',
  paths: ['ECIPartner/GetList'],
  summary: 'Shareholders of one company, paged. 203 category_not_supplied when the source gave no shareholder list for it.',
  parameters: [KEY, SEARCH_KEY, PAGE_INDEX, PAGE_SIZE, DTYPE],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: { kind: 'data', orderNumberPrefix: 'ECIPARTNER', paged: true, xmlItemName: itemsNamed('Partner') },
  successMessage: '【有效请求】查询成功',
  resultSchema: schemaOf([partnerListItem(SAMPLE_COMPANY.doc.shareholders![0]!)]),
  handle: async (call, deps) => {
    const company = await keywordChecked(call, deps, 'searchKey');
    const page = pageOf(call);
    const price = checkBalance(call);
    const c = await company();
    const holders = c.doc.shareholders;
    // Unknown is not "none": a list the source never supplied is not answered as empty.
    if (!categorySupplied(c.doc, 'shareholders') || holders === undefined) return refuse('203', 'category_not_supplied');
    if (holders.length === 0) return refuse('201', 'no_records');
    const paging: Paging = { PageSize: page.size, PageIndex: page.index, TotalRecords: holders.length };
    const slice = holders.slice((page.index - 1) * page.size, page.index * page.size);
    return charged(call, deps, price, { status: '200', result: slice.map(partnerListItem), paging });
  },
};

// ---------------------------------------------------------------------------------------------
// Risk checks

interface CheckSpec {
  readonly name: string;
  readonly prefix: string;
  readonly category: CategoryId;
  readonly title: string;
  readonly paged: boolean;
  readonly item: (keyNo: string, record: never, index: number) => WireObject;
}

function checkDeclaration(spec: CheckSpec): InterfaceDeclaration {
  return {
    name: spec.name,
    paths: [spec.name],
    summary: `${spec.title}: VerifyResult 1 with Data, or 0 with Data null when the source supplied the category and it is empty; 203 category_not_supplied (not charged) when the source did not supply it for this company, 203 company_not_in_store (not charged) for a company the store does not hold.`,
    parameters: spec.paged ? [KEY, SEARCH_KEY, PAGE_INDEX, PAGE_SIZE, DTYPE] : [KEY, SEARCH_KEY, DTYPE],
    billing: { per: 'call', defaultPrice: 1 },
    envelope: { kind: 'data', orderNumberPrefix: spec.prefix, paged: spec.paged, xmlItemName: itemsNamed('Record') },
    successMessage: '【有效请求】查询成功',
    resultSchema: { type: 'object', properties: { VerifyResult: { type: 'integer', enum: [0, 1] }, Data: { oneOf: [{ type: 'null' }, { type: 'array', items: { type: 'object', description: `records of ${spec.category}` } }] } } },
    handle: async (call, deps) => {
      const company = await keywordChecked(call, deps, 'searchKey', 'unknown_company');
      const page = spec.paged ? pageOf(call) : undefined;
      const price = checkBalance(call);
      const c = await company();
      const records = supplied(c.doc, spec.category);
      if (records === undefined) return refuse('203', 'category_not_supplied');
      if (records.length === 0) return charged(call, deps, price, { status: '200', result: { VerifyResult: 0, Data: null }, paging: null });
      const all = records.map((r, i) => ({ r, i }));
      const shown = page ? all.slice((page.index - 1) * page.size, page.index * page.size) : all;
      const data: ResultValue = shown.map(({ r, i }) => spec.item(c.keyNo, r as never, i));
      const paging: Paging | null = page ? { PageSize: page.size, PageIndex: page.index, TotalRecords: records.length } : null;
      return charged(call, deps, price, { status: '200', result: { VerifyResult: 1, Data: data }, paging });
    },
  };
}

/** The category's records when the source supplied it (perhaps none), undefined when it did not. */
function supplied(doc: CompanyDocument, id: CategoryId): readonly unknown[] | undefined {
  return categorySupplied(doc, id) ? categoryRecords(doc, id) ?? [] : undefined;
}

export const SHIXIN_CHECK = checkDeclaration({ name: 'ShixinCheck/GetList', prefix: 'SHIXINCHECK', category: 'dishonest', title: '失信被执行人核查', paged: true, item: shixinItem });
export const ZHIXING_CHECK = checkDeclaration({ name: 'ZhixingCheck/GetList', prefix: 'ZHIXINGCHECK', category: 'enforcements', title: '被执行人核查', paged: true, item: zhixingItem });
export const ADMIN_PENALTY_CHECK = checkDeclaration({ name: 'AdminPenaltyCheck/GetList', prefix: 'ADMINPENALTYCHECK', category: 'penalties', title: '行政处罚核查', paged: true, item: adminPenaltyItem });
export const TAX_ILLEGAL_CHECK = checkDeclaration({ name: 'TaxIllegalCheck/GetList', prefix: 'TAXILLEGALCHECK', category: 'tax-violations', title: '税收违法核查', paged: true, item: taxIllegalItem });
export const SERIOUS_ILLEGAL_CHECK = checkDeclaration({
  name: 'SeriousIllegalCheck/GetList', prefix: 'SERIOUSILLEGALCHECK', category: 'serious-violations', title: '严重违法核查', paged: false,
  item: (_keyNo, r) => seriousIllegalItem(r),
});
export const EXCEPTION_CHECK = checkDeclaration({
  name: 'ExceptionCheck/GetList', prefix: 'EXCEPTIONCHECK', category: 'abnormal-operations', title: '经营异常核查', paged: false,
  item: (_keyNo, r) => exceptionItem(r),
});

export const COMPANY_DATA_INTERFACES: readonly InterfaceDeclaration[] = [
  FUZZY_SEARCH, ECI_SEARCH, ECI_SEARCH_WIDE,
  BASIC_DETAILS, DETAILS, INFO_VERIFY, PARTNERS,
  SHIXIN_CHECK, ZHIXING_CHECK, ADMIN_PENALTY_CHECK, TAX_ILLEGAL_CHECK, SERIOUS_ILLEGAL_CHECK, EXCEPTION_CHECK,
];
