import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../../src/db/database.js';

/**
 * The backends every database test runs against. SQLite always; PostgreSQL when
 * `ZHENGXIN_TEST_POSTGRES_URL` (an admin connection to a server we may create databases on) is set.
 * CI sets `ZHENGXIN_REQUIRE_POSTGRES=1`, which turns a missing PostgreSQL into a failure, never a skip.
 */
export interface TestBackend {
  readonly name: DialectName;
  /** Opens a fresh, empty, migrated database; `cleanup` drops it. */
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** What to pass as `databaseUrl` to a child process so that it sees the same database. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  cleanup(): Promise<void>;
}

const postgresAdminUrl = process.env.ZHENGXIN_TEST_POSTGRES_URL;
if (!postgresAdminUrl && process.env.ZHENGXIN_REQUIRE_POSTGRES === '1') {
  throw new Error('ZHENGXIN_REQUIRE_POSTGRES=1 but ZHENGXIN_TEST_POSTGRES_URL is not set: the PostgreSQL tests would not run');
}

export function tempDir(prefix = 'zhengxin-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const sqliteBackend: TestBackend = {
  name: 'sqlite',
  async open() {
    const dataDir = tempDir();
    const database = await openDatabase({ dataDir });
    return {
      ...database,
      databaseUrl: undefined,
      dataDir,
      async cleanup() {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

function postgresBackend(adminUrl: string): TestBackend {
  return {
    name: 'postgres',
    async open() {
      const dbName = `zx_test_${crypto.randomBytes(6).toString('hex')}`;
      await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
      const url = new URL(adminUrl);
      url.pathname = `/${dbName}`;
      const dataDir = tempDir();
      const database = await openDatabase({ dataDir, databaseUrl: url.toString() });
      return {
        ...database,
        databaseUrl: url.toString(),
        dataDir,
        async cleanup() {
          await database.close();
          await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const BACKENDS: readonly TestBackend[] = postgresAdminUrl
  ? [sqliteBackend, postgresBackend(postgresAdminUrl)]
  : [sqliteBackend];
