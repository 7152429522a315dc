/** `zhengxin data import FILE|-`: NDJSON company documents into the store. */
import fs from 'node:fs';
import { DEFAULT_MAX_LINE_BYTES, ImportAbortedError, importCompanies, type ImportProgress, type ImportSummary } from '../companies/import.js';
import { defaultImportWorkers } from '../companies/line-preparer.js';
import { readAhead } from '../io/read-ahead.js';
import { UsageError, withCommandDatabase, type Command } from './command.js';
import { reportGrader } from '../realtime/feed-grader.js';

/** Warnings are for a human reading stderr; past this many, only their count is worth printing. */
const MAX_PRINTED_WARNINGS = 100;
const READ_CHUNK_BYTES = 1024 * 1024;

/** `bench:import --compare-feed`'s baseline only: an import that records no change-feed events. */
const WITHOUT_FEED = process.env.ZHENGXIN_BENCH_WITHOUT_FEED === '1';

export const dataImportCommand: Command = {
  name: 'data import',
  usage: 'data import FILE|- [--lenient-uscc] [--replace] [--workers N] [--no-bulk-load] [--progress]',
  summary: `Import company documents (NDJSON, one per line; - reads stdin). Prints one JSON summary line. Lines over ${DEFAULT_MAX_LINE_BYTES} bytes are rejected.`,
  async run(ctx) {
    let file: string | undefined;
    let lenientUscc = false;
    // Into an empty SQLite store the import is one bulk transaction (docs/data-store.md); this
    // commits batch by batch instead, letting other writers in between, at a higher cost per row.
    let bulkLoad = true;
    let progress = false;
    let replace = false;
    let workers = defaultImportWorkers();
    const args = [...ctx.argv];
    while (args.length > 0) {
      const arg = args.shift()!;
      if (arg === '--lenient-uscc') lenientUscc = true;
      else if (arg === '--no-bulk-load') bulkLoad = false;
      else if (arg === '--progress') progress = true;
      else if (arg === '--replace') replace = true;
      else if (arg === '--workers') {
        const n = args.shift();
        if (n === undefined || !/^[0-9]+$/.test(n)) throw new UsageError(`--workers needs a whole number (0 parses on the main thread), got ${n ?? 'nothing'}`);
        workers = Number(n);
      }
      else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
      else if (file === undefined) file = arg;
      else throw new UsageError(`one input file only (got "${file}" and "${arg}")`);
    }
    if (file === undefined) throw new UsageError('which file? give a path, or - for stdin');
    // Files and the process's stdin are read on a reader thread (src/io/read-ahead.ts), so that a
    // pipe keeps draining while the main thread writes to the database.
    const fd = file === '-' ? ctx.stdinFd : fs.openSync(file, 'r');
    const input: AsyncIterable<Uint8Array> = fd === undefined ? (ctx.stdin as AsyncIterable<Buffer>) : readAhead(fd, { chunkBytes: READ_CHUNK_BYTES });

    let warnings = 0;
    const printSummary = (s: ImportSummary): void => void ctx.stdout.write(`${JSON.stringify(s)}\n`);
    return withCommandDatabase(ctx, async (database) => {
      try {
        const summary = await importCompanies(database.db, input, {
          lenientUscc,
          workers,
          bulkLoad,
          replace,
          // A watcher hears of an imported change as of a pushed one (docs/realtime.md).
          ...(WITHOUT_FEED ? {} : { feed: { grader: reportGrader(new Date().toISOString()) } }),
          ...(progress ? { onProgress: (event: ImportProgress) => void ctx.stderr.write(`${describeProgress(event)}\n`) } : {}),
          onWarning: (line, message) => {
            if (++warnings <= MAX_PRINTED_WARNINGS) ctx.stderr.write(`line ${line}: warning: ${message}\n`);
          },
        });
        if (warnings > MAX_PRINTED_WARNINGS) ctx.stderr.write(`${warnings - MAX_PRINTED_WARNINGS} more warnings not shown\n`);
        printSummary(summary);
        return 0;
      } catch (err) {
        if (!(err instanceof ImportAbortedError)) throw err;
        ctx.stderr.write(`zhengxin data import: stopped, ${file === '-' ? 'stdin' : file}: ${err.message} (the summary counts what was committed)\n`);
        printSummary(err.summary);
        return 1;
      } finally {
        if (file !== '-' && fd !== undefined) fs.closeSync(fd);
      }
    });
  },
};

/** One stderr line per progress event, for a human watching a long import. */
export function describeProgress(event: ImportProgress): string {
  if (event.kind === 'counts') {
    const rate = event.seconds > 0 ? Math.round((event.imported + event.updated + event.unchanged) / event.seconds) : 0;
    return `progress: line ${event.lines}, imported ${event.imported}, updated ${event.updated}, unchanged ${event.unchanged}, rejected ${event.rejected} (${event.seconds.toFixed(0)} s, ${rate} rows/s)`;
  }
  if (event.kind === 'statistics') return `progress: planner statistics refreshed (ANALYZE of ${event.tables} tables) in ${(event.ms / 1000).toFixed(1)} s`;
  if (event.kind === 'identity') return `progress: person identity settled in ${(event.ms / 1000).toFixed(1)} s`;
  if (event.kind === 'writes') return `progress: batches spent ${Object.entries(event.steps).map(([step, ms]) => `${(ms / 1000).toFixed(1)} s on ${step}`).join(', ')}`;
  return event.phase === 'indexes'
    ? `progress: bulk load rebuilt ${event.count} indexes in ${(event.ms / 1000).toFixed(1)} s`
    : `progress: bulk load committed in ${(event.ms / 1000).toFixed(1)} s`;
}
