import type { Kysely, Selectable } from 'kysely';
import { type Account, accountFromRow } from '../accounts/accounts.js';
import { INTERFACE_SETTING_PREFIX, SYSTEM_SETTING_NAMES, systemSettingsFrom, type SystemSettings } from '../accounts/system-settings.js';
import type { AccountTable, Schema } from '../db/schema.js';
import type { Order, OrderState } from '../orders/orders.js';
import { ChangeStampedCache, sqliteChangeWatch } from '../db/change-stamped-cache.js';
import { compiledStatement } from '../db/compiled-query.js';
import { sqliteHandleOf } from '../db/database.js';

/** What one API call reads before its checks: the account, the operator's switches and, for GetReportInfo, the order. */
export interface CallContext {
  readonly account: Account;
  /** The operator's switches; `interfaces` holds the called interface's switch only. */
  readonly settings: SystemSettings;
  /**
   * Where the order asked about stands, when it exists and belongs to the account; else undefined.
   * Only what GetReportInfo answers by default: the whole order (ext=1) is read separately.
   */
  readonly order: Pick<Order, 'orderNo' | 'state' | 'retrieveCode'> | undefined;
}

const SETTING_ALIASES = SYSTEM_SETTING_NAMES.map((_, i) => `setting_${i}` as const);

/*
 * One statement instead of three (account, system_settings, order): on SQLite each statement
 * outside a transaction opens and closes a read transaction of its own, which costs more than the
 * look-ups themselves. The settings come as scalar subqueries (the table holds a handful of rows),
 * so every process still sees an operator's switch on its next call. The order is joined on both
 * its number and the account, so someone else's order reads as no order at all. Every column
 * costs (the driver builds an object per row with a property per column), so the order brings
 * only the three columns GetReportInfo answers with.
 */
const readContext = compiledStatement((db: Kysely<Schema>, key: string, orderNo: string, interfaceSetting: string) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('orders as o', (join) => join.on('o.order_no', '=', orderNo).onRef('o.account_key', '=', 'a.key'))
    .selectAll('a')
    .select(['o.order_no as o_order_no', 'o.state as o_state', 'o.retrieve_code as o_retrieve_code'])
    .select((eb) => SYSTEM_SETTING_NAMES.map((name, i) => eb.selectFrom('system_settings').select('value').where('name', '=', name).as(SETTING_ALIASES[i]!)))
    .select((eb) => eb.selectFrom('system_settings').select('value').where('name', '=', interfaceSetting).as('interface_switch'))
    .where('a.key', '=', key),
);

/**
 * Reads the call's context in one round trip; undefined when there is no account with this key.
 * `orderNo` (already validated) is read along when given; `interfaceName`'s operator switch too.
 */
export async function readCallContext(db: Kysely<Schema>, key: string, orderNo?: string, interfaceName = ''): Promise<CallContext | undefined> {
  const row = await readContext.first(db, key, orderNo ?? '', INTERFACE_SETTING_PREFIX + interfaceName);
  if (!row) return undefined;
  const values = row as unknown as Record<string, string | null>;
  const settings = systemSettingsFrom((name) => values[SETTING_ALIASES[SYSTEM_SETTING_NAMES.indexOf(name)]!], interfaceName ? [[interfaceName, values.interface_switch]] : []);
  const order = row.o_order_no === null || row.o_order_no === undefined
    ? undefined
    : { orderNo: row.o_order_no, state: row.o_state as OrderState, retrieveCode: row.o_retrieve_code ?? null };
  return { account: accountFromRow(row as unknown as Selectable<AccountTable>), settings, order };
}

export type CallContextReader = (key: string, orderNo?: string, interfaceName?: string) => Promise<CallContext | undefined>;

/**
 * The API's context reader. On SQLite, contexts are kept in memory and checked on every call
 * against the database's change stamp (src/db/change-stamped-cache.ts): a call reads the
 * database's version (~4 µs) instead of the context statement (~25 µs plus building a 26-column
 * row), and any commit by another process or connection, or any write of this connection, makes
 * the next call read afresh. What the checks see is therefore exactly what the statement would
 * have answered. The cached contexts are frozen: every call shares them.
 * On PostgreSQL (several API processes, pooled connections) every call reads the statement.
 */
export function callContextReader(db: Kysely<Schema>): CallContextReader {
  const sqlite = sqliteHandleOf(db);
  if (!sqlite) return (key, orderNo, interfaceName) => readCallContext(db, key, orderNo, interfaceName);
  const cache = new ChangeStampedCache<CallContext>(sqliteChangeWatch(sqlite));
  return (key, orderNo, interfaceName = '') => cache.lookup(`${interfaceName} ${key} ${orderNo ?? ''}`, async () => {
    const context = await readCallContext(db, key, orderNo, interfaceName);
    return context && deepFreeze(context);
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
