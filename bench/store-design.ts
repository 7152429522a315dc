/**
 * `node dist/bench/store-design.js [--companies N]`: the measurement behind docs/data-store.md.
 * Writes the same synthetic documents two ways into fresh SQLite files and reads them back whole:
 * (a) document column: one row per company (canonical JSON) + a names index — what src/companies/store.ts does;
 * (b) normalised: a core row per company + one table per record section, one row per record,
 *     each record's fields as columns (nested objects as JSON text), reassembled on read.
 * Both use the same prepared statements and transactions of 2,000 companies, so the difference is the design.
 */
import SqliteDatabase from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { canonicalJson, sha256Hex } from '../src/companies/canonical.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { normaliseName } from '../src/companies/normalise.js';
import { generateCompanies } from '../src/companies/synthetic/index.js';

const BATCH = 2000;
const companiesArg = process.argv.indexOf('--companies');
const COUNT = companiesArg > 0 ? Number(process.argv[companiesArg + 1]) : 20_000;

function open(file: string): SqliteDatabase.Database {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

const docs: CompanyDocument[] = [...generateCompanies({ count: COUNT, seed: 'store-design' })].map((d) => ({ ...d, keyNo: d.keyNo ?? deriveKeyNo(d) }));
const sections = [...new Set(docs.flatMap((d) => Object.keys(d).filter((k) => Array.isArray(d[k]) && k !== 'formerNames')))].sort();
const columnsOf = new Map(sections.map((s) => [s, [...new Set(docs.flatMap((d) => ((d[s] as Array<Record<string, unknown>> | undefined) ?? []).flatMap((r) => (typeof r === 'object' ? Object.keys(r) : ['value']))))].sort()]));
const childRows = docs.reduce((n, d) => n + sections.reduce((m, s) => m + ((d[s] as unknown[] | undefined)?.length ?? 0), 0), 0);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-store-design-'));

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

function readLatency(read: (keyNo: string) => unknown): { p50: number; p99: number } {
  const sample = Array.from({ length: 2000 }, (_, i) => docs[(i * 7919) % docs.length]!.keyNo!);
  for (const k of sample.slice(0, 200)) read(k);
  const times = sample.map((k) => { const t0 = performance.now(); read(k); return performance.now() - t0; }).sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

// (a) document column
const a = open(path.join(dir, 'document.db'));
a.exec(`create table companies (key_no text primary key, uscc text unique, name text not null, name_norm text not null, doc text not null, doc_hash text not null);
        create table company_names (name_norm text not null, key_no text not null, is_current integer not null, primary key (name_norm, key_no));`);
const insA = a.prepare('insert into companies values (?, ?, ?, ?, ?, ?)');
const insNameA = a.prepare('insert or ignore into company_names values (?, ?, ?)');
const writeA = timeIt(() => {
  for (let i = 0; i < docs.length; i += BATCH) {
    a.transaction(() => {
      for (const d of docs.slice(i, i + BATCH)) {
        const text = canonicalJson(d);
        insA.run(d.keyNo, d.uscc ?? null, d.name, normaliseName(d.name), text, sha256Hex(text));
        insNameA.run(normaliseName(d.name), d.keyNo, 1);
        for (const f of d.formerNames ?? []) insNameA.run(normaliseName(f), d.keyNo, 0);
      }
    })();
  }
});
const getA = a.prepare('select doc from companies where key_no = ?');
const readA = readLatency((k) => JSON.parse((getA.get(k) as { doc: string }).doc));

// (b) normalised
const b = open(path.join(dir, 'normalised.db'));
const scalarKeys = [...new Set(docs.flatMap((d) => Object.keys(d).filter((k) => !Array.isArray(d[k]))))].sort();
b.exec(`create table companies (${scalarKeys.map((k) => `"${k}" text`).join(', ')}, primary key ("keyNo"))`);
for (const s of sections) b.exec(`create table "${s}" (key_no text not null, seq integer not null, ${columnsOf.get(s)!.map((c) => `"${c}" text`).join(', ')}, primary key (key_no, seq))`);
b.exec('create table company_names (name_norm text not null, key_no text not null, is_current integer not null, primary key (name_norm, key_no))');
const insCore = b.prepare(`insert into companies values (${scalarKeys.map(() => '?').join(', ')})`);
const insChild = new Map(sections.map((s) => [s, b.prepare(`insert into "${s}" values (?, ?, ${columnsOf.get(s)!.map(() => '?').join(', ')})`)]));
const insNameB = b.prepare('insert or ignore into company_names values (?, ?, ?)');
const cell = (v: unknown): string | number | null => (v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? Number(v) : (v as string | number));
const writeB = timeIt(() => {
  for (let i = 0; i < docs.length; i += BATCH) {
    b.transaction(() => {
      for (const d of docs.slice(i, i + BATCH)) {
        insCore.run(...scalarKeys.map((k) => cell(d[k])));
        for (const s of sections) {
          const rows = (d[s] as Array<Record<string, unknown>> | undefined) ?? [];
          const cols = columnsOf.get(s)!;
          rows.forEach((r, seq) => insChild.get(s)!.run(d.keyNo, seq, ...cols.map((c) => cell(typeof r === 'object' ? r[c] : c === 'value' ? r : undefined))));
        }
        insNameB.run(normaliseName(d.name), d.keyNo, 1);
        for (const f of d.formerNames ?? []) insNameB.run(normaliseName(f), d.keyNo, 0);
      }
    })();
  }
});
const getCore = b.prepare('select * from companies where "keyNo" = ?');
const getChild = new Map(sections.map((s) => [s, b.prepare(`select * from "${s}" where key_no = ? order by seq`)]));
const readB = readLatency((k) => {
  const doc = { ...(getCore.get(k) as object) } as Record<string, unknown>;
  for (const s of sections) doc[s] = getChild.get(s)!.all(k);
  return doc;
});

const size = (f: string) => ['', '-wal'].reduce((n, ext) => n + (fs.existsSync(path.join(dir, f + ext)) ? fs.statSync(path.join(dir, f + ext)).size : 0), 0);
console.log(`${COUNT} companies, ${childRows} section records (${(childRows / COUNT).toFixed(1)} per company) in ${sections.length} sections; load average ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`(a) document column: write ${(COUNT / writeA).toFixed(0)} companies/s · read whole company p50 ${readA.p50.toFixed(3)} ms p99 ${readA.p99.toFixed(3)} ms · ${(size('document.db') / 1e6).toFixed(0)} MB`);
console.log(`(b) normalised:      write ${(COUNT / writeB).toFixed(0)} companies/s · read whole company p50 ${readB.p50.toFixed(3)} ms p99 ${readB.p99.toFixed(3)} ms · ${(size('normalised.db') / 1e6).toFixed(0)} MB`);
a.close();
b.close();
fs.rmSync(dir, { recursive: true, force: true });
