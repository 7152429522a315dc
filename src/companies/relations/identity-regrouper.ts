/**
 * `serve`'s background regroup of dirty person names (identity-build.ts `regroupDirtyNames`):
 * pushes mark the names their writes may regroup, readers derive those names from the edges until
 * they are regrouped, and this loop regroups them soon after (kicked by a data change, else every
 * few seconds). Several processes may run it: a regroup clears only marks no write bumped since.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { regroupDirtyNames } from './identity-build.js';

export const REGROUP_POLL_MS = 2000;

export interface IdentityRegrouper {
  kick(): void;
  close(): Promise<void>;
}

export function startIdentityRegrouper(db: Kysely<Schema>, onError: (err: unknown) => void, pollMs = REGROUP_POLL_MS): IdentityRegrouper {
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const run = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        // A few batches per turn, so one turn never holds the connection for long.
        for (let i = 0; i < 20 && !closed; i++) if ((await regroupDirtyNames(db)) === 0) break;
      } while (again && !closed);
    })().catch(onError).finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(run, pollMs);
  timer.unref();
  run();
  return {
    kick: run,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
