import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fs from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { loadApiConfig } from '../src/api-config.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import type { Schema } from '../src/db/schema.js';
import { startServer } from '../src/server.js';
import { migrations } from '../src/db/migrations/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { BACKENDS, tempDir, type TestDatabase } from './support/databases.js';

for (const backend of BACKENDS) {
  describe(`database on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('applies every migration once and is idempotent on restart', async () => {
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.db);
      assert.deepEqual(rows.rows.map((r) => r.name), Object.keys(migrations).sort());
      assert.deepEqual(await migrateToLatest(t.db), []);
    });

    it('reports the dialect capabilities of the backend', () => {
      assert.equal(t.capabilities.name, backend.name);
      assert.equal(t.capabilities.supportsSkipLocked, backend.name === 'postgres');
    });
  });
}

describe('the serving connection (SQLite)', () => {
  it('keeps temporary files, savepoint sub-journals among them, in memory; a fresh connection does not', async () => {
    const dataDir = tempDir();
    const env = { ZHENGXIN_DATA_DIR: dataDir, ZHENGXIN_MASTER_KEY: '11'.repeat(32), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' };
    const server = await startServer({ config: loadConfig(env), api: loadApiConfig(env), role: 'api' });
    try {
      const tempStore = (db: Kysely<Schema>) => sql<{ temp_store: number }>`PRAGMA temp_store`.execute(db).then((r) => Number(r.rows[0]!.temp_store));
      // 2 = MEMORY; 0 = the build's default (files).
      assert.equal(await tempStore(server.database.db), 2);
      const other = await openDatabase({ dataDir });
      try {
        assert.equal(await tempStore(other.db), 0);
      } finally {
        await other.close();
      }
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
