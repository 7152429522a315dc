/** `zhengxin report render`: one company from the local store to a PDF, Word or JSON file, rendered inline. */
import { writeFile } from 'node:fs/promises';
import { resolveCompany } from '../companies/resolver.js';
import { companyLookup } from '../companies/store.js';
import { openDatabase } from '../db/database.js';
import { reportInputPorts } from '../orders/report-inputs.js';
import { reportTypeInputs } from '../orders/report-production.js';
import { renderBuiltReport } from '../reports/render/render-built.js';
import { reportOfSource, sourceCompanyOf, type ReportSource } from '../reports/report-source.js';
import { takeSnapshot } from '../reports/snapshot.js';
import { parseReportTypeName, REPORT_TYPE_SLUGS, REPORT_TYPES, reportTypePlugin, type ReportTypeCode } from '../reports/types/index.js';
import { UsageError, type Command } from './command.js';

const REFUSALS: Record<string, string> = {
  not_found: 'no company in the local store matches (import data first: zhengxin data import)',
  uscc_check_failed: 'not a valid unified social credit code (a check character is wrong), and no stored company has it',
  uscc_malformed: 'not a valid unified social credit code (a character outside the code alphabet)',
  entity_not_covered: 'this kind of entity is not covered by credit reports (status 208)',
  too_short: 'give at least 2 characters',
  personal_id: 'that is a personal ID number, not a company',
  url: 'that is a URL, not a company',
  email: 'that is an e-mail address, not a company',
  digits_not_reg_no: 'those digits are no registration number (15 digits with a check digit)',
  punctuation_only: 'that is only punctuation',
};

const DEFAULT_CUSTOMER = '本地操作员';

interface RenderArgs {
  company: string;
  format: 'pdf' | 'docx' | 'json';
  type: ReportTypeCode;
  out: string;
  customer: string;
  orderNo?: string;
}

export function parseRenderArgs(argv: readonly string[]): RenderArgs {
  const values = new Map<string, string>();
  const known = new Set(['--company', '--format', '--out', '--customer', '--order', '--type']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!known.has(name)) throw new UsageError(arg.startsWith('--') ? `unknown option ${name}` : `unexpected argument "${arg}"`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    values.set(name, value);
  }
  const company = values.get('--company');
  if (!company) throw new UsageError('which company? give --company KEYNO|USCC|NAME');
  const format = values.get('--format') ?? 'pdf';
  if (format !== 'pdf' && format !== 'docx' && format !== 'json') throw new UsageError(`--format must be pdf, docx or json, not "${format}"`);
  const typeText = values.get('--type') ?? '1';
  const type = parseReportTypeName(typeText);
  if (type === undefined) throw new UsageError(`--type must be 1–4 or ${Object.values(REPORT_TYPE_SLUGS).join(', ')}, not "${typeText}"`);
  if (!reportTypePlugin(type)) throw new UsageError(`report type ${type} (${REPORT_TYPE_SLUGS[type]}) is not built into this version (available: ${REPORT_TYPES.map((t) => `${t.code} ${t.slug}`).join(', ')})`);
  const out = values.get('--out');
  if (!out) throw new UsageError('where to? give --out FILE');
  const args: RenderArgs = { company, format, type, out, customer: values.get('--customer') ?? DEFAULT_CUSTOMER };
  const orderNo = values.get('--order');
  if (orderNo) args.orderNo = orderNo;
  return args;
}

/** A local order number from the generation instant, e.g. `LOCAL20261130101502`. */
/**
 * `LOCAL` + the Beijing date and time of generation (YYYYMMDDHHmmss): printed on the cover beside
 * the report number, whose date is Beijing's too (it was the UTC digits, a day apart before 08:00).
 */
export function localOrderNo(generatedAt: string): string {
  const ms = Date.parse(generatedAt);
  if (!Number.isFinite(ms)) throw new Error(`localOrderNo: "${generatedAt}" is not an ISO 8601 instant`);
  return `LOCAL${new Date(ms + 8 * 3600 * 1000).toISOString().replace(/[^0-9]/g, '').slice(0, 14)}`;
}

export const reportRenderCommand: Command = {
  name: 'report render',
  usage: 'report render --company KEYNO|USCC|NAME [--type 1|2|3|4] --format pdf|docx|json --out FILE [--customer NAME] [--order ORDER_NO]',
  summary: 'Render a report of a stored company (type 1 credit, 2 decision, 3 due-diligence, 4 shell-scan) to a PDF, Word or JSON file (on this thread, no server needed).',
  async run(ctx) {
    const args = parseRenderArgs(ctx.argv);
    const database = await openDatabase({ dataDir: ctx.config.dataDir, databaseUrl: ctx.config.databaseUrl });
    let source: ReportSource;
    try {
      const r = await resolveCompany(args.company, companyLookup(database.db));
      if (!r.ok) {
        ctx.stderr.write(`zhengxin report render: "${args.company}": ${REFUSALS[r.reason] ?? r.reason}\n`);
        return 1;
      }
      // The CLI is an edge: the only place here that reads the clock.
      const generatedAt = new Date().toISOString();
      // The type's ordering rule (218/219) applies here as over the API.
      const refusal = reportTypePlugin(args.type)!.refuse?.({ snapshot: takeSnapshot(r.company, () => new Date(generatedAt)) });
      if (refusal) {
        const why = 'why' in refusal && typeof refusal.why === 'string' ? refusal.why : refusal.reason;
        ctx.stderr.write(`zhengxin report render: "${args.company}": ${REPORT_TYPE_SLUGS[args.type]} cannot be made for this company (status ${refusal.status}): ${why}\n`);
        return 1;
      }
      source = {
        ...(args.type === 1 ? {} : { reportType: args.type, ...(await reportTypeInputs(reportInputPorts(database.db, { decisionPolicy: ctx.config.decisionPolicy }), args.type, r.company.keyNo)) }),
        company: sourceCompanyOf(r.company),
        orderNo: args.orderNo ?? localOrderNo(generatedAt),
        customerName: args.customer,
        generatedAt,
        format: args.format,
      };
    } finally {
      await database.close();
    }
    const started = performance.now();
    const built = reportOfSource(source);
    const bytes = await renderBuiltReport(built, args.format);
    const ms = performance.now() - started;
    const model = built.model;
    try {
      await writeFile(args.out, bytes);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      ctx.stderr.write(`zhengxin report render: cannot write ${args.out}: ${code === 'ENOENT' ? 'the directory does not exist' : (err as Error).message}\n`);
      return 1;
    }
    ctx.stdout.write(`${args.out}: ${args.format}, ${bytes.length} bytes, ${built.type.title}, ${model.meta.companyName}, report ${model.meta.reportNo}, score ${model.summary.scoreText} ${model.summary.grade} (built and rendered in ${ms.toFixed(0)} ms)\n`);
    return 0;
  },
};
