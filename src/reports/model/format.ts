/**
 * Display text for the report: the one place where numbers, money, percentages and dates become
 * Chinese report text. Renderers never format; the scorecard's explanations use these too so the
 * same amount reads the same everywhere.
 *
 * Hand-written rather than Intl.NumberFormat: building the model must take well under a millisecond,
 * and a fixed two-decimal, comma-grouped form needs no locale data.
 */
import type { Money } from '../../companies/document.js';
import { isCny, toFen } from '../score/money.js';

/** Shown for a value the data does not have. */
export const DASH = '—';

const CURRENCY_WAN_UNIT: Readonly<Record<string, string>> = {
  USD: '万美元',
  HKD: '万港元',
  EUR: '万欧元',
  JPY: '万日元',
  GBP: '万英镑',
  TWD: '万新台币',
  MOP: '万澳门元',
  SGD: '万新加坡元',
  CHF: '万瑞士法郎',
  AUD: '万澳元',
  CAD: '万加元',
  KRW: '万韩元',
};

/** `1234567` → `1,234,567` (integer digits only; sign handled by the caller). */
export function groupThousands(digits: string): string {
  if (digits.length <= 3) return digits;
  let out = '';
  const head = digits.length % 3;
  if (head > 0) out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += (out.length > 0 ? ',' : '') + digits.slice(i, i + 3);
  return out;
}

/** An integer number of hundredths as `1,234.56` (exact: no floating-point rounding). */
export function formatHundredths(hundredths: number): string {
  const negative = hundredths < 0;
  const abs = Math.abs(Math.round(hundredths));
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${negative ? '-' : ''}${groupThousands(String(whole))}.${frac < 10 ? '0' : ''}${frac}`;
}

/** Integer fen as 万元 with two decimals: `1,234.56 万元`. Rounds half away from zero at 100 yuan. */
export function formatFenAsWan(fen: number, unit = '万元'): string {
  // 0.01 万元 = 100 yuan = 10 000 fen.
  const hundredths = fen < 0 ? -Math.round(-fen / 10_000) : Math.round(fen / 10_000);
  return `${formatHundredths(hundredths)} ${unit}`;
}

/** The 万 unit of a currency key (see currencyKey): `万元`, `万美元`, else `万` + the code. */
export function wanUnitOf(currency: string): string {
  if (currency === 'CNY') return '万元';
  return CURRENCY_WAN_UNIT[currency] ?? `万${currency}`;
}

/** Integer fen in a currency (a currencyKey) as 万 of it: `1,250.00 万美元`. */
export function formatFenIn(fen: number, currency: string): string {
  return formatFenAsWan(fen, wanUnitOf(currency));
}

/**
 * Sums per currency, as text: `4,530.00 万元`, or `300.00 万元 + 30.00 万美元` when the amounts are
 * in more than one currency (never added across currencies: we hold no exchange rates).
 */
export function formatFenByCurrency(sums: ReadonlyMap<string, number>): string {
  if (sums.size === 0) return formatFenAsWan(0);
  return [...sums].map(([currency, fen]) => formatFenIn(fen, currency)).join(' + ');
}

/** Money as 万 of its currency (`1,234.56 万元`, `50.00 万美元`), or `—` when absent. */
export function formatMoney(money: Money | undefined): string {
  const fen = toFen(money);
  if (fen === undefined || !money) return DASH;
  if (isCny(money)) return formatFenAsWan(fen);
  const code = (money.currency ?? '').trim().toUpperCase();
  return formatFenAsWan(fen, CURRENCY_WAN_UNIT[code] ?? `万${money.currency ?? ''}`);
}

/** A ratio (0.35) as a percentage with two decimals (`35.00%`), or `—`. */
export function formatPercent(ratio: number | undefined | null): string {
  if (ratio === undefined || ratio === null || !Number.isFinite(ratio)) return DASH;
  return `${formatHundredths(Math.round(ratio * 10_000))}%`;
}

/** A `YYYY-MM-DD` (or the date part of a date-time) for display, or `—`. */
export function formatDateText(date: string | undefined | null): string {
  if (!date) return DASH;
  return date.length > 10 && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : date;
}

/** Any optional text for a table cell: `—` when absent or blank. */
export function text(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return DASH;
  const s = typeof value === 'number' ? String(value) : value;
  return s.trim().length === 0 ? DASH : s;
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/**
 * An ISO instant as Beijing time for the reader (`2026-11-30 18:15:02（北京时间）`): the report is read
 * in China, and China has used UTC+8 without daylight saving since 1991.
 */
export function formatInstantBeijing(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`formatInstantBeijing: "${iso}" is not an ISO 8601 instant`);
  const s = new Date(ms + BEIJING_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}（北京时间）`;
}

/** The Beijing calendar date of an instant as `YYYYMMDD` (for report numbers). */
export function beijingDateCompact(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`beijingDateCompact: "${iso}" is not an ISO 8601 instant`);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** The Beijing calendar date of an instant as `YYYY-MM-DD`. */
export function beijingDateOfInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`beijingDateOfInstant: "${iso}" is not an ISO 8601 instant`);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}
