import { sql } from 'kysely';
import { Worker } from 'node:worker_threads';
import type { Database } from './database.js';

/**
 * SQLite's WAL checkpoints, moved off the connection that serves requests. By default SQLite
 * checkpoints on the commit that pushes the WAL past 1000 pages: that commit copies the pages into
 * the database file and fsyncs it, on the API's event loop (better-sqlite3 is synchronous), which
 * measured ~330 µs per commit on average instead of ~125 µs, in bursts of several milliseconds.
 * Here the serving connection stops checkpointing (`wal_autocheckpoint = 0`) and a worker thread
 * with a connection of its own runs a PASSIVE checkpoint every `intervalMs`, which never blocks
 * readers or the writer. If the worker fails, automatic checkpoints are switched back on.
 * Durability is unchanged: a commit is in the WAL either way, and a checkpoint only moves it.
 */
export interface WalCheckpointer {
  close(): Promise<void>;
}

export interface WalCheckpointerOptions {
  readonly intervalMs?: number;
  /** Nice value of the checkpoint thread (0–19; Linux only). */
  readonly niceness?: number;
  readonly onError?: (err: unknown) => void;
  /** Told after each checkpoint that found frames in the WAL. */
  readonly onCheckpoint?: (result: { walFrames: number; checkpointedFrames: number }) => void;
}

const WORKER_URL = new URL('./wal-checkpoint-worker.js', import.meta.url);
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/** Starts the checkpoint thread for a SQLite file database; undefined for other databases (nothing to do). */
export async function startWalCheckpointer(database: Database, options: WalCheckpointerOptions = {}): Promise<WalCheckpointer | undefined> {
  if (database.capabilities.name !== 'sqlite') return undefined;
  const list = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(database.db);
  const file = list.rows.find((r) => r.name === 'main')?.file;
  const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db);
  if (!file || mode.rows[0]?.journal_mode !== 'wal') return undefined;

  await sql`PRAGMA wal_autocheckpoint = 0`.execute(database.db);
  const worker = new Worker(WORKER_URL, { workerData: { file, intervalMs: options.intervalMs ?? 500, niceness: options.niceness ?? 0 } });
  let closed = false;
  const restoreAutocheckpoint = () => sql`PRAGMA wal_autocheckpoint = ${sql.lit(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES)}`.execute(database.db).then(() => undefined, options.onError);
  worker.on('message', (m: { error?: string; walFrames?: number; checkpointedFrames?: number }) => {
    if (m.error) options.onError?.(new Error(`WAL checkpoint failed: ${m.error}`));
    else if (m.walFrames !== undefined) options.onCheckpoint?.({ walFrames: m.walFrames, checkpointedFrames: m.checkpointedFrames ?? 0 });
  });
  worker.on('error', (err) => {
    options.onError?.(err);
    if (!closed) void restoreAutocheckpoint();
  });
  // Never what keeps a process alive (a server that failed to start must still exit); close() stops it.
  worker.unref();
  return {
    async close() {
      if (closed) return;
      closed = true;
      worker.ref();
      worker.postMessage('stop');
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
      });
      await restoreAutocheckpoint();
    },
  };
}
