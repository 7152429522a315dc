/**
 * Calendar arithmetic on plain `YYYY-MM-DD` strings. The scorecard counts every window back from the
 * report's data date, so nothing here reads the clock. Strings in that form compare correctly as
 * strings, which keeps the hot paths free of Date objects.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number;
}

/** Parses the leading `YYYY-MM-DD` of a date or date-time string; undefined when absent or malformed. */
export function parseDate(text: string | null | undefined): CalendarDate | undefined {
  if (!text) return undefined;
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** The `YYYY-MM-DD` prefix of a date or date-time string, or undefined when it has none. */
export function datePart(text: string | null | undefined): string | undefined {
  const d = parseDate(text);
  return d ? formatDate(d) : undefined;
}

export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * `date` moved by `months` (negative goes back). The day is clamped to the target month's length,
 * so 2024-02-29 minus 12 months is 2023-02-28 and 2026-08-31 minus 6 months is 2026-02-28.
 */
export function addMonths(date: string, months: number): string {
  const d = parseDate(date);
  if (!d) throw new Error(`addMonths: "${date}" is not a YYYY-MM-DD date`);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/**
 * The start (exclusive) of the window "in the last N months" ending on `referenceDate` (inclusive).
 * A record dated exactly N months before the reference date is outside; one day later is inside.
 */
export function windowStart(referenceDate: string, months: number): string {
  return addMonths(referenceDate, -months);
}

/** True when `date` lies in (start, end]: after the window start, not after the reference date. */
export function inWindow(date: string | undefined, startExclusive: string, endInclusive: string): boolean {
  if (!date) return false;
  const d = date.length > 10 ? date.slice(0, 10) : date;
  return d > startExclusive && d <= endInclusive;
}

/** True when `date` (a record's date) is not after `referenceDate`; undated records count as known. */
export function onOrBefore(date: string | undefined, referenceDate: string): boolean {
  if (!date) return true;
  const d = date.length > 10 ? date.slice(0, 10) : date;
  return d <= referenceDate;
}

/**
 * Completed years from `from` to `to` (both `YYYY-MM-DD`): the number of anniversaries reached.
 * A 29 February start reaches its anniversary on 1 March in common years. Negative when `to` is
 * before `from`.
 */
export function completedYears(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a || !b) throw new Error(`completedYears: "${from}" or "${to}" is not a YYYY-MM-DD date`);
  let years = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) years -= 1;
  return years;
}

/** `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`) as the integer YYYYMMDD for ordering; 0 when absent or unreadable. */
function dateOrderKey(text: string | undefined): number {
  if (!text) return 0;
  const year = Number(text.slice(0, 4));
  const month = text.length >= 7 ? Number(text.slice(5, 7)) : 0;
  const day = text.length >= 10 ? Number(text.slice(8, 10)) : 0;
  const key = year * 10_000 + month * 100 + day;
  return Number.isFinite(key) ? key : 0;
}

const MAX_ORDERED_ITEMS = 1_000_000;

/**
 * The items newest first; equal dates keep their original order and undated items go last.
 * Each item's date and position are packed into one number (YYYYMMDD × 10⁶ + reversed position,
 * below 2⁵³) so a native numeric sort of a Float64Array does the work: report tables sort lists
 * of hundreds of records on every build, and a comparator sort was the largest cost.
 */
export function sortNewestFirst<T>(items: readonly T[], dateOf: (item: T) => string | undefined): T[] {
  const n = items.length;
  if (n <= 1) return [...items];
  if (n >= MAX_ORDERED_ITEMS) throw new Error(`sortNewestFirst: ${n} items is more than ${MAX_ORDERED_ITEMS - 1}`);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = dateOrderKey(dateOf(items[i]!)) * MAX_ORDERED_ITEMS + (MAX_ORDERED_ITEMS - 1 - i);
  keys.sort();
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = items[MAX_ORDERED_ITEMS - 1 - (keys[n - 1 - i]! % MAX_ORDERED_ITEMS)]!;
  return out;
}
