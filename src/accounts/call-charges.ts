import type { Kysely, Transaction } from 'kysely';
import { compiledStatement } from '../db/compiled-query.js';
import type { Schema } from '../db/schema.js';
import { insertLedger } from './accounts.js';
import { chinaDayStart } from './quotas.js';

/**
 * Calls the key was charged for today (China Standard Time day): every ledger charge, so orders and
 * per-call interfaces count alike toward the daily limits (109, 116). A price of 0 still writes
 * its charge row, so free-priced calls count too.
 */
const countChargesSince = compiledStatement((db: Kysely<Schema>, key: string, since: string) =>
  db.selectFrom('account_ledger').select((eb) => eb.fn.countAll<number>().as('n')).where('account_key', '=', key).where('kind', '=', 'charge').where('at', '>=', since),
);

export async function billedCallsToday(db: Kysely<Schema>, accountKey: string, nowMs: number): Promise<number> {
  const row = await countChargesSince.first(db, accountKey, chinaDayStart(nowMs));
  return Number(row?.n ?? 0);
}

const countInterfaceChargesSince = compiledStatement((db: Kysely<Schema>, key: string, interfaceName: string, since: string) =>
  db
    .selectFrom('account_ledger')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_key', '=', key)
    .where('interface', '=', interfaceName)
    .where('kind', '=', 'charge')
    .where('at', '>=', since),
);

/** Calls of one interface the key was charged for today (per-interface daily quotas; orders are `CreateReport`'s). */
export async function billedInterfaceCallsToday(db: Kysely<Schema>, accountKey: string, interfaceName: string, nowMs: number): Promise<number> {
  const row = await countInterfaceChargesSince.first(db, accountKey, interfaceName, chinaDayStart(nowMs));
  return Number(row?.n ?? 0);
}

/**
 * Takes the price off the balance only if the balance (or the post-paid credit line) covers it,
 * and hands back what the quota check under the lock needs: the key's quotas and the operator's
 * daily limit, read with the row locked.
 */
const chargeIfCovered = compiledStatement((db: Kysely<Schema>, key: string, price: number) =>
  db
    .updateTable('accounts')
    .set((eb) => ({ balance: eb('balance', '-', price) }))
    .where('key', '=', key)
    .where((eb) =>
      eb.or([
        eb.and([eb('billing', '=', 'prepaid'), eb('balance', '>=', price)]),
        eb.and([eb('billing', '=', 'postpaid'), eb(eb('balance', '+', eb.ref('credit_limit')), '>=', price)]),
      ]),
    )
    .returning((eb) => [
      'daily_quota',
      'interface_quotas',
      eb.selectFrom('system_settings').select('value').where('name', '=', 'system_daily_limit').as('system_daily_limit'),
    ]),
);
/** Gives a charge back inside its own transaction (a quota reached under the lock). */
const undoCharge = compiledStatement((db: Kysely<Schema>, key: string, price: number) =>
  db.updateTable('accounts').set((eb) => ({ balance: eb('balance', '+', price) })).where('key', '=', key),
);
const billingOf = compiledStatement((db: Kysely<Schema>, key: string) => db.selectFrom('accounts').select('billing').where('key', '=', key));

export type CallChargeRefusal =
  | { ok: false; status: '112'; reason: 'balance_exhausted' }
  | { ok: false; status: '102'; reason: 'credit_line_exceeded' }
  | { ok: false; status: '109'; reason: 'system_daily_limit' }
  | { ok: false; status: '116'; reason: 'daily_quota' | 'interface_daily_quota' };
export type CallCharge = { ok: true } | CallChargeRefusal;

/** The daily limits a charge is held to: the operator's (109), the key's (116) and the interface's own (116). */
export interface DailyLimits {
  readonly systemDailyLimit: number | null;
  readonly dailyQuota: number | null;
  readonly interfaceQuota: number | null;
}

/**
 * Which daily limit the key has reached for one more charge of `interfaceName` today, if any.
 * Meant to run inside the charge's transaction after the account row's write lock was taken (the
 * conditional balance UPDATE takes it on PostgreSQL; SQLite has one writer at a time), so the
 * charges it counts cannot grow under it: concurrent calls queue on the lock and each sees the
 * charges committed before it, and exactly as many as the quota allows pass.
 */
export async function dailyLimitReached(
  trx: Kysely<Schema>,
  accountKey: string,
  interfaceName: string,
  limits: DailyLimits,
  nowMs: number,
): Promise<CallChargeRefusal | undefined> {
  if (limits.systemDailyLimit !== null || limits.dailyQuota !== null) {
    const today = await billedCallsToday(trx, accountKey, nowMs);
    if (limits.systemDailyLimit !== null && today >= limits.systemDailyLimit) return { ok: false, status: '109', reason: 'system_daily_limit' };
    if (limits.dailyQuota !== null && today >= limits.dailyQuota) return { ok: false, status: '116', reason: 'daily_quota' };
  }
  if (limits.interfaceQuota !== null && (await billedInterfaceCallsToday(trx, accountKey, interfaceName, nowMs)) >= limits.interfaceQuota) {
    return { ok: false, status: '116', reason: 'interface_daily_quota' };
  }
  return undefined;
}

/**
 * Charges one successful call of a per-call interface: the conditional balance update, the daily
 * limits (109, 116 key-wide and per interface) counted under the account row's lock that update
 * took, and its ledger row (kind `charge`, `order_no` = the call's OrderNumber, `interface` = its
 * name), in one transaction, so concurrent calls can never overdraw an account nor pass a quota
 * together. 112 (pre-paid) or 102 (post-paid) when the balance does not cover the price; 109/116
 * when the day's limit is reached. Handlers call it last, once the answer is known to be a
 * success: only successes are charged.
 */
export async function chargeCall(db: Kysely<Schema>, input: ChargeInput): Promise<CallCharge> {
  return db.transaction().execute((trx) => chargeCallIn(trx, input));
}

type ChargeInput = { accountKey: string; interfaceName: string; price: number; reference: string; nowMs: number };

/**
 * `chargeCall` inside a transaction the caller holds (a charge committed with what it paid for).
 * A refusal leaves the balance as it was, within the transaction too, so a caller may commit
 * whatever else it wrote.
 */
export async function chargeCallIn(trx: Transaction<Schema>, input: ChargeInput): Promise<CallCharge> {
  const { accountKey, interfaceName, price, reference } = input;
  if (!Number.isSafeInteger(price) || price < 0) throw new Error(`a call's price must be whole units ≥ 0, got ${price}`);
  const at = new Date(input.nowMs).toISOString();
  const charged = await chargeIfCovered.first(trx, accountKey, price);
  if (!charged) {
    const row = await billingOf.first(trx, accountKey);
    return row?.billing === 'postpaid' ? { ok: false, status: '102', reason: 'credit_line_exceeded' } : { ok: false, status: '112', reason: 'balance_exhausted' };
  }
  const interfaceQuotas = JSON.parse(charged.interface_quotas) as Record<string, number>;
  const limits: DailyLimits = {
    systemDailyLimit: charged.system_daily_limit ? Number(charged.system_daily_limit) : null,
    dailyQuota: charged.daily_quota === null ? null : Number(charged.daily_quota),
    interfaceQuota: Object.hasOwn(interfaceQuotas, interfaceName) ? interfaceQuotas[interfaceName]! : null,
  };
  const reached = await dailyLimitReached(trx, accountKey, interfaceName, limits, input.nowMs);
  if (reached) {
    await undoCharge.execute(trx, accountKey, price);
    return reached;
  }
  await insertLedger(trx, accountKey, reference, 'charge', -price, at, interfaceName);
  return { ok: true };
}
