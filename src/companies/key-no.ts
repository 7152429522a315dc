/**
 * KeyNo: the company's stable 32-lowercase-hex id (PROTOCOL.md "Identifiers": may be derived
 * deterministically from the company's identity). Derived from the strongest identifier the
 * document carries, so re-importing a document without a keyNo lands on the same company.
 */
import { sha256Hex } from './canonical.js';
import type { CompanyDocument } from './document.js';
import { normaliseName } from './normalise.js';
import { normaliseUscc } from './uscc.js';

const KEY_NO_SHAPE = /^[0-9a-f]{32}$/;
/** Namespaced and versioned so that our ids never collide with hashes of the same text elsewhere. */
const NAMESPACE = 'zhengxin/keyNo/v1';

export function isKeyNo(input: string): boolean {
  return KEY_NO_SHAPE.test(input);
}

export type KeyNoSource = Pick<CompanyDocument, 'uscc' | 'regNo' | 'name'>;

/** sha256 over `namespace/kind/value`, truncated to 128 bits: uscc, else regNo, else normalised name. */
export function deriveKeyNo(doc: KeyNoSource): string {
  const uscc = doc.uscc?.trim();
  const regNo = doc.regNo?.trim();
  const [kind, value] = uscc ? ['uscc', normaliseUscc(uscc)] : regNo ? ['regNo', regNo] : ['name', normaliseName(doc.name)];
  return sha256Hex(`${NAMESPACE}/${kind}/${value}`).slice(0, 32);
}
