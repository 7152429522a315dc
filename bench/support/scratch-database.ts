/**
 * What the store benchmarks share: a fresh, empty store on either backend (a scratch PostgreSQL
 * database, created and dropped, under ZHENGXIN_TEST_POSTGRES_URL's server), and a quantile.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';

/** The value at quantile `q` (0–1) of `values`, nearest rank. */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Opens an empty store; `cleanups` gets the step that closes it and removes its files or database. */
export async function scratchDatabase(backend: 'sqlite' | 'postgres', cleanups: Array<() => Promise<void>>, label: string): Promise<Database> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `zhengxin-bench-${label}-`));
  if (backend === 'sqlite') {
    const d = await openDatabase({ dataDir });
    cleanups.push(async () => { await d.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });
    return d;
  }
  const admin = process.env.ZHENGXIN_TEST_POSTGRES_URL!;
  const name = `zx_bench_${crypto.randomBytes(5).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const d = await openDatabase({ dataDir, databaseUrl: url.toString() });
  cleanups.push(async () => {
    await d.close();
    await run(`DROP DATABASE IF EXISTS ${name}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return d;
}
