import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { migrations } from '../src/db/migrations/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

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
