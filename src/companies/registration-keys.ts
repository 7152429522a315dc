/**
 * The registration keys a company shares with others in the store (`company_contacts`,
 * docs/report-types.md "Store-wide counts"): its registered address, phones and e-mails, each
 * normalised so that spellings of the same value meet. The shell-company scan counts how many
 * companies share each key. (The legal representative is counted over the relation graph under
 * its identity rule, not here; the former kind 4, name and prefecture, went with migration 0115.)
 *
 * Pure: the writers derive a company's keys from its document, and when a company is replaced they
 * derive the old keys from the old document to delete them (no index by KeyNo is kept). Changing
 * these rules therefore needs a migration that rebuilds the table.
 */

/** Kind 4 (legal representative by name and prefecture) is retired: never written, never read again. */
export const REGISTRATION_KEY_KINDS = { address: 1, phone: 2, email: 3 } as const;
export type RegistrationKeyKind = (typeof REGISTRATION_KEY_KINDS)[keyof typeof REGISTRATION_KEY_KINDS];

export interface RegistrationKey {
  kind: RegistrationKeyKind;
  value: string;
}

/** What the keys are derived from: a few fields of the company document. */
export interface RegistrationSource {
  address?: string;
  contact?: { phone?: string; email?: string };
}

/** Shorter normalised addresses (e.g. a bare city name) identify no place and are not keys. */
const MIN_ADDRESS_CHARS = 6;
/** A phone number has at least this many digits once normalised (a local number without area code). */
const MIN_PHONE_DIGITS = 7;
/** Several values in one field: `010-1234567；13800000000`. Not `-` or spaces, which join the parts of one number. */
const PHONE_SEPARATORS = /[;；,，、/|]+/u;
/** E-mail addresses hold no spaces, so a space separates them too. */
const EMAIL_SEPARATORS = /[;；,，、/|\s]+/u;

/**
 * The address as compared:
 * - NFKC, so full-width digits, letters, `＃` and `（）` become half-width, then lower case;
 * - every space and punctuation mark dropped (registries differ on `（` and `，` inside addresses);
 * - 號 → 号; a number followed by `#` → 号 (`88#` is `88号`);
 * - a room written `301房`, `301房间` or `301号房` → `301室`.
 * Numbers written in Chinese numerals are left as they are (rare in registered addresses).
 */
export function normaliseAddress(input: string | undefined): string | null {
  if (input === undefined) return null;
  let s = input.normalize('NFKC').toLowerCase().replaceAll('號', '号');
  s = s.replace(/(\d)\s*#/gu, '$1号');
  s = s.replace(/[\s\p{P}\p{S}]+/gu, '');
  s = s.replace(/(\d)号?房间?/gu, '$1室');
  return Array.from(s).length >= MIN_ADDRESS_CHARS ? s : null;
}

/**
 * Each phone number, digits only: `+86 (010) 1234-5678` → `01012345678`. A leading country code
 * 86 (`+86`, `0086`) is dropped so that the international and the domestic form meet; so is an
 * extension after `转` or `ext`. Numbers of fewer than 7 digits are not keys.
 */
export function normalisePhones(input: string | undefined): string[] {
  if (input === undefined) return [];
  const out = new Set<string>();
  for (const part of input.normalize('NFKC').split(PHONE_SEPARATORS)) {
    const main = part.split(/转|ext\.?|x(?=\d)/iu)[0]!;
    let digits = main.replace(/\D+/gu, '');
    if (/^(?:\+|00)?86/u.test(main.trim()) && digits.length >= 11) digits = digits.replace(/^(?:00)?86/u, '');
    // A mobile number is 11 digits starting with 1; a fixed line keeps its leading 0 area code.
    if (digits.length >= MIN_PHONE_DIGITS) out.add(digits);
  }
  return [...out];
}

/** Each e-mail address, NFKC and lower case (the local part is compared case-blind too: registries retype it). */
export function normaliseEmails(input: string | undefined): string[] {
  if (input === undefined) return [];
  const out = new Set<string>();
  for (const part of input.normalize('NFKC').toLowerCase().split(EMAIL_SEPARATORS)) {
    const e = part.replace(/^[<(]+|[>).]+$/gu, '');
    if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/u.test(e)) out.add(e);
  }
  return [...out];
}

/** A company's keys, each (kind, value) once, in kind order. */
export function registrationKeysOf(source: RegistrationSource): RegistrationKey[] {
  const out: RegistrationKey[] = [];
  const address = normaliseAddress(source.address);
  if (address !== null) out.push({ kind: REGISTRATION_KEY_KINDS.address, value: address });
  for (const value of normalisePhones(source.contact?.phone)) out.push({ kind: REGISTRATION_KEY_KINDS.phone, value });
  for (const value of normaliseEmails(source.contact?.email)) out.push({ kind: REGISTRATION_KEY_KINDS.email, value });
  return out;
}
