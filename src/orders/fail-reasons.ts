/**
 * Why an order failed, as the customer sees it (GetReportInfo ext=1 `FailReason`): a stable code
 * and a fixed text, never the internal message (paths, errno names, stack frames). The stored
 * `fail_reason` is `<code>: <detail>`; the detail is for operators (`zhengxin orders show`, and
 * the log line written when the order was given up).
 */
export type FailCode = 'company_gone' | 'render_failed';

export const FAIL_TEXTS: Readonly<Record<FailCode, string>> = {
  company_gone: '该企业已不在数据库中，无法生成报告；费用已退还',
  render_failed: '报告生成失败；费用已退还，可重新下单',
};

/** Raised by a report producer when the ordered company is no longer stored. */
export class CompanyGoneError extends Error {
  override name = 'CompanyGoneError';
  readonly failCode = 'company_gone';
}

/** The stored form of a failure: its code, then the internal detail. */
export function storedFailReason(error: unknown): string {
  const code: FailCode = error instanceof CompanyGoneError ? 'company_gone' : 'render_failed';
  const detail = error instanceof Error ? error.message : String(error);
  return `${code}: ${detail}`;
}

/**
 * What the customer is shown for a stored failure: `<code>: <text>`. Anything stored before codes
 * existed, or unrecognised, reads as render_failed.
 */
export function customerFailReason(stored: string | null): string {
  const code = stored?.match(/^([a-z_]+):/)?.[1];
  const known: FailCode = code !== undefined && code in FAIL_TEXTS ? (code as FailCode) : 'render_failed';
  return `${known}: ${FAIL_TEXTS[known]}`;
}
