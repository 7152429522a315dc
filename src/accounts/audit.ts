import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

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

/**
 * Every call goes to the audit log, written in batches off the request path (one insert per
 * `flushMs`) so that auditing does not cost each request a database write. A crash loses at most
 * the last batch of audit lines, never an order or a charge (those commit with the order).
 */
export function batchedAuditLog(db: Kysely<Schema>, options: { flushMs?: number; maxBatch?: number; onError?: (err: unknown) => void } = {}): AuditLog {
  const flushMs = options.flushMs ?? 200;
  const maxBatch = options.maxBatch ?? 500;
  let buffer: AuditEntry[] = [];
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const flush = (): Promise<void> => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    const batch = buffer;
    buffer = [];
    if (batch.length === 0) return running;
    running = running.then(async () => {
      try {
        for (let i = 0; i < batch.length; i += 100) {
          await db.insertInto('audit_log').values(batch.slice(i, i + 100).map((e) => ({
            id: crypto.randomBytes(16).toString('hex'),
            at: e.at,
            request_id: e.requestId,
            account_key: e.accountKey,
            interface: e.interface,
            method: e.method,
            status: e.status,
            reason: e.reason,
            ip: e.ip,
            order_no: e.orderNo,
          }))).execute();
        }
      } catch (err) {
        options.onError?.(err);
      }
    });
    return running;
  };

  return {
    record(entry) {
      buffer.push(entry);
      if (buffer.length >= maxBatch) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
    },
    flush,
    close: flush,
  };
}
