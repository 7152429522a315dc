/**
 * Store-wide counts the shell-company scan reads: how many companies in the store share this
 * company's registered address, phone and e-mail, and how many the legal representative holds.
 * Each count includes the company itself; null when the company has no such value (unknown, not 0).
 *
 * Stability: shared with src/reports/types. Changes are additive only.
 */
export interface SharedRegistrationCounts {
  readonly sameAddress: number | null;
  readonly samePhone: number | null;
  readonly sameEmail: number | null;
  /**
   * Companies where the same legal representative (same person under the graph's identity rule,
   * docs/relations.md "Who is one person") is legal representative. Null when unknown: no legal
   * representative, or identity not resolved because `legalRepNamesakes` is already below the
   * threshold the producer was asked about.
   */
  readonly legalRepCompanies: number | null;
  /**
   * True when `legalRepCompanies` is a lower bound: identity was resolved only until the count
   * reached the threshold the producer was asked about (the person holds at least that many).
   * Absent when the count is exact.
   */
  readonly legalRepCompaniesAtLeast?: boolean;
  /**
   * Companies whose legal representative bears the same name, whoever that is: an upper bound of
   * `legalRepCompanies` (namesakes are not all one person). Absent when not counted.
   */
  readonly legalRepNamesakes?: number;
}
