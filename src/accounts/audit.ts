import type { Kysely } from 'kysely';
import type { AuditLogTable, Schema } from '../db/schema.js';
import { compiledStatement } from '../db/compiled-query.js';
import { timeOrderedId } from './row-ids.js';

export interface AuditEntry {
  readonly requestId: string;
  readonly at: string;
  readonly accountKey: string | null;
  readonly interface: string;
  readonly method: string;
  readonly status: string;
  readonly reason: string | null;
  readonly ip: string;
  readonly orderNo: string | null;
}

export interface AuditLog {
  record(entry: AuditEntry): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const AUDIT_COLUMNS = ['id', 'at', 'request_id', 'account_key', 'interface', 'method', 'status', 'reason', 'ip', 'order_no'] as const satisfies ReadonlyArray<keyof AuditLogTable>;
/** Statement sizes: a batch is written as 100-row statements, then 10-row, then single rows. */
const AUDIT_STATEMENT_ROWS = [100, 10, 1] as const;

/** One multi-row INSERT per size, compiled once per dialect (10 bound values per row). */
const insertAuditRows = new Map(AUDIT_STATEMENT_ROWS.map((rows) => [rows, compiledStatement(
  (db: Kysely<Schema>, ...v: Array<string | null>) =>
    db.insertInto('audit_log').values(Array.from({ length: rows }, (_, r) =>
      Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [c, v[r * AUDIT_COLUMNS.length + i]])) as unknown as AuditLogTable)),
  { arity: rows * AUDIT_COLUMNS.length },
)]));

/**
 * The NOT NULL columns get '' rather than null: a request whose socket is already gone has no
 * `request.ip`, and one entry the database refuses would otherwise keep its whole batch (held for
 * retry) failing forever.
 */
function auditValues(e: AuditEntry, id: string): Array<string | null> {
  return [id, e.at, e.requestId ?? '', e.accountKey ?? null, e.interface ?? '', e.method ?? '', e.status ?? '', e.reason ?? null, e.ip ?? '', e.orderNo ?? null];
}

/** Audit entries held in memory while the database refuses writes (~200 bytes each: ~20 MB). */
export const MAX_HELD_AUDIT_ENTRIES = 100_000;

/**
 * Every call goes to the audit log, written in batches off the request path (one transaction per
 * `flushMs`, or sooner when `maxBatch` entries wait) so that auditing does not cost each request a
 * database write of its own. `close()` (the app's onClose) writes what is left. What a crash can
 * lose: the audit lines of the last `flushMs` (200 ms by default), never an order or a charge
 * (those commit with the order).
 */
export function batchedAuditLog(
  db: Kysely<Schema>,
  options: { flushMs?: number; maxBatch?: number; retryMs?: number; maxHeld?: number; onError?: (err: unknown, held: number) => void } = {},
): AuditLog {
  const flushMs = options.flushMs ?? 200;
  const maxBatch = options.maxBatch ?? 500;
  const retryMs = options.retryMs ?? 5000;
  const maxHeld = options.maxHeld ?? MAX_HELD_AUDIT_ENTRIES;
  let buffer: AuditEntry[] = [];
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  /** The last write failed: only the retry timer writes until one succeeds (no attempt per request). */
  let failing = false;

  const write = async (batch: AuditEntry[]): Promise<void> => {
    await db.transaction().execute(async (trx) => {
      let at = 0;
      for (const rows of AUDIT_STATEMENT_ROWS) {
        const statement = insertAuditRows.get(rows)!;
        for (; batch.length - at >= rows; at += rows) {
          const values: Array<string | null> = [];
          for (let r = at; r < at + rows; r++) values.push(...auditValues(batch[r]!, timeOrderedId()));
          await statement.execute(trx, ...values);
        }
      }
    });
  };

  const flush = (): Promise<void> => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    const batch = buffer;
    buffer = [];
    if (batch.length === 0) return running;
    running = running.then(() => write(batch)).then(() => { failing = false; }, (err: unknown) => {
      failing = true;
      // The database could not take the batch (a full disk, a lost connection): it is kept, ahead
      // of newer entries, and written when the database takes writes again. Beyond `maxHeld`
      // entries the oldest go, so a long outage cannot exhaust memory; the log says how many.
      buffer = batch.concat(buffer);
      const dropped = Math.max(0, buffer.length - maxHeld);
      if (dropped > 0) buffer = buffer.slice(dropped);
      options.onError?.(err, buffer.length);
      if (dropped > 0) options.onError?.(new Error(`audit log: ${dropped} oldest entries dropped, more than ${maxHeld} held while the database refused writes`), buffer.length);
      if (!timer) {
        timer = setTimeout(() => void flush(), retryMs);
        timer.unref();
      }
    });
    return running;
  };

  return {
    record(entry) {
      buffer.push(entry);
      if (buffer.length >= maxBatch && !failing) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
    },
    flush,
    close: flush,
  };
}
