/**
 * Dates as day numbers (days since 1970-01-01, UTC) so that the generator does integer arithmetic
 * and formats once. Pure: nothing here reads the clock.
 */
const MS_PER_DAY = 86_400_000;
const CACHE_FIRST_YEAR = 1950;
const CACHE_LAST_YEAR = 2100;
const CACHE_FIRST_DAY = Date.UTC(CACHE_FIRST_YEAR, 0, 1) / MS_PER_DAY;
const CACHE_LAST_DAY = Date.UTC(CACHE_LAST_YEAR, 11, 31) / MS_PER_DAY;
let cache: string[] | undefined;

/** `YYYY-MM-DD` → day number; throws on anything else, naming the input. */
export function dayFromIso(iso: string): number {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / MS_PER_DAY;
  if (isoFromDay(day) !== iso) throw new Error(`not a calendar date: ${iso}`);
  return day;
}

/** Day number → `YYYY-MM-DD`, from a table built on first use (the generator formats millions). */
export function isoFromDay(day: number): string {
  if (day >= CACHE_FIRST_DAY && day <= CACHE_LAST_DAY) {
    cache ??= buildCache();
    return cache[day - CACHE_FIRST_DAY]!;
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar year of a day number. */
export function yearOfDay(day: number): number {
  return Number(isoFromDay(day).slice(0, 4));
}

/** Day number of 1 January (month 1) or any month/day of a year. */
export function dayOfDate(year: number, month = 1, dayOfMonth = 1): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/** Walks the calendar day by day: 55,000 Date objects and toISOString calls took ~70 ms of every run. */
function buildCache(): string[] {
  const out: string[] = [];
  const twoDigits = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));
  for (let year = CACHE_FIRST_YEAR; year <= CACHE_LAST_YEAR; year++) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    for (let month = 1; month <= 12; month++) {
      const prefix = `${year}-${twoDigits[month]}-`;
      const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
      for (let day = 1; day <= days; day++) out.push(prefix + twoDigits[day]);
    }
  }
  return out;
}
