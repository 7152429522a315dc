/**
 * The edges a company document states, as rows of the relation graph (pure; the importer computes
 * them off the main thread with the rest of a prepared document).
 *
 * An edge runs from `a` to `b`: the holder to the held company (持股), the person to the company
 * (任职, 法定代表人), the investor to the investee (对外投资), the head office to the branch (分支机构).
 * Ends are references (docs/relations.md "References"):
 * - `SELF` (the empty string) for the document's own company, written as `k:KEYNO` once the
 *   store has settled the KeyNo;
 * - `u:USCC` for a named company with a credit code, else `n:NAME` (normalised as names are
 *   indexed): resolved to a stored company when the graph is read, so import order never matters;
 * - `p:NAME` for a natural person: a mention only; which mentions are one person is decided when
 *   read (identity.ts), never here.
 */
import type { CompanyDocument, Money } from '../document.js';
import { normaliseName } from '../normalise.js';
import { normaliseUscc } from '../uscc.js';

export const EDGE_KIND = { shareholder: 1, executive: 2, legalRep: 3, investment: 4, branch: 5 } as const;
export type EdgeKindName = keyof typeof EDGE_KIND;
export type EdgeKind = (typeof EDGE_KIND)[EdgeKindName];
export const EDGE_KIND_NAMES: Readonly<Record<number, EdgeKindName>> = Object.fromEntries(Object.entries(EDGE_KIND).map(([k, v]) => [v, k])) as Record<number, EdgeKindName>;

export type PartyType = 'person' | 'company' | 'other';

/** The document's own company, until the store knows its KeyNo. */
export const SELF = '';

export interface RelationEdge {
  kind: EdgeKind;
  aRef: string;
  aName: string;
  aType: PartyType;
  bRef: string;
  bName: string;
  /** Fraction 0–1 (持股, 对外投资), null when not given. */
  ratio: number | null;
  /** Subscribed capital as display text, e.g. `7,000,000 CNY`. */
  amount: string | null;
  /** Positions (任职), the investee's or branch's status as the document gives it. */
  label: string | null;
  /** 1 when the document marks the holder `isController`. */
  declared: 0 | 1;
}

export function keyRef(keyNo: string): string {
  return `k:${keyNo}`;
}

export function personRef(name: string): string {
  return `p:${normaliseName(name)}`;
}

/** A named company: by credit code when given, else by its normalised name. */
export function companyRef(name: string, uscc: string | undefined): string {
  const code = uscc === undefined ? '' : normaliseUscc(uscc);
  return code.length > 0 ? `u:${code}` : `n:${normaliseName(name)}`;
}

/** The references under which other documents may name a stored company. */
export function refsOfCompany(keyNo: string, uscc: string | null, nameNorm: string): string[] {
  const refs = [keyRef(keyNo), `n:${nameNorm}`];
  if (uscc) refs.push(`u:${uscc}`);
  return refs;
}

/**
 * A shareholder or legal representative without a `kind`: a company when it has a credit code or
 * its name carries an organisation's word; a person when it is a short name (up to four
 * characters, as Chinese personal names are) without one; otherwise some other party. A short
 * name may contain a word that ends many company names (陈集团, 王厂): only the unmistakable ones
 * count there.
 */
const ORGANISATION_WORDS = /公司|企业|合伙|中心|事务所|委员会|基金|银行|研究院|研究所|学校|大学|医院|政府|办公室|协会|商会|株式会社|有限|LTD|LLC|INC|GMBH|CO\./iu;
const LONG_NAME_ORGANISATION_WORDS = /集团|厂|社|局|店|部|所|馆|站|场|院|会/u;

export function partyTypeOf(name: string, kind: string | undefined, uscc: string | undefined): PartyType {
  if (kind === 'person') return 'person';
  if (kind === 'company') return 'company';
  if (kind === 'government' || kind === 'other') return 'other';
  if (uscc !== undefined && uscc.trim() !== '') return 'company';
  const trimmed = name.trim();
  if (ORGANISATION_WORDS.test(trimmed)) return 'company';
  const length = Array.from(trimmed).length;
  if (length <= 4 && /^[\p{Script=Han}·]+$/u.test(trimmed)) return 'person';
  if (LONG_NAME_ORGANISATION_WORDS.test(trimmed)) return 'company';
  return length <= 4 ? 'person' : 'other';
}

function refOf(name: string, type: PartyType, uscc: string | undefined): string {
  return type === 'person' ? personRef(name) : companyRef(name, uscc);
}

export function moneyText(m: Money | undefined): string | null {
  if (!m || typeof m.amount !== 'number') return null;
  return `${m.amount.toLocaleString('en-US')} ${m.currency ?? 'CNY'}`;
}

function ratioOf(r: number | undefined): number | null {
  return typeof r === 'number' && Number.isFinite(r) && r >= 0 ? r : null;
}

/** Every edge the document states, its own company as `SELF`. Blank names state nothing. */
export function relationEdgesOf(doc: CompanyDocument): RelationEdge[] {
  const out: RelationEdge[] = [];
  const self = doc.name.trim();
  const edge = (e: Omit<RelationEdge, 'amount' | 'label' | 'declared' | 'ratio'> & Partial<RelationEdge>): void => {
    if (e.aName === '' || e.bName === '') return;
    out.push({ ratio: null, amount: null, label: null, declared: 0, ...e });
  };
  for (const s of doc.shareholders ?? []) {
    const name = s.name.trim();
    const aType = partyTypeOf(name, s.kind, s.uscc);
    edge({
      kind: EDGE_KIND.shareholder, aRef: refOf(name, aType, s.uscc), aName: name, aType, bRef: SELF, bName: self,
      ratio: ratioOf(s.ratio), amount: moneyText(s.subscribed), declared: s.isController === true ? 1 : 0,
    });
  }
  for (const p of doc.personnel ?? []) {
    const name = p.name.trim();
    edge({ kind: EDGE_KIND.executive, aRef: personRef(name), aName: name, aType: 'person', bRef: SELF, bName: self, label: p.positions.join('、') || null });
  }
  if (doc.legalRep !== undefined) {
    const name = doc.legalRep.trim();
    const aType = partyTypeOf(name, undefined, undefined);
    edge({ kind: EDGE_KIND.legalRep, aRef: refOf(name, aType, undefined), aName: name, aType, bRef: SELF, bName: self });
  }
  for (const i of doc.investments ?? []) {
    const name = i.name.trim();
    edge({ kind: EDGE_KIND.investment, aRef: SELF, aName: self, aType: 'company', bRef: companyRef(name, i.uscc), bName: name, ratio: ratioOf(i.ratio), amount: moneyText(i.subscribed), label: i.status ?? null });
  }
  for (const b of doc.branches ?? []) {
    const name = b.name.trim();
    edge({ kind: EDGE_KIND.branch, aRef: SELF, aName: self, aType: 'company', bRef: companyRef(name, b.uscc), bName: name, label: b.status ?? null });
  }
  const parent = doc.parent;
  if (parent && (parent.name?.trim() || parent.uscc?.trim())) {
    const name = parent.name?.trim() || (parent.uscc ?? '').trim();
    edge({ kind: EDGE_KIND.branch, aRef: companyRef(name, parent.uscc), aName: name, aType: 'company', bRef: SELF, bName: self });
  }
  return out;
}

/** The edge's ends with the document's KeyNo in place of `SELF`. */
export function settle(ref: string, keyNo: string): string {
  return ref === SELF ? keyRef(keyNo) : ref;
}
