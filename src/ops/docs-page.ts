import { STATUS_MESSAGES } from '../protocol/status-codes.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A readable, self-contained HTML page for integrators (no scripts, no external assets). */
export function docsPage(): string {
  const rows = Object.entries(STATUS_MESSAGES).map(([c, m]) => `<tr><td><code>${c}</code></td><td>${esc(m)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>zhengxin report API</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f4f4f4;padding:0 .2em}pre{padding:.8em;overflow:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}</style>
</head><body>
<h1>zhengxin 企业信用报告接口</h1>
<p>Wire-compatible with the vendor API v1.3: point an existing client at this host. Machine-readable description: <a href="/openapi.json">/openapi.json</a>.</p>
<h2>Endpoints</h2>
<ul>
<li><code>POST|GET /api/yj/Report/CreateReport</code> (also <code>/Report/CreateReport</code>): <code>key</code>, <code>keyNo</code> (name, USCC, registration number or KeyNo), <code>reportFormat</code> (1 pdf, 2 word), <code>dtype</code> (json, xml). Result: <code>OrderNo</code>.</li>
<li><code>POST|GET /api/yj/Report/GetReportInfo</code>: <code>key</code>, <code>orderNo</code>, <code>dtype</code>. Result: <code>ReportStatus</code> (P, S, F) and <code>ReportUrl</code>.</li>
<li><code>GET|HEAD /api/rpt/retrieve?code=…</code>: the file (Range, ETag supported). Unknown code 404, expired 410.</li>
</ul>
<p>Parameters come from the query string or a form/JSON body (body wins). <code>ext=1</code> adds KeyNo, CompanyName, CreditCode, ReportFormat, CreatedAt, FinishedAt, ExpiresAt and FailReason to the result.</p>
<h2>Authentication</h2>
<p>Headers <code>Token</code> and <code>Timespan</code> (Unix seconds) on every call except retrieve; <code>Token = upper(md5(key + Timespan + SecretKey))</code>. Clock skew up to ±300 s is accepted.</p>
<pre>KEY=… SECRET=…; TS=$(date +%s)
TOKEN=$(printf '%s' "$KEY$TS$SECRET" | md5sum | cut -c1-32 | tr a-f A-F)
curl -H "Token: $TOKEN" -H "Timespan: $TS" "http://HOST/api/yj/Report/CreateReport?key=$KEY&amp;keyNo=…"</pre>
<h2>Envelope</h2>
<p>HTTP 200 always; <code>{"Status":"200","Message":"报告下单成功","Result":{"OrderNo":"…"}}</code>. Errors have <code>Result: null</code>, a machine-readable reason in the <code>X-Error-Reason</code> header, and every response has <code>X-Request-Id</code>.</p>
<h2>Status codes</h2>
<table><tr><th>Status</th><th>Message</th></tr>
${rows}
</table>
</body></html>`;
}
