/**
 * Money inside the scorecard and the report is integer fen. Imported documents carry yuan as JSON
 * numbers (possibly with float noise such as 0.1 + 0.2), so conversion rounds to the nearest fen once,
 * here, and every sum after that is exact integer arithmetic.
 */
import type { Money } from '../../companies/document.js';

/** Currency codes and texts that mean renminbi; an absent currency is renminbi too. */
const CNY_ALIASES = new Set(['CNY', 'RMB', '人民币', '元', '万元', '人民币元']);

export function isCny(money: Money | undefined): boolean {
  if (!money) return false;
  return money.currency === undefined || money.currency === '' || CNY_ALIASES.has(money.currency.trim().toUpperCase());
}

/** Integer fen of an amount, or undefined when there is no usable amount. */
export function toFen(money: Money | undefined): number | undefined {
  if (!money || typeof money.amount !== 'number' || !Number.isFinite(money.amount)) return undefined;
  return Math.round(money.amount * 100);
}

/**
 * The currency of an amount as one key for grouping and comparing: `CNY` for renminbi (absent, RMB,
 * 人民币 …), else the code upper-cased. Amounts are only ever added or compared within one key.
 */
export function currencyKey(money: Money | undefined): string {
  if (!money || isCny(money)) return 'CNY';
  return (money.currency ?? '').trim().toUpperCase();
}

/** Fen of a renminbi amount; undefined for other currencies (we hold no exchange rates). */
export function cnyFen(money: Money | undefined): number | undefined {
  return isCny(money) ? toFen(money) : undefined;
}

/** Fen of one yuan, 10 000 yuan (万元) and one million yuan: thresholds are written with these. */
export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;
export const FEN_PER_MILLION_YUAN = 100_000_000;
