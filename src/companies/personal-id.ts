/**
 * Resident identity card numbers (GB 11643-1999), only so that the resolver can refuse them (215):
 * a report is about enterprises, and a personal ID is never a company keyword.
 * 17 digits + check character, ISO 7064 MOD 11-2 (weights 2^(17−i) mod 11; 10 is written X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export function computePersonalIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * True for 17 digits + check character where the check is right and positions 7–14 are a
 * plausible birth date (YYYYMMDD, 1900–2099). The date matters: many real USCCs are 17 digits + a
 * digit or X too, and their positions 7–14 (end of the division code, start of the body) almost
 * never read as a date, so requiring both keeps numeric USCCs out of this net.
 */
export function looksLikePersonalId(input: string): boolean {
  const s = input.toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(s)) return false;
  if (computePersonalIdCheck(s.slice(0, 17)) !== s[17]) return false;
  const year = Number(s.slice(6, 10));
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
