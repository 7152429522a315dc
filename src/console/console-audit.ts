import type { Kysely } from 'kysely';
import { timeOrderedId } from '../accounts/row-ids.js';
import type { Schema } from '../db/schema.js';

/** One console action in the audit log, with who did it (`actor`). */
export interface ConsoleAction {
  readonly requestId: string;
  readonly at: string;
  /** `console:account.create`, `console:signin.operator`, … */
  readonly action: string;
  readonly method: string;
  /** The HTTP status the console answered. */
  readonly status: number;
  readonly actor: string | null;
  /** The account acted on (or the customer's own). */
  readonly accountKey: string | null;
  readonly orderNo: string | null;
  readonly reason: string | null;
  readonly ip: string;
}

/**
 * Written at once rather than batched like the API's calls: console actions are few, and an
 * operator's change must not outlive its audit line by a crash window.
 */
export async function recordConsoleAction(db: Kysely<Schema>, a: ConsoleAction): Promise<void> {
  await db.insertInto('audit_log').values({
    id: timeOrderedId(), at: a.at, request_id: a.requestId, account_key: a.accountKey, interface: a.action,
    method: a.method, status: String(a.status), reason: a.reason?.slice(0, 500) ?? null, ip: a.ip ?? '', order_no: a.orderNo, actor: a.actor,
  }).execute();
}
