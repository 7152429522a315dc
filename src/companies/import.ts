/**
 * NDJSON import: stream → lines (bounded) → JSON → schema and identifier checks → batched upserts.
 * Every rejected line gets a reason naming its line number; no rejected line costs another line
 * anything, because checks run per line before a batch is written and the store's own per-document
 * checks (identity conflicts, duplicates) reject single documents inside the batch.
 *
 * The same identity twice in one file: the first occurrence wins and every later one is rejected
 * with "duplicate of line N". Last-wins would make a line's outcome depend on lines not yet read,
 * and a first-wins rejection says exactly which line to look at.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { FeedOptions } from './change-feed.js';
import { ChunkBuilder, type PreparedLine } from './import-prepare.js';
import { sqliteHandleOf } from '../db/database.js';
import { FirstClaims } from './first-claims.js';
import { readLines } from './line-reader.js';
import { createLinePreparer } from './line-preparer.js';
import { analyzeImportedTables, estimatedCompanies, IMPORTED_TABLES, needsAnalyze } from './planner-statistics.js';
import { ensureSearchIndex } from './search.js';
import { ensureRelationGraph, markRelationGraphIncomplete } from './relations/rebuild.js';
import { deferEdgeIndexes, EDGE_INDEXES, restoreEdgeIndexes } from './relations/edge-indexes.js';
import { ensurePersonIdentity, groupsInWorker, LoadedIdentity, REBUILD_ABOVE_DIRTY, settlePersonIdentity, writeWholeStoreGroups, type GroupRow, type IdentityBuildResult } from './relations/identity-build.js';
import { IDENTITY_MARKER, markIdentityStale } from './relations/identity-store.js';
import { ensureRegistrationKeys } from './shared-counts.js';
import { SqliteBulkLoad, type BulkLoadPhase } from './sqlite-bulk-load.js';
import { BULK_IMPORT_CACHE_KIB, BULK_LOAD_CACHE_KIB, useBulkImportSettings } from './sqlite-company-batch.js';
import { companyRowToBind, upsertPrepared, type PreparedDocument, type UpsertOutcome, type WriteSteps } from './store.js';

export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Lines that began with a byte-order mark, which was dropped (present only when some did). */
  bomStripped?: number;
  errors: Array<{ line: number; reason: string }>;
}

export interface ImportOptions {
  lenientUscc?: boolean;
  /** Documents per transaction. */
  batchSize?: number;
  /** Longer lines are rejected without being buffered whole. */
  maxLineBytes?: number;
  /**
   * Worker threads that parse, validate and hash lines while the main thread writes (0: all on
   * the calling thread, the default; the CLI uses `defaultImportWorkers()`).
   */
  workers?: number;
  /** Clock for `updated_at`; injectable so tests can pin it. */
  now?: () => string;
  /** Lenient-mode warnings (the summary line carries errors only). */
  onWarning?: (line: number, message: string) => void;
  /**
   * Called every `progressEveryMs` (default 5 s) with the counts so far, and with the timed end
   * phases of a bulk load (the CLI's `--progress`).
   */
  onProgress?: (event: ImportProgress) => void;
  progressEveryMs?: number;
  /**
   * Into an empty SQLite store, load in one transaction with the company indexes rebuilt at the
   * end (src/companies/sqlite-bulk-load.ts). Default true; false commits batch by batch, which
   * lets other writers in between at the cost of index maintenance per row.
   */
  bulkLoad?: boolean;
  /**
   * A line whose explicit keyNo names a stored company with another uscc or regNo replaces that
   * company (default: the line is refused, naming the company).
   */
  replace?: boolean;
  /**
   * Write the relation graph's edges with the companies (default true). false is a benchmark's
   * baseline only: the graph is then marked incomplete, and the next import or `serve` rebuilds it.
   */
  relationGraph?: boolean;
  /**
   * PostgreSQL: once the documents have mentioned more person names than this, the batches mark
   * the whole store's person identity stale instead of each name (see `IdentityMarking`). Default
   * REBUILD_ABOVE_DIRTY, the point past which the settle rebuilds anyway; tests lower it.
   */
  wholeStoreMarkAbove?: number;
  /**
   * Record the change feed's events of every company the import creates or changes, as a push
   * does (src/companies/change-feed.ts), in the batch's transaction. A load into an empty SQLite
   * store records `company.created` per company without its grade. Absent: no events (tests'
   * fixtures, benchmarks' baselines).
   */
  feed?: FeedOptions;
}

export type ImportProgress =
  | { kind: 'counts'; lines: number; imported: number; updated: number; unchanged: number; rejected: number; seconds: number }
  | ({ kind: 'bulk' } & BulkLoadPhase)
  /** PostgreSQL: ANALYZE of the tables the import filled (src/companies/planner-statistics.ts). */
  | { kind: 'statistics'; ms: number; tables: number }
  /** Person identity kept with the graph, settled after the rows (relations/identity-build.ts); `rebuilt`: the whole store's, by phase. */
  | { kind: 'identity'; ms: number; rebuilt?: IdentityBuildResult['phases'] }
  /** PostgreSQL, after the last batch: milliseconds per step of the batches' transactions, summed (store.ts `WriteSteps`). */
  | { kind: 'writes'; steps: WriteSteps };

export const DEFAULT_IMPORT_BATCH_SIZE = 2000;
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
export const MAX_REPORTED_ERRORS = 100;
/** A chunk goes to a worker at this many lines or bytes, whichever comes first. */
const CHUNK_LINES = 64;
const CHUNK_BYTES = 1024 * 1024;
/**
 * Chunks in flight per worker: enough to keep a worker busy while the main thread writes a batch
 * (2,000 documents at ~50 µs each is ~100 ms, the worker prepares 64 lines in ~5 ms), small enough
 * to bound memory (~32 × 64 lines of ~3 KB, ~6 MB).
 */
const CHUNKS_IN_FLIGHT_PER_WORKER = 32;

type ImportInput = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>;

/**
 * Where batches go: committed one by one, or into one load that commits at the end. Each also
 * enforces first-wins across the whole file: `lines` are the documents' line numbers, and a
 * document whose company an earlier line already claimed is rejected with `duplicateOf`'s reason.
 */
interface BatchWriter {
  write(docs: readonly PreparedDocument[], lines: readonly number[], now: string): Promise<UpsertOutcome[]> | UpsertOutcome[];
  /** After the last batch. */
  commit(): void;
  /** After a failure: undoes what is not committed, and corrects the summary's counts to match. */
  abandon(summary: ImportSummary): void;
  /** SQLite page cache while importing, in KiB. */
  readonly pageCacheKib: number;
}

export async function importCompanies(db: Kysely<Schema>, input: ImportInput, options: ImportOptions = {}): Promise<ImportSummary> {
  // Incremental maintenance assumes every stored company has its search terms (a store older than
  // the index gets them here, once).
  await ensureSearchIndex(db);
  if (options.relationGraph === false) {
    await markRelationGraphIncomplete(db);
    await markIdentityStale(db);
  } else {
    await ensureRelationGraph(db);
    await ensurePersonIdentity(db);
  }
  // Person identity after the rows are in: the dirty names regrouped, or the whole store's built.
  const settleIdentity = async (started = performance.now()): Promise<void> => {
    if (options.relationGraph === false) return;
    const rebuilt = await settlePersonIdentity(db);
    options.onProgress?.({ kind: 'identity', ms: performance.now() - started, ...(rebuilt ? { rebuilt: rebuilt.phases } : {}) });
  };
  await ensureRegistrationKeys(db);
  const sqlite = sqliteHandleOf(db);
  let grouped: Promise<GroupRow[]> | undefined;
  if (sqlite && options.bulkLoad !== false) {
    // The load holds Kysely's one connection throughout, so no other query of this process runs
    // inside its transaction; `begin` changes nothing when the store already has companies.
    const loaded = await db.connection().execute(async () => {
      const load = SqliteBulkLoad.begin(sqlite);
      if (!load) return undefined;
      // The load writes edges without marking names dirty: the kept identity is written after it
      // (the marker dropped in the load's transaction, so a load rolled back leaves it as it was).
      sqlite.prepare('delete from system_settings where name = ?').run(IDENTITY_MARKER);
      // Its groups are gathered from the documents as they are written and clustered in a worker
      // thread while the load rebuilds its indexes (relations/identity-build.ts LoadedIdentity).
      const identity = options.relationGraph !== false ? new LoadedIdentity() : undefined;
      if (identity) load.onWritten = (keyNo, doc, uscc) => identity.add(keyNo, uscc, doc.names[0], doc.relationEdges);
      const writer: BatchWriter = {
        write: (docs, lines, now) => load.write(docs, lines, (p, keyNo) => companyRowToBind(p, keyNo, now), duplicateOf, options.feed ? now : undefined),
        commit: () => {
          if (identity) {
            grouped = groupsInWorker(identity.state());
            grouped.catch(() => { /* settled below: the whole store is then read instead */ });
          }
          load.finish((phase) => options.onProgress?.({ kind: 'bulk', ...phase }));
        },
        abandon: (summary) => {
          load.abandon();
          summary.imported = 0;
          summary.updated = 0;
          summary.unchanged = 0;
        },
        pageCacheKib: BULK_LOAD_CACHE_KIB,
      };
      return { summary: await runImport(db, input, options, writer) };
    });
    if (loaded) {
      const started = performance.now();
      const rows = await grouped?.catch(() => undefined);
      if (rows) await db.connection().execute(async () => writeWholeStoreGroups(sqlite, rows));
      await settleIdentity(started);
      return loaded.summary;
    }
  }
  const firstClaims = new FirstClaims(1 << 16);
  const marks = new IdentityMarking(options.wholeStoreMarkAbove ?? REBUILD_ABOVE_DIRTY);
  const steps: WriteSteps = {};
  // PostgreSQL, into an empty store: the edge indexes are built once at the end, from the point
  // where the import is large enough to mark the whole store (relations/edge-indexes.ts).
  const mayDeferEdgeIndexes = !sqlite && options.relationGraph !== false && !(await db.selectFrom('companies').select('key_no').limit(1).executeTakeFirst());
  let deferredEdgeIndexes = false;
  const perBatch: BatchWriter = {
    write: async (docs, lines, now) => {
      const markWholeStore = marks.wholeStore(docs);
      if (markWholeStore && mayDeferEdgeIndexes && !deferredEdgeIndexes) deferredEdgeIndexes = await deferEdgeIndexes(db);
      return upsertPrepared(db, docs, {
        now,
        replace: options.replace === true,
        markWholeStore,
        ...(options.onProgress ? { steps } : {}),
        ...(options.feed ? { feed: options.feed } : {}),
        admit: (keyNo, index) => {
          const first = firstClaims.claim(keyNo, lines[index]!);
          return first === undefined ? undefined : duplicateOf(keyNo, first);
        },
      });
    },
    commit: () => {},
    abandon: () => {},
    pageCacheKib: BULK_IMPORT_CACHE_KIB,
  };
  // PostgreSQL: a large import refreshes the planner's statistics itself when it ends (also after
  // an abort, for what was committed), so a freshly loaded store is fast without an operator step.
  const rowsBefore = await estimatedCompanies(db);
  const refreshStatistics = async (summary: ImportSummary): Promise<void> => {
    if (rowsBefore === undefined || !needsAnalyze(rowsBefore, summary.imported + summary.updated)) return;
    const started = performance.now();
    await analyzeImportedTables(db);
    options.onProgress?.({ kind: 'statistics', ms: performance.now() - started, tables: IMPORTED_TABLES.length });
  };
  const restoreIndexes = async (): Promise<void> => {
    if (!deferredEdgeIndexes) return;
    const ms = await restoreEdgeIndexes(db);
    if (ms !== undefined) options.onProgress?.({ kind: 'bulk', phase: 'indexes', count: EDGE_INDEXES.length, ms });
  };
  let summary: ImportSummary;
  try {
    summary = await runImport(db, input, options, perBatch);
  } catch (err) {
    // What was committed gets its indexes now (else the next import or `serve` builds them).
    await restoreIndexes().catch(() => { /* the abort is what to report */ });
    if (err instanceof ImportAbortedError) await refreshStatistics(err.summary).catch(() => { /* the abort is what to report */ });
    throw err;
  }
  if (!sqlite) options.onProgress?.({ kind: 'writes', steps });
  await restoreIndexes();
  await refreshStatistics(summary);
  await settleIdentity();
  return summary;
}

/**
 * When an import stops marking person names one by one and marks the whole store instead
 * (store.ts `markWholeStore`): once its documents have mentioned more names than the settle
 * regroups one by one (REBUILD_ABOVE_DIRTY), the settle rebuilds the whole identity whatever was
 * marked, so finding and marking each name is wasted. Counted from the documents' own mentions (a
 * lower bound of the names a batch marks), and only until the switch, which is one-way.
 */
class IdentityMarking {
  private readonly mentioned = new Set<string>();
  private whole = false;

  constructor(private readonly above: number) {}

  wholeStore(docs: readonly PreparedDocument[]): boolean {
    if (this.whole) return true;
    for (const d of docs) for (const e of d.relationEdges ?? []) if (e.aType === 'person') this.mentioned.add(e.aRef);
    if (this.mentioned.size > this.above) {
      this.whole = true;
      this.mentioned.clear();
    }
    return this.whole;
  }
}

function duplicateOf(keyNo: string, firstLine: number): string {
  return `duplicate of line ${firstLine} (same company, keyNo ${keyNo}); the first occurrence is kept`;
}

async function runImport(db: Kysely<Schema>, input: ImportInput, options: ImportOptions, writer: BatchWriter): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const workers = options.workers ?? 0;
  const now = options.now ?? (() => new Date().toISOString());
  const summary: ImportSummary = { imported: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
  const reject = (line: number, reason: string): void => {
    summary.rejected++;
    if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push({ line, reason });
  };
  const startedAt = performance.now();
  const progressEveryMs = options.progressEveryMs ?? 5000;
  let lastProgress = startedAt;
  let batch: PreparedDocument[] = [];
  let batchLines: number[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const lines = batchLines;
    const outcomes = await writer.write(batch, lines, now());
    outcomes.forEach((o, i) => {
      if (o.status === 'rejected') reject(lines[i]!, o.reason);
      else summary[o.status]++;
    });
    const at = performance.now();
    if (options.onProgress && at - lastProgress >= progressEveryMs) {
      lastProgress = at;
      const { imported, updated, unchanged, rejected } = summary;
      options.onProgress({ kind: 'counts', lines: lines[lines.length - 1]!, imported, updated, unchanged, rejected, seconds: (at - startedAt) / 1000 });
    }
    batch = [];
    batchLines = [];
    // Every chunk taken in full before this write has all its documents written now.
    for (const buffer of takenBuffers) chunk.recycle(buffer);
    takenBuffers = [];
  };

  /** Buffers of chunks whose every document is in `batch` or written (see `ChunkBuilder.recycle`). */
  let takenBuffers: ArrayBuffer[] = [];
  const take = async (results: PreparedLine[]): Promise<void> => {
    let buffer: ArrayBuffer | undefined;
    for (const r of results) {
      if (r.ok === 'blank') continue;
      if (r.ok === false) {
        reject(r.lineNo, r.reason);
        continue;
      }
      for (const w of r.warnings) options.onWarning?.(r.lineNo, w);
      if (r.bomStripped) summary.bomStripped = (summary.bomStripped ?? 0) + 1;
      if (options.relationGraph === false) delete r.prepared.relationEdges;
      const text = r.prepared.docText;
      if (typeof text !== 'string') buffer ??= text.buffer as ArrayBuffer;
      batch.push(r.prepared);
      batchLines.push(r.lineNo);
      if (batch.length >= batchSize) await flush();
    }
    if (buffer) takenBuffers.push(buffer);
  };

  const preparer = createLinePreparer(workers, options.lenientUscc === true);
  const sqlite = sqliteHandleOf(db);
  const restoreSettings = sqlite ? useBulkImportSettings(sqlite, writer.pageCacheKib) : () => {};
  // Chunks are submitted in line order and taken back in the same order, so outcomes, errors and
  // "duplicate of line N" never depend on which worker finished first.
  const inFlight: Array<Promise<PreparedLine[]>> = [];
  const maxInFlight = Math.max(1, workers * CHUNKS_IN_FLIGHT_PER_WORKER);
  const chunk = new ChunkBuilder();
  const submit = async (): Promise<void> => {
    if (chunk.lineCount > 0) inFlight.push(preparer.prepare(chunk.take()));
    while (inFlight.length >= maxInFlight) await take(await inFlight.shift()!);
  };

  // A read error still lets every line read before it be imported; a write error stops at once.
  let readError: unknown;
  let committed = false;
  try {
    try {
      for await (const line of readLines(input, maxLineBytes)) {
        if (line.kind === 'bytes') chunk.add(line.lineNo, line.bytes);
        else chunk.refuse(line.lineNo, `line is ${line.bytes} bytes, longer than the limit of ${maxLineBytes}`);
        if (chunk.lineCount >= CHUNK_LINES || chunk.byteCount >= CHUNK_BYTES) await submit();
      }
    } catch (err) {
      readError = err;
    }
    await submit();
    while (inFlight.length > 0) await take(await inFlight.shift()!);
    await flush();
    writer.commit();
    committed = true;
    if (readError !== undefined) throw readError;
  } catch (err) {
    // Settle what is still in flight so that no rejection goes unhandled, then report the abort.
    await Promise.allSettled(inFlight);
    if (!committed) writer.abandon(summary);
    throw new ImportAbortedError(err, summary);
  } finally {
    restoreSettings();
    await preparer.close();
  }
  return summary;
}

/**
 * Reading or writing failed part-way (an I/O or database error, not a bad line). `summary` counts
 * what was committed: after a read error, every line read before it; after a write error, the
 * batches before it (the failing batch was rolled back), or nothing at all when the import was
 * a bulk load into an empty store (one transaction, rolled back whole).
 */
export class ImportAbortedError extends Error {
  override name = 'ImportAbortedError';
  constructor(override readonly cause: unknown, readonly summary: ImportSummary) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
