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

/** Takes the price off the balance only if the balance (or the post-paid credit line) covers it. */
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
    ),
);
const billingOf = compiledStatement((db: Kysely<Schema>, key: string) => db.selectFrom('accounts').select('billing').where('key', '=', key));

export type CallCharge = { ok: true } | { ok: false; status: '112' | '102' };

/**
 * Charges one successful call of a per-call interface: the conditional balance update and its
 * ledger row (kind `charge`, `order_no` = the call's OrderNumber, `interface` = its name) in one
 * transaction, so concurrent calls can never overdraw an account. 112 (pre-paid) or 102
 * (post-paid) when the balance does not cover the price. Handlers call it last, once the answer
 * is known to be a success: only successes are charged.
 */
export async function chargeCall(db: Kysely<Schema>, input: { accountKey: string; interfaceName: string; price: number; reference: string; nowMs: number }): Promise<CallCharge> {
  return db.transaction().execute((trx) => chargeCallIn(trx, input));
}

/** `chargeCall` inside a transaction the caller holds (a charge committed with what it paid for). */
export async function chargeCallIn(trx: Transaction<Schema>, input: { accountKey: string; interfaceName: string; price: number; reference: string; nowMs: number }): Promise<CallCharge> {
  const { accountKey, interfaceName, price, reference } = input;
  if (!Number.isSafeInteger(price) || price < 0) throw new Error(`a call's price must be whole units ≥ 0, got ${price}`);
  const at = new Date(input.nowMs).toISOString();
  const charged = await chargeIfCovered.execute(trx, accountKey, price);
  if (Number(charged.numAffectedRows) !== 1) {
    const row = await billingOf.first(trx, accountKey);
    return { ok: false, status: row?.billing === 'postpaid' ? '102' : '112' };
  }
  await insertLedger(trx, accountKey, reference, 'charge', -price, at, interfaceName);
  return { ok: true };
}
