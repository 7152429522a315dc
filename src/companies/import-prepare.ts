/**
 * One NDJSON line → a prepared document or a rejection reason. Pure and self-contained, so the
 * importer can run it in worker threads: parsing, schema validation and hashing are
 * most of an import's CPU, while the database writes stay on the main thread.
 */
import { checkCompanyDocument } from './document-check.js';
import { prepareDocument, type PreparedDocument } from './store.js';

/** A line as read: its text, or the reason the reader already refused it (too long, bad UTF-8). */
export type RawLine = { lineNo: number; text: string } | { lineNo: number; refused: string };

export type PreparedLine =
  | { lineNo: number; ok: true; prepared: PreparedDocument; warnings: string[] }
  | { lineNo: number; ok: false; reason: string }
  | { lineNo: number; ok: 'blank' };

export function prepareLine(line: RawLine, lenientUscc: boolean): PreparedLine {
  if ('refused' in line) return { lineNo: line.lineNo, ok: false, reason: line.refused };
  // Blank lines (a trailing newline, spacing between records) are not records.
  if (line.text.trim() === '') return { lineNo: line.lineNo, ok: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (err) {
    return { lineNo: line.lineNo, ok: false, reason: `malformed JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const checked = checkCompanyDocument(value, { lenientUscc });
  if (!checked.ok) return { lineNo: line.lineNo, ok: false, reason: checked.reason };
  return { lineNo: line.lineNo, ok: true, prepared: prepareDocument(checked.doc, line.text), warnings: checked.warnings };
}
