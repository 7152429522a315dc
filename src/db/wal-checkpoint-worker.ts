import SqliteDatabase from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '../reports/render/pool/thread-priority.js';

/** The thread of src/db/wal-checkpointer.ts: a PASSIVE checkpoint every `intervalMs` on a connection of its own. */
const { file, intervalMs, niceness } = workerData as { file: string; intervalMs: number; niceness: number };
if (niceness) lowerThreadPriority(niceness);
const db = new SqliteDatabase(file);
db.pragma('busy_timeout = 1000');

const timer = setInterval(() => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    if (result && result.log > 0) parentPort!.postMessage({ walFrames: result.log, checkpointedFrames: result.checkpointed });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
}, intervalMs);

parentPort!.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
    parentPort!.close();
  }
});
