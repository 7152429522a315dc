/**
 * Writes a generated company document as the UTF-8 bytes of `JSON.stringify(doc)`, visiting its
 * known fields directly instead of letting JSON.stringify discover them object by object.
 *
 * Byte-identity rests on one convention: members appear in the order the generator creates them.
 * The top level follows emptyDocument (generate.ts; a test checks the two lists agree); nested
 * records follow their CompanyDocument type's order, which is the order of the literals that make
 * them. Optional members are written when defined, so any subset works. A field added to the
 * generator and not here would be lost: the test comparing this writer with JSON.stringify over
 * generated runs and presets catches that.
 */
import type { CompanyDocument, Listing, Money } from '../document.js';
import type { Utf8JsonWriter } from './utf8-json-writer.js';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

type Item<K extends keyof CompanyDocument> = NonNullable<CompanyDocument[K]> extends ReadonlyArray<infer T> ? T : never;

/** Top-level members in the order written; must equal the generator's emptyDocument order. */
export const COMPANY_JSON_MEMBERS = [
  'schemaVersion', 'name', 'formerNames', 'uscc', 'regNo', 'orgCode', 'companyType', 'status', 'statusDate', 'legalRep',
  'registeredCapital', 'paidInCapital', 'establishedOn', 'termFrom', 'termTo', 'approvedOn', 'authority', 'divisionCode', 'address',
  'industry', 'scope', 'taxpayerType', 'insuredCount', 'parent', 'contact', 'personnel', 'shareholders', 'investments', 'branches',
  'changes', 'annualReports', 'judgments', 'enforcements', 'dishonest', 'consumptionRestrictions', 'terminatedCases', 'hearings',
  'caseFilings', 'abnormalOperations', 'seriousViolations', 'penalties', 'equityPledges', 'chattelMortgages', 'taxArrears',
  'taxViolations', 'taxCredit', 'certificates', 'patents', 'trademarks', 'softwareCopyrights', 'tenders',
  'equityFreezes', 'bankruptcies', 'judicialAuctions', 'exitRestrictions', 'courtAnnouncements', 'serviceAnnouncements', 'landMortgages',
  'guarantees', 'simpleCancellations', 'cancellationFilings', 'licences', 'spotChecks', 'ipPledges', 'publicSummons',
  'liquidation', 'dataAsOf', 'source',
] as const;

/** Appends `doc` as one JSON text (no newline). */
export function writeCompanyJson(w: Utf8JsonWriter, doc: CompanyDocument): void {
  w.byte(OPEN_BRACE);
  if (doc.schemaVersion !== undefined) numberMember(w, 'schemaVersion', doc.schemaVersion);
  stringMember(w, 'name', doc.name);
  if (doc.formerNames !== undefined) {
    w.key('formerNames');
    w.strings(doc.formerNames);
  }
  optionalString(w, 'uscc', doc.uscc);
  optionalString(w, 'regNo', doc.regNo);
  optionalString(w, 'orgCode', doc.orgCode);
  stringMember(w, 'companyType', doc.companyType);
  stringMember(w, 'status', doc.status);
  optionalString(w, 'statusDate', doc.statusDate);
  optionalString(w, 'legalRep', doc.legalRep);
  optionalMoney(w, 'registeredCapital', doc.registeredCapital);
  optionalMoney(w, 'paidInCapital', doc.paidInCapital);
  stringMember(w, 'establishedOn', doc.establishedOn);
  optionalString(w, 'termFrom', doc.termFrom);
  if (doc.termTo !== undefined) {
    w.key('termTo');
    if (doc.termTo === null) w.ascii('null');
    else w.string(doc.termTo);
  }
  optionalString(w, 'approvedOn', doc.approvedOn);
  optionalString(w, 'authority', doc.authority);
  optionalString(w, 'divisionCode', doc.divisionCode);
  optionalString(w, 'address', doc.address);
  if (doc.industry !== undefined) {
    w.key('industry');
    w.byte(OPEN_BRACE);
    stringMember(w, 'code', doc.industry.code);
    optionalString(w, 'name', doc.industry.name);
    w.byte(CLOSE_BRACE);
  }
  optionalString(w, 'scope', doc.scope);
  optionalString(w, 'taxpayerType', doc.taxpayerType);
  optionalNumber(w, 'insuredCount', doc.insuredCount);
  if (doc.parent !== undefined) {
    w.key('parent');
    w.byte(OPEN_BRACE);
    optionalString(w, 'name', doc.parent.name);
    optionalString(w, 'uscc', doc.parent.uscc);
    w.byte(CLOSE_BRACE);
  }
  if (doc.contact !== undefined) {
    w.key('contact');
    w.byte(OPEN_BRACE);
    optionalString(w, 'phone', doc.contact.phone);
    optionalString(w, 'email', doc.contact.email);
    optionalString(w, 'website', doc.contact.website);
    w.byte(CLOSE_BRACE);
  }
  if (doc.personnel !== undefined) list(w, 'personnel', doc.personnel, personnelItem);
  if (doc.shareholders !== undefined) list(w, 'shareholders', doc.shareholders, shareholderItem);
  if (doc.investments !== undefined) list(w, 'investments', doc.investments, investmentItem);
  if (doc.branches !== undefined) list(w, 'branches', doc.branches, branchItem);
  if (doc.changes !== undefined) list(w, 'changes', doc.changes, changeItem);
  if (doc.annualReports !== undefined) list(w, 'annualReports', doc.annualReports, annualReportItem);
  if (doc.judgments !== undefined) list(w, 'judgments', doc.judgments, judgmentItem);
  if (doc.enforcements !== undefined) list(w, 'enforcements', doc.enforcements, enforcementItem);
  if (doc.dishonest !== undefined) list(w, 'dishonest', doc.dishonest, dishonestItem);
  if (doc.consumptionRestrictions !== undefined) list(w, 'consumptionRestrictions', doc.consumptionRestrictions, restrictionItem);
  if (doc.terminatedCases !== undefined) list(w, 'terminatedCases', doc.terminatedCases, terminatedItem);
  if (doc.hearings !== undefined) list(w, 'hearings', doc.hearings, hearingItem);
  if (doc.caseFilings !== undefined) list(w, 'caseFilings', doc.caseFilings, filingItem);
  if (doc.abnormalOperations !== undefined) list(w, 'abnormalOperations', doc.abnormalOperations, listingItem);
  if (doc.seriousViolations !== undefined) list(w, 'seriousViolations', doc.seriousViolations, listingItem);
  if (doc.penalties !== undefined) list(w, 'penalties', doc.penalties, penaltyItem);
  if (doc.equityPledges !== undefined) list(w, 'equityPledges', doc.equityPledges, pledgeItem);
  if (doc.chattelMortgages !== undefined) list(w, 'chattelMortgages', doc.chattelMortgages, mortgageItem);
  if (doc.taxArrears !== undefined) list(w, 'taxArrears', doc.taxArrears, arrearsItem);
  if (doc.taxViolations !== undefined) list(w, 'taxViolations', doc.taxViolations, taxViolationItem);
  if (doc.taxCredit !== undefined) list(w, 'taxCredit', doc.taxCredit, taxCreditItem);
  if (doc.certificates !== undefined) list(w, 'certificates', doc.certificates, certificateItem);
  if (doc.patents !== undefined) list(w, 'patents', doc.patents, patentItem);
  if (doc.trademarks !== undefined) list(w, 'trademarks', doc.trademarks, trademarkItem);
  if (doc.softwareCopyrights !== undefined) list(w, 'softwareCopyrights', doc.softwareCopyrights, softwareItem);
  if (doc.tenders !== undefined) list(w, 'tenders', doc.tenders, tenderItem);
  // The version-2 categories are rare and varied: written member by member in their own order.
  for (const key of V2_LISTS) {
    const items = doc[key];
    if (items !== undefined) list(w, key, items as readonly object[], plainItem);
  }
  if (doc.liquidation !== undefined) {
    w.key('liquidation');
    w.byte(OPEN_BRACE);
    optionalString(w, 'leader', doc.liquidation.leader);
    if (doc.liquidation.members !== undefined) {
      w.key('members');
      w.strings(doc.liquidation.members);
    }
    optionalString(w, 'date', doc.liquidation.date);
    w.byte(CLOSE_BRACE);
  }
  optionalString(w, 'dataAsOf', doc.dataAsOf);
  optionalString(w, 'source', doc.source);
  w.byte(CLOSE_BRACE);
}

function stringMember(w: Utf8JsonWriter, key: string, value: string): void {
  w.key(key);
  w.string(value);
}

function optionalString(w: Utf8JsonWriter, key: string, value: string | undefined): void {
  if (value !== undefined) stringMember(w, key, value);
}

function numberMember(w: Utf8JsonWriter, key: string, value: number): void {
  w.key(key);
  w.number(value);
}

function optionalNumber(w: Utf8JsonWriter, key: string, value: number | undefined): void {
  if (value !== undefined) numberMember(w, key, value);
}

function optionalMoney(w: Utf8JsonWriter, key: string, value: Money | undefined): void {
  if (value === undefined) return;
  w.key(key);
  w.byte(OPEN_BRACE);
  numberMember(w, 'amount', value.amount);
  optionalString(w, 'currency', value.currency);
  w.byte(CLOSE_BRACE);
}

function optionalBoolean(w: Utf8JsonWriter, key: string, value: boolean | undefined): void {
  if (value === undefined) return;
  w.key(key);
  w.boolean(value);
}

function list<T>(w: Utf8JsonWriter, key: string, items: readonly T[], writeItem: (w: Utf8JsonWriter, item: T) => void): void {
  w.key(key);
  w.byte(OPEN_BRACKET);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) w.byte(COMMA);
    w.byte(OPEN_BRACE);
    writeItem(w, items[i]!);
    w.byte(CLOSE_BRACE);
  }
  w.byte(CLOSE_BRACKET);
}

function personnelItem(w: Utf8JsonWriter, p: Item<'personnel'>): void {
  stringMember(w, 'name', p.name);
  w.key('positions');
  w.strings(p.positions);
}

function shareholderItem(w: Utf8JsonWriter, s: Item<'shareholders'>): void {
  stringMember(w, 'name', s.name);
  optionalString(w, 'kind', s.kind);
  optionalString(w, 'uscc', s.uscc);
  optionalMoney(w, 'subscribed', s.subscribed);
  optionalString(w, 'subscribedOn', s.subscribedOn);
  optionalMoney(w, 'paid', s.paid);
  optionalString(w, 'paidOn', s.paidOn);
  optionalNumber(w, 'ratio', s.ratio);
  optionalBoolean(w, 'isController', s.isController);
  optionalBoolean(w, 'isBeneficialOwner', s.isBeneficialOwner);
}

function investmentItem(w: Utf8JsonWriter, x: Item<'investments'>): void {
  stringMember(w, 'name', x.name);
  optionalString(w, 'uscc', x.uscc);
  optionalNumber(w, 'ratio', x.ratio);
  optionalMoney(w, 'subscribed', x.subscribed);
  optionalString(w, 'status', x.status);
  optionalString(w, 'establishedOn', x.establishedOn);
}

function branchItem(w: Utf8JsonWriter, b: Item<'branches'>): void {
  stringMember(w, 'name', b.name);
  optionalString(w, 'uscc', b.uscc);
  optionalString(w, 'principal', b.principal);
  optionalString(w, 'status', b.status);
  optionalString(w, 'establishedOn', b.establishedOn);
}

function changeItem(w: Utf8JsonWriter, c: Item<'changes'>): void {
  stringMember(w, 'date', c.date);
  stringMember(w, 'item', c.item);
  optionalString(w, 'before', c.before);
  optionalString(w, 'after', c.after);
}

function annualReportItem(w: Utf8JsonWriter, r: Item<'annualReports'>): void {
  numberMember(w, 'year', r.year);
  optionalString(w, 'publishedOn', r.publishedOn);
  optionalNumber(w, 'insuredCount', r.insuredCount);
  optionalMoney(w, 'totalAssets', r.totalAssets);
  optionalMoney(w, 'totalLiabilities', r.totalLiabilities);
  optionalMoney(w, 'equity', r.equity);
  optionalMoney(w, 'revenue', r.revenue);
  optionalMoney(w, 'netProfit', r.netProfit);
  optionalMoney(w, 'taxPaid', r.taxPaid);
}

function judgmentItem(w: Utf8JsonWriter, j: Item<'judgments'>): void {
  stringMember(w, 'caseNo', j.caseNo);
  optionalString(w, 'title', j.title);
  optionalString(w, 'cause', j.cause);
  optionalString(w, 'court', j.court);
  optionalString(w, 'docType', j.docType);
  stringMember(w, 'date', j.date);
  optionalString(w, 'role', j.role);
  optionalMoney(w, 'amount', j.amount);
  optionalString(w, 'result', j.result);
}

function enforcementItem(w: Utf8JsonWriter, e: Item<'enforcements'>): void {
  stringMember(w, 'caseNo', e.caseNo);
  optionalString(w, 'court', e.court);
  stringMember(w, 'filedOn', e.filedOn);
  optionalMoney(w, 'amount', e.amount);
  optionalString(w, 'closedOn', e.closedOn);
}

function dishonestItem(w: Utf8JsonWriter, d: Item<'dishonest'>): void {
  stringMember(w, 'caseNo', d.caseNo);
  optionalString(w, 'court', d.court);
  optionalString(w, 'province', d.province);
  optionalString(w, 'basisDocNo', d.basisDocNo);
  optionalString(w, 'obligation', d.obligation);
  optionalString(w, 'performance', d.performance);
  optionalString(w, 'conduct', d.conduct);
  stringMember(w, 'filedOn', d.filedOn);
  optionalString(w, 'publishedOn', d.publishedOn);
  optionalString(w, 'removedOn', d.removedOn);
}

function restrictionItem(w: Utf8JsonWriter, r: Item<'consumptionRestrictions'>): void {
  stringMember(w, 'caseNo', r.caseNo);
  optionalString(w, 'person', r.person);
  optionalString(w, 'applicant', r.applicant);
  optionalString(w, 'court', r.court);
  stringMember(w, 'filedOn', r.filedOn);
  optionalString(w, 'publishedOn', r.publishedOn);
  optionalString(w, 'removedOn', r.removedOn);
}

function terminatedItem(w: Utf8JsonWriter, t: Item<'terminatedCases'>): void {
  stringMember(w, 'caseNo', t.caseNo);
  optionalString(w, 'court', t.court);
  stringMember(w, 'filedOn', t.filedOn);
  optionalString(w, 'terminatedOn', t.terminatedOn);
  optionalMoney(w, 'amount', t.amount);
  optionalMoney(w, 'unpaid', t.unpaid);
}

function hearingItem(w: Utf8JsonWriter, h: Item<'hearings'>): void {
  stringMember(w, 'caseNo', h.caseNo);
  optionalString(w, 'cause', h.cause);
  optionalString(w, 'court', h.court);
  stringMember(w, 'date', h.date);
  optionalString(w, 'role', h.role);
  if (h.plaintiffs !== undefined) {
    w.key('plaintiffs');
    w.strings(h.plaintiffs);
  }
  if (h.defendants !== undefined) {
    w.key('defendants');
    w.strings(h.defendants);
  }
}

function filingItem(w: Utf8JsonWriter, f: Item<'caseFilings'>): void {
  stringMember(w, 'caseNo', f.caseNo);
  optionalString(w, 'cause', f.cause);
  optionalString(w, 'court', f.court);
  stringMember(w, 'filedOn', f.filedOn);
  optionalString(w, 'role', f.role);
}

function listingItem(w: Utf8JsonWriter, l: Listing): void {
  stringMember(w, 'listedOn', l.listedOn);
  optionalString(w, 'reason', l.reason);
  optionalString(w, 'authority', l.authority);
  optionalString(w, 'removedOn', l.removedOn);
  optionalString(w, 'removalReason', l.removalReason);
}

function penaltyItem(w: Utf8JsonWriter, p: Item<'penalties'>): void {
  optionalString(w, 'decisionNo', p.decisionNo);
  optionalString(w, 'violation', p.violation);
  optionalString(w, 'content', p.content);
  optionalMoney(w, 'fine', p.fine);
  stringMember(w, 'decidedOn', p.decidedOn);
  optionalString(w, 'authority', p.authority);
}

function pledgeItem(w: Utf8JsonWriter, p: Item<'equityPledges'>): void {
  optionalString(w, 'regNo', p.regNo);
  optionalString(w, 'pledgor', p.pledgor);
  optionalString(w, 'pledgee', p.pledgee);
  optionalMoney(w, 'amount', p.amount);
  stringMember(w, 'registeredOn', p.registeredOn);
  optionalString(w, 'status', p.status);
}

function mortgageItem(w: Utf8JsonWriter, m: Item<'chattelMortgages'>): void {
  optionalString(w, 'regNo', m.regNo);
  optionalString(w, 'authority', m.authority);
  optionalMoney(w, 'amount', m.amount);
  stringMember(w, 'registeredOn', m.registeredOn);
  optionalString(w, 'status', m.status);
  optionalString(w, 'mortgagee', m.mortgagee);
  optionalString(w, 'collateral', m.collateral);
  optionalString(w, 'debtKind', m.debtKind);
  optionalString(w, 'debtFrom', m.debtFrom);
  optionalString(w, 'debtTo', m.debtTo);
}

const V2_LISTS = [
  'equityFreezes', 'bankruptcies', 'judicialAuctions', 'exitRestrictions', 'courtAnnouncements', 'serviceAnnouncements', 'landMortgages',
  'guarantees', 'simpleCancellations', 'cancellationFilings', 'licences', 'spotChecks', 'ipPledges', 'publicSummons',
] as const satisfies ReadonlyArray<keyof CompanyDocument>;

/** A record of plain members (strings, numbers, string lists, Money), in its own key order; undefined ones left out, as JSON.stringify does. */
function plainItem(w: Utf8JsonWriter, item: object): void {
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined) continue;
    if (typeof value === 'string') stringMember(w, key, value);
    else if (typeof value === 'number') numberMember(w, key, value);
    else if (Array.isArray(value)) {
      w.key(key);
      w.strings(value as string[]);
    } else optionalMoney(w, key, value as Money);
  }
}

function arrearsItem(w: Utf8JsonWriter, a: Item<'taxArrears'>): void {
  optionalString(w, 'taxType', a.taxType);
  optionalMoney(w, 'balance', a.balance);
  stringMember(w, 'publishedOn', a.publishedOn);
  optionalString(w, 'authority', a.authority);
  optionalString(w, 'settledOn', a.settledOn);
}

function taxViolationItem(w: Utf8JsonWriter, v: Item<'taxViolations'>): void {
  optionalString(w, 'nature', v.nature);
  optionalString(w, 'facts', v.facts);
  optionalString(w, 'penalty', v.penalty);
  stringMember(w, 'publishedOn', v.publishedOn);
}

function taxCreditItem(w: Utf8JsonWriter, t: Item<'taxCredit'>): void {
  numberMember(w, 'year', t.year);
  stringMember(w, 'grade', t.grade);
  optionalString(w, 'authority', t.authority);
}

function certificateItem(w: Utf8JsonWriter, c: Item<'certificates'>): void {
  stringMember(w, 'type', c.type);
  optionalString(w, 'number', c.number);
  optionalString(w, 'issuer', c.issuer);
  optionalString(w, 'issuedOn', c.issuedOn);
  optionalString(w, 'expiresOn', c.expiresOn);
}

function patentItem(w: Utf8JsonWriter, p: Item<'patents'>): void {
  optionalString(w, 'number', p.number);
  optionalString(w, 'title', p.title);
  optionalString(w, 'kind', p.kind);
  optionalString(w, 'status', p.status);
  optionalString(w, 'date', p.date);
}

function trademarkItem(w: Utf8JsonWriter, t: Item<'trademarks'>): void {
  optionalString(w, 'number', t.number);
  optionalString(w, 'name', t.name);
  optionalNumber(w, 'class', t.class);
  optionalString(w, 'status', t.status);
  optionalString(w, 'date', t.date);
}

function softwareItem(w: Utf8JsonWriter, s: Item<'softwareCopyrights'>): void {
  optionalString(w, 'number', s.number);
  optionalString(w, 'name', s.name);
  optionalString(w, 'date', s.date);
}

function tenderItem(w: Utf8JsonWriter, t: Item<'tenders'>): void {
  optionalString(w, 'title', t.title);
  optionalString(w, 'role', t.role);
  optionalMoney(w, 'amount', t.amount);
  optionalString(w, 'date', t.date);
  optionalString(w, 'counterparty', t.counterparty);
}
