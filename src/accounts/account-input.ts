import { callbackUrlProblem } from '../realtime/callback-url.js';
/**
 * The one schema for operator input about accounts, switches and order listings, used by /admin
 * and by the CLI alike: anything that would corrupt state (a negative price credits the account on
 * every order, a non-date `effectiveAt` makes the key answer 101 forever, a flag that is not a
 * boolean, a `__proto__` key) is refused here with the field and the reason, before it is stored.
 */
import { ACCOUNT_STATES, REPORT_FORMATS, type AccountPatch, type NewAccount } from './accounts.js';
import { parseCidr } from './ip-allow-list.js';
import { parseReportTypeCodes } from './report-type-products.js';
import { normaliseInterfaceQuotas, normaliseInterfaces, normalisePrices, ProductInputError, UNCHECKED_CATALOGUE, type ProductCatalogue } from './products.js';
import type { SystemSettingsPatch } from './system-settings.js';

/** An input field that is not acceptable: `field` is its path (`prices.pdf`), `reason` says why. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}

/** Account names, as shown in the console and printed on reports. */
const MAX_NAME_LENGTH = 200;
export const MAX_ORDER_LIST_LIMIT = 1000;

type Fields = Record<string, unknown>;

/** A plain object with only `allowed` keys (own, enumerable); `__proto__` and friends are unknown keys. */
function object(value: unknown, field: string, allowed: readonly string[]): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(field || '(body)', 'must be a JSON object');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new InputError(field ? `${field}.${key}` : key, `unknown field (allowed: ${allowed.join(', ')})`);
  }
  return value as Fields;
}

function wholeNumber(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InputError(field, `must be a whole number, got ${JSON.stringify(value)}`);
  if (value < min) throw new InputError(field, `must be ${min} or more, got ${value}`);
  return value;
}

function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new InputError(field, `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

function oneOf<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) throw new InputError(field, `must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function name(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new InputError(field, 'must be a non-empty string');
  if (value.trim().length > MAX_NAME_LENGTH) throw new InputError(field, `must be at most ${MAX_NAME_LENGTH} characters`);
  return value.trim();
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or instant, normalised to UTC (`…Z`) as the key checks compare it. */
function instant(value: unknown, field: string): string | null {
  if (value === null) return null;
  const ms = typeof value === 'string' && ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new InputError(field, `must be an ISO 8601 date or date-time (e.g. 2026-12-01T00:00:00+08:00) or null, got ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

function formats(value: unknown, field: string): Array<(typeof REPORT_FORMATS)[number]> {
  if (!Array.isArray(value) || value.length === 0) throw new InputError(field, `must be a non-empty list of ${REPORT_FORMATS.join(', ')}`);
  return [...new Set(value.map((f, i) => oneOf(f, `${field}.${i}`, REPORT_FORMATS)))];
}

function cidrs(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new InputError(field, 'must be a list of CIDRs (e.g. 10.0.0.0/8)');
  return value.map((c, i) => {
    if (typeof c !== 'string') throw new InputError(`${field}.${i}`, 'must be a CIDR string');
    try {
      parseCidr(c);
    } catch (err) {
      throw new InputError(`${field}.${i}`, err instanceof Error ? err.message : String(err));
    }
    return c;
  });
}

/**
 * `{PRICE_KEY: units}`: an interface's name, `NAME:FORMAT`, or the older `pdf`/`word` (CreateReport's);
 * whole units ≥ 0, keys known to the catalogue (the interface registry).
 */
function prices(value: unknown, field: string, catalogue: ProductCatalogue): Record<string, number> {
  const p = object(value, field, Object.keys(value !== null && typeof value === 'object' ? value : {}));
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(p)) {
    out[k] = wholeNumber(v, `${field}.${k}`, 0);
    try {
      normalisePrices({ [k]: out[k] }, catalogue);
    } catch (err) {
      throw new InputError(`${field}.${k}`, err instanceof ProductInputError ? err.message : String(err));
    }
  }
  return out;
}

/** A list of names (or `"all"`), or `{NAME: {bought?, enabled?}}` with booleans, names known to the catalogue. */
function interfaces(value: unknown, field: string, catalogue: ProductCatalogue): NonNullable<AccountPatch['interfaces']> {
  if (value === 'all' || Array.isArray(value)) {
    try {
      normaliseInterfaces(value, catalogue, {});
    } catch (err) {
      throw new InputError(field, err instanceof ProductInputError ? err.message : String(err));
    }
    return value;
  }
  const given = object(value, field, knownKeys(value, catalogue));
  const out: Record<string, { bought?: boolean; enabled?: boolean }> = {};
  for (const [n, perm] of Object.entries(given)) {
    const p = object(perm, `${field}.${n}`, ['bought', 'enabled']);
    if (p.bought === undefined && p.enabled === undefined) throw new InputError(`${field}.${n}`, 'give bought and/or enabled');
    out[n] = {
      ...(p.bought !== undefined ? { bought: boolean(p.bought, `${field}.${n}.bought`) } : {}),
      ...(p.enabled !== undefined ? { enabled: boolean(p.enabled, `${field}.${n}.enabled`) } : {}),
    };
  }
  return out;
}

/** `[1, 2]`: the report types bought and enabled (the others not bought). */
function reportTypes(value: unknown, field: string): number[] {
  if (!Array.isArray(value)) throw new InputError(field, 'must be a list of report type codes 1–4, e.g. [1, 2]');
  try {
    return parseReportTypeCodes(value);
  } catch (err) {
    throw new InputError(field, err instanceof Error ? err.message : String(err));
  }
}

/** The keys of `value` that name interfaces of the catalogue (`object` then names any other as unknown). */
function knownKeys(value: unknown, catalogue: ProductCatalogue): string[] {
  const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  return keys.filter((k) => catalogue.formatsOf(k) !== undefined);
}

/** `{NAME: calls | null}`: per-interface daily quotas (null removes one), names known to the catalogue. */
function interfaceQuotas(value: unknown, field: string, catalogue: ProductCatalogue): Record<string, number | null> {
  const given = object(value, field, knownKeys(value, catalogue));
  const out: Record<string, number | null> = {};
  for (const [n, v] of Object.entries(given)) {
    out[n] = v === null ? null : wholeNumber(v, `${field}.${n}`, 0);
    try {
      normaliseInterfaceQuotas({}, { [n]: out[n] }, catalogue);
    } catch (err) {
      throw new InputError(`${field}.${n}`, err instanceof ProductInputError ? err.message : String(err));
    }
  }
  return out;
}

/** http(s) URL, or null / "" to remove it (src/realtime/callback-url.ts). */
function callbackUrl(value: unknown, field: string): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string') throw new InputError(field, 'must be a URL string or null');
  const problem = callbackUrlProblem(value.trim());
  if (problem) throw new InputError(field, problem);
  return value.trim();
}

const ACCOUNT_FIELDS = ['name', 'state', 'effectiveAt', 'billing', 'balance', 'creditLimit', 'prices', 'formats', 'interfaces', 'reportTypes', 'allowedIps', 'dailyQuota', 'interfaceQuotas', 'concurrencyLimit', 'callbackUrl'] as const;

/** The fields both creation and change accept, checked; absent fields stay absent. */
function accountFields(body: Fields, catalogue: ProductCatalogue): AccountPatch {
  const out: AccountPatch = {};
  if (body.name !== undefined) out.name = name(body.name, 'name');
  if (body.state !== undefined) out.state = oneOf(body.state, 'state', ACCOUNT_STATES);
  if (body.effectiveAt !== undefined) out.effectiveAt = instant(body.effectiveAt, 'effectiveAt');
  if (body.billing !== undefined) out.billing = oneOf(body.billing, 'billing', ['prepaid', 'postpaid'] as const);
  if (body.balance !== undefined) out.balance = wholeNumber(body.balance, 'balance', 0);
  if (body.creditLimit !== undefined) out.creditLimit = wholeNumber(body.creditLimit, 'creditLimit', 0);
  if (body.prices !== undefined) out.prices = prices(body.prices, 'prices', catalogue);
  if (body.formats !== undefined) out.formats = formats(body.formats, 'formats');
  if (body.interfaces !== undefined) out.interfaces = interfaces(body.interfaces, 'interfaces', catalogue);
  if (body.reportTypes !== undefined) out.reportTypes = reportTypes(body.reportTypes, 'reportTypes');
  if (body.allowedIps !== undefined) out.allowedIps = cidrs(body.allowedIps, 'allowedIps');
  if (body.dailyQuota !== undefined) out.dailyQuota = body.dailyQuota === null ? null : wholeNumber(body.dailyQuota, 'dailyQuota', 0);
  if (body.interfaceQuotas !== undefined) out.interfaceQuotas = interfaceQuotas(body.interfaceQuotas, 'interfaceQuotas', catalogue);
  if (body.concurrencyLimit !== undefined) out.concurrencyLimit = wholeNumber(body.concurrencyLimit, 'concurrencyLimit', 1);
  if (body.callbackUrl !== undefined) out.callbackUrl = callbackUrl(body.callbackUrl, 'callbackUrl');
  return out;
}

/** Interface names and price keys are checked against `catalogue` (the API's interface registry). */
export function parseNewAccount(value: unknown, catalogue: ProductCatalogue = UNCHECKED_CATALOGUE): NewAccount {
  const body = object(value, '', ACCOUNT_FIELDS);
  if (body.name === undefined) throw new InputError('name', 'is required');
  return accountFields(body, catalogue) as NewAccount;
}

export function parseAccountPatch(value: unknown, catalogue: ProductCatalogue = UNCHECKED_CATALOGUE): AccountPatch {
  const body = object(value, '', [...ACCOUNT_FIELDS, 'topup', 'clearLockouts']);
  const out = accountFields(body, catalogue);
  if (body.topup !== undefined) out.topup = wholeNumber(body.topup, 'topup', 1);
  if (body.clearLockouts !== undefined) out.clearLockouts = boolean(body.clearLockouts, 'clearLockouts');
  if (Object.keys(out).length === 0) throw new InputError('(body)', 'nothing to change');
  return out;
}

export function parseSettingsPatch(value: unknown, catalogue: ProductCatalogue = UNCHECKED_CATALOGUE): SystemSettingsPatch {
  const body = object(value, '', ['maintenance', 'interfaces', 'systemDailyLimit']);
  const out: SystemSettingsPatch = {};
  if (body.maintenance !== undefined) out.maintenance = boolean(body.maintenance, 'maintenance');
  if (body.interfaces !== undefined) {
    const given = object(body.interfaces, 'interfaces', knownKeys(body.interfaces, catalogue));
    out.interfaces = Object.fromEntries(Object.entries(given).map(([n, s]) => [n, oneOf(s, `interfaces.${n}`, ['active', 'disabled', 'deleted'] as const)]));
  }
  if (body.systemDailyLimit !== undefined) out.systemDailyLimit = body.systemDailyLimit === null ? null : wholeNumber(body.systemDailyLimit, 'systemDailyLimit', 0);
  return out;
}

/** `GET /admin/orders` query: `limit` a whole number 1–1000 (default 100), `state` P/S/F, `key` an account key. */
export function parseOrderListQuery(value: unknown): { accountKey?: string; state?: 'P' | 'S' | 'F'; limit: number } {
  const q = object(value ?? {}, '', ['key', 'state', 'limit']);
  const out: { accountKey?: string; state?: 'P' | 'S' | 'F'; limit: number } = { limit: 100 };
  if (q.key !== undefined) {
    if (typeof q.key !== 'string' || !/^[0-9a-f]{32}$/.test(q.key)) throw new InputError('key', 'must be an account key (32 lowercase hex characters)');
    out.accountKey = q.key;
  }
  if (q.state !== undefined) out.state = oneOf(q.state, 'state', ['P', 'S', 'F'] as const);
  if (q.limit !== undefined) {
    if (typeof q.limit !== 'string' || !/^\d+$/.test(q.limit)) throw new InputError('limit', `must be a whole number from 1 to ${MAX_ORDER_LIST_LIMIT}, got ${JSON.stringify(q.limit)}`);
    const n = Number(q.limit);
    if (n < 1 || n > MAX_ORDER_LIST_LIMIT) throw new InputError('limit', `must be a whole number from 1 to ${MAX_ORDER_LIST_LIMIT}, got ${n}`);
    out.limit = n;
  }
  return out;
}
