import type { Kysely, Selectable } from 'kysely';
import { type Account, accountFromRow } from '../accounts/accounts.js';
import { SYSTEM_SETTING_NAMES, systemSettingsFrom, type SystemSettings } from '../accounts/system-settings.js';
import type { AccountTable, OrderTable, Schema } from '../db/schema.js';
import { ORDER_COLUMNS, type Order, orderFromRow } from '../orders/orders.js';
import { compiledStatement } from './compiled-query.js';

/** What one API call reads before its checks: the account, the operator's switches and, for GetReportInfo, the order. */
export interface CallContext {
  readonly account: Account;
  readonly settings: SystemSettings;
  /** The order asked about, when it exists and belongs to the account; else undefined. */
  readonly order: Order | undefined;
}

const settingAlias = (i: number) => `setting_${i}` as const;

/*
 * One statement instead of three (account, system_settings, order): on SQLite each statement
 * outside a transaction opens and closes a read transaction of its own, which costs more than the
 * look-ups themselves. The settings come as scalar subqueries (the table holds a handful of rows),
 * so every process still sees an operator's switch on its next call. The order is joined on both
 * its number and the account, so someone else's order reads as no order at all.
 */
const readContext = compiledStatement((db: Kysely<Schema>, key: string, orderNo: string) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('orders as o', (join) => join.on('o.order_no', '=', orderNo).onRef('o.account_key', '=', 'a.key'))
    .selectAll('a')
    .select(ORDER_COLUMNS.map((c) => `o.${c} as o_${c}` as const))
    .select((eb) => SYSTEM_SETTING_NAMES.map((name, i) => eb.selectFrom('system_settings').select('value').where('name', '=', name).as(settingAlias(i))))
    .where('a.key', '=', key),
);

/**
 * Reads the call's context in one round trip; undefined when there is no account with this key.
 * `orderNo` (already validated) is read along when given.
 */
export async function readCallContext(db: Kysely<Schema>, key: string, orderNo?: string): Promise<CallContext | undefined> {
  const row = (await readContext.first(db, key, orderNo ?? '')) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  const settings = systemSettingsFrom((name) => row[settingAlias(SYSTEM_SETTING_NAMES.indexOf(name))] as string | null);
  let order: Order | undefined;
  if (row.o_order_no !== null && row.o_order_no !== undefined) {
    const orderRow: Record<string, unknown> = {};
    for (const c of ORDER_COLUMNS) orderRow[c] = row[`o_${c}`];
    order = orderFromRow(orderRow as unknown as Selectable<OrderTable>);
  }
  return { account: accountFromRow(row as unknown as Selectable<AccountTable>), settings, order };
}
