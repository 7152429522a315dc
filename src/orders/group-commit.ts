import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../db/schema.js';

/** Runs a unit of work in a transaction of its own, or in a shared one (see groupCommit). */
export type Transact = <T>(work: (trx: Transaction<Schema>) => Promise<T>) => Promise<T>;

/** The ordinary way: one transaction per unit of work. */
export function transactionPerWork(db: Kysely<Schema>): Transact {
  return (work) => db.transaction().execute(work);
}

interface Waiting {
  readonly work: (trx: Transaction<Schema>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Group commit for a database with one writer (SQLite): units of work that arrive while a
 * transaction is running are run together in the next one, each inside a savepoint of its own, and
 * committed at once. A commit is most of the cost of a small write transaction on SQLite (the WAL
 * write: ~125 µs here), so ten orders arriving together pay for one instead of ten.
 *
 * Each unit keeps its own all-or-nothing: a unit that throws is rolled back to its savepoint and
 * only its caller sees the error. Nobody is answered before the shared COMMIT succeeded; if that
 * COMMIT fails, every unit of the group fails with its error and none of them took effect. No unit
 * waits for a timer: a group closes at the end of the event loop's turn in which its first unit
 * arrived, and a lone unit runs in a transaction of its own.
 *
 * Not for PostgreSQL, where concurrent transactions on pooled connections already overlap their
 * commits and one shared transaction would serialise them.
 */
export function groupCommit(db: Kysely<Schema>, options: { maxGroup?: number } = {}): Transact {
  const maxGroup = options.maxGroup ?? 64;
  let waiting: Waiting[] = [];
  let draining = false;

  async function runGroup(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group;
      await db.transaction().execute(only!.work).then(only!.resolve, only!.reject);
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; err: unknown }> = [];
    try {
      const trx = await db.startTransaction().execute();
      try {
        for (const unit of group) {
          const inSavepoint = await trx.savepoint('unit').execute();
          try {
            outcomes.push({ ok: true, value: await unit.work(inSavepoint) });
          } catch (err) {
            outcomes.push({ ok: false, err });
            // When SQLite has rolled the whole transaction back by itself (a full disk), the
            // savepoint is gone too: the unit's own error is the cause worth reporting.
            await inSavepoint.rollbackToSavepoint('unit').execute().catch(() => { throw err; });
          }
          await inSavepoint.releaseSavepoint('unit').execute();
        }
        await trx.commit().execute();
      } catch (err) {
        await trx.rollback().execute().catch(() => {});
        throw err;
      }
    } catch (err) {
      for (const unit of group) unit.reject(err);
      return;
    }
    group.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.err);
    });
  }

  async function drain(): Promise<void> {
    try {
      while (waiting.length > 0) {
        const group = waiting.slice(0, maxGroup);
        waiting = waiting.slice(group.length);
        await runGroup(group);
      }
    } finally {
      draining = false;
    }
  }

  return <T>(work: (trx: Transaction<Schema>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (draining) return;
      draining = true;
      // better-sqlite3 is synchronous, so a request runs from its socket read to its COMMIT without
      // yielding to other sockets: waiting for the check phase of this loop turn lets the requests
      // already read in this turn reach this point and join the group.
      setImmediate(() => void drain());
    });
}
