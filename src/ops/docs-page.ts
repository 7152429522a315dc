import fs from 'node:fs';
import { STATUS_MESSAGES } from '../protocol/status-codes.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The repository's docs/ folder, beside dist/ (this module is dist/src/ops/docs-page.js). */
const DOCS_DIR = new URL('../../../docs/', import.meta.url);

/** The integration guide, served as it is at {@link INTEGRATION_GUIDE_PATH}. */
export const INTEGRATION_GUIDE_PATH = '/docs/integration.md';
/** The runnable examples (docs/examples/), each served at `/docs/examples/<file>`. */
export const EXAMPLE_FILES = ['report.sh', 'ReportExample.java', 'report_example.py'] as const;

export function readDocsFile(relative: string): string {
  return fs.readFileSync(new URL(relative, DOCS_DIR), 'utf8');
}

interface StatusGuidance {
  readonly when: string;
  readonly action: string;
}

/**
 * The "meaning" and "what the client should do" columns of docs/integration.md's status tables,
 * by code: one source for the guide and this page (a test keeps the guide's table complete).
 */
export function statusGuidance(guide: string): Map<string, StatusGuidance> {
  const rows = new Map<string, StatusGuidance>();
  for (const line of guide.split('\n')) {
    if (!/^\| \d{3} \|/.test(line)) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    rows.set(cells[0]!, { when: cells[2] ?? '', action: cells[3] ?? '' });
  }
  return rows;
}

/** Markdown inline text of the guide's tables as HTML: escaped, with `code` and **strong**. */
function inline(markdown: string): string {
  return esc(markdown).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** A readable, self-contained HTML page for integrators (no scripts, no external assets). */
export function docsPage(): string {
  const guide = readDocsFile('integration.md');
  const guidance = statusGuidance(guide);
  const rows = Object.entries(STATUS_MESSAGES).map(([c, m]) => {
    const g = guidance.get(c);
    return `<tr><td><code>${c}</code></td><td>${esc(m)}</td><td>${g ? inline(g.when) : ''}</td><td>${g ? inline(g.action) : ''}</td></tr>`;
  }).join('\n');
  const example = (file: (typeof EXAMPLE_FILES)[number], title: string) =>
    `<h3>${title} (<a href="/docs/examples/${file}">${file}</a>)</h3>\n<pre>${esc(readDocsFile(`examples/${file}`))}</pre>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>zhengxin report API</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f4f4f4;padding:0 .2em}pre{padding:.8em;overflow:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}</style>
</head><body>
<h1>zhengxin 企业信用报告接口</h1>
<p>Wire-compatible with the vendor API v1.3: point an existing client at this host. The integration guide, with retries, every status code and the SDK: <a href="${INTEGRATION_GUIDE_PATH}">${INTEGRATION_GUIDE_PATH}</a> (Markdown). Machine-readable description: <a href="/openapi.json">/openapi.json</a>.</p>
<h2>Endpoints</h2>
<ul>
<li><code>POST|GET /api/yj/Report/CreateReport</code> (also <code>/Report/CreateReport</code>): <code>key</code>, <code>keyNo</code> (name, USCC, registration number or KeyNo), <code>reportFormat</code> (1 pdf, 2 word), <code>dtype</code> (json, xml). Result: <code>OrderNo</code>.</li>
<li><code>POST|GET /api/yj/Report/GetReportInfo</code>: <code>key</code>, <code>orderNo</code>, <code>dtype</code>. Result: <code>ReportStatus</code> (P, S, F) and <code>ReportUrl</code>.</li>
<li><code>GET|HEAD /api/rpt/retrieve?code=…</code>: the file (Range, ETag supported). Unknown code 404, expired 410.</li>
</ul>
<p>Parameters come from the query string or a form/JSON body (body wins). <code>ext=1</code> adds KeyNo, CompanyName, CreditCode, ReportFormat, CreatedAt, FinishedAt, ExpiresAt and FailReason to the result.</p>
<h2>Authentication</h2>
<p>Headers <code>Token</code> and <code>Timespan</code> (Unix seconds) on every call except retrieve; <code>Token = upper(md5(key + Timespan + SecretKey))</code>. Clock skew up to ±300 s is accepted.</p>
<h2>Envelope</h2>
<p>HTTP 200 always; <code>{"Status":"200","Message":"报告下单成功","Result":{"OrderNo":"…"}}</code>. Errors have <code>Result: null</code>, a machine-readable reason in the <code>X-Error-Reason</code> header, and every response has <code>X-Request-Id</code>.</p>
<h2>Complete examples</h2>
<p>Each program orders a report, polls GetReportInfo until it is done and downloads the file, stopping at the first error. They read <code>ZHENGXIN_KEY</code>, <code>ZHENGXIN_SECRET_KEY</code> and <code>ZHENGXIN_BASE_URL</code> from the environment and take the company and the output file as arguments.</p>
${example('report.sh', 'Shell: bash, curl, sed, md5sum')}
${example('ReportExample.java', 'Java 11+: the JDK alone')}
${example('report_example.py', 'Python 3.8+: the standard library alone')}
<h2>Status codes</h2>
<p>Match on <code>Status</code>; the <code>Message</code> is the vendor's text, verbatim.</p>
<table><tr><th>Status</th><th>Message</th><th>when</th><th>what to do</th></tr>
${rows}
</table>
</body></html>`;
}
