// What the preview scripts share: find the page of a PDF whose text has a line that is exactly a
// heading (skipping the table of contents, which names it too), and write that page as a PNG to docs/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The 1-based page of `pdf` with a line equal to `heading` (and, when given, also the text
 * `alsoContaining` somewhere on it); throws naming the heading when none.
 */
export function pageOfHeading(pdf, heading, alsoContaining = '') {
  const pages = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\f');
  const n = 1 + pages.findIndex((text) => !text.includes('目  录') && !text.includes('目 录') && text.split('\n').some((line) => line.trim() === heading) && text.includes(alsoContaining));
  if (n < 1) throw new Error(`no page of ${path.basename(pdf)} starts a line with ${heading}${alsoContaining ? ` and contains ${alsoContaining}` : ''}`);
  return n;
}

/** Page `n` of `pdf` at 60 dpi as `docs/NAME.png` (drawn in `workDir` first); prints what it wrote. */
export function writePagePreview(pdf, n, name, workDir, docs) {
  const prefix = path.join(workDir, name);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(n), '-l', String(n), pdf, prefix]);
  fs.copyFileSync(`${prefix}.png`, path.join(docs, `${name}.png`));
  console.log(`docs/${name}.png  (page ${n}, ${Math.round(fs.statSync(`${prefix}.png`).size / 1024)} KB)`);
}
