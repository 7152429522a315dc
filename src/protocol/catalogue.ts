import { DEFAULT_PRICE, REPORT_FORMATS } from '../accounts/accounts.js';
import { REPORT_TYPE_PRODUCT_CODES, reportTypeProduct } from '../accounts/report-type-products.js';
import { REPORT_TYPE_TITLES } from '../reports/types/index.js';
import { InterfaceRegistry, type InterfaceDeclaration, type ProductDeclaration } from './interfaces.js';
import { COMPANY_DATA_INTERFACES } from './company-data-calls.js';
import { BATCH_INTERFACES } from './batch-calls.js';
import { MONITOR_INTERFACES } from './monitor-calls.js';
import { RELATION_INTERFACES } from './relation-calls.js';
import { REPORT_INTERFACES } from './report-calls.js';

/**
 * Every interface the API serves, in the order /openapi.json lists them. Adding one: see the
 * contract in src/protocol/interfaces.ts (and docs/api.md, "Adding an interface").
 */
export const INTERFACES: readonly InterfaceDeclaration[] = [...REPORT_INTERFACES, ...COMPANY_DATA_INTERFACES, ...MONITOR_INTERFACES, ...RELATION_INTERFACES, ...BATCH_INTERFACES];

/**
 * The report types CreateReport sells (`reportType`), each bought and priced per account like an
 * interface: `ReportType/N`, priced per format (src/accounts/report-type-products.ts).
 */
export const REPORT_TYPE_PRODUCTS: readonly ProductDeclaration[] = REPORT_TYPE_PRODUCT_CODES.map((code) => ({
  name: reportTypeProduct(code),
  summary: `reportType=${code}: ${REPORT_TYPE_TITLES[code]}`,
  formats: REPORT_FORMATS,
  defaultPrice: DEFAULT_PRICE,
}));

/** The registry over `INTERFACES`: routing, and the catalogue accounts and settings are checked against. */
export const INTERFACE_REGISTRY = new InterfaceRegistry(INTERFACES, REPORT_TYPE_PRODUCTS);
