/**
 * What the JSON Schema cannot say about the records of a company document: that a date is a day of
 * the calendar (the schema only checks the YYYY-MM-DD shape) and that a period does not end before
 * it begins. Applied to the version-2 record categories and the version-2 fields of 动产抵押; the
 * version-1 categories keep the checks they always had, so every document that imported before still
 * imports. Runs only over categories a document carries, so a document without them costs a few
 * property reads.
 *
 * Amounts need nothing here: the schema's money is a number ≥ 0 (areaSqm too), and a number JSON.parse
 * made Infinity (1e999) is refused for the whole document by ./document-limits.ts.
 */
import type { CompanyDocument } from './document.js';

interface RecordRule {
  /** Fields holding a date, each checked against the calendar. */
  dates: readonly string[];
  /** [earlier, later]: when both are present, `later` may not be before `earlier`. */
  order: ReadonlyArray<readonly [string, string]>;
}

const RULES: ReadonlyArray<readonly [keyof CompanyDocument & string, RecordRule]> = [
  ['equityFreezes', { dates: ['frozenFrom', 'frozenTo', 'releasedOn', 'publishedOn'], order: [['frozenFrom', 'frozenTo'], ['frozenFrom', 'releasedOn']] }],
  ['bankruptcies', { dates: ['publishedOn', 'closedOn'], order: [] }],
  ['judicialAuctions', { dates: ['publishedOn', 'auctionOn'], order: [] }],
  ['exitRestrictions', { dates: ['filedOn', 'removedOn'], order: [['filedOn', 'removedOn']] }],
  ['courtAnnouncements', { dates: ['publishedOn'], order: [] }],
  ['serviceAnnouncements', { dates: ['publishedOn'], order: [] }],
  ['landMortgages', { dates: ['from', 'to', 'registeredOn'], order: [['from', 'to']] }],
  ['guarantees', { dates: ['debtFrom', 'debtTo'], order: [['debtFrom', 'debtTo']] }],
  ['simpleCancellations', { dates: ['announcedFrom', 'announcedTo'], order: [['announcedFrom', 'announcedTo']] }],
  ['cancellationFilings', { dates: ['filedOn', 'creditorNoticeFrom', 'creditorNoticeTo'], order: [['creditorNoticeFrom', 'creditorNoticeTo']] }],
  ['licences', { dates: ['decidedOn', 'validFrom', 'validTo'], order: [['validFrom', 'validTo']] }],
  ['spotChecks', { dates: ['date'], order: [] }],
  ['ipPledges', { dates: ['registeredOn', 'periodFrom', 'periodTo'], order: [['periodFrom', 'periodTo']] }],
  ['publicSummons', { dates: ['publishedOn'], order: [] }],
  // v2 fields of a v1 category: only the new ones, so a v1 document's mortgages are judged as before.
  ['chattelMortgages', { dates: ['debtFrom', 'debtTo'], order: [['debtFrom', 'debtTo']] }],
];

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A YYYY-MM-DD string (shape already checked by the schema) that names a day of the calendar. */
export function isCalendarDate(s: string): boolean {
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]!;
}

/**
 * The first problem in the document's records, as a reason naming the field by its JSON pointer
 * (e.g. `/exitRestrictions/1/removedOn 2023-01-05 is before filedOn 2023-03-01`), or undefined.
 * Expects a document the schema accepted.
 */
export function checkRecords(doc: CompanyDocument): string | undefined {
  for (const [field, rule] of RULES) {
    const list = doc[field];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const record = list[i] as Record<string, unknown>;
      for (const d of rule.dates) {
        const v = record[d];
        if (typeof v === 'string' && !isCalendarDate(v)) return `/${field}/${i}/${d} ${v} is not a date of the calendar`;
      }
      for (const [from, to] of rule.order) {
        const a = record[from];
        const b = record[to];
        // YYYY-MM-DD strings compare as dates.
        if (typeof a === 'string' && typeof b === 'string' && b < a) return `/${field}/${i}/${to} ${b} is before ${from} ${a}`;
      }
    }
  }
  return undefined;
}
