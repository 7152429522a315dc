import type { Kysely, Selectable } from 'kysely';
import { randomHex } from '../accounts/row-ids.js';
import type { ImportProgress, ImportSummary } from '../companies/import.js';
import type { ConsoleImportTable, Schema } from '../db/schema.js';

/**
 * The console's imports as the server sees them (`console_imports`, migration 0106): the page
 * opens one (`waiting`), uploads the file naming it, and polls it while the server reads and
 * writes (`running`: bytes read of the upload, lines processed, counts so far), until `done` with
 * the summary or `failed` with the reason. Rows live in the database so every API process answers
 * the polls.
 */
export type ImportJobState = 'waiting' | 'running' | 'done' | 'failed';

/** A running import not heard from for this long is shown as stalled (its process may have died), not as running. */
export const IMPORT_STALL_MS = 5 * 60_000;

export interface ImportJobView {
  readonly id: string;
  readonly actor: string;
  readonly state: ImportJobState | 'stalled';
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  /** The upload's Content-Length, when the client sent one. */
  readonly bytesTotal: number | null;
  readonly bytesRead: number;
  readonly lines: number;
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly summary: (ImportSummary & { errors: ImportSummary['errors'] }) | null;
  readonly error: string | null;
}

export const IMPORT_ID_PATTERN = /^[0-9a-f]{32}$/;

export function importJobView(row: Selectable<ConsoleImportTable>, nowMs: number): ImportJobView {
  const stalled = row.state === 'running' && nowMs - Date.parse(row.updated_at) > IMPORT_STALL_MS;
  return {
    id: row.id, actor: row.actor, state: stalled ? 'stalled' : row.state as ImportJobState, createdAt: row.created_at, updatedAt: row.updated_at, finishedAt: row.finished_at,
    bytesTotal: row.bytes_total === null ? null : Number(row.bytes_total), bytesRead: Number(row.bytes_read), lines: Number(row.lines),
    imported: Number(row.imported), updated: Number(row.updated), unchanged: Number(row.unchanged), rejected: Number(row.rejected),
    summary: row.summary ? JSON.parse(row.summary) as ImportJobView['summary'] : null, error: row.error,
  };
}

export async function openImportJob(db: Kysely<Schema>, actor: string, nowMs: number): Promise<string> {
  const id = randomHex(16);
  const at = new Date(nowMs).toISOString();
  await db.insertInto('console_imports').values({
    id, actor, state: 'waiting', created_at: at, updated_at: at, finished_at: null, bytes_total: null, bytes_read: 0,
    lines: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0, summary: null, error: null,
  }).execute();
  return id;
}

export async function findImportJob(db: Kysely<Schema>, id: string): Promise<Selectable<ConsoleImportTable> | undefined> {
  return IMPORT_ID_PATTERN.test(id) ? db.selectFrom('console_imports').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
}

export async function recentImportJobs(db: Kysely<Schema>, limit = 10): Promise<Array<Selectable<ConsoleImportTable>>> {
  return db.selectFrom('console_imports').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

/** waiting → running; false when the job is not waiting (already used, or not there): one upload per job. */
export async function startImportJob(db: Kysely<Schema>, id: string, bytesTotal: number | null, nowMs: number): Promise<boolean> {
  const at = new Date(nowMs).toISOString();
  const res = await db.updateTable('console_imports').set({ state: 'running', bytes_total: bytesTotal, updated_at: at }).where('id', '=', id).where('state', '=', 'waiting').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Writes an import's progress as it comes (after every batch) without ever making the import wait
 * for it: one write at a time, and while one is under way only the newest counts are kept for the
 * next. `finish` waits for the last progress write, then writes the outcome.
 */
export function importProgressWriter(db: Kysely<Schema>, id: string, now: () => number, bytesRead: () => number) {
  let pending: Extract<ImportProgress, { kind: 'counts' }> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let busy = false;
  const writeNext = async (): Promise<void> => {
    while (pending) {
      const p = pending;
      pending = undefined;
      await db.updateTable('console_imports').set({
        lines: p.lines, imported: p.imported, updated: p.updated, unchanged: p.unchanged, rejected: p.rejected,
        bytes_read: bytesRead(), updated_at: new Date(now()).toISOString(),
      }).where('id', '=', id).where('state', '=', 'running').execute().catch(() => { /* progress is best effort; the summary is not */ });
    }
    busy = false;
  };
  return {
    onProgress(event: ImportProgress): void {
      if (event.kind !== 'counts') return;
      pending = event;
      if (!busy) {
        busy = true;
        writing = writeNext();
      }
    },
    async finish(outcome: { summary: ImportSummary & { errors: ImportSummary['errors'] } } | { error: string }): Promise<void> {
      await writing;
      const at = new Date(now()).toISOString();
      const set = 'summary' in outcome
        ? {
          state: 'done', summary: JSON.stringify(outcome.summary), lines: outcome.summary.imported + outcome.summary.updated + outcome.summary.unchanged + outcome.summary.rejected,
          imported: outcome.summary.imported, updated: outcome.summary.updated, unchanged: outcome.summary.unchanged, rejected: outcome.summary.rejected,
        }
        : { state: 'failed', error: outcome.error.slice(0, 500) };
      await db.updateTable('console_imports').set({ ...set, bytes_read: bytesRead(), updated_at: at, finished_at: at }).where('id', '=', id).execute();
    },
  };
}
