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
  /** Companies where the same legal representative (same person under the identity rule) is legal representative. */
  readonly legalRepCompanies: number | null;
}
