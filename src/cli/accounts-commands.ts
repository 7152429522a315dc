import { parseArgs } from 'node:util';
import {
  ACCOUNT_STATES, accountView, createAccount, getAccount, listAccounts, permissionOf, rotateSecret, updateAccount,
  type Account, type AccountPatch, type AccountState, type ReportFormat,
} from '../accounts/accounts.js';
import { InputError, parseAccountPatch, parseNewAccount, parseSettingsPatch } from '../accounts/account-input.js';
import { secretBox, type SecretBox } from '../accounts/secrets.js';
import { resolveMasterKey, verifyMasterKeyOpensStoredSecrets } from '../accounts/master-key-check.js';
import { ProductInputError } from '../accounts/products.js';
import { isReportTypeProduct, parseReportTypeCodes, REPORT_TYPE_PRODUCT_CODES, REPORT_TYPE_PRODUCT_PREFIX, reportTypePrice, reportTypeProduct } from '../accounts/report-type-products.js';
import { REPORT_TYPE_TITLES } from '../reports/types/index.js';
import { readSystemSettings, updateSystemSettings, type InterfaceSwitch, type SystemSettingsPatch } from '../accounts/system-settings.js';
import type { Database } from '../db/database.js';
import { INTERFACE_REGISTRY } from '../protocol/catalogue.js';
import { UsageError, withCommandDatabase, type Command, type CommandContext } from './command.js';

/**
 * Opens the database and the SecretKey box the way the server does (same data dir, same master
 * key). On a shared database the key must be ZHENGXIN_MASTER_KEY and must open the SecretKeys
 * already stored, or the command refuses before writing anything: an account sealed under another
 * key could not be opened by any server.
 */
export async function withAccountStore<T>(ctx: CommandContext, fn: (database: Database, secrets: SecretBox) => Promise<T>): Promise<T> {
  // A MasterKeyError is printed as its message with exit code 1 (src/cli/main.ts).
  const master = resolveMasterKey({ configured: ctx.env.ZHENGXIN_MASTER_KEY?.trim() || undefined, databaseUrl: ctx.config.databaseUrl, dataDir: ctx.config.dataDir });
  if (master.generated) ctx.stderr.write(`generated a master key for SecretKeys at ${master.file} (mode 0600); back it up, or set ZHENGXIN_MASTER_KEY\n`);
  const secrets = secretBox(master.key);
  return withCommandDatabase(ctx, async (database) => {
    if (ctx.config.databaseUrl) await verifyMasterKeyOpensStoredSecrets(database.db, secrets);
    return fn(database, secrets);
  });
}

function parse(ctx: CommandContext, options: NonNullable<Parameters<typeof parseArgs>[0]>['options'], positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...ctx.argv], options: { json: { type: 'boolean' }, ...options }, allowPositionals: positionals > 0, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (parsed.positionals.length !== positionals) throw new UsageError(positionals === 1 ? 'expected exactly one argument' : 'unexpected arguments');
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

function wholeNumber(value: string | boolean | string[] | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number, got "${String(value)}"`);
  return Number(value);
}

/** The CLI flag of each schema field, so that a refusal names what the operator typed. */
const FLAG_OF: Record<string, string> = {
  name: '--name', balance: '--balance', topup: '--topup', creditLimit: '--credit-limit', dailyQuota: '--daily-quota',
  concurrencyLimit: '--concurrency', allowedIps: '--allow-ip', formats: '--formats', state: '--state',
  systemDailyLimit: '--system-daily-limit', interfaces: '--interfaces/--interface', maintenance: '--maintenance', prices: '--price', reportTypes: '--report-types',
  interfaceQuotas: '--quota', callbackUrl: '--callback-url',
};

/** Checks CLI input with the schema /admin uses (src/accounts/account-input.ts), as a usage error naming the flag. */
function checked<T>(parse: (v: unknown) => T, value: unknown): T {
  try {
    return parse(value);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const top = err.field.split('.')[0]!;
    throw new UsageError(`${FLAG_OF[top] ?? err.field}: ${err.reason}`);
  }
}

function formatsOf(value: string | boolean | string[] | undefined): ReportFormat[] | undefined {
  if (typeof value !== 'string') return undefined;
  const list = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  for (const f of list) if (f !== 'pdf' && f !== 'word' && f !== 'json') throw new UsageError(`--formats takes pdf, word and/or json, got "${f}"`);
  return list as ReportFormat[];
}

/** `--interfaces NAME,NAME` or `all`: exactly these are bought and enabled. */
function interfacesOf(value: string | boolean | string[] | undefined): string[] | 'all' | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.trim().toLowerCase() === 'all') return 'all';
  const list = value.split(',').map((n) => n.trim()).filter(Boolean);
  for (const n of list) if (!INTERFACE_REGISTRY.get(n) && !INTERFACE_REGISTRY.product(n)) throw new UsageError(`--interfaces: unknown interface "${n}" (known: ${INTERFACE_REGISTRY.names.join(', ')}, or all)`);
  return list;
}

/** `--report-types 1,2,3,4`: exactly these report types bought and enabled (`ReportType/N`; switch one off with `--disable ReportType/N`). */
function reportTypesOf(value: string | boolean | string[] | undefined): number[] | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseReportTypeCodes(value);
  } catch (err) {
    throw new UsageError(`--report-types: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** `--price NAME=UNITS` (repeatable): NAME is an interface, `NAME:FORMAT` for one priced per format, `TYPE:FORMAT` a report type's (`2:pdf`). */
function pricesOf(value: string | boolean | string[] | undefined): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const prices: Record<string, number> = {};
  for (const item of value as string[]) {
    const m = /^([^=]+)=(\d+)$/.exec(item.trim());
    if (!m) throw new UsageError(`--price takes NAME=UNITS (whole units ≥ 0), got "${item}"`);
    prices[m[1]!.trim()] = Number(m[2]);
  }
  return prices;
}

/** `--quota NAME=CALLS` (repeatable): NAME's own daily quota; `NAME=none` removes it. */
function quotasOf(value: string | boolean | string[] | undefined): Record<string, number | null> | undefined {
  if (value === undefined) return undefined;
  const quotas: Record<string, number | null> = {};
  for (const item of value as string[]) {
    const m = /^([^=]+)=(\d+|none)$/.exec(item.trim());
    if (!m) throw new UsageError(`--quota takes NAME=CALLS (whole calls per day ≥ 0) or NAME=none, got "${item}"`);
    quotas[m[1]!.trim()] = m[2] === 'none' ? null : Number(m[2]);
  }
  return quotas;
}

/** Permission and price errors are the operator's input errors. */
async function checkedInput<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProductInputError) throw new UsageError(err.message);
    throw err;
  }
}

function out(ctx: CommandContext, json: boolean, data: unknown, text: string): number {
  ctx.stdout.write(json ? JSON.stringify(data) + '\n' : text.endsWith('\n') ? text : text + '\n');
  return 0;
}

export function describeAccount(a: Account): string {
  const perms = Object.entries(a.interfaces).filter(([n, p]) => p.bought && !isReportTypeProduct(n)).map(([n, p]) => `${n}${p.enabled ? '' : ' (bought, off)'}`).join(', ') || 'none';
  const types = REPORT_TYPE_PRODUCT_CODES.filter((c) => permissionOf(a, reportTypeProduct(c)).bought)
    .map((c) => `${c} ${REPORT_TYPE_TITLES[c]}${permissionOf(a, reportTypeProduct(c)).enabled ? '' : ' (bought, off)'}`).join(', ') || 'none';
  // A report type without a price of its own costs the account's report price in that format.
  const priceText = (key: string, defaultPrice: number) => {
    const [name, format] = key.split(':');
    if (isReportTypeProduct(name!) && format) return String(reportTypePrice(a, Number(name!.slice(REPORT_TYPE_PRODUCT_PREFIX.length)), format, defaultPrice));
    return String(Object.hasOwn(a.prices, key) ? a.prices[key] : defaultPrice);
  };
  const prices = INTERFACE_REGISTRY.priceKeys().map(({ key, defaultPrice }) => `${key} ${priceText(key, defaultPrice)}`).join(', ');
  return [
    `key          ${a.key}`,
    `name         ${a.name}`,
    `state        ${a.state}${a.effectiveAt ? ` (effective from ${a.effectiveAt})` : ''}`,
    `billing      ${a.billing === 'prepaid' ? `prepaid, balance ${a.balance}` : `post-paid, balance ${a.balance}, credit line ${a.creditLimit}`}`,
    `prices       ${prices}; formats ${a.formats.join(',')}`,
    `interfaces   ${perms}`,
    `report types ${types}`,
    `allowed IPs  ${a.allowedIps.length ? a.allowedIps.join(', ') : 'any'}`,
    `daily quota  ${a.dailyQuota ?? 'none'}; per interface ${Object.entries(a.interfaceQuotas).map(([n, q]) => `${n} ${q}`).join(', ') || 'none'}; concurrency ${a.concurrencyLimit}`,
    ...(a.authLockedUntil || a.paramLockedUntil ? [`lockouts     106 until ${a.authLockedUntil ?? '-'}, 108 until ${a.paramLockedUntil ?? '-'}`] : []),
    `created      ${a.createdAt}`,
  ].join('\n');
}

export const accountsCreateCommand: Command = {
  name: 'accounts create',
  usage: 'accounts create --name NAME [--balance N] [--allow-ip CIDR]... [--formats pdf,word,json] [--interfaces NAME,NAME|all] [--report-types 1,2,3,4] [--price NAME[:FORMAT]=UNITS|TYPE:FORMAT=UNITS]... [--postpaid --credit-limit N] [--daily-quota N] [--quota NAME=CALLS]... [--callback-url URL] [--json]',
  summary: 'Create an API account and print its key and SecretKey (the SecretKey is shown this once).',
  async run(ctx) {
    const { values } = parse(ctx, {
      name: { type: 'string' }, balance: { type: 'string' }, 'allow-ip': { type: 'string', multiple: true }, formats: { type: 'string' },
      postpaid: { type: 'boolean' }, 'credit-limit': { type: 'string' }, 'daily-quota': { type: 'string' }, concurrency: { type: 'string' },
      interfaces: { type: 'string' }, price: { type: 'string', multiple: true }, quota: { type: 'string', multiple: true }, 'report-types': { type: 'string' }, 'callback-url': { type: 'string' },
    }, 0);
    if (typeof values.name !== 'string' || !values.name.trim()) throw new UsageError('--name is required');
    const interfaces = interfacesOf(values.interfaces);
    const reportTypes = reportTypesOf(values['report-types']);
    const prices = pricesOf(values.price);
    const quotas = quotasOf(values.quota);
    return withAccountStore(ctx, async (database, secrets) => {
      const { account, secretKey } = await checkedInput(() => createAccount(database.db, secrets, checked((v) => parseNewAccount(v, INTERFACE_REGISTRY), {
        name: values.name as string,
        balance: wholeNumber(values.balance, '--balance'),
        billing: values.postpaid ? 'postpaid' : 'prepaid',
        creditLimit: wholeNumber(values['credit-limit'], '--credit-limit'),
        allowedIps: (values['allow-ip'] as string[] | undefined) ?? [],
        formats: formatsOf(values.formats),
        dailyQuota: wholeNumber(values['daily-quota'], '--daily-quota') ?? null,
        concurrencyLimit: wholeNumber(values.concurrency, '--concurrency'),
        ...(interfaces !== undefined ? { interfaces } : {}),
        ...(reportTypes !== undefined ? { reportTypes } : {}),
        ...(prices !== undefined ? { prices } : {}),
        ...(quotas !== undefined ? { interfaceQuotas: quotas } : {}),
        ...(typeof values['callback-url'] === 'string' ? { callbackUrl: values['callback-url'] } : {}),
      }), Date.now(), INTERFACE_REGISTRY));
      return out(ctx, values.json === true, { key: account.key, secretKey },
        `${describeAccount(account)}\n\nkey        ${account.key}\nSecretKey  ${secretKey}\n\nThe SecretKey is shown only now: hand it to the customer over a safe channel.`);
    });
  },
};

export const accountsShowCommand: Command = {
  name: 'accounts show',
  usage: 'accounts show KEY [--json]',
  summary: 'Show one account (never its SecretKey).',
  async run(ctx) {
    const { values, positionals } = parse(ctx, {}, 1);
    return withAccountStore(ctx, async (database) => {
      const account = await getAccount(database.db, positionals[0]!);
      return out(ctx, values.json === true, accountView(account), describeAccount(account));
    });
  },
};

export const accountsListCommand: Command = {
  name: 'accounts list',
  usage: 'accounts list [--json]',
  summary: 'List the accounts.',
  async run(ctx) {
    const { values } = parse(ctx, {}, 0);
    return withAccountStore(ctx, async (database) => {
      const accounts = await listAccounts(database.db);
      const text = accounts.length === 0 ? 'no accounts' : accounts.map((a) => `${a.key}  ${a.state.padEnd(9)} ${String(a.balance).padStart(8)}  ${a.name}`).join('\n');
      return out(ctx, values.json === true, accounts.map(accountView), text);
    });
  },
};

export const accountsUpdateCommand: Command = {
  name: 'accounts update',
  usage: 'accounts update KEY [--suspend|--resume|--lock|--unlock|--abnormal|--state S] [--balance N] [--topup N] [--daily-quota N|--no-daily-quota] [--allow-ip CIDR]... [--clear-ips] [--formats pdf,word,json] [--interfaces NAME,NAME|all] [--report-types 1,2,3,4] [--enable NAME,…] [--disable NAME,…] [--price NAME[:FORMAT]=UNITS|TYPE:FORMAT=UNITS]... [--quota NAME=CALLS|NAME=none]... [--credit-limit N] [--concurrency N] [--callback-url URL|--no-callback-url] [--json]',
  summary: 'Change an account: state, balance (set or top up), daily quota (whole key, or per interface with --quota: 116), allowed IPs, formats, interfaces bought (--interfaces) or switched off (--disable: 111), prices.',
  async run(ctx) {
    const { values, positionals } = parse(ctx, {
      suspend: { type: 'boolean' }, resume: { type: 'boolean' }, lock: { type: 'boolean' }, unlock: { type: 'boolean' }, abnormal: { type: 'boolean' },
      state: { type: 'string' }, balance: { type: 'string' }, topup: { type: 'string' }, 'daily-quota': { type: 'string' }, 'no-daily-quota': { type: 'boolean' },
      'allow-ip': { type: 'string', multiple: true }, 'clear-ips': { type: 'boolean' }, formats: { type: 'string' }, 'credit-limit': { type: 'string' },
      concurrency: { type: 'string' }, name: { type: 'string' },
      interfaces: { type: 'string' }, enable: { type: 'string' }, disable: { type: 'string' }, price: { type: 'string', multiple: true },
      quota: { type: 'string', multiple: true }, 'report-types': { type: 'string' }, 'callback-url': { type: 'string' }, 'no-callback-url': { type: 'boolean' },
    }, 1);
    const states = (['suspend', 'resume', 'lock', 'unlock', 'abnormal'] as const).filter((f) => values[f]);
    if (states.length + (values.state ? 1 : 0) > 1) throw new UsageError('give at most one of --suspend, --resume, --lock, --unlock, --abnormal, --state');
    const patch: AccountPatch = {};
    const stateFlag: Record<string, AccountState> = { suspend: 'suspended', resume: 'active', lock: 'locked', unlock: 'active', abnormal: 'abnormal' };
    if (states[0]) patch.state = stateFlag[states[0]];
    if (typeof values.state === 'string') {
      if (!(ACCOUNT_STATES as readonly string[]).includes(values.state)) throw new UsageError(`--state takes one of ${ACCOUNT_STATES.join(', ')}`);
      patch.state = values.state as AccountState;
    }
    if (values.unlock || values.resume) patch.clearLockouts = true;
    patch.balance = wholeNumber(values.balance, '--balance');
    patch.topup = wholeNumber(values.topup, '--topup');
    patch.creditLimit = wholeNumber(values['credit-limit'], '--credit-limit');
    patch.concurrencyLimit = wholeNumber(values.concurrency, '--concurrency');
    if (values['no-daily-quota']) patch.dailyQuota = null;
    else patch.dailyQuota = wholeNumber(values['daily-quota'], '--daily-quota');
    if (values['clear-ips']) patch.allowedIps = [];
    if (values['allow-ip']) patch.allowedIps = values['allow-ip'] as string[];
    patch.formats = formatsOf(values.formats);
    if (typeof values.name === 'string') patch.name = values.name;
    patch.prices = pricesOf(values.price);
    patch.interfaceQuotas = quotasOf(values.quota);
    patch.reportTypes = reportTypesOf(values['report-types']);
    if (values['no-callback-url']) patch.callbackUrl = null;
    else if (typeof values['callback-url'] === 'string') patch.callbackUrl = values['callback-url'];
    const bought = interfacesOf(values.interfaces);
    const enable = interfacesOf(values.enable);
    const disable = interfacesOf(values.disable);
    if (bought !== undefined && (enable !== undefined || disable !== undefined)) throw new UsageError('give --interfaces, or --enable/--disable, not both');
    if (bought !== undefined) patch.interfaces = bought;
    else if (enable !== undefined || disable !== undefined) {
      const all = (v: string[] | 'all' | undefined) => (v === 'all' ? [...INTERFACE_REGISTRY.names] : v ?? []);
      patch.interfaces = Object.fromEntries([
        ...all(enable).map((n) => [n, { enabled: true }] as const),
        ...all(disable).map((n) => [n, { enabled: false }] as const),
      ]);
    }
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as AccountPatch;
    if (Object.keys(clean).length === 0) throw new UsageError('nothing to change');
    return withAccountStore(ctx, async (database) => {
      const account = await checkedInput(() => updateAccount(database.db, positionals[0]!, checked((v) => parseAccountPatch(v, INTERFACE_REGISTRY), clean), Date.now(), INTERFACE_REGISTRY));
      return out(ctx, values.json === true, accountView(account), describeAccount(account));
    });
  },
};

export const accountsRotateSecretCommand: Command = {
  name: 'accounts rotate-secret',
  usage: 'accounts rotate-secret KEY [--json]',
  summary: 'Issue a new SecretKey (the old one stops working at once) and print it, once.',
  async run(ctx) {
    const { values, positionals } = parse(ctx, {}, 1);
    return withAccountStore(ctx, async (database, secrets) => {
      const key = positionals[0]!;
      const secretKey = await rotateSecret(database.db, secrets, key, Date.now());
      return out(ctx, values.json === true, { key, secretKey }, `key        ${key}\nSecretKey  ${secretKey}\n\nThe SecretKey is shown only now.`);
    });
  },
};

export const settingsCommand: Command = {
  name: 'settings',
  usage: 'settings [--maintenance on|off] [--interface NAME=active|disabled|deleted]... [--system-daily-limit N|--no-system-daily-limit] [--json]',
  summary: 'Show or change the operator-wide switches: maintenance mode (124), interfaces (113/114), daily limit per key (109).',
  async run(ctx) {
    const { values } = parse(ctx, {
      maintenance: { type: 'string' }, interface: { type: 'string', multiple: true }, 'system-daily-limit': { type: 'string' }, 'no-system-daily-limit': { type: 'boolean' },
    }, 0);
    const patch: SystemSettingsPatch = {};
    if (values.maintenance !== undefined) {
      if (values.maintenance !== 'on' && values.maintenance !== 'off') throw new UsageError('--maintenance takes on or off');
      patch.maintenance = values.maintenance === 'on';
    }
    if (values.interface) {
      patch.interfaces = {};
      for (const item of values.interface as string[]) {
        const [name, state] = item.split('=');
        if (!name || !state) throw new UsageError(`--interface takes NAME=STATE, got "${item}"`);
        (patch.interfaces as Record<string, InterfaceSwitch>)[name] = state as InterfaceSwitch;
      }
    }
    if (values['no-system-daily-limit']) patch.systemDailyLimit = null;
    else if (values['system-daily-limit'] !== undefined) patch.systemDailyLimit = wholeNumber(values['system-daily-limit'], '--system-daily-limit')!;
    return withAccountStore(ctx, async (database) => {
      const settings = Object.keys(patch).length ? await updateSystemSettings(database.db, checked((v) => parseSettingsPatch(v, INTERFACE_REGISTRY), patch), INTERFACE_REGISTRY) : await readSystemSettings(database.db);
      const text = [
        `maintenance         ${settings.maintenance ? 'on (CreateReport answers 124)' : 'off'}`,
        ...INTERFACE_REGISTRY.names.map((n) => `interface ${n.padEnd(13)} ${settings.interfaces[n] ?? 'active'}`),
        `system daily limit  ${settings.systemDailyLimit ?? 'none'}`,
      ].join('\n');
      return out(ctx, values.json === true, settings, text);
    });
  },
};

export const ACCOUNT_COMMANDS: readonly Command[] = [
  accountsCreateCommand, accountsListCommand, accountsRotateSecretCommand, accountsShowCommand, accountsUpdateCommand, settingsCommand,
];
