/**
 * `zhengxin data watch DIR`: imports NDJSON files dropped into a folder through the push path
 * (`pushLines`), so each change is recorded in the change feed like a pushed one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pushLines } from '../realtime/push.js';
import { UsageError, withCommandDatabase, type Command } from './command.js';

/** A file is taken only when its size and mtime did not change for one interval (not half-written). */
export function stableFiles(previous: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>): string[] {
  return [...current].filter(([name, stamp]) => previous.get(name) === stamp).map(([name]) => name).sort();
}

function scan(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ndjson')) continue;
    try {
      const st = fs.statSync(path.join(dir, entry.name));
      found.set(entry.name, `${st.size}:${st.mtimeMs}`);
    } catch {
      // gone between the listing and the stat: the next scan decides
    }
  }
  return found;
}

export const dataWatchCommand: Command = {
  name: 'data watch',
  usage: 'data watch DIR [--interval MS] [--once]',
  summary: 'Import each *.ndjson file dropped into DIR through the push path (changes recorded), once its size is stable; moved to DIR/done/ or DIR/failed/ (with FILE.errors.txt). --once: one pass. Stops on SIGINT/SIGTERM.',
  async run(ctx) {
    let dir: string | undefined;
    let intervalMs = 1000;
    let once = false;
    const args = [...ctx.argv];
    while (args.length > 0) {
      const arg = args.shift()!;
      if (arg === '--once') once = true;
      else if (arg === '--interval') {
        const n = args.shift();
        if (n === undefined || !/^[1-9][0-9]*$/.test(n)) throw new UsageError(`--interval needs milliseconds (a positive whole number), got ${n ?? 'nothing'}`);
        intervalMs = Number(n);
      } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
      else if (dir === undefined) dir = arg;
      else throw new UsageError(`one folder only (got "${dir}" and "${arg}")`);
    }
    if (dir === undefined) throw new UsageError('which folder? give DIR');
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`);
    const watched = dir;
    for (const sub of ['done', 'failed']) fs.mkdirSync(path.join(watched, sub), { recursive: true });

    let stopping = false;
    let wake: (() => void) | null = null;
    const stop = (): void => { stopping = true; wake?.(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const pause = (ms: number) => new Promise<void>((resolve) => { const t = setTimeout(resolve, ms); wake = () => { clearTimeout(t); resolve(); }; });

    return withCommandDatabase(ctx, async (database) => {
      try {
        let previous = scan(watched);
        for (;;) {
          await pause(intervalMs);
          if (stopping) break;
          const current = scan(watched);
          for (const name of stableFiles(previous, current)) {
            if (stopping) break; // a file is imported whole or left for the next run
            const file = path.join(watched, name);
            const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
            const { outcomes, errors } = await pushLines(database.db, lines, Date.now());
            const problems = [
              ...errors.map((e) => `line ${e.line}: ${e.reason}`),
              ...outcomes.flatMap((o, i) => (o.status === 'rejected' ? [`document ${i + 1}${o.keyNo ? ` (${o.keyNo})` : ''}: ${o.reason}`] : [])),
            ];
            const written = outcomes.filter((o) => o.status !== 'rejected').length;
            const target = path.join(watched, problems.length === 0 ? 'done' : 'failed', name);
            if (problems.length > 0) fs.writeFileSync(`${target}.errors.txt`, `${problems.join('\n')}\n`);
            fs.renameSync(file, target);
            current.delete(name);
            ctx.stdout.write(`${JSON.stringify({ file: name, written, errors: problems.length, movedTo: path.relative(watched, target) })}\n`);
          }
          previous = current;
          if (once) break;
        }
        return 0;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
  },
};
