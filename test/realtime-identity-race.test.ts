import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { completeRegNo } from '../src/companies/reg-no.js';
import { completeUscc } from '../src/companies/uscc.js';
import { deriveKeyNo } from '../src/companies/key-no.js';
import { normaliseName } from '../src/companies/normalise.js';
import { upsertCompanies } from '../src/companies/store.js';
import type { UpsertOutcome } from '../src/companies/upsert-plan.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { writerDocument } from './support/realtime.js';

/**
 * Two processes pushing documents that land on the same company by different identity rules: one
 * names the company's regNo only (its KeyNo is derived from the regNo), the other brings a uscc too
 * (derived KeyNo from the uscc, but the stored company is found by the regNo). They must be
 * serialised like two writes of one KeyNo: otherwise both read "no such company" and store two
 * companies with one regNo, or both replace the same company from the same "before" and leave the
 * first one's names in the name index.
 */
const WRITER = fileURLToPath(new URL('./support/realtime-writer.js', import.meta.url));

function pushBatch(t: TestDatabase, tag: string, lines: string[]): Promise<UpsertOutcome[]> {
  return new Promise((resolve, reject) => {
    const job = { mode: 'lines', keyNos: [], count: 0, tag, lines, dataDir: t.dataDir, databaseUrl: t.databaseUrl };
    const child = spawn(process.execPath, [WRITER, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as UpsertOutcome[]) : reject(new Error(`writer ${tag} exited ${code}: ${err}`))));
  });
}

/** The feed's lock (store.ts FEED_LOCK): every writer takes it after its reads and writes, before commit. */
const FEED_LOCK = 0x7a78_6665;
const ROUNDS = 40;

for (const backend of BACKENDS) {
  describe(`identity by uscc or regNo across two writer processes on ${backend.name}`, () => {
    it('one company per regNo, and its name index matches the stored document, whatever the interleaving', async () => {
      const t = await backend.open();
      try {
        const base = writerDocument('0'.repeat(32));
        const regNo = (i: number, kind: number) => completeRegNo(`31011500${kind}${String(i).padStart(5, '0')}`);
        const uscc = (i: number, kind: number) => completeUscc(`91310115MB${kind}${String(i).padStart(5, '0')}`);
        // Kind 1: nothing stored yet. Kind 2: a company stored under its regNo's KeyNo.
        await upsertCompanies(t.db, Array.from({ length: ROUNDS }, (_, i) => ({ ...base, name: `上海身份竞争原名${i}有限公司`, regNo: regNo(i, 2) })) as never, { now: new Date().toISOString() });
        const byRegNoOnly = (i: number, kind: number) => JSON.stringify({ ...base, name: `上海身份竞争甲${kind}-${i}有限公司`, regNo: regNo(i, kind) });
        const withUscc = (i: number, kind: number) => JSON.stringify({ ...base, name: `上海身份竞争乙${kind}-${i}有限公司`, regNo: regNo(i, kind), uscc: uscc(i, kind) });
        const a = Array.from({ length: ROUNDS }, (_, i) => [byRegNoOnly(i, 1), byRegNoOnly(i, 2)]).flat();
        const b = Array.from({ length: ROUNDS }, (_, i) => [withUscc(i, 1), withUscc(i, 2)]).flat();

        let outcomes: UpsertOutcome[][];
        if (backend.name === 'postgres') {
          // Hold the feed's lock so that neither writer can commit before both have read what is
          // stored (both are then waiting on a lock: unserialised, both wait on this one). This
          // makes the lost interleaving certain on a store that does not serialise them, with no
          // dependence on timing.
          outcomes = await t.db.connection().execute(async (conn) => {
            await sql`select pg_advisory_lock(${FEED_LOCK})`.execute(conn);
            try {
              const writing = Promise.all([pushBatch(t, 'A', a), pushBatch(t, 'B', b)]);
              writing.catch(() => undefined);
              for (;;) {
                const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
                if (Number(rows[0]!.n) >= 2) break;
                await new Promise((r) => setTimeout(r, 20));
              }
              await sql`select pg_advisory_unlock(${FEED_LOCK})`.execute(conn);
              return await writing;
            } finally {
              await sql`select pg_advisory_unlock_all()`.execute(conn);
            }
          });
        } else {
          outcomes = await Promise.all([pushBatch(t, 'A', a), pushBatch(t, 'B', b)]);
        }
        for (const list of outcomes) assert.deepEqual(list.filter((o) => o.status === 'rejected'), [], 'no document refused');

        for (const kind of [1, 2]) {
          for (let i = 0; i < ROUNDS; i++) {
            const rows = await t.db.selectFrom('companies').select(['key_no', 'name', 'uscc']).where('reg_no', '=', regNo(i, kind)).execute();
            assert.equal(rows.length, 1, `regNo ${regNo(i, kind)}: one company, got ${JSON.stringify(rows)}`);
            if (kind === 2) assert.equal(rows[0]!.key_no, deriveKeyNo({ name: '', regNo: regNo(i, kind) }), 'the stored company kept its KeyNo');
            const names = await t.db.selectFrom('company_names').select('name_norm').where('key_no', '=', rows[0]!.key_no).execute();
            assert.deepEqual(names.map((n) => n.name_norm), [normaliseName(rows[0]!.name)], `${rows[0]!.key_no}: the name index holds the stored name only`);
          }
        }
      } finally {
        await t.cleanup();
      }
    });
  });
}
