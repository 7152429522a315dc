/**
 * Customers' watch lists (风险监控, issue 18 item 3): which companies an account watches, and the
 * change feed's events of those companies since each was added.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CallCharge, CallChargeRefusal } from '../accounts/call-charges.js';
import type { Schema } from '../db/schema.js';
import { feedHead, rowToEvent, type FeedEventRow } from './feed.js';

export const DEFAULT_WATCH_LIMIT = 10_000;

export interface Watch {
  readonly keyNo: string;
  readonly name: string;
  readonly addedAt: string;
}

export type AddWatchResult = { ok: true; added: boolean; addedAt: string } | { ok: false; status: '209' } | CallChargeRefusal;

/**
 * Adds `keyNo` to the account's list, charging `charge` in the same transaction (nothing when it
 * was already watched). The account row is locked first, so two concurrent adds cannot both take
 * the last place under `limit`.
 */
export async function addWatch(
  db: Kysely<Schema>,
  input: { accountKey: string; keyNo: string; limit: number; nowMs: number },
  charge: (trx: Transaction<Schema>) => Promise<CallCharge>,
): Promise<AddWatchResult> {
  const now = new Date(input.nowMs).toISOString();
  const since = await feedHead(db);
  return db.transaction().execute(async (trx): Promise<AddWatchResult> => {
    await trx.updateTable('accounts').set((eb) => ({ orders_in_flight: eb.ref('orders_in_flight') })).where('key', '=', input.accountKey).execute();
    const existing = await trx.selectFrom('monitor_watches').select('added_at').where('account_key', '=', input.accountKey).where('key_no', '=', input.keyNo).executeTakeFirst();
    if (existing) return { ok: true, added: false, addedAt: existing.added_at };
    const count = await countWatches(trx, input.accountKey);
    if (count >= input.limit) return { ok: false, status: '209' };
    await trx.insertInto('monitor_watches').values({ account_key: input.accountKey, key_no: input.keyNo, since_event: since, added_at: now }).execute();
    const charged = await charge(trx);
    // Throwing rolls the watch back with the charge that did not happen.
    if (!charged.ok) throw new ChargeRefused(charged);
    return { ok: true, added: true, addedAt: now };
  }).catch((err: unknown): AddWatchResult => {
    if (err instanceof ChargeRefused) return err.refusal;
    throw err;
  });
}

class ChargeRefused extends Error {
  constructor(readonly refusal: CallChargeRefusal) {
    super(`charge refused with ${refusal.status}`);
  }
}

export async function removeWatch(db: Kysely<Schema>, accountKey: string, keyNo: string): Promise<boolean> {
  const res = await db.deleteFrom('monitor_watches').where('account_key', '=', accountKey).where('key_no', '=', keyNo).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function countWatches(db: Kysely<Schema> | Transaction<Schema>, accountKey: string): Promise<number> {
  const row = await db.selectFrom('monitor_watches').select((eb) => eb.fn.countAll<number | string>().as('n')).where('account_key', '=', accountKey).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of the list, oldest first (KeyNo breaks ties), with the companies' current names. */
export async function listWatches(db: Kysely<Schema>, accountKey: string, offset: number, limit: number): Promise<{ watches: Watch[]; total: number }> {
  const rows = await db
    .selectFrom('monitor_watches as w')
    .leftJoin('companies as c', 'c.key_no', 'w.key_no')
    .select(['w.key_no', 'w.added_at', 'c.name'])
    .where('w.account_key', '=', accountKey)
    .orderBy('w.added_at')
    .orderBy('w.key_no')
    .offset(offset)
    .limit(limit)
    .execute();
  return { watches: rows.map((r) => ({ keyNo: r.key_no, name: r.name ?? '', addedAt: r.added_at })), total: await countWatches(db, accountKey) };
}

/** The watched companies' events after `after` (each company's only from when it was added), oldest first. */
export async function watchedEvents(db: Kysely<Schema>, accountKey: string, after: number, limit: number): Promise<{ events: FeedEventRow[]; remaining: number }> {
  const base = db
    .selectFrom('company_events as e')
    .innerJoin('monitor_watches as w', (j) => j.onRef('w.key_no', '=', 'e.key_no').on('w.account_key', '=', accountKey))
    .where('e.id', '>', after)
    .where((eb) => eb('e.id', '>', eb.ref('w.since_event')));
  const rows = await base.select(['e.id', 'e.key_no', 'e.type', 'e.data', 'e.at']).orderBy('e.id').limit(limit).execute();
  const counted = await base.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { events: rows.map(rowToEvent), remaining: Number(counted.n) };
}

/** A watch whose callbacks go somewhere: the account, its callback URL, and the feed position the watch started after. */
export interface CallbackWatcher {
  readonly accountKey: string;
  readonly callbackUrl: string;
  readonly sinceEvent: number;
}

/**
 * The watches of `keyNos` by accounts with a callback URL, by KeyNo: one query for a whole page of
 * the feed, not one per event (a page of events of unwatched companies, the usual case after an
 * import, then costs one index probe per KeyNo inside a single statement).
 */
export async function callbackWatchersOf(db: Kysely<Schema> | Transaction<Schema>, keyNos: readonly string[]): Promise<Map<string, CallbackWatcher[]>> {
  const byKeyNo = new Map<string, CallbackWatcher[]>();
  if (keyNos.length === 0) return byKeyNo;
  const rows = await db
    .selectFrom('monitor_watches as w')
    .innerJoin('accounts as a', 'a.key', 'w.account_key')
    .select(['w.key_no', 'w.account_key', 'w.since_event', 'a.callback_url'])
    .where('w.key_no', 'in', [...new Set(keyNos)])
    .where('a.callback_url', 'is not', null)
    .orderBy('w.key_no')
    .orderBy('w.account_key')
    .execute();
  for (const r of rows) {
    const list = byKeyNo.get(r.key_no) ?? [];
    list.push({ accountKey: r.account_key, callbackUrl: r.callback_url!, sinceEvent: Number(r.since_event) });
    byKeyNo.set(r.key_no, list);
  }
  return byKeyNo;
}
