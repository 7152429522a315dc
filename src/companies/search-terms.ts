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
 * Suffixes that start inside a legal-form ending (`有限公司`, `限公司`, `公司`, `责任公司`, …: the
 * LEGAL_FORM_TAILS) are not written: nearly every company has one, so each was a million rows that
 * answer a query no-one can use ("有限公司" matches every company). A query that could only be
 * answered by them is refused instead (`isLegalFormFragment`, 215), never answered from an index
 * that left them out. Suffixes that start before the ending (`科技有限公司`) are kept.
 *
 * Pure: the writer derives a company's terms from its document, and when a company is replaced it
 * derives the old terms from the old document to delete them. Changing this function therefore
 * needs a migration that rebuilds the table (0030 wrote them, 0076 removed the legal-form tails).
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

/** The legal-form endings whose inner suffixes are not indexed (normalised forms; the longer ones contain the shorter). */
const LEGAL_FORM_ENDINGS = ['股份有限公司', '有限责任公司'] as const;

/**
 * Every suffix of at least MIN_TERM_CHARS characters of a legal-form ending: `有限公司`, `限公司`,
 * `公司`, `份有限公司`, `责任公司`, … An inside term equal to one of these is skipped.
 */
export const LEGAL_FORM_TAILS: readonly string[] = [...new Set(LEGAL_FORM_ENDINGS.flatMap((e) => {
  const chars = Array.from(e);
  return chars.slice(0, chars.length - MIN_TERM_CHARS + 1).map((_, i) => chars.slice(i).join(''));
}))];
const TAILS = new Set(LEGAL_FORM_TAILS);
const TAIL_PREFIXES = new Set(LEGAL_FORM_TAILS.flatMap((t) => {
  const chars = Array.from(t);
  return chars.slice(MIN_TERM_CHARS - 1).map((_, i) => chars.slice(0, i + MIN_TERM_CHARS).join(''));
}));

/**
 * A normalised query whose fragment matches would lie in the skipped legal-form tails: it is the
 * start of one (`有限`, `公司`, `股份有限`, `责任公司`). It names no company, and the index cannot
 * answer it truthfully, so search refuses it (215) rather than under-count.
 */
export function isLegalFormFragment(q: string): boolean {
  return TAIL_PREFIXES.has(q);
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
      // Inside a legal-form ending (see above); a term that short is the whole rest of the value.
      if (anchor === ANCHOR.inside && TAILS.has(term)) continue;
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

/**
 * Terms as one string, for the import's worker threads to hand to the writing thread: one string
 * crosses the thread boundary far cheaper than an object per term. Each term is its anchor digit,
 * its field digit, its length in UTF-16 units as one character's code, then its text (length, not
 * a separator: a name may hold any character).
 */
export function encodeSearchTerms(terms: readonly SearchTerm[]): string {
  let out = '';
  for (const t of terms) out += String(t.anchor) + String(t.field) + String.fromCharCode(t.term.length) + t.term;
  return out;
}

export function decodeSearchTerms(encoded: string): SearchTerm[] {
  const out: SearchTerm[] = [];
  for (let i = 0; i < encoded.length;) {
    const length = encoded.charCodeAt(i + 2);
    out.push({ anchor: (encoded.charCodeAt(i) - 48) as Anchor, field: (encoded.charCodeAt(i + 1) - 48) as SearchField, term: encoded.slice(i + 3, i + 3 + length) });
    i += 3 + length;
  }
  return out;
}
