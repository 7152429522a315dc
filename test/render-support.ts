import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { CompanyDocument } from '../src/companies/document.js';
import { buildReportModel } from '../src/reports/model/build.js';
import type { ReportModel } from '../src/reports/model/types.js';
import { takeSnapshot } from '../src/reports/snapshot.js';

/** Test helpers for the renderers: the real model builder, and text out of PDF and docx bytes. */

export const GENERATED_AT = '2026-11-30T02:15:02.000Z';

export function modelOf(doc: CompanyDocument, customerName = '华东商业银行股份有限公司'): ReportModel {
  const snapshot = takeSnapshot({ doc, updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
  return buildReportModel(snapshot, { orderNo: 'ORD-TEST-0001', customerName, generatedAt: GENERATED_AT });
}

/** Text of every page (poppler's pdftotext), pages split on form feeds. */
export function pdfPages(pdf: Uint8Array): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-render-'));
  try {
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text.split('\f').slice(0, -1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF outline (bookmarks) as poppler reads it: titles with their 1-based page numbers. */
export function pdfOutline(pdf: Uint8Array): Array<{ title: string; page: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-render-'));
  try {
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, pdf);
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return [...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({ page: Number(m[1]), title: decodeEntities(m[2]!) }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-render-'));
  try {
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, pdf);
    const out = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
    return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function docxParts(docx: Uint8Array): Record<string, string> {
  const files = unzipSync(docx);
  return Object.fromEntries(Object.entries(files).filter(([p]) => /\.(xml|rels|svg)$/.test(p)).map(([p, b]) => [p, strFromU8(b)]));
}

/** The text content of WordprocessingML (w:t elements), entities decoded. */
export function wordText(xml: string): string {
  const out: string[] = [];
  for (const m of xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:p[ >]|<w:tab\/>/g)) {
    if (m[1] !== undefined) out.push(decodeEntities(m[1]));
    else out.push(m[0] === '<w:tab/>' ? '\t' : '\n');
  }
  return out.join('');
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}

/**
 * A strict-enough XML well-formedness check: balanced tags, quoted attributes, only the five
 * predefined entities or character references, no stray `<` or `&` in text. (No XML parser is a
 * dependency; this catches what unescaped company names would break.)
 */
export function assertWellFormedXml(xml: string, name: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(body))) {
    if (m[6]) throw new Error(`${name}: stray or malformed tag at offset ${m.index}: ${body.slice(m.index, m.index + 60)}`);
    const text = m[5] ?? m[3] ?? '';
    const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
    if (badAmp) throw new Error(`${name}: bare & at offset ${m.index}`);
    if (m[5] !== undefined) continue;
    const [, closing, tag, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== tag) throw new Error(`${name}: </${tag}> closes <${open ?? 'nothing'}>`);
    } else stack.push(tag!);
  }
  if (stack.length) throw new Error(`${name}: unclosed <${stack.join('>, <')}>`);
}

/** Removes all whitespace, so wrapped lines and pdftotext's spacing do not matter. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
