import fs from 'node:fs';
import os from 'node:os';

/** What lowering a thread's priority needs from the system (injectable for tests). */
export interface ThreadPrioritySystem {
  readonly platform: NodeJS.Platform;
  /** `fs.readlinkSync('/proc/thread-self')`: `<pid>/task/<tid>` on Linux. */
  readThreadSelf(): string;
  setPriority(tid: number, niceness: number): void;
}

export const NODE_THREAD_PRIORITY_SYSTEM: ThreadPrioritySystem = {
  platform: process.platform,
  readThreadSelf: () => fs.readlinkSync('/proc/thread-self'),
  setPriority: (tid, niceness) => os.setPriority(tid, niceness),
};

export type ThreadPriorityOutcome = { readonly applied: true; readonly tid: number } | { readonly applied: false; readonly reason: string };

/**
 * Gives the calling thread (a render worker) the nice value `niceness`, so that the scheduler
 * prefers the API's main thread whenever both want a core: reports then render in the CPU time the
 * API leaves over. On Linux each thread has a nice value of its own, addressed by its thread id,
 * which `/proc/thread-self` names. Elsewhere (or without /proc, or when the system refuses) this
 * is a no-op that says why; rendering works the same, only without the preference.
 */
export function lowerThreadPriority(niceness: number, system: ThreadPrioritySystem = NODE_THREAD_PRIORITY_SYSTEM): ThreadPriorityOutcome {
  if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) throw new RangeError(`thread niceness must be a whole number 0–19, got ${niceness}`);
  if (niceness === 0) return { applied: false, reason: 'niceness 0: priority left as it is' };
  if (system.platform !== 'linux') return { applied: false, reason: `per-thread priority is only set on Linux (this is ${system.platform})` };
  let link: string;
  try {
    link = system.readThreadSelf();
  } catch (err) {
    return { applied: false, reason: `cannot read /proc/thread-self: ${err instanceof Error ? err.message : String(err)}` };
  }
  const match = /^\d+\/task\/(\d+)$/.exec(link);
  if (!match) return { applied: false, reason: `unexpected /proc/thread-self target "${link}"` };
  const tid = Number(match[1]);
  try {
    system.setPriority(tid, niceness);
  } catch (err) {
    return { applied: false, reason: `setpriority(${tid}, ${niceness}) failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { applied: true, tid };
}
