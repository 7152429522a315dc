/**
 * The API's `keyNo` parameter → exactly one company or one refusal (PROTOCOL.md status codes,
 * DATA.md). Pure over the look-up port, so every rule is unit-tested with an in-memory port.
 *
 * Order of the rules, and why:
 * 1. blank-trimmed input shorter than 2 characters → 213;
 * 2. shapes that cannot be a company keyword (URL, e-mail, only punctuation) → 215;
 * 3. 32 hex → KeyNo look-up;
 * 4. 18 characters shaped like a USCC → a stored code is found as stored whatever its check
 *    characters (pilot-area codes break C18); otherwise a personal ID → 215; otherwise failed
 *    checks → 202, passing checks → 201;
 * 5. only digits → a stored registration number is found; a personal ID → 215; 15 digits with a
 *    right check digit → 201; any other digits → 215;
 * 6. anything else is a name, current or former, exact after normalisation.
 * A company found but of a kind the report does not cover → 208.
 */
import type { CompanyLookup, StoredCompany } from './store.js';
import { isCoveredKind } from './entity-kind.js';
import { normaliseName } from './normalise.js';
import { looksLikePersonalId } from './personal-id.js';
import { checkRegNo } from './reg-no.js';
import { checkUscc, isUsccShape, normaliseUscc } from './uscc.js';

export type ResolveStatus = '201' | '202' | '208' | '213' | '215';

/** Machine-readable reasons, for the `X-Error-Reason` header. */
export type ResolveReason =
  | 'not_found'
  | 'uscc_check_failed'
  | 'uscc_malformed'
  | 'entity_not_covered'
  | 'too_short'
  | 'personal_id'
  | 'url'
  | 'email'
  | 'digits_not_reg_no'
  | 'punctuation_only';

export type ResolveResult =
  | { ok: true; company: StoredCompany }
  | { ok: false; status: ResolveStatus; reason: ResolveReason };

const MIN_KEYWORD_CHARS = 2;
const KEY_NO = /^[0-9a-f]{32}$/;
const URL_LIKE = /^(?:(?:https?|ftp):\/\/|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|gov|edu|info|biz|io|hk|tw|mo)(?:[/:?#]\S*)?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PUNCTUATION_ONLY = /^[\p{P}\p{S}\s]+$/u;
const DIGITS = /^[0-9]+$/;
/** 18 characters that are a USCC attempt: code alphabet (any letter), digits in the division. */
const USCC_ATTEMPT = /^[0-9A-Z]{2}[0-9]{6}[0-9A-Z]{10}$/;

export interface ResolveOptions {
  /** Operator tools (`company show`) also want entities the report does not cover; the API never. */
  includeUncovered?: boolean;
}

export async function resolveCompany(input: string, lookup: CompanyLookup, options: ResolveOptions = {}): Promise<ResolveResult> {
  const found = (company: StoredCompany | undefined): ResolveResult => foundOrRefused(company, options.includeUncovered === true);
  const keyword = input.trim();
  if ([...keyword].length < MIN_KEYWORD_CHARS) return refuse('213', 'too_short');
  if (EMAIL.test(keyword)) return refuse('215', 'email');
  if (URL_LIKE.test(keyword)) return refuse('215', 'url');
  if (PUNCTUATION_ONLY.test(keyword)) return refuse('215', 'punctuation_only');

  if (KEY_NO.test(keyword.toLowerCase())) return found(await lookup.byKeyNo(keyword.toLowerCase()));

  const upper = normaliseUscc(keyword);
  if (upper.length === 18 && USCC_ATTEMPT.test(upper)) {
    if (isUsccShape(upper)) {
      const stored = await lookup.byUscc(upper);
      if (stored) return found(stored);
    }
    if (looksLikePersonalId(upper)) return refuse('215', 'personal_id');
    const check = checkUscc(upper);
    if (!check.ok) return refuse('202', check.problem === 'charset' ? 'uscc_malformed' : 'uscc_check_failed');
    return refuse('201', 'not_found');
  }

  if (DIGITS.test(keyword)) {
    const stored = await lookup.byRegNo(keyword);
    if (stored) return found(stored);
    if (looksLikePersonalId(keyword)) return refuse('215', 'personal_id');
    if (checkRegNo(keyword).ok) return refuse('201', 'not_found');
    return refuse('215', 'digits_not_reg_no');
  }

  const nameNorm = normaliseName(keyword);
  const matches = await lookup.byName(nameNorm);
  return found(matches[0]?.company);
}

function foundOrRefused(company: StoredCompany | undefined, includeUncovered: boolean): ResolveResult {
  if (!company) return refuse('201', 'not_found');
  if (!includeUncovered && !isCoveredKind(company.entityKind)) return refuse('208', 'entity_not_covered');
  return { ok: true, company };
}

function refuse(status: ResolveStatus, reason: ResolveReason): ResolveResult {
  return { ok: false, status, reason };
}
