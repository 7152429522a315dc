import { REPORT_FORMATS, type InterfacePermission } from './accounts.js';
import { isReportTypeProduct, REPORT_TYPE_PRODUCT_CODES, reportTypePriceKey, reportTypeProduct } from './report-type-products.js';

/**
 * What an account can be granted and charged for, as the API declares it: the interface registry
 * (src/protocol/interfaces.ts) supplies the real one, so this module knows no interface by name.
 *
 * A price key is an interface's name for an interface priced per call (`FuzzySearch/GetList`),
 * or `NAME:FORMAT` for one priced per report format (`CreateReport:pdf`). Report types (a
 * product bought per account with a price per format) fit the same shape: a name with formats.
 */
export interface ProductCatalogue {
  /** Every interface (or product) an account can be granted, by its canonical name. */
  readonly names: readonly string[];
  /** The formats a name is priced by; empty for one priced per call; undefined for an unknown name. */
  formatsOf(name: string): readonly string[] | undefined;
  /** True for an interface that is never charged (GetReportInfo): no daily quota can count it. */
  isFree?(name: string): boolean;
}

/**
 * For callers that create accounts without the API at hand (tests, benches, tools): any name of
 * an interface's shape is accepted, CreateReport priced per pdf/word format. The CLI and /admin
 * always pass the registry.
 */
export const UNCHECKED_CATALOGUE: ProductCatalogue = {
  names: ['CreateReport', 'GetReportInfo', ...REPORT_TYPE_PRODUCT_CODES.map(reportTypeProduct)],
  formatsOf: (name) =>
    name === 'CreateReport' || (isReportTypeProduct(name) && UNCHECKED_CATALOGUE.names.includes(name)) ? REPORT_FORMATS : /^[A-Za-z0-9_]+(\/[A-Za-z0-9_]+)?$/.test(name) ? [] : undefined,
};

/** Operators' legacy spelling of the report prices (`prices: {pdf, word}` before the registry). */
const LEGACY_PRICE_KEYS: Readonly<Record<string, string>> = { pdf: 'CreateReport:pdf', word: 'CreateReport:word' };

export class ProductInputError extends Error {
  override name = 'ProductInputError';
}

/**
 * Prices as an operator gives them (`{"FuzzySearch/GetList": 2, "CreateReport:word": 3}`; a
 * per-format name alone sets every format; `pdf`/`word` mean CreateReport's), checked against the
 * catalogue: whole, non-negative units (a negative price would credit the account on every call).
 */
export function normalisePrices(input: Readonly<Record<string, unknown>>, catalogue: ProductCatalogue): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [given, value] of Object.entries(input)) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new ProductInputError(`price of "${given}" must be a whole number of units ≥ 0, got ${JSON.stringify(value)}`);
    }
    // `2:pdf` is report type 2's price in PDF (`ReportType/2:pdf`).
    const key = LEGACY_PRICE_KEYS[given] ?? reportTypePriceKey(given);
    const [name, format, extra] = key.split(':');
    const formats = name === undefined ? undefined : catalogue.formatsOf(name);
    if (formats === undefined || extra !== undefined) throw new ProductInputError(`unknown interface "${name}" in price "${given}" (known: ${catalogue.names.join(', ')})`);
    if (format === undefined) {
      if (formats.length === 0) out[name!] = value;
      else for (const f of formats) out[`${name}:${f}`] = value;
    } else {
      if (!formats.includes(format)) {
        throw new ProductInputError(formats.length === 0 ? `"${name}" is priced per call, not per format ("${given}")` : `"${name}" has no format "${format}" (${formats.join(', ')})`);
      }
      out[key] = value;
    }
  }
  return out;
}

/**
 * Interface permissions as an operator gives them: a map `{NAME: {bought, enabled}}` (either flag
 * may be left out: `enabled` follows `bought`, `bought` stays as it was), or a list of names
 * (or `"all"`) that become exactly the bought and enabled ones.
 */
export function normaliseInterfaces(
  input: unknown,
  catalogue: ProductCatalogue,
  current: Readonly<Record<string, InterfacePermission>>,
): Record<string, InterfacePermission> {
  if (input === 'all') input = [...catalogue.names];
  if (Array.isArray(input)) {
    const wanted = new Set<string>();
    for (const name of input) {
      if (typeof name !== 'string' || catalogue.formatsOf(name) === undefined) throw new ProductInputError(`unknown interface ${JSON.stringify(name)} (known: ${catalogue.names.join(', ')})`);
      wanted.add(name);
    }
    // Report types are bought with their own list (`reportTypes`); a list of interfaces leaves the ones it does not name as they are.
    const out: Record<string, InterfacePermission> = Object.fromEntries(Object.entries(current).filter(([name]) => isReportTypeProduct(name)));
    for (const name of new Set([...Object.keys(current), ...catalogue.names])) {
      if (catalogue.formatsOf(name) === undefined || (isReportTypeProduct(name) && !wanted.has(name))) continue;
      out[name] = wanted.has(name) ? { bought: true, enabled: true } : { bought: false, enabled: false };
    }
    return out;
  }
  if (input === null || typeof input !== 'object') throw new ProductInputError('interfaces must be a list of names, "all", or an object {NAME: {bought, enabled}}');
  const out: Record<string, InterfacePermission> = { ...current };
  for (const [name, flags] of Object.entries(input)) {
    if (catalogue.formatsOf(name) === undefined) throw new ProductInputError(`unknown interface "${name}" (known: ${catalogue.names.join(', ')})`);
    if (flags === null || typeof flags !== 'object' || Array.isArray(flags)) throw new ProductInputError(`interface "${name}" takes {"bought": true|false, "enabled": true|false}`);
    const { bought, enabled, ...rest } = flags as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw new ProductInputError(`interface "${name}": unknown field "${Object.keys(rest)[0]}" (bought, enabled)`);
    if (bought !== undefined && typeof bought !== 'boolean') throw new ProductInputError(`interface "${name}": bought must be true or false`);
    if (enabled !== undefined && typeof enabled !== 'boolean') throw new ProductInputError(`interface "${name}": enabled must be true or false`);
    const was = current[name] ?? { bought: false, enabled: false };
    const b = bought ?? was.bought;
    out[name] = { bought: b, enabled: b && (enabled ?? (bought !== undefined ? b : was.enabled)) };
  }
  return out;
}

/**
 * Per-interface daily quotas as an operator changes them: `{NAME: calls}` sets (whole calls ≥ 0;
 * 0 stops the interface for the day), `{NAME: null}` removes, merged over `current`. Names are
 * the catalogue's; a free interface (never charged, so never counted) takes no quota.
 */
export function normaliseInterfaceQuotas(current: Readonly<Record<string, number>>, input: Readonly<Record<string, unknown>>, catalogue: ProductCatalogue): Record<string, number> {
  const out: Record<string, number> = { ...current };
  for (const [name, value] of Object.entries(input)) {
    if (catalogue.formatsOf(name) === undefined) throw new ProductInputError(`unknown interface "${name}" in a daily quota (known: ${catalogue.names.join(', ')})`);
    if (catalogue.isFree?.(name)) throw new ProductInputError(`"${name}" is never charged, so no daily quota counts it`);
    if (value === null) {
      delete out[name];
      continue;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new ProductInputError(`daily quota of "${name}" must be a whole number of calls ≥ 0 (or null to remove it), got ${JSON.stringify(value)}`);
    }
    out[name] = value;
  }
  return out;
}
