import type { Account, InterfacePermission } from './accounts.js';
import { priceOf } from './accounts.js';

/**
 * Report types as products: each wire `reportType` N is bought and enabled per account like an
 * interface, under the name `ReportType/N`, and priced per format under `ReportType/N:FORMAT`
 * (the same permission and price maps as interfaces, src/accounts/products.ts). A type without a
 * price of its own costs what the account pays for a report in that format (`CreateReport:FORMAT`),
 * so accounts from before report types keep their prices for type 1.
 */
export const REPORT_TYPE_PRODUCT_PREFIX = 'ReportType/';
/** The wire's codes (1 企业信用报告, 2 企业信用决策报告, 3 准入尽调报告, 4 空壳扫描报告). */
export const REPORT_TYPE_PRODUCT_CODES = [1, 2, 3, 4] as const;

export function reportTypeProduct(code: number): string {
  return `${REPORT_TYPE_PRODUCT_PREFIX}${code}`;
}

export function isReportTypeProduct(name: string): boolean {
  return name.startsWith(REPORT_TYPE_PRODUCT_PREFIX);
}

export class ReportTypeInputError extends Error {
  override name = 'ReportTypeInputError';
}

/** `1,2` / `[1, "2"]` → the codes, each 1–4; anything else is refused with what was wrong. */
export function parseReportTypeCodes(input: unknown): number[] {
  const items = typeof input === 'string' ? input.split(',').map((s) => s.trim()).filter(Boolean) : Array.isArray(input) ? input : undefined;
  if (items === undefined) throw new ReportTypeInputError(`report types must be a list of type codes 1–4, got ${JSON.stringify(input)}`);
  const codes = new Set<number>();
  for (const item of items) {
    const n = typeof item === 'number' ? item : typeof item === 'string' && /^\s*\d+\s*$/.test(item) ? Number(item) : NaN;
    if (!(REPORT_TYPE_PRODUCT_CODES as readonly number[]).includes(n)) throw new ReportTypeInputError(`unknown report type ${JSON.stringify(item)} (1 企业信用报告, 2 企业信用决策报告, 3 准入尽调报告, 4 空壳扫描报告)`);
    codes.add(n);
  }
  return [...codes].sort();
}

/** Exactly these types bought and enabled, the others not bought: a change to merge into the account's permissions. */
export function reportTypePermissions(codes: readonly number[]): Record<string, InterfacePermission> {
  return Object.fromEntries(REPORT_TYPE_PRODUCT_CODES.map((c) => [reportTypeProduct(c), codes.includes(c) ? { bought: true, enabled: true } : { bought: false, enabled: false }]));
}

/** An operator's `TYPE:FORMAT` (`2:pdf`) or `TYPE` price spec as a price key; the spec unchanged when it is no type's. */
export function reportTypePriceKey(spec: string): string {
  const m = /^([1-9][0-9]*)(:.*)?$/.exec(spec);
  return m ? `${reportTypeProduct(Number(m[1]))}${m[2] ?? ''}` : spec;
}

/** What a report of type `code` in `format` costs the account (`fallback`: CreateReport's default price). */
export function reportTypePrice(account: Pick<Account, 'prices'>, code: number, format: string, fallback: number): number {
  const own = `${reportTypeProduct(code)}:${format}`;
  return Object.hasOwn(account.prices, own) ? account.prices[own]! : priceOf(account, `CreateReport:${format}`, fallback);
}
