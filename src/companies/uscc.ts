/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015):
 * [authority 1][category 1][division 6][organisation code 9 = body 8 + C9][C18].
 */

/** The code's character set; a character's C18 value is its index here (no I, O, S, V, Z). */
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const C18_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const C9_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** GB 11714 value: digits as themselves, letters over the full alphabet (A=10 … Z=35). */
function orgCodeValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** C9, the organisation code's check character, over the 8-character body. */
export function computeOrgCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(body8[i]!) * C9_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** C18 over the first 17 characters. */
export function computeUsccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * C18_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

export type UsccProblem =
  | 'length' // not 18 characters
  | 'charset' // a character outside the code's set, or a non-digit in the division
  | 'org_check' // C9 (position 17) does not match
  | 'check'; // C18 (position 18) does not match

export type UsccCheck =
  | { ok: true; code: string }
  | { ok: false; code: string; problem: UsccProblem; message: string };

/** Upper-cases and trims; does not validate. */
export function normaliseUscc(input: string): string {
  return input.trim().toUpperCase();
}

/** True when the code has the right length and alphabet (whatever its check characters). */
export function isUsccShape(input: string): boolean {
  return USCC_SHAPE.test(normaliseUscc(input));
}

/**
 * Strict check: shape, C9 and C18. Says which check failed.
 * Lenient callers accept `problem === 'org_check' | 'check'` with a warning (codes issued in early
 * pilot areas break C18 while C9 is right).
 */
export function checkUscc(input: string): UsccCheck {
  const code = normaliseUscc(input);
  if (code.length !== 18) return { ok: false, code, problem: 'length', message: `USCC must be 18 characters, got ${code.length}` };
  if (!USCC_SHAPE.test(code)) {
    return { ok: false, code, problem: 'charset', message: 'USCC contains a character outside 0-9 and A-Y less I, O, S, V, Z, or a non-digit in the division code' };
  }
  const c9 = computeOrgCodeCheck(code.slice(8, 16));
  if (code[16] !== c9) return { ok: false, code, problem: 'org_check', message: `USCC organisation-code check character (position 17) is ${code[16]}, expected ${c9}` };
  const c18 = computeUsccCheck(code.slice(0, 17));
  if (code[17] !== c18) return { ok: false, code, problem: 'check', message: `USCC check character (position 18) is ${code[17]}, expected ${c18}` };
  return { ok: true, code };
}

/** Builds a valid code from its first 16 characters (authority, category, division, body 8). */
export function completeUscc(first16: string): string {
  const c9 = computeOrgCodeCheck(first16.slice(8, 16));
  const first17 = first16 + c9;
  return first17 + computeUsccCheck(first17);
}

export type UsccPolicyResult =
  | { ok: true; code: string; warning?: string }
  | { ok: false; code: string; problem: UsccProblem; message: string };

/**
 * Import policy over `checkUscc`. Strict (the default) accepts only codes whose both check
 * characters are right. Lenient accepts a shape-valid code that fails C9 or C18, with a warning
 * naming the failed check, because some codes really issued in early pilot areas break C18.
 * A code of the wrong length or alphabet is refused either way.
 */
export function checkUsccWithPolicy(input: string, lenient: boolean): UsccPolicyResult {
  const r = checkUscc(input);
  if (r.ok) return r;
  if (lenient && (r.problem === 'check' || r.problem === 'org_check')) return { ok: true, code: r.code, warning: r.message };
  return r;
}
