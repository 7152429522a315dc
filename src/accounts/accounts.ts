import type { Kysely, Selectable } from 'kysely';
import { compiledStatement } from '../db/compiled-query.js';
import type { AccountTable, Schema } from '../db/schema.js';
import { parseCidr } from './ip-allow-list.js';
import { timeOrderedId } from './row-ids.js';
import { normaliseInterfaceQuotas, normaliseInterfaces, normalisePrices, UNCHECKED_CATALOGUE, type ProductCatalogue } from './products.js';
import { generateAccountKey, generateSecretKey, type SecretBox } from './secrets.js';
import { parseReportTypeCodes, reportTypePermissions } from './report-type-products.js';

export const ACCOUNT_STATES = ['active', 'pending', 'suspended', 'abnormal', 'locked'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];
export type Billing = 'prepaid' | 'postpaid';
/** `json` is the wire's `reportFormat=3` (an extension): the report as data. */
export const REPORT_FORMATS = ['pdf', 'word', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface InterfacePermission {
  readonly bought: boolean;
  readonly enabled: boolean;
}

/** An account as the rest of the service sees it. The SecretKey stays sealed in `secretEnc`. */
export interface Account {
  readonly key: string;
  readonly name: string;
  readonly secretEnc: string;
  readonly state: AccountState;
  /** Before this instant the key answers 101 (not yet effective). */
  readonly effectiveAt: string | null;
  readonly billing: Billing;
  /** Whole report units; a post-paid account may go down to −creditLimit. */
  readonly balance: number;
  readonly creditLimit: number;
  /**
   * Prices set for this account, by price key (src/accounts/products.ts): an interface's name
   * (`FuzzySearch/GetList`), or `NAME:FORMAT` for one priced per format (`CreateReport:pdf`). A key
   * not set here costs the interface's default price.
   */
  readonly prices: Readonly<Record<string, number>>;
  readonly formats: readonly ReportFormat[];
  /** Permissions by interface name; an interface not named here is not bought (see `permissionOf`). */
  readonly interfaces: Readonly<Record<string, InterfacePermission>>;
  readonly allowedIps: readonly string[];
  readonly dailyQuota: number | null;
  /**
   * Daily quotas of single interfaces, by interface name: the most billed calls of it per China
   * Standard Time day (116 `interface_daily_quota` past it). An interface not named here has none
   * of its own (the account-wide `dailyQuota` still counts it).
   */
  readonly interfaceQuotas: Readonly<Record<string, number>>;
  readonly concurrencyLimit: number;
  /** Orders of the key still in `P`, kept by the order transactions (the 122 check reads it). */
  readonly ordersInFlight: number;
  readonly authLockedUntil: string | null;
  readonly paramLockedUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Where signed callbacks go (docs/realtime.md); null: none. */
  readonly callbackUrl: string | null;
}

export class AccountNotFoundError extends Error {
  override name = 'AccountNotFoundError';
  constructor(key: string) {
    super(`no account with key ${key}`);
  }
}

export const DEFAULT_CONCURRENCY_LIMIT = 100;
export const DEFAULT_PRICE = 1;

/**
 * What an account holds when nothing says otherwise: the two report interfaces and report type 1
 * (the credit report), bought and enabled (every account had them before interfaces and report
 * types were per account, so older rows keep working). Everything else is bought explicitly.
 */
export const DEFAULT_INTERFACES: Readonly<Record<string, InterfacePermission>> = Object.freeze({
  CreateReport: Object.freeze({ bought: true, enabled: true }),
  GetReportInfo: Object.freeze({ bought: true, enabled: true }),
  'ReportType/1': Object.freeze({ bought: true, enabled: true }),
});
const NOT_BOUGHT: InterfacePermission = Object.freeze({ bought: false, enabled: false });

/** The account's permission for an interface; never bought when the account does not name it. */
export function permissionOf(account: Pick<Account, 'interfaces'>, name: string): InterfacePermission {
  return Object.hasOwn(account.interfaces, name) ? account.interfaces[name]! : NOT_BOUGHT;
}

/** The account's price for a price key, or `fallback` (the interface's default) when none is set. */
export function priceOf(account: Pick<Account, 'prices'>, priceKey: string, fallback: number): number {
  return Object.hasOwn(account.prices, priceKey) ? account.prices[priceKey]! : fallback;
}

export function accountFromRow(row: Selectable<AccountTable>): Account {
  const interfaces = parsedInterfaces(row.interfaces);
  return {
    key: row.key,
    name: row.name,
    secretEnc: row.secret_enc,
    state: row.state as AccountState,
    effectiveAt: row.effective_at,
    billing: row.billing as Billing,
    balance: Number(row.balance),
    creditLimit: Number(row.credit_limit),
    prices: parsedPrices(row.prices),
    formats: row.formats.split(',').filter(Boolean) as ReportFormat[],
    interfaces,
    allowedIps: parsedAllowedIps(row.allowed_ips),
    dailyQuota: row.daily_quota === null ? null : Number(row.daily_quota),
    // Rows read by code older than 0075 (a cached context) have no column: no quotas.
    interfaceQuotas: row.interface_quotas === undefined ? NO_QUOTAS : parsedQuotas(row.interface_quotas),
    concurrencyLimit: Number(row.concurrency_limit),
    ordersInFlight: Number(row.orders_in_flight),
    authLockedUntil: row.auth_locked_until,
    paramLockedUntil: row.param_locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    callbackUrl: row.callback_url ?? null,
  };
}

/*
 * The two JSON columns are parsed on every API call's account read; their texts repeat (a few
 * shapes across all accounts), so the parsed, frozen values are kept by text. Bounded: a cache
 * that outgrows its cap is simply emptied.
 */
const PARSED_JSON_CACHE_MAX = 1000;
const interfacesByText = new Map<string, Readonly<Record<string, InterfacePermission>>>();
const pricesByText = new Map<string, Readonly<Record<string, number>>>();
const allowedIpsByText = new Map<string, readonly string[]>();
const quotasByText = new Map<string, Readonly<Record<string, number>>>();
const NO_QUOTAS: Readonly<Record<string, number>> = Object.freeze({});

function parsedQuotas(text: string): Readonly<Record<string, number>> {
  return cachedByText(quotasByText, text, () => JSON.parse(text) as Record<string, number>);
}

function parsedInterfaces(text: string): Readonly<Record<string, InterfacePermission>> {
  return cachedByText(interfacesByText, text, () => ({ ...DEFAULT_INTERFACES, ...(JSON.parse(text) as Record<string, InterfacePermission>) }));
}

function parsedPrices(text: string): Readonly<Record<string, number>> {
  return cachedByText(pricesByText, text, () => JSON.parse(text) as Record<string, number>);
}

function parsedAllowedIps(text: string): readonly string[] {
  return cachedByText(allowedIpsByText, text, () => JSON.parse(text) as string[]);
}

function cachedByText<T extends object>(cache: Map<string, Readonly<T>>, text: string, parse: () => T): Readonly<T> {
  let parsed = cache.get(text);
  if (!parsed) {
    parsed = Object.freeze(parse());
    if (cache.size >= PARSED_JSON_CACHE_MAX) cache.clear();
    cache.set(text, parsed);
  }
  return parsed;
}

/** What operators see (CLI, /admin): everything except the sealed SecretKey. */
export function accountView(a: Account): Record<string, unknown> {
  const { secretEnc: _secret, ...rest } = a;
  return rest;
}

export interface NewAccount {
  name: string;
  balance?: number;
  billing?: Billing;
  creditLimit?: number;
  allowedIps?: readonly string[];
  formats?: readonly ReportFormat[];
  /** By price key (src/accounts/products.ts); `pdf`/`word` are CreateReport's. Checked against the catalogue. */
  prices?: Readonly<Record<string, unknown>>;
  dailyQuota?: number | null;
  /** `{NAME: calls}` per-interface daily quotas (null entries are ignored). Checked against the catalogue. */
  interfaceQuotas?: Readonly<Record<string, unknown>>;
  concurrencyLimit?: number;
  state?: AccountState;
  effectiveAt?: string | null;
  /** Names (or `"all"`) bought and enabled, or `{NAME: {bought, enabled}}`; default: the two report interfaces. */
  interfaces?: unknown;
  /** Where signed callbacks go (checked by the caller: http(s) only). */
  callbackUrl?: string | null;
  /** Report type codes (1–4) bought and enabled, the others not bought; default: `[1]`. */
  reportTypes?: unknown;
}

/**
 * Creates an account; the SecretKey is returned here once and is never readable again in clear.
 * Interface names and price keys are checked against `catalogue` (the API's interface registry).
 */
export async function createAccount(db: Kysely<Schema>, box: SecretBox, input: NewAccount, nowMs: number, catalogue: ProductCatalogue = UNCHECKED_CATALOGUE): Promise<{ account: Account; secretKey: string }> {
  const name = input.name.trim();
  if (!name) throw new Error('account name must not be empty');
  const key = generateAccountKey();
  const secretKey = generateSecretKey();
  const now = new Date(nowMs).toISOString();
  const prices = normalisePrices(input.prices ?? {}, catalogue);
  const listed = input.interfaces === undefined ? { ...DEFAULT_INTERFACES } : normaliseInterfaces(input.interfaces, catalogue, DEFAULT_INTERFACES);
  const interfaces = input.reportTypes === undefined ? listed : { ...listed, ...reportTypePermissions(parseReportTypeCodes(input.reportTypes)) };
  const row: Selectable<AccountTable> = {
    key,
    name,
    secret_enc: box.seal(key, secretKey),
    state: input.state ?? 'active',
    effective_at: input.effectiveAt ?? null,
    billing: input.billing ?? 'prepaid',
    balance: wholeUnits(input.balance ?? 0, 'balance'),
    credit_limit: wholeUnits(input.creditLimit ?? 0, 'credit limit'),
    price_pdf: prices['CreateReport:pdf'] ?? DEFAULT_PRICE,
    price_word: prices['CreateReport:word'] ?? DEFAULT_PRICE,
    prices: JSON.stringify(prices),
    formats: checkFormats(input.formats ?? REPORT_FORMATS).join(','),
    interfaces: JSON.stringify(interfaces),
    allowed_ips: JSON.stringify(checkCidrs(input.allowedIps ?? [])),
    daily_quota: input.dailyQuota ?? null,
    interface_quotas: JSON.stringify(normaliseInterfaceQuotas({}, input.interfaceQuotas ?? {}, catalogue)),
    concurrency_limit: input.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT,
    orders_in_flight: 0,
    auth_locked_until: null,
    param_locked_until: null,
    created_at: now,
    updated_at: now,
    callback_url: input.callbackUrl ?? null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('accounts').values(row).execute();
    if (row.balance !== 0) await insertLedger(trx, key, null, 'topup', row.balance, now);
  });
  return { account: accountFromRow(row), secretKey };
}

export async function findAccount(db: Kysely<Schema>, key: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? accountFromRow(row) : undefined;
}

export async function getAccount(db: Kysely<Schema>, key: string): Promise<Account> {
  const a = await findAccount(db, key);
  if (!a) throw new AccountNotFoundError(key);
  return a;
}

export async function listAccounts(db: Kysely<Schema>): Promise<Account[]> {
  const rows = await db.selectFrom('accounts').selectAll().orderBy('created_at').orderBy('key').execute();
  return rows.map(accountFromRow);
}

export interface AccountPatch {
  name?: string;
  state?: AccountState;
  effectiveAt?: string | null;
  billing?: Billing;
  /** Sets the balance (recorded in the ledger as an adjustment). */
  balance?: number;
  /** Adds to the balance (recorded in the ledger as a top-up). */
  topup?: number;
  creditLimit?: number;
  /** Merged into the account's prices (same keys as NewAccount's). */
  prices?: Readonly<Record<string, unknown>>;
  formats?: readonly ReportFormat[];
  /** A list (or `"all"`) replaces the bought set; an object changes the interfaces it names. */
  interfaces?: unknown;
  /** Report type codes (1–4): exactly these bought and enabled (applied after `interfaces`). */
  reportTypes?: unknown;
  allowedIps?: readonly string[];
  dailyQuota?: number | null;
  /** Merged into the per-interface daily quotas: `{NAME: calls}` sets one, `{NAME: null}` removes it. */
  interfaceQuotas?: Readonly<Record<string, unknown>>;
  concurrencyLimit?: number;
  /** Clears the 106/108 lockouts (also done by `state: 'active'` from `locked`). */
  clearLockouts?: boolean;
  /** Where signed callbacks go; null removes it. */
  callbackUrl?: string | null;
}

/** Applies an operator's change in one transaction; balance changes are written to the ledger. */
export async function updateAccount(db: Kysely<Schema>, key: string, patch: AccountPatch, nowMs: number, catalogue: ProductCatalogue = UNCHECKED_CATALOGUE): Promise<Account> {
  const now = new Date(nowMs).toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('accounts').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) throw new AccountNotFoundError(key);
    const current = accountFromRow(row);
    const set: Partial<Selectable<AccountTable>> = { updated_at: now };
    if (patch.name !== undefined) set.name = patch.name.trim() || current.name;
    if (patch.state !== undefined) {
      if (!ACCOUNT_STATES.includes(patch.state)) throw new Error(`unknown account state "${patch.state}"`);
      set.state = patch.state;
    }
    if (patch.effectiveAt !== undefined) set.effective_at = patch.effectiveAt;
    if (patch.billing !== undefined) set.billing = patch.billing;
    if (patch.creditLimit !== undefined) set.credit_limit = wholeUnits(patch.creditLimit, 'credit limit');
    if (patch.prices !== undefined) {
      const prices = { ...current.prices, ...normalisePrices(patch.prices, catalogue) };
      set.prices = JSON.stringify(prices);
      set.price_pdf = prices['CreateReport:pdf'] ?? DEFAULT_PRICE;
      set.price_word = prices['CreateReport:word'] ?? DEFAULT_PRICE;
    }
    if (patch.formats !== undefined) set.formats = checkFormats(patch.formats).join(',');
    if (patch.interfaces !== undefined || patch.reportTypes !== undefined) {
      const listed = patch.interfaces === undefined ? current.interfaces : normaliseInterfaces(patch.interfaces, catalogue, current.interfaces);
      set.interfaces = JSON.stringify(patch.reportTypes === undefined ? listed : { ...listed, ...reportTypePermissions(parseReportTypeCodes(patch.reportTypes)) });
    }
    if (patch.allowedIps !== undefined) set.allowed_ips = JSON.stringify(checkCidrs(patch.allowedIps));
    if (patch.dailyQuota !== undefined) set.daily_quota = patch.dailyQuota === null ? null : wholeUnits(patch.dailyQuota, 'daily quota');
    if (patch.interfaceQuotas !== undefined) set.interface_quotas = JSON.stringify(normaliseInterfaceQuotas(current.interfaceQuotas, patch.interfaceQuotas, catalogue));
    if (patch.concurrencyLimit !== undefined) set.concurrency_limit = wholeUnits(patch.concurrencyLimit, 'concurrency limit');
    if (patch.callbackUrl !== undefined) set.callback_url = patch.callbackUrl;
    if (patch.clearLockouts || (patch.state === 'active' && current.state === 'locked')) {
      set.auth_locked_until = null;
      set.param_locked_until = null;
      await trx.deleteFrom('account_failures').where('account_key', '=', key).execute();
    }
    await trx.updateTable('accounts').set(set).where('key', '=', key).execute();
    // Balance changes are relative updates so that they compose with concurrent charges.
    if (patch.balance !== undefined) {
      const delta = wholeUnits(patch.balance, 'balance') - current.balance;
      await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '+', delta) })).where('key', '=', key).execute();
      await insertLedger(trx, key, null, 'adjust', delta, now);
    }
    if (patch.topup !== undefined) {
      const amount = wholeUnits(patch.topup, 'top-up');
      await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '+', amount) })).where('key', '=', key).execute();
      await insertLedger(trx, key, null, 'topup', amount, now);
    }
  });
  return getAccount(db, key);
}

/** Issues a new SecretKey (the old one stops working at once) and returns it, once. */
export async function rotateSecret(db: Kysely<Schema>, box: SecretBox, key: string, nowMs: number): Promise<string> {
  const secretKey = generateSecretKey();
  const res = await db
    .updateTable('accounts')
    .set({ secret_enc: box.seal(key, secretKey), updated_at: new Date(nowMs).toISOString() })
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AccountNotFoundError(key);
  return secretKey;
}

/** Compiled once per dialect (src/db/compiled-query.ts): every order's transaction writes one. */
const insertLedgerRow = compiledStatement((db: Kysely<Schema>, id: string, key: string, orderNo: string | null, kind: string, amount: number, at: string, interfaceName: string | null) =>
  db.insertInto('account_ledger').values({ id, account_key: key, order_no: orderNo, kind, amount, at, interface: interfaceName }),
);

export async function insertLedger(db: Kysely<Schema>, accountKey: string, orderNo: string | null, kind: 'charge' | 'refund' | 'topup' | 'adjust', amount: number, at: string, interfaceName: string | null = null): Promise<void> {
  await insertLedgerRow.execute(db, timeOrderedId(), accountKey, orderNo, kind, amount, at, interfaceName);
}

function wholeUnits(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be a whole number, got ${n}`);
  return n;
}

function checkFormats(formats: readonly string[]): ReportFormat[] {
  for (const f of formats) if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw new Error(`unknown report format "${f}" (pdf, word or json)`);
  if (formats.length === 0) throw new Error('an account needs at least one report format');
  return [...new Set(formats)] as ReportFormat[];
}

function checkCidrs(cidrs: readonly string[]): string[] {
  return cidrs.map((c) => {
    const { address, prefix } = parseCidr(c);
    return `${address}/${prefix}`;
  });
}
