/**
 * The store's look-ups on SQLite as prepared better-sqlite3 statements. Building and compiling the
 * Kysely query was most of a resolve's CPU (the index probe itself takes microseconds), and the
 * issue's target is a p99 under 1 ms with a million companies. Each read runs while holding
 * Kysely's connection lock, so it never runs inside another task's open transaction.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { CompanyTable, Schema } from '../db/schema.js';

export type CompanyRow = Selectable<CompanyTable>;
export type CompanyNameRow = CompanyRow & { is_current: number };

interface Reads {
  byKeyNo: SqliteDatabase.Statement<[string], CompanyRow>;
  byUscc: SqliteDatabase.Statement<[string], CompanyRow>;
  byRegNo: SqliteDatabase.Statement<[string], CompanyRow>;
  byName: SqliteDatabase.Statement<[string], CompanyNameRow>;
}

const prepared = new WeakMap<SqliteDatabase.Database, Reads>();

function readsFor(sqlite: SqliteDatabase.Database): Reads {
  let r = prepared.get(sqlite);
  if (!r) {
    r = {
      byKeyNo: sqlite.prepare('select * from companies where key_no = ?'),
      byUscc: sqlite.prepare('select * from companies where uscc = ?'),
      // Registration numbers are not guaranteed unique across authorities' history; the oldest key wins.
      byRegNo: sqlite.prepare('select * from companies where reg_no = ? order by key_no limit 1'),
      byName: sqlite.prepare(
        'select c.*, n.is_current from company_names n join companies c on c.key_no = n.key_no where n.name_norm = ? order by n.is_current desc, c.key_no',
      ),
    };
    prepared.set(sqlite, r);
  }
  return r;
}

export type SqliteCompanyRead = 'byKeyNo' | 'byUscc' | 'byRegNo';

export function readCompanyRow(db: Kysely<Schema>, sqlite: SqliteDatabase.Database, read: SqliteCompanyRead, value: string): Promise<CompanyRow | undefined> {
  return db.connection().execute(async () => readsFor(sqlite)[read].get(value));
}

export function readCompanyRowsByName(db: Kysely<Schema>, sqlite: SqliteDatabase.Database, nameNorm: string): Promise<CompanyNameRow[]> {
  return db.connection().execute(async () => readsFor(sqlite).byName.all(nameNorm));
}
