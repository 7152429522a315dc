/**
 * SQLite-specific store behaviour: the page size of a new store, and migration 0012 (company
 * tables rebuilt so that every index is droppable) applied to a store that already holds companies.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { Migrator, sql, type Migration } from 'kysely';
import { openDatabase, sqliteHandleOf, type Database } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { findCompaniesByName, findCompanyByUscc } from '../src/companies/store.js';
import { tempDir } from './support/databases.js';

describe('SQLite store', () => {
  const dirs: string[] = [];
  const opened: Database[] = [];
  after(async () => {
    for (const d of opened) await d.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const open = async (migrate: boolean): Promise<Database> => {
    const dir = tempDir();
    dirs.push(dir);
    const database = await openDatabase({ dataDir: dir, migrate });
    opened.push(database);
    return database;
  };

  it('creates new stores with 16 KiB pages', async () => {
    const database = await open(true);
    assert.equal(sqliteHandleOf(database.db)!.pragma('page_size', { simple: true }), 16384);
  });

  it('keeps every company, name and reference through the rebuild of migration 0012', async () => {
    const database = await open(false);
    const db = database.db;
    const upTo = async (last: string): Promise<void> => {
      const names = Object.keys(migrations).sort().filter((n) => n <= last);
      const picked: Record<string, Migration> = Object.fromEntries(names.map((n) => [n, migrations[n]!]));
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => picked } }).migrateToLatest();
      if (error) throw error;
    };
    await upTo('0011_account_orders_in_flight');
    const row = (n: number) => ({
      key_no: `${n}`.padStart(32, '0'), uscc: `9133010000000000${n}X`, reg_no: null, name: `公司${n}`, name_norm: `公司${n}`,
      entity_kind: 'enterprise', status_norm: 'ACTIVE', doc: `{"name":"公司${n}"}`, doc_hash: `h${n}`, synthetic: 1, data_as_of: null, updated_at: '2026-11-30T00:00:00Z',
    });
    await db.insertInto('companies').values([row(1), row(2)]).execute();
    await db.insertInto('company_names').values([
      { name_norm: '公司1', key_no: row(1).key_no, is_current: 1 },
      { name_norm: '旧名1', key_no: row(1).key_no, is_current: 0 },
      { name_norm: '公司2', key_no: row(2).key_no, is_current: 1 },
    ]).execute();

    await migrateToLatest(db);
    const indexes = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('companies', 'company_names') ORDER BY name`.execute(db);
    assert.deepEqual(indexes.rows.map((r) => r.name), ['companies_key_no', 'companies_reg_no', 'companies_uscc', 'company_names_key_no', 'company_names_name_key_no']);
    assert.equal((await findCompanyByUscc(db, row(2).uscc))?.name, '公司2');
    assert.equal((await findCompaniesByName(db, '旧名1'))[0]?.company.keyNo, row(1).key_no);
    const sqlite = sqliteHandleOf(db)!;
    assert.equal(sqlite.pragma('foreign_keys', { simple: true }), 1);
    // Uniqueness and the names' foreign key (with its cascade) survived the rebuild.
    await assert.rejects(db.insertInto('companies').values({ ...row(3), key_no: row(1).key_no }).execute(), /UNIQUE constraint failed: companies.key_no/);
    await assert.rejects(db.insertInto('company_names').values({ name_norm: 'x', key_no: 'f'.repeat(32), is_current: 1 }).execute(), /FOREIGN KEY constraint failed/);
    await db.deleteFrom('companies').where('key_no', '=', row(1).key_no).execute();
    const left = await db.selectFrom('company_names').select('name_norm').execute();
    assert.deepEqual(left.map((r) => r.name_norm), ['公司2']);
  });
});
