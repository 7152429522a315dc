/**
 * The bulk load into an empty SQLite store (src/companies/sqlite-bulk-load.ts): same outcomes as
 * the per-batch path, indexes back afterwards, invisible to other connections until it commits,
 * and all-or-nothing on a write error or a crash. SQLite only: PostgreSQL has no bulk path.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { sqliteHandleOf, openDatabase, type Database } from '../src/db/database.js';
import type { CompanyDocument } from '../src/companies/document.js';
import { importCompanies, type ImportOptions, type ImportProgress, type ImportSummary } from '../src/companies/import.js';
import { countCompanies, findCompaniesByName, findCompanyByKeyNo, findCompanyByRegNo, findCompanyByUscc } from '../src/companies/store.js';
import { completeUscc } from '../src/companies/uscc.js';
import { tempDir } from './support/databases.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/zhengxin.js');
const base = { companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02' };
const uscc = (n: number): string => completeUscc(`91330100${String(n).padStart(8, '0')}`);
const doc = (n: number, extra: Partial<CompanyDocument> = {}): CompanyDocument => ({ ...base, name: `杭州批量${n}号贸易有限公司`, uscc: uscc(n), ...extra });
const KEY_A = 'a'.repeat(32);
const KEY_B = 'b'.repeat(32);

/** Identity collisions across batches, which the bulk path must settle without any index. */
function trickyLines(): string[] {
  const docs: unknown[] = [
    doc(1, { keyNo: KEY_A }), // 1
    doc(2, { regNo: '330100000000011', formerNames: ['杭州旧名贸易有限公司'] }), // 2
    doc(3), // 3
    doc(1, { keyNo: KEY_B, name: '另一家用同一代码的公司' }), // 4: uscc of line 1 under another KeyNo
    { ...base, name: '只有注册号的公司', regNo: '330100000000011' }, // 5: regNo of line 2 → its KeyNo → duplicate
    doc(3, { name: '杭州批量3号贸易有限公司（改名）' }), // 6: same company as line 3
    doc(7, { keyNo: KEY_A }), // 7: KeyNo of line 1 with another uscc
    doc(8, { keyNo: 'c'.repeat(32), regNo: '330100000000011' }), // 8: regNo of line 2 under another KeyNo
    doc(9), // 9
  ];
  return docs.map((d) => `${JSON.stringify(d)}\n`);
}

async function openSqlite(dataDir: string): Promise<Database> {
  return openDatabase({ dataDir });
}

async function companyIndexes(database: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('companies', 'company_names', 'company_search', 'company_relations', 'company_contacts') ORDER BY name`.execute(database.db);
  return rows.map((r) => r.name);
}

function withoutErrors(s: ImportSummary): Omit<ImportSummary, 'errors'> {
  const { errors: _errors, ...rest } = s;
  return rest;
}

describe('bulk load into an empty SQLite store', () => {
  const dirs: string[] = [];
  const opened: Database[] = [];
  const fresh = async (): Promise<Database> => {
    const dir = tempDir();
    dirs.push(dir);
    const database = await openSqlite(dir);
    opened.push(database);
    return database;
  };
  let indexesOfAFreshStore: string[];
  before(async () => { indexesOfAFreshStore = await companyIndexes(await fresh()); });
  after(async () => { for (const d of opened) await d.close().catch(() => {}); });

  it('has every company index named, so that a load can drop and rebuild it', () => {
    assert.deepEqual(indexesOfAFreshStore, ['companies_key_no', 'companies_reg_no', 'companies_uscc', 'company_contacts_value', 'company_names_key_no', 'company_names_name_key_no', 'company_relations_a_src', 'company_relations_b', 'company_relations_src', 'company_search_term']);
  });

  for (const batchSize of [1, 2, 1000]) {
    it(`decides every line as the per-batch path does, across batches (batch size ${batchSize})`, async () => {
      const options: ImportOptions = { batchSize, now: () => '2026-11-30T00:00:00.000Z' };
      const bulk = await fresh();
      const perBatch = await fresh();
      const a = await importCompanies(bulk.db, trickyLines(), options);
      const b = await importCompanies(perBatch.db, trickyLines(), { ...options, bulkLoad: false });
      assert.deepEqual(a, b);
      assert.deepEqual(withoutErrors(a), { imported: 4, updated: 0, unchanged: 0, rejected: 5 });
      assert.deepEqual(a.errors.map((e) => e.line), [4, 5, 6, 7, 8]);
      assert.match(a.errors[0]!.reason, new RegExp(`uscc ${uscc(1)} already belongs to company ${KEY_A}`));
      assert.match(a.errors[1]!.reason, /duplicate of line 2 /);
      assert.match(a.errors[4]!.reason, /regNo 330100000000011 already belongs to company/);

      assert.deepEqual(await companyIndexes(bulk), indexesOfAFreshStore, 'the dropped indexes are back');
      assert.equal(sqliteHandleOf(bulk.db)!.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are on again');
      assert.equal(sqliteHandleOf(bulk.db)!.pragma('integrity_check', { simple: true }), 'ok');
      // Documents arrive as UTF-8 bytes and are bound as such; they must be stored as TEXT all the same.
      assert.deepEqual(sqliteHandleOf(bulk.db)!.prepare('SELECT DISTINCT typeof(doc) AS t FROM companies').all(), [{ t: 'text' }]);
      assert.equal((await findCompanyByKeyNo(bulk.db, KEY_A))?.uscc, uscc(1));
      assert.equal((await findCompanyByUscc(bulk.db, uscc(9)))?.name, doc(9).name);
      assert.equal((await findCompanyByRegNo(bulk.db, '330100000000011'))?.uscc, uscc(2));
      assert.equal((await findCompaniesByName(bulk.db, '杭州旧名贸易有限公司'))[0]?.current, false);

      // The store is no longer empty: a second import takes the per-batch path and changes nothing.
      const again = await importCompanies(bulk.db, trickyLines(), options);
      assert.deepEqual(withoutErrors(again), { imported: 0, updated: 0, unchanged: 4, rejected: 5 });
    });
  }

  it('reports progress: counts after batches, then the timed index rebuild and commit', async () => {
    const database = await fresh();
    const events: ImportProgress[] = [];
    const lines = Array.from({ length: 5 }, (_, i) => `${JSON.stringify(doc(300 + i))}\n`);
    await importCompanies(database.db, lines, { batchSize: 2, progressEveryMs: 0, onProgress: (e) => events.push(e) });
    const counts = events.filter((e) => e.kind === 'counts');
    assert.deepEqual(counts.map((e) => e.kind === 'counts' && [e.lines, e.imported]), [[2, 2], [4, 4], [5, 5]]);
    const bulk = events.filter((e) => e.kind === 'bulk');
    assert.deepEqual(bulk.map((e) => e.kind === 'bulk' && e.phase), ['indexes', 'commit']);
    assert.equal(bulk[0]!.kind === 'bulk' && bulk[0]!.phase === 'indexes' && bulk[0]!.count, indexesOfAFreshStore.length);
  });

  for (const workers of [0, 1]) {
    it(`stores every line's own bytes across many chunks and batches, whose buffers are reused (${workers} workers)`, async () => {
      for (const bulkLoad of [true, false]) {
        const database = await fresh();
        // Lines of different lengths, so that a reused buffer holding another chunk's bytes would show.
        const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(doc(5000 + i, { scope: '经营范围'.repeat(1 + (i % 7)) })));
        const summary = await importCompanies(database.db, lines.map((l) => `${l}\n`), { batchSize: 100, workers, bulkLoad });
        assert.equal(summary.imported, 3000);
        const stored = await database.db.selectFrom('companies').select(['uscc', 'doc']).execute();
        const byUscc = new Map(stored.map((r) => [r.uscc, r.doc]));
        lines.forEach((l, i) => assert.equal(byUscc.get(uscc(5000 + i)), l, `line ${i + 1}`));
      }
    });
  }

  it('stays invisible to another connection until it commits, which sees the indexes throughout', async () => {
    const loader = await fresh();
    const dir = dirs[dirs.length - 1]!;
    const reader = await openSqlite(dir);
    opened.push(reader);
    let midway: (() => void) | undefined;
    const reached = new Promise<void>((resolve) => (midway = resolve));
    let resume: (() => void) | undefined;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    async function* input(): AsyncGenerator<string> {
      for (let n = 100; n < 110; n++) yield `${JSON.stringify(doc(n))}\n`;
      midway!();
      await resumed;
      for (let n = 110; n < 120; n++) yield `${JSON.stringify(doc(n))}\n`;
    }
    const importing = importCompanies(loader.db, input(), { batchSize: 3 });
    await reached;
    await new Promise((r) => setTimeout(r, 50)); // let the batches before the pause be written
    assert.equal(sqliteHandleOf(loader.db)!.pragma('journal_mode', { simple: true }), 'wal', 'with another connection open the load keeps the WAL');
    assert.equal(await countCompanies(reader.db), 0, 'nothing is visible before the commit');
    assert.deepEqual(await companyIndexes(reader), indexesOfAFreshStore, 'other connections keep the indexes');
    resume!();
    assert.equal((await importing).imported, 20);
    assert.equal(await countCompanies(reader.db), 20);
    assert.equal((await findCompanyByUscc(reader.db, uscc(115)))?.name, doc(115).name);
  });

  it('rolls the whole load back when a write fails, and says that nothing was imported', async () => {
    const database = await fresh();
    const sqlite = sqliteHandleOf(database.db)!;
    // A failing write from the database itself, not a bad line: a trigger that aborts one insert.
    sqlite.exec(`CREATE TEMP TRIGGER fail_one BEFORE INSERT ON main.companies WHEN NEW.name = '${doc(205).name}' BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`);
    const lines = Array.from({ length: 10 }, (_, i) => `${JSON.stringify(doc(200 + i))}\n`);
    await assert.rejects(importCompanies(database.db, [...lines, '{oops\n'], { batchSize: 2 }), (err: Error & { summary?: ImportSummary }) => {
      assert.match(err.message, /simulated write failure/);
      assert.equal(err.summary?.imported, 0);
      return true;
    });
    sqlite.exec('DROP TRIGGER fail_one');
    assert.equal(await countCompanies(database.db), 0);
    assert.deepEqual(await companyIndexes(database), indexesOfAFreshStore);
    assert.equal(sqlite.pragma('foreign_keys', { simple: true }), 1);
    assert.equal((await importCompanies(database.db, lines)).imported, 10, 'the store loads normally afterwards');
  });

  for (const alone of [false, true]) {
    it(`leaves the store empty and whole when the importing process is killed mid-load (${alone ? 'alone: rollback journal' : 'store open elsewhere: WAL'})`, async () => {
      const dir = tempDir();
      dirs.push(dir);
      // Opened first when not alone, so that the importer finds another connection and keeps the WAL.
      const watcher = alone ? undefined : await openSqlite(dir);
      if (watcher) opened.push(watcher);
      if (alone) await (await openSqlite(dir)).close();
      const child = spawn(process.execPath, [BIN, 'data', 'import', '-'], { env: { ...process.env, ZHENGXIN_DATA_DIR: dir, DATABASE_URL: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // The kill may come before the importer has read all of its input (a busy machine): EPIPE then.
      child.stdin.on('error', () => {});
      // More than one default batch (2,000), so that rows were written when the kill comes.
      const many = Array.from({ length: 2500 }, (_, i) => JSON.stringify(doc(1000 + i))).join('\n') + '\n';
      child.stdin.write(many);
      // The load holds the write lock from its start until its commit, which never comes: stdin
      // stays open. Wait for it (alone: its journal file exists), then long enough for the first
      // batch to be written.
      const loading = (): boolean => (watcher ? writeLocked(sqliteHandleOf(watcher.db)!) : fs.existsSync(path.join(dir, 'zhengxin.db-journal')));
      if (watcher) sqliteHandleOf(watcher.db)!.pragma('busy_timeout = 0');
      const deadline = Date.now() + 60_000;
      while (!loading()) {
        if (Date.now() > deadline) assert.fail(`the import never started its load: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok(loading(), `the import is still loading: ${stderr}`);
      child.kill('SIGKILL');
      await exited;
      const database = watcher ?? (await openSqlite(dir));
      if (!watcher) opened.push(database);
      const sqlite = sqliteHandleOf(database.db)!;
      sqlite.pragma('busy_timeout = 5000');
      assert.equal(await countCompanies(database.db), 0);
      assert.deepEqual(await companyIndexes(database), indexesOfAFreshStore);
      assert.equal(sqlite.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(sqlite.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(fs.existsSync(path.join(dir, 'zhengxin.db-journal')), false, 'the journal was rolled back and removed');
      assert.equal((await importCompanies(database.db, [many])).imported, 2500, 'the same input loads completely afterwards');
    });
  }

  it('data import --no-bulk-load commits batch by batch even into an empty store', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const child = spawn(process.execPath, [BIN, 'data', 'import', '-', '--no-bulk-load', '--progress'], { env: { ...process.env, ZHENGXIN_DATA_DIR: dir, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve);
      child.stdin.end(`${JSON.stringify(doc(600))}\n${JSON.stringify(doc(601))}\n`);
    });
    assert.equal(code, 0, stderr);
    assert.equal(JSON.parse(stdout).imported, 2);
    assert.doesNotMatch(stderr, /bulk load/, 'no bulk-load phases were reported');
  });

  it('writes through a rollback journal when it has the store to itself, and returns to WAL', async () => {
    const database = await fresh();
    const sqlite = sqliteHandleOf(database.db)!;
    let journalDuringLoad: unknown;
    async function* input(): AsyncGenerator<string> {
      for (let n = 400; n < 405; n++) yield `${JSON.stringify(doc(n))}\n`;
      journalDuringLoad = sqlite.pragma('journal_mode', { simple: true });
      for (let n = 405; n < 410; n++) yield `${JSON.stringify(doc(n))}\n`;
    }
    assert.equal((await importCompanies(database.db, input(), { batchSize: 2 })).imported, 10);
    assert.equal(journalDuringLoad, 'delete');
    assert.equal(sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(sqlite.pragma('synchronous', { simple: true }), 1, 'synchronous is NORMAL again');
    assert.equal(await countCompanies(database.db), 10);
  });
});

/** Whether another connection holds SQLite's write lock (with busy_timeout 0, BEGIN IMMEDIATE fails at once). */
function writeLocked(sqlite: NonNullable<ReturnType<typeof sqliteHandleOf>>): boolean {
  try {
    sqlite.exec('BEGIN IMMEDIATE');
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  }
  sqlite.exec('ROLLBACK');
  return false;
}
