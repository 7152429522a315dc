/**
 * `npm run bench:render`: the standard report (a synthetic company with typical record counts),
 * rendered in process after warm-up: median and p90 of PDF and docx render times and sizes; the
 * 500-judgment company (model and render, both formats); every registered report type (model and
 * render from the order's source, PDF, docx and JSON) against type 1 measured the same way in the
 * same run (target ≤ 1.5×); then,
 * side by side, headless Chromium printing an HTML rendition of the same model on a warm browser.
 * Prints figures; asserts nothing (the machine is shared and timings are noisy).
 *
 *   npm run bench:render [-- --runs 40 --warmup 8 --chromium-runs 10 --no-chromium --types-only --save DIR]
 *
 * --save DIR writes the last outputs (report.pdf, report.docx, chromium.pdf) for inspection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { heavyLitigationCompany, standardCompany } from '../src/companies/synthetic/index.js';
import { buildReportModel } from '../src/reports/model/build.js';
import { createInlineRenderer } from '../src/reports/render-service.js';
import { chromiumHeaderFooter, renderHtml } from '../src/reports/render/html/render-html.js';
import { takeSnapshot } from '../src/reports/snapshot.js';
import type { ReportSource } from '../src/reports/report-source.js';
import { REPORT_TYPES } from '../src/reports/types/index.js';

const CHROMIUM = '/usr/bin/chromium';
const GENERATED_AT = '2026-11-30T02:15:02.000Z';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

interface Figures {
  median: number;
  p90: number;
  cpuMedian: number;
  bytes: number;
  last: Uint8Array;
}

function save(name: string, bytes: Uint8Array): void {
  const i = process.argv.indexOf('--save');
  if (i < 0 || !process.argv[i + 1]) return;
  fs.mkdirSync(process.argv[i + 1]!, { recursive: true });
  fs.writeFileSync(`${process.argv[i + 1]}/${name}`, bytes);
}

async function measure(runs: number, warmup: number, once: () => Promise<Uint8Array | Buffer>): Promise<Figures> {
  for (let i = 0; i < warmup; i++) await once();
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: Uint8Array = new Uint8Array();
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await once();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    last = out;
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { median: quantile(wall, 0.5), p90: quantile(wall, 0.9), cpuMedian: quantile(cpu, 0.5), bytes: last.length, last };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function chromiumPdf(html: string, headerFooter: ReturnType<typeof chromiumHeaderFooter>, runs: number): Promise<Figures | string> {
  if (!fs.existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM}: install it with \`apt-get install chromium\` to run the comparison.`;
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    return 'playwright-core is not installed: npm install (it is a devDependency).';
  }
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--allow-file-access-from-files'],
  });
  try {
    const page = await browser.newPage();
    // The HTML loads the report font by file URL, which a page from setContent() (about:blank) may
    // not fetch: load it from a file instead. There is no CJK system font here to fall back on.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-bench-'));
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, html);
    // Chromium's best case: a warm browser with the page and its fonts already loaded; each run
    // replaces the body (fresh layout of the whole report) and prints. Navigating anew per run
    // instead re-reads the 10 MB font and costs several times more.
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const body = html.slice(html.indexOf('<body>') + 6, html.lastIndexOf('</body>'));
    const once = async () => {
      await page.evaluate((b) => {
        const doc = (globalThis as unknown as { document: { body: { innerHTML: string }; fonts: { ready: Promise<unknown> } } }).document;
        doc.body.innerHTML = b;
        return doc.fonts.ready;
      }, body);
      return page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, ...headerFooter, margin: { top: '22mm', bottom: '24mm', left: '18mm', right: '18mm' } });
    };
    return await measure(runs, 3, once);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const runs = option('runs', 40);
  const warmup = option('warmup', 8);
  if (process.argv.includes('--types-only')) return reportTypes(runs, warmup);
  const doc = standardCompany();
  const snapshot = takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
  const model = buildReportModel(snapshot, { orderNo: 'BENCH-0001', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT });
  const renderer = createInlineRenderer();

  const t0 = performance.now();
  await renderer.render({ model, format: 'pdf' });
  const cold = performance.now() - t0;

  console.log(`standard report: ${model.meta.companyName}, ${model.sections.length} sections; ${runs} runs after ${warmup} warm-up runs; first render (font parse, JIT) ${ms(cold)}`);
  const pdf = await measure(runs, warmup, () => renderer.render({ model, format: 'pdf' }));
  save('report.pdf', pdf.last);
  console.log(`PDF   median ${ms(pdf.median)}  p90 ${ms(pdf.p90)}  (CPU median ${ms(pdf.cpuMedian)})  size ${kb(pdf.bytes)}`);
  const docx = await measure(runs, warmup, () => renderer.render({ model, format: 'docx' }));
  save('report.docx', docx.last);
  console.log(`docx  median ${ms(docx.median)}  p90 ${ms(docx.p90)}  (CPU median ${ms(docx.cpuMedian)})  size ${kb(docx.bytes)}`);

  // The 500-judgment company (plus hearings, filings, 25 enforcements): model and render together,
  // as a report is produced (budget 250 ms each format).
  const heavySnapshot = takeSnapshot({ doc: heavyLitigationCompany(500), updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
  const heavyRuns = Math.max(5, Math.round(runs / 2));
  const heavyOrder = { orderNo: 'BENCH-0002', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT };
  for (const format of ['pdf', 'docx'] as const) {
    const heavy = await measure(heavyRuns, Math.max(2, Math.round(warmup / 2)), () => renderer.render({ model: buildReportModel(heavySnapshot, heavyOrder), format }));
    save(`heavy.${format}`, heavy.last);
    console.log(`500 judgments ${format.padEnd(4)} (model + render) median ${ms(heavy.median)}  p90 ${ms(heavy.p90)}  (CPU median ${ms(heavy.cpuMedian)})  size ${kb(heavy.bytes)}`);
  }

  await reportTypes(runs, warmup);

  if (process.argv.includes('--no-chromium')) return;
  const chromium = await chromiumPdf(renderHtml(model), chromiumHeaderFooter(model), option('chromium-runs', 10));
  if (typeof chromium === 'string') {
    console.log(chromium);
    return;
  }
  save('chromium.pdf', chromium.last);
  console.log(`Chromium page.pdf() (warm browser, HTML rendition)  median ${ms(chromium.median)}  p90 ${ms(chromium.p90)}  size ${kb(chromium.bytes)}`);
  console.log(`ours vs Chromium: ${(chromium.median / pdf.median).toFixed(1)}× faster (median ${ms(pdf.median)} vs ${ms(chromium.median)}; target ≥ 15×)`);
  console.log(`note: 2 shared cores; wall times include waiting for the CPU. The CPU medians show the work itself.`);
}

/**
 * Each registered type, built and rendered from an order's source as a render thread does it
 * (parse, snapshot, the type's model and verdict, render), against type 1 the same way. Types that
 * read store-wide counts get fixed ones (the counts' own cost is the store's, benchmarked there).
 */
async function reportTypes(runs: number, warmup: number): Promise<void> {
  const doc = standardCompany();
  const renderer = createInlineRenderer();
  const base: ReportSource = {
    company: { keyNo: 'bench0000000000000000000000000001', docText: JSON.stringify(doc), dataAsOf: null, updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true },
    orderNo: 'BENCH-0003',
    customerName: '华东商业银行股份有限公司',
    generatedAt: GENERATED_AT,
    format: 'pdf',
  };
  const sharedCounts = { sameAddress: 4, samePhone: 2, sameEmail: null, legalRepCompanies: 3 };
  console.log(`report types (${REPORT_TYPES.map((t) => `${t.code} ${t.slug}`).join(', ')}): model + render from the source, ${runs} runs after ${warmup} warm-up runs`);
  for (const format of ['pdf', 'docx', 'json'] as const) {
    const credit = await measure(runs, warmup, () => renderer.renderSource({ ...base, format }));
    console.log(`  type 1 ${format.padEnd(4)} median ${ms(credit.median)}  p90 ${ms(credit.p90)}  (CPU median ${ms(credit.cpuMedian)})  size ${kb(credit.bytes)}`);
    for (const type of REPORT_TYPES.filter((t) => t.code !== 1)) {
      const refusal = type.refuse?.({ snapshot: takeSnapshot({ doc, updatedAt: base.company.updatedAt, synthetic: true }, () => new Date(GENERATED_AT)) });
      if (refusal) {
        console.log(`  type ${type.code} ${format.padEnd(4)} not measured: the standard company is refused (${refusal.status} ${refusal.reason})`);
        continue;
      }
      const source: ReportSource = { ...base, format, reportType: type.code, ...(type.reads?.includes('sharedCounts') ? { sharedCounts } : {}) };
      const figures = await measure(runs, warmup, () => renderer.renderSource(source));
      save(`type-${type.code}.${format === 'docx' ? 'docx' : format}`, figures.last);
      console.log(`  type ${type.code} ${format.padEnd(4)} median ${ms(figures.median)}  p90 ${ms(figures.p90)}  (CPU median ${ms(figures.cpuMedian)})  size ${kb(figures.bytes)}  ratio to type 1 ${(figures.median / credit.median).toFixed(2)}× (CPU ${(figures.cpuMedian / credit.cpuMedian).toFixed(2)}×; target ≤ 1.5×)`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
