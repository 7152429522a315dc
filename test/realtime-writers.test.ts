import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { readFeed, type FeedEventRow } from '../src/realtime/feed.js';
import { pushDocument, type PushResult } from '../src/realtime/push.js';
import { findCompanyByKeyNo } from '../src/companies/store.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { writerDocument } from './support/realtime.js';

/**
 * Two processes writing one store at once, through the real push path (test/support/realtime-writer.ts):
 * the database's locks are all that keeps them apart, as with two `serve` processes or a server
 * and `data watch`.
 */
const WRITER = fileURLToPath(new URL('./support/realtime-writer.js', import.meta.url));

function writer(t: TestDatabase, job: { mode: 'append' | 'push'; keyNos: string[]; count: number; tag: string }): Promise<PushResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, JSON.stringify({ ...job, dataDir: t.dataDir, databaseUrl: t.databaseUrl })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as PushResult[]) : reject(new Error(`writer ${job.tag} exited ${code}: ${err}`))));
  });
}

const key = (n: number): string => n.toString(16).padStart(32, 'c');

for (const backend of BACKENDS) {
  describe(`two writer processes on ${backend.name}`, () => {
    it('appends to one company from two processes at once: every record is stored, the version goes up by one per append', async () => {
      const t = await backend.open();
      try {
        const keyNo = key(1);
        assert.equal((await pushDocument(t.db, keyNo, writerDocument(keyNo), Date.now())).version, 1);
        const perWriter = 30;
        const [a, b] = await Promise.all([
          writer(t, { mode: 'append', keyNos: [keyNo], count: perWriter, tag: 'A' }),
          writer(t, { mode: 'append', keyNos: [keyNo], count: perWriter, tag: 'B' }),
        ]);
        const versions = [...a!, ...b!].map((r) => r.version).sort((x, y) => x - y);
        assert.deepEqual(versions, Array.from({ length: 2 * perWriter }, (_, i) => i + 2), 'each append its own version, none skipped or shared');
        // Each process saw its own appends in order.
        for (const answers of [a!, b!]) assert.deepEqual(answers.map((r) => r.version), [...answers.map((r) => r.version)].sort((x, y) => x - y));

        const stored = await findCompanyByKeyNo(t.db, keyNo);
        const obligations = ((stored!.doc as unknown as { dishonest: Array<{ obligation: string }> }).dishonest).map((r) => r.obligation).sort();
        const expected = ['A', 'B'].flatMap((tag) => Array.from({ length: perWriter }, (_, i) => `${tag}-${i}`)).sort();
        assert.deepEqual(obligations, expected, 'no record lost');
        const added = (await readFeed(t.db, 0, 1000)).events.filter((e) => e.type === 'record.added');
        assert.deepEqual(added.map((e) => (e.data.record as { obligation: string }).obligation).sort(), expected, 'one record.added per append');
      } finally {
        await t.cleanup();
      }
    });

    it('the feed read with a cursor while two processes push yields every change once, in commit order, with no gaps', async () => {
      const t = await backend.open();
      try {
        // Overlapping companies: keys 3 and 4 are written by both processes.
        const jobs = [
          { mode: 'push' as const, keyNos: [key(1), key(2), key(3), key(4)], count: 12, tag: 'A' },
          { mode: 'push' as const, keyNos: [key(3), key(4), key(5), key(6)], count: 12, tag: 'B' },
        ];
        let running = true;
        const writing = Promise.all(jobs.map((j) => writer(t, j))).finally(() => { running = false; });
        // Read with the cursor, as a consumer would, while the writers run, then to the end.
        const seen: FeedEventRow[] = [];
        let after = 0;
        for (;;) {
          const stillRunning = running;
          const page = await readFeed(t.db, after, 50);
          seen.push(...page.events);
          after = page.next;
          if (page.events.length === 0) {
            if (!stillRunning) break;
            await new Promise((r) => setTimeout(r, 5));
          }
        }
        const answers = (await writing).flat();

        const ids = seen.map((e) => e.id);
        assert.deepEqual(ids, [...new Set(ids)].sort((x, y) => x - y), 'strictly increasing: none twice');
        const all = (await readFeed(t.db, 0, 1000)).events.map((e) => e.id);
        assert.deepEqual(ids, all, 'the cursor reader saw every event the feed holds (none committed behind it)');

        // Per company: versions 1..N, one per accepted push, and ordered by event id as by version (commit order).
        for (let n = 1; n <= 6; n++) {
          const mine = answers.filter((r) => r.keyNo === key(n) && r.status !== 'unchanged');
          const byEvent = [...mine].sort((x, y) => x.event - y.event).map((r) => r.version);
          assert.deepEqual(byEvent, Array.from({ length: mine.length }, (_, i) => i + 1), `company ${n}: versions in event order`);
          const events = seen.filter((e) => e.keyNo === key(n));
          assert.equal(events.filter((e) => e.type === 'company.created').length, 1, `company ${n}: created once`);
          assert.equal(events.filter((e) => e.type === 'company.updated').length, mine.length - 1, `company ${n}: one update per accepted change`);
        }
      } finally {
        await t.cleanup();
      }
    });
  });
}
