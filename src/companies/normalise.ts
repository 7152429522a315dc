/**
 * Name and status normalisation (DATA.md, PROTOCOL.md "keyNo may be a company name … exact after
 * normalisation"). Pure functions: the store indexes `normaliseName(name)` and the resolver looks
 * up the same function of its input, so both sides always agree.
 */

/**
 * The form under which names are compared:
 * - NFKC, which folds full-width Latin letters, digits, brackets （） and the ideographic space to
 *   their half-width forms, and CJK compatibility ideographs to their unified twins. We accept
 *   NFKC's other foldings (circled digits, ㈱ → (株)) because none of them distinguishes two real
 *   registered names, while an exact-match look-up that misses on a width variant is a lost order.
 * - Latin letters case-folded (lower case).
 * - Whitespace: surrounding blanks trimmed; inside, a space only survives (as one space) between two
 *   Latin letters or digits, where it separates words ("Apple Inc"). Between Chinese characters or
 *   next to a bracket it carries no meaning, and registries are inconsistent about it.
 */
export function normaliseName(input: string): string {
  const folded = input.normalize('NFKC').toLowerCase();
  const parts = folded.split(/\s+/u).filter((p) => p.length > 0);
  let out = '';
  for (const part of parts) {
    if (out.length > 0 && isLatinOrDigit(out[out.length - 1]!) && isLatinOrDigit(part[0]!)) out += ' ';
    out += part;
  }
  return out;
}

function isLatinOrDigit(ch: string): boolean {
  return /[a-z0-9]/.test(ch);
}

/** Registration status, normalised (DATA.md "Registration status"). */
export const STATUS_NORMS = [
  'ACTIVE',
  'MOVED_IN',
  'MOVED_OUT',
  'SUSPENDED',
  'LIQUIDATING',
  'REVOKED',
  'CANCELLED',
  'ANNULLED',
  'ORDERED_CLOSED',
  'OTHER',
] as const;
export type StatusNorm = (typeof STATUS_NORMS)[number];

/**
 * Maps the registered 登记状态 text to a normalised status. Order matters: 吊销 texts are read first,
 * because "吊销，已注销" is CANCELLED (the entity is gone) while "吊销，未注销" and a bare "吊销" are
 * REVOKED (licence revoked, entity still on the register); only then is a plain 注销 CANCELLED.
 */
export function normaliseStatus(text: string): StatusNorm {
  const t = text.normalize('NFKC').replace(/\s+/gu, '');
  if (t.includes('吊销')) return t.includes('已注销') ? 'CANCELLED' : 'REVOKED';
  if (t.includes('撤销')) return 'ANNULLED';
  if (t.includes('注销')) return 'CANCELLED';
  if (t.includes('责令关闭')) return 'ORDERED_CLOSED';
  if (t.includes('清算')) return 'LIQUIDATING';
  if (t.includes('迁出')) return 'MOVED_OUT';
  if (t.includes('迁入')) return 'MOVED_IN';
  if (t.includes('停业') || t.includes('歇业')) return 'SUSPENDED';
  if (/存续|在业|开业|在营|在册/u.test(t)) return 'ACTIVE';
  return 'OTHER';
}
