import { CREDIT_REPORT } from './credit.js';
import { decisionReportType } from './decision/index.js';
import { dueDiligenceReportType } from './due-diligence/index.js';
import { shellScanReportType } from './shell-scan/index.js';
import type { ReportTypeCode, ReportTypePlugin } from './report-type.js';

/**
 * The report types this service produces. Registering a type is one line here: its plug-in
 * (src/reports/types/report-type.ts). A code without a plug-in is refused at ordering time
 * (202 report_type_unavailable), so a type can be announced on the wire before it is built.
 */
const PLUGINS: ReadonlyArray<ReportTypePlugin> = [
  CREDIT_REPORT,
  decisionReportType,
  dueDiligenceReportType,
  shellScanReportType,
];

/** Every code the wire accepts for `reportType` (1–4), registered or not. */
export const REPORT_TYPE_CODES: readonly ReportTypeCode[] = [1, 2, 3, 4];
export const DEFAULT_REPORT_TYPE: ReportTypeCode = 1;

/** Printed titles by code (for every code: price lists and help name a type before its plug-in lands). */
export const REPORT_TYPE_TITLES: Readonly<Record<ReportTypeCode, string>> = { 1: '企业信用报告', 2: '企业信用决策报告', 3: '准入尽调报告', 4: '空壳扫描报告' };

/** The slugs the CLI and SDK accept, by code (for every code, so a typo is told apart from a type not built yet). */
export const REPORT_TYPE_SLUGS: Readonly<Record<ReportTypeCode, string>> = { 1: 'credit', 2: 'decision', 3: 'due-diligence', 4: 'shell-scan' };

const byCode = new Map<number, ReportTypePlugin>();
for (const p of PLUGINS) {
  if (byCode.has(p.code)) throw new Error(`report type ${p.code} registered twice`);
  if (REPORT_TYPE_SLUGS[p.code] !== p.slug) throw new Error(`report type ${p.code}: slug "${p.slug}" is not "${REPORT_TYPE_SLUGS[p.code]}"`);
  byCode.set(p.code, p);
}

/** The registered plug-ins, by code. */
export const REPORT_TYPES: readonly ReportTypePlugin[] = [...byCode.values()].sort((a, b) => a.code - b.code);

export function reportTypePlugin(code: number): ReportTypePlugin | undefined {
  return byCode.get(code);
}

/** The plug-in of a code the caller knows is registered (an order's stored type). */
export function requireReportType(code: number): ReportTypePlugin {
  const p = byCode.get(code);
  if (!p) throw new Error(`report type ${code} is not registered in this build (registered: ${REPORT_TYPES.map((t) => t.code).join(', ')})`);
  return p;
}

/** `1`–`4` or a slug (`decision`), case-insensitively, to a code; undefined for anything else. */
export function parseReportTypeName(text: string): ReportTypeCode | undefined {
  const t = text.trim().toLowerCase();
  for (const code of REPORT_TYPE_CODES) if (t === String(code) || t === REPORT_TYPE_SLUGS[code]) return code;
  return undefined;
}

export type { ReportInputs, ReportTypeCode, ReportTypePlugin, TypeRefusal } from './report-type.js';
