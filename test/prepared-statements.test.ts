// Named prepared statements for marked texts (db/prepared-statements.ts) and JIT off for our
// PostgreSQL sessions (db/database.ts), on the real databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { PREPARED, preparedName } from '../src/db/prepared-statements.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

for (const backend of BACKENDS) {
  describe(`prepared statements on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    const placeholder = backend.name === 'postgres' ? '$1' : '?';
    const text = `${PREPARED}select ${placeholder} + 1 as v`;

    it('runs a marked statement with fresh parameters each time', async () => {
      for (const n of [41, 99, -1]) {
        const r = await t.db.executeQuery(CompiledQuery.raw(text, [n]));
        assert.equal(Number((r.rows[0] as { v: number | string }).v), n + 1);
      }
    });

    if (backend.name !== 'postgres') return;

    it('prepares a marked text once per connection under its name, and leaves other texts unnamed', async () => {
      await t.db.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw(text, [1]));
        await trx.executeQuery(CompiledQuery.raw(text, [2]));
        await trx.executeQuery(CompiledQuery.raw('select $1::int as plain', [3]));
        const named = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
        assert.deepEqual(named.rows.map((r) => r.name), [preparedName(text)]);
        assert.equal(named.rows[0]!.statement, text);
      });
      assert.equal(preparedName(text), preparedName(`${text}`), 'one text, one name');
      assert.notEqual(preparedName(text), preparedName(`${text} `));
    });

    it('runs our sessions with JIT off', async () => {
      const r = await sql<{ jit: string }>`show jit`.execute(t.db);
      assert.equal(r.rows[0]!.jit, 'off');
    });
  });
}
