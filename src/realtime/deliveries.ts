/**
 * Signed callbacks (issue 18 item 4; docs/realtime.md). Every callback is a row of
 * `callback_deliveries`, written in the transaction of what it announces (an order reaching S or F)
 * or by the feed's fan-out (a watched company's event), and sent from the worker side by
 * `startCallbackDispatcher`: a claim with a lease (SKIP LOCKED on PostgreSQL, so several workers
 * share the work), a POST signed with the account's SecretKey, and on a non-2xx answer, a timeout
 * or a refused address a retry with exponential backoff until 24 h after the callback was created.
 * Being rows, deliveries survive restarts; a delivery may arrive twice (a worker that dies after
 * the POST and before recording it), which receivers must tolerate by `X-Zhengxin-Delivery`.
 */
import http from 'node:http';
import https from 'node:https';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sqliteHandleOf } from '../db/database.js';
import type { SecretBox } from '../accounts/secrets.js';
import type { CallbackDeliveryTable, Schema } from '../db/schema.js';
import { signatureHeader } from './signature.js';
import { CallbackRefused, checkedAddress } from './ssrf.js';
import { callbackWatchersOf } from './watches.js';
import { rowToEvent } from './feed.js';

type Db = Kysely<Schema> | Transaction<Schema>;

export const DELIVERY_WINDOW_MS = 24 * 3600_000;
export const DEFAULT_RETRY_BASE_MS = 5_000;
const MAX_RETRY_DELAY_MS = 3600_000;
const SEND_TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
const FANOUT_BATCH = 500;
const SEND_BATCH = 32;
const FEED_CURSOR = 'callbacks';

export interface Delivery {
  readonly id: string;
  readonly accountKey: string;
  readonly url: string;
  readonly eventType: string;
  readonly body: string;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly nextAt: string;
  readonly lastStatus: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

function deliveryOf(r: Selectable<CallbackDeliveryTable>): Delivery {
  return {
    id: r.id, accountKey: r.account_key, url: r.url, eventType: r.event_type, body: r.body, state: r.state as Delivery['state'],
    attempts: Number(r.attempts), nextAt: r.next_at, lastStatus: r.last_status, lastError: r.last_error, createdAt: r.created_at, deliveredAt: r.delivered_at,
  };
}

/**
 * Stores one callback to send. `id` is chosen by the caller from what it announces (an order, an
 * event and account), so announcing the same thing twice stores it once.
 */
export async function enqueueDelivery(db: Db, input: { id: string; accountKey: string; url: string; eventType: string; data: Record<string, unknown>; nowMs: number }): Promise<void> {
  const at = new Date(input.nowMs).toISOString();
  const body = JSON.stringify({ type: input.eventType, deliveryId: input.id, createdAt: at, data: input.data });
  await db
    .insertInto('callback_deliveries')
    .values({ id: input.id, account_key: input.accountKey, url: input.url, event_type: input.eventType, body, state: 'pending', attempts: 0, next_at: at, lease_until: null, last_status: null, last_error: null, created_at: at, delivered_at: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * The `report.finished` callback of an order that just reached S or F, inside that transaction:
 * to the order's own callbackUrl, else the account's; none when neither is set.
 */
export function reportFinishedCallbacks(publicBaseUrl: string | undefined, retrievePath: string) {
  return async (trx: Transaction<Schema>, orderNo: string, nowMs: number): Promise<void> => {
    const row = await trx
      .selectFrom('orders as o')
      .innerJoin('accounts as a', 'a.key', 'o.account_key')
      .select(['o.order_no', 'o.account_key', 'o.key_no', 'o.state', 'o.report_format', 'o.report_type', 'o.retrieve_code', 'o.finished_at', 'o.callback_url as order_url', 'a.callback_url as account_url'])
      .where('o.order_no', '=', orderNo)
      .executeTakeFirst();
    const url = row?.order_url ?? row?.account_url;
    if (!row || !url) return;
    await enqueueDelivery(trx, {
      id: `report-${row.order_no}`,
      accountKey: row.account_key,
      url,
      eventType: 'report.finished',
      nowMs,
      data: {
        OrderNo: row.order_no,
        ReportStatus: row.state,
        ReportUrl: row.state === 'S' && row.retrieve_code ? `${publicBaseUrl ?? ''}${retrievePath}?code=${row.retrieve_code}` : null,
        ReportType: Number(row.report_type),
        ReportFormat: row.report_format,
        KeyNo: row.key_no,
        FinishedAt: row.finished_at,
      },
    });
  };
}

/**
 * Turns the feed's new events into deliveries for the accounts watching their companies (with a
 * callback URL), exactly once: the cursor row is locked, advanced and committed with the
 * deliveries it produced, so two workers never fan out one event twice and a crash loses none.
 * Returns how many events it read (0: the feed is caught up) and how many deliveries they made.
 */
export async function fanOutFeed(db: Kysely<Schema>, nowMs: number): Promise<{ events: number; deliveries: number }> {
  // SQLite has one writer (and no FOR UPDATE): its transaction alone serialises fan-outs.
  const lockRow = !sqliteHandleOf(db);
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('feed_cursors').values({ name: FEED_CURSOR, position: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const q = trx.selectFrom('feed_cursors').select('position').where('name', '=', FEED_CURSOR);
    const cursor = await (lockRow ? q.forUpdate() : q).executeTakeFirstOrThrow();
    const position = Number(cursor.position);
    const rows = await trx.selectFrom('company_events').selectAll().where('id', '>', position).orderBy('id').limit(FANOUT_BATCH).execute();
    if (rows.length === 0) return { events: 0, deliveries: 0 };
    let made = 0;
    const events = rows.map(rowToEvent);
    const watchers = await callbackWatchersOf(trx, events.map((e) => e.keyNo));
    for (const event of events) {
      for (const w of watchers.get(event.keyNo) ?? []) {
        if (w.sinceEvent >= event.id) continue; // watched from after this event
        await enqueueDelivery(trx, {
          id: `event-${event.id}-${w.accountKey}`,
          accountKey: w.accountKey,
          url: w.callbackUrl,
          eventType: event.type,
          nowMs,
          data: { EventId: String(event.id), Type: event.type, KeyNo: event.keyNo, At: event.at, Data: event.data },
        });
        made++;
      }
    }
    await trx.updateTable('feed_cursors').set({ position: rows[rows.length - 1]!.id }).where('name', '=', FEED_CURSOR).execute();
    return { events: rows.length, deliveries: made };
  });
}

/** Due deliveries, leased to this worker for LEASE_MS (others skip them meanwhile). */
export async function claimDue(db: Kysely<Schema>, nowMs: number, limit: number, skipLocked: boolean): Promise<Delivery[]> {
  const now = new Date(nowMs).toISOString();
  const leaseUntil = new Date(nowMs + LEASE_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('callback_deliveries')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('next_at')
      .limit(limit);
    if (skipLocked) due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = await trx.updateTable('callback_deliveries').set({ lease_until: leaseUntil }).where('id', 'in', ids).returningAll().execute();
    return rows.map(deliveryOf);
  });
}

/** The delay before attempt `attempts + 1`, after `attempts` failed ones: base × 2^(attempts−1), at most an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

export async function recordAttempt(db: Kysely<Schema>, d: Delivery, outcome: { ok: boolean; status: string | null; error: string | null }, nowMs: number, baseMs: number): Promise<void> {
  const attempts = d.attempts + 1;
  const at = new Date(nowMs).toISOString();
  if (outcome.ok) {
    await db.updateTable('callback_deliveries').set({ state: 'delivered', attempts, lease_until: null, last_status: outcome.status, last_error: null, delivered_at: at }).where('id', '=', d.id).execute();
    return;
  }
  const next = nowMs + retryDelayMs(attempts, baseMs);
  const giveUp = next > Date.parse(d.createdAt) + DELIVERY_WINDOW_MS;
  await db
    .updateTable('callback_deliveries')
    .set({ state: giveUp ? 'failed' : 'pending', attempts, lease_until: null, next_at: new Date(next).toISOString(), last_status: outcome.status, last_error: outcome.error?.slice(0, 500) ?? null })
    .where('id', '=', d.id)
    .execute();
}

/** Sends a delivery again now (the operator's replay), whatever its state; a fresh 24 h of retries. */
export async function replayDelivery(db: Kysely<Schema>, id: string, nowMs: number): Promise<Delivery | undefined> {
  const at = new Date(nowMs).toISOString();
  await db.updateTable('callback_deliveries').set({ state: 'pending', next_at: at, lease_until: null, created_at: at }).where('id', '=', id).execute();
  const row = await db.selectFrom('callback_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row && deliveryOf(row);
}

export async function listDeliveries(db: Kysely<Schema>, filter: { accountKey?: string; state?: string; limit?: number }): Promise<Delivery[]> {
  let q = db.selectFrom('callback_deliveries').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(Math.min(filter.limit ?? 100, 1000));
  if (filter.accountKey) q = q.where('account_key', '=', filter.accountKey);
  if (filter.state) q = q.where('state', '=', filter.state);
  return (await q.execute()).map(deliveryOf);
}

export async function findDelivery(db: Kysely<Schema>, id: string): Promise<Delivery | undefined> {
  const row = await db.selectFrom('callback_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row && deliveryOf(row);
}

/** One POST of a delivery, signed now; 2xx is success, anything else (or no answer) a failure. */
export async function sendDelivery(d: Delivery, secretKey: string, options: { allowPrivate: boolean; nowMs: number; timeoutMs?: number }): Promise<{ ok: boolean; status: string | null; error: string | null }> {
  let url: URL;
  try {
    url = new URL(d.url);
  } catch {
    return { ok: false, status: null, error: 'not a URL' };
  }
  let target: { address: string; family: number };
  try {
    target = await checkedAddress(url, options.allowPrivate);
  } catch (err) {
    return { ok: false, status: null, error: err instanceof CallbackRefused ? err.message : `resolve: ${(err as Error).message}` };
  }
  const t = Math.floor(options.nowMs / 1000);
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(d.body)),
    'User-Agent': 'zhengxin-callbacks/1',
    'X-Zhengxin-Event': d.eventType,
    'X-Zhengxin-Delivery': d.id,
    'X-Zhengxin-Signature': signatureHeader(secretKey, t, d.body),
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(url, {
      method: 'POST',
      headers,
      // A fresh connection per delivery: a pooled keep-alive socket that the receiver closes (its
      // idle timeout) just as it is reused fails the attempt, and a failed attempt waits out the
      // backoff (5 s, then 10 s, …) though nothing was wrong with the receiver.
      agent: false,
      timeout: options.timeoutMs ?? SEND_TIMEOUT_MS,
      // Connect to the address that was checked, never to a second resolution.
      lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
        if (opts?.all) cb(null, [{ address: target.address, family: target.family }]);
        else cb(null, target.address, target.family);
      }) as never,
    }, (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status: String(status), error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
      });
      res.on('error', (err) => resolve({ ok: false, status: String(res.statusCode ?? ''), error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ ok: false, status: null, error: err.message }));
    req.end(d.body);
  });
}

export interface CallbackDispatcher {
  /** Look for work now (after a push or an order finished in this process). */
  kick(): void;
  /** Resolves once no round is running or asked for (what a test or a shutdown waits on). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** The worker side: fan the feed out to watchers, send what is due, every `pollMs` or when kicked. */
export function startCallbackDispatcher(deps: {
  db: Kysely<Schema>;
  secrets: SecretBox;
  allowPrivate: boolean;
  skipLocked: boolean;
  retryBaseMs?: number;
  pollMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}): CallbackDispatcher {
  const now = deps.now ?? Date.now;
  const baseMs = deps.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const secretOf = async (accountKey: string): Promise<string | undefined> => {
    const row = await deps.db.selectFrom('accounts').select('secret_enc').where('key', '=', accountKey).executeTakeFirst();
    return row ? deps.secrets.open(accountKey, row.secret_enc) : undefined;
  };
  const round = async (): Promise<void> => {
    // Until the feed is caught up: a page of events that made no delivery (companies nobody
    // watches) is no reason to stop, or a backlog of them would hold every later event back by
    // one page per poll (this was the 31.6 s outlier of bench:realtime: 16,000 unwatched events
    // before the watched one, 500 a round, one round a second).
    while (!closed && (await fanOutFeed(deps.db, now())).events > 0) { /* next page */ }
    for (;;) {
      if (closed) return;
      const due = await claimDue(deps.db, now(), SEND_BATCH, deps.skipLocked);
      if (due.length === 0) return;
      await Promise.all(due.map(async (d) => {
        const secret = await secretOf(d.accountKey);
        const outcome = secret === undefined
          ? { ok: false, status: null, error: 'account no longer exists' }
          : await sendDelivery(d, secret, { allowPrivate: deps.allowPrivate, nowMs: now() });
        await recordAttempt(deps.db, d, outcome, now(), baseMs);
      }));
    }
  };
  const run = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((err: unknown) => deps.log?.(`callbacks: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const schedule = (): void => {
    timer = setTimeout(() => {
      run();
      if (!closed) schedule();
    }, deps.pollMs ?? 250);
    timer.unref();
  };
  schedule();
  run();
  return {
    kick: run,
    async settled() {
      while (running) await running;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Drops delivered and failed deliveries older than `days` (the retention sweep). */
export async function sweepDeliveries(db: Kysely<Schema>, nowMs: number, days: number): Promise<number> {
  const before = new Date(nowMs - days * 86_400_000).toISOString();
  const res = await db.deleteFrom('callback_deliveries').where('state', '<>', 'pending').where('created_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

