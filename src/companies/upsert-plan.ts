/**
 * What a batch upsert does, decided without touching the database: the backends load the rows the
 * batch could collide with, this module decides every document's outcome, and the backends write
 * what it says. Pure, so identity, ownership and change rules are unit-tested once for both
 * backends (and for SQLite's raw bulk path and PostgreSQL's Kysely path alike).
 */
import { canonicalJson } from './canonical.js';

/** What the plan needs of a prepared document (see `PreparedDocument` in store.ts). */
export interface PlannedDocument {
  explicitKeyNo: string | null;
  derivedKeyNo: string;
  uscc: string | null;
  regNo: string | null;
  /** The document text that would be stored, as a string or as its UTF-8 bytes. */
  docText: string | Uint8Array;
  /** sha256 of `docText`'s UTF-8. */
  docHash: string;
}

/** A stored company the batch may touch: found by one of the batch's KeyNos, USCCs or regNos. */
export interface ExistingIdentity {
  keyNo: string;
  uscc: string | null;
  regNo: string | null;
  /** sha256 of its stored document text. */
  hash: string;
}

export type UpsertOutcome =
  | { status: 'imported' | 'updated' | 'unchanged'; keyNo: string }
  | { status: 'rejected'; keyNo?: string; reason: string };

export interface BatchPlan<D extends PlannedDocument> {
  outcomes: UpsertOutcome[];
  /** Documents to write (insert or replace), in batch order, with their resolved KeyNo. */
  writes: Array<{ doc: D; keyNo: string }>;
  /** KeyNos of stored companies being replaced (their names are rewritten). */
  replacedKeys: string[];
}

/** The KeyNos, USCCs and regNos whose stored rows a batch must load before planning. */
export function identityKeysOf(docs: readonly PlannedDocument[]): { keyNos: string[]; usccs: string[]; regNos: string[] } {
  const keyNos = new Set<string>();
  const usccs = new Set<string>();
  const regNos = new Set<string>();
  for (const c of docs) {
    if (c.explicitKeyNo) keyNos.add(c.explicitKeyNo);
    keyNos.add(c.derivedKeyNo);
    if (c.uscc) usccs.add(c.uscc);
    if (c.regNo) regNos.add(c.regNo);
  }
  return { keyNos: [...keyNos], usccs: [...usccs], regNos: [...regNos] };
}

/**
 * Stored companies whose text the plan may need to compare by content: those whose hash equals no
 * document of the batch (an equal hash is "unchanged" without reading the text).
 */
export function keysNeedingStoredText(docs: readonly PlannedDocument[], existing: readonly ExistingIdentity[]): string[] {
  const hashes = new Set(docs.map((d) => d.docHash));
  return existing.filter((e) => !hashes.has(e.hash)).map((e) => e.keyNo);
}

/**
 * Same content whatever the key order, whitespace or `keyNo` property (the KeyNo lives in its own
 * column): the stored text may be an older canonical form or another spelling of the same JSON.
 */
export function sameContent(storedText: string, newText: string | Uint8Array): boolean {
  return canonicalContent(storedText) === canonicalContent(textOf(newText));
}

/** Document text as a string, decoding UTF-8 bytes (import workers hand the writer bytes). */
export function textOf(text: string | Uint8Array): string {
  return typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
}

function canonicalContent(text: string): string {
  const { keyNo: _keyNo, ...content } = JSON.parse(text) as Record<string, unknown>;
  return canonicalJson(content);
}

export interface PlanOptions {
  /** See `UpsertOptions.admit` in store.ts. */
  admit?: ((keyNo: string, index: number) => string | undefined) | undefined;
  /**
   * Let a document with an explicit keyNo replace the stored company of that KeyNo even when its
   * uscc or regNo differs from the stored one's (`data import --replace`). Without it such a
   * document is refused: it is far more often another company's KeyNo pasted by mistake.
   */
  replace?: boolean | undefined;
}

/**
 * Identity: the document's keyNo, else the company already stored with its uscc, else the one
 * stored with its regNo (a company first known by registration number keeps its KeyNo when its
 * USCC arrives), else a KeyNo derived from uscc, regNo or name. A document whose text hashes like
 * the stored one, or whose content equals it (`storedText`, loaded for hash mismatches only), is
 * `unchanged` and not rewritten. A document whose uscc or regNo belongs to another company is
 * rejected, naming it.
 *
 * `existing` must hold every stored company with one of the batch's KeyNos, USCCs or regNos;
 * `storedText` the stored text of those in `keysNeedingStoredText` (a missing text counts as changed).
 */
export function planBatch<D extends PlannedDocument>(
  docs: readonly D[],
  existing: readonly ExistingIdentity[],
  storedText: ReadonlyMap<string, string>,
  options: PlanOptions = {},
): BatchPlan<D> {
  // Sorted so that regNo ownership (first wins) does not depend on the order rows were loaded in.
  const sorted = [...existing].sort((a, b) => (a.keyNo < b.keyNo ? -1 : a.keyNo > b.keyNo ? 1 : 0));
  const byKey = new Map(sorted.map((e) => [e.keyNo, e]));
  const usccOwner = new Map<string, string>();
  const regNoOwner = new Map<string, string>();
  for (const e of sorted) {
    if (e.uscc) usccOwner.set(e.uscc, e.keyNo);
    if (e.regNo && !regNoOwner.has(e.regNo)) regNoOwner.set(e.regNo, e.keyNo);
  }
  const seenInBatch = new Map<string, number>();
  const plan: BatchPlan<D> = { outcomes: [], writes: [], replacedKeys: [] };

  docs.forEach((c, index) => {
    const keyNo =
      c.explicitKeyNo ??
      (c.uscc ? usccOwner.get(c.uscc) : undefined) ??
      (c.regNo ? regNoOwner.get(c.regNo) : undefined) ??
      c.derivedKeyNo;
    const usccHolder = c.uscc ? usccOwner.get(c.uscc) : undefined;
    if (usccHolder && usccHolder !== keyNo) return plan.outcomes.push({ status: 'rejected', keyNo, reason: `uscc ${c.uscc} already belongs to company ${usccHolder}` });
    const regNoHolder = c.regNo ? regNoOwner.get(c.regNo) : undefined;
    if (regNoHolder && regNoHolder !== keyNo) return plan.outcomes.push({ status: 'rejected', keyNo, reason: `regNo ${c.regNo} already belongs to company ${regNoHolder}` });
    const before = byKey.get(keyNo);
    if (before && c.explicitKeyNo && !options.replace) {
      const clash = identityClash(before, c);
      if (clash) return plan.outcomes.push({ status: 'rejected', keyNo, reason: clash });
    }
    const refused = options.admit ? options.admit(keyNo, index) : duplicateInBatch(seenInBatch, keyNo, index);
    if (refused) return plan.outcomes.push({ status: 'rejected', keyNo, reason: refused });

    if (before && before.hash === c.docHash) return plan.outcomes.push({ status: 'unchanged', keyNo });
    const beforeText = before && storedText.get(keyNo);
    if (beforeText !== undefined && sameContent(beforeText, c.docText)) return plan.outcomes.push({ status: 'unchanged', keyNo });
    plan.writes.push({ doc: c, keyNo });
    if (before) {
      plan.replacedKeys.push(keyNo);
      // The company's old codes are free again once this batch commits.
      if (before.uscc && before.uscc !== c.uscc && usccOwner.get(before.uscc) === keyNo) usccOwner.delete(before.uscc);
      if (before.regNo && before.regNo !== c.regNo && regNoOwner.get(before.regNo) === keyNo) regNoOwner.delete(before.regNo);
    }
    byKey.set(keyNo, { keyNo, uscc: c.uscc, regNo: c.regNo, hash: c.docHash });
    if (c.uscc) usccOwner.set(c.uscc, keyNo);
    if (c.regNo) regNoOwner.set(c.regNo, keyNo);
    return plan.outcomes.push({ status: before ? 'updated' : 'imported', keyNo });
  });
  return plan;
}

/** Why a document naming a stored company's KeyNo is not that company (a different code), if it is not. */
function identityClash(stored: ExistingIdentity, doc: PlannedDocument): string | undefined {
  const differs = (what: string, was: string | null, now: string | null): string | undefined =>
    was !== null && was !== now
      ? `keyNo ${stored.keyNo} belongs to the stored company with ${what} ${was}, and this line has ${now === null ? `no ${what}` : `${what} ${now}`}; give --replace to replace that company`
      : undefined;
  return differs('uscc', stored.uscc, doc.uscc) ?? differs('regNo', stored.regNo, doc.regNo);
}

function duplicateInBatch(seen: Map<string, number>, keyNo: string, index: number): string | undefined {
  const first = seen.get(keyNo);
  if (first !== undefined) return `same company (keyNo ${keyNo}) as document ${first + 1} of this batch`;
  seen.set(keyNo, index);
  return undefined;
}
