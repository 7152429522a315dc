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
import { checkCompanyDocument } from './document-check.js';
import type { CompanyDocument } from './document.js';
import { readLines } from './line-reader.js';
import { upsertCompanies } from './store.js';

export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ line: number; reason: string }>;
}

export interface ImportOptions {
  lenientUscc?: boolean;
  /** Documents per transaction. */
  batchSize?: number;
  /** Longer lines are rejected without being buffered whole. */
  maxLineBytes?: number;
  /** Clock for `updated_at`; injectable so tests can pin it. */
  now?: () => string;
  /** Lenient-mode warnings (the summary line carries errors only). */
  onWarning?: (line: number, message: string) => void;
}

export const DEFAULT_IMPORT_BATCH_SIZE = 2000;
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
export const MAX_REPORTED_ERRORS = 100;

export async function importCompanies(
  db: Kysely<Schema>,
  input: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const now = options.now ?? (() => new Date().toISOString());
  const summary: ImportSummary = { imported: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
  const reject = (line: number, reason: string): void => {
    summary.rejected++;
    if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push({ line, reason });
  };
  // KeyNo (as 16 raw bytes, to keep a million entries small) → the line that first claimed it.
  const firstLineOf = new Map<string, number>();
  let batch: CompanyDocument[] = [];
  let batchLines: number[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const lines = batchLines;
    const outcomes = await upsertCompanies(db, batch, {
      now: now(),
      admit: (keyNo, index) => {
        const key = Buffer.from(keyNo, 'hex').toString('latin1');
        const first = firstLineOf.get(key);
        if (first !== undefined) return `duplicate of line ${first} (same company, keyNo ${keyNo}); the first occurrence is kept`;
        firstLineOf.set(key, lines[index]!);
        return undefined;
      },
    });
    outcomes.forEach((o, i) => {
      if (o.status === 'rejected') reject(lines[i]!, o.reason);
      else summary[o.status]++;
    });
    batch = [];
    batchLines = [];
  };

  try {
    await readAll();
  } catch (err) {
    throw new ImportAbortedError(err, summary);
  }
  return summary;

  async function readAll(): Promise<void> {
    for await (const line of readLines(input, maxLineBytes)) {
      if (line.kind === 'too_long') {
        reject(line.lineNo, `line is ${line.bytes} bytes, longer than the limit of ${maxLineBytes}`);
        continue;
      }
      if (line.kind === 'invalid_utf8') {
        reject(line.lineNo, 'line is not valid UTF-8');
        continue;
      }
      if (line.text.trim() === '') continue; // blank lines (a trailing newline, spacing) are not records
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (err) {
        reject(line.lineNo, `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      const checked = checkCompanyDocument(value, { lenientUscc: options.lenientUscc === true });
      if (!checked.ok) {
        reject(line.lineNo, checked.reason);
        continue;
      }
      for (const w of checked.warnings) options.onWarning?.(line.lineNo, w);
      batch.push(checked.doc);
      batchLines.push(line.lineNo);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  }
}

/**
 * Reading or writing failed part-way (an I/O or database error, not a bad line). `summary` counts
 * what was committed before the failure; the batch in flight was rolled back.
 */
export class ImportAbortedError extends Error {
  override name = 'ImportAbortedError';
  constructor(override readonly cause: unknown, readonly summary: ImportSummary) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
