/**
 * The terms a company is found by in a fuzzy search (`company_search`, docs/data-store.md
 * "Search index"): every suffix of its normalised names and legal representative, at least two
 * characters long and cut to `MAX_TERM_CHARS`. A fragment query is then one prefix range over the
 * terms: "京华信" is a prefix of the suffix "京华信科技有限公司" of "北京华信科技有限公司". Two-character
 * fragments work (a trigram index needs three), and no candidate needs checking afterwards unless
 * the query is longer than a term.
 *
 * Each term carries where it came from (`field`) and where it starts (`anchor`): the whole value,
 * its start, or inside it. The search ranks by anchor (exact, then prefix, then fragment) and the
 * index leads with it, so each rank is one contiguous range.
 *
 * Pure: the writer derives a company's terms from its document, and when a company is replaced it
 * derives the old terms from the old document to delete them. Changing this function therefore
 * needs a migration that rebuilds the table.
 */
import { normaliseName } from './normalise.js';

/** Terms are cut to this many characters; a longer query is matched on its first ones, then checked. */
export const MAX_TERM_CHARS = 12;
/** Shorter fragments are refused before searching (213), so shorter terms would never be asked for. */
export const MIN_TERM_CHARS = 2;

export const SEARCH_FIELDS = { name: 1, formerName: 2, legalRep: 3 } as const;
export type SearchField = (typeof SEARCH_FIELDS)[keyof typeof SEARCH_FIELDS];

/** 2: the whole value; 1: its start (a prefix of it); 0: inside it. */
export const ANCHOR = { whole: 2, start: 1, inside: 0 } as const;
export type Anchor = (typeof ANCHOR)[keyof typeof ANCHOR];

export interface SearchTerm {
  anchor: Anchor;
  term: string;
  field: SearchField;
}

/** What the terms are derived from: the normalised names (current first) and legal representative. */
export interface SearchSource {
  /** `normaliseName` of the current name, then of each distinct former name. */
  names: readonly string[];
  /** `normaliseName` of the legal representative, or null. */
  legalRep: string | null;
}

/** The legal representative as the index keeps it (same normalisation as names). */
export function normaliseLegalRep(legalRep: string | undefined): string | null {
  if (legalRep === undefined) return null;
  const n = normaliseName(legalRep);
  return n.length > 0 ? n : null;
}

/** A company's terms, each (anchor, term, field) once. */
export function searchTermsOf(source: SearchSource): SearchTerm[] {
  const out: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (value: string, field: SearchField): void => {
    // Code points, not UTF-16 units, so a rare character outside the BMP is never cut in half.
    const chars = Array.from(value);
    for (let i = 0; i + MIN_TERM_CHARS <= chars.length; i++) {
      const anchor: Anchor = i > 0 ? ANCHOR.inside : chars.length <= MAX_TERM_CHARS ? ANCHOR.whole : ANCHOR.start;
      const term = chars.slice(i, i + MAX_TERM_CHARS).join('');
      const id = `${anchor}\u0000${field}\u0000${term}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ anchor, term, field });
    }
  };
  source.names.forEach((name, i) => add(name, i === 0 ? SEARCH_FIELDS.name : SEARCH_FIELDS.formerName));
  if (source.legalRep !== null) add(source.legalRep, SEARCH_FIELDS.legalRep);
  return out;
}

/** The source of a stored document's terms (used to delete the old terms of a replaced company). */
export function searchSourceOfDocument(doc: { name: string; formerNames?: readonly string[]; legalRep?: string }): SearchSource {
  const names = [normaliseName(doc.name)];
  for (const former of doc.formerNames ?? []) {
    const n = normaliseName(former);
    if (n.length > 0 && !names.includes(n)) names.push(n);
  }
  return { names, legalRep: normaliseLegalRep(doc.legalRep) };
}
