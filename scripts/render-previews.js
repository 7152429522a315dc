#!/usr/bin/env node
// Refreshes the report previews in docs/ (after `npm run build`): renders the standard synthetic
// company as the bench does, turns pages of the PDF into PNGs with poppler's pdftoppm (60 dpi),
// and, when LibreOffice is installed (`apt-get install libreoffice-writer-nogui fonts-noto-cjk`),
// converts the .docx with `soffice --headless --convert-to pdf` for a rendering of the Word file.
//
//   node scripts/render-previews.js [--pages cover=1,summary=4,tables=8] [--docx-page 4]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { standardCompany } from '../dist/src/companies/synthetic/index.js';
import { buildReportModel } from '../dist/src/reports/model/build.js';
import { renderDocx } from '../dist/src/reports/render/docx/render-docx.js';
import { renderPdf } from '../dist/src/reports/render/pdf/render-pdf.js';
import { takeSnapshot } from '../dist/src/reports/snapshot.js';

const GENERATED_AT = '2026-11-30T02:15:02.000Z';
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const pages = Object.fromEntries(arg('pages', 'cover=1,summary=4,tables=8').split(',').map((p) => p.split('=')).map(([k, v]) => [k, Number(v)]));
const docxPage = Number(arg('docx-page', '4'));

const snapshot = takeSnapshot({ doc: standardCompany(), updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
const model = buildReportModel(snapshot, { orderNo: 'PREVIEW-0001', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-previews-'));
const docs = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../docs');

/** One page of a PDF as a 60 dpi PNG in docs/. */
function page(pdf, n, name) {
  const prefix = path.join(dir, name);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(n), '-l', String(n), pdf, prefix]);
  fs.copyFileSync(`${prefix}.png`, path.join(docs, `${name}.png`));
  console.log(`docs/${name}.png  (page ${n}, ${Math.round(fs.statSync(`${prefix}.png`).size / 1024)} KB)`);
}

try {
  const pdf = path.join(dir, 'report-pdf.pdf');
  fs.writeFileSync(pdf, await renderPdf(model));
  for (const [name, n] of Object.entries(pages)) page(pdf, n, `preview-${name}`);
  const docx = path.join(dir, 'report-docx.docx');
  fs.writeFileSync(docx, await renderDocx(model));
  try {
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'ignore', timeout: 300_000 });
    page(path.join(dir, 'report-docx.pdf'), docxPage, 'preview-docx-libreoffice');
  } catch (err) {
    console.log(`LibreOffice rendering of the .docx skipped: ${err.message.split('\n')[0]}`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
