import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { createAccount } from '../src/accounts/accounts.js';
import { secretBox } from '../src/accounts/secrets.js';
import { completeUscc } from '../src/companies/uscc.js';
import { startCallbackDispatcher } from '../src/realtime/deliveries.js';
import { feedHead } from '../src/realtime/feed.js';
import { appendRecord, pushLines } from '../src/realtime/push.js';
import { BACKENDS } from './support/databases.js';
import { writerDocument } from './support/realtime.js';

/**
 * A watched company's event behind a backlog of events nobody watches (an import, a bulk push, a
 * dispatcher that was down): one dispatcher round must fan out the whole backlog and reach it,
 * not stop after the first page that made no delivery (which held it back one page per poll).
 */
for (const backend of BACKENDS) {
  describe(`callback fan-out behind a backlog on ${backend.name}`, () => {
    it('one round reads past pages of unwatched events to the watched company\'s event', async () => {
      const t = await backend.open();
      try {
        const secrets = secretBox(crypto.randomBytes(32));
        const base = writerDocument('0'.repeat(32));
        const docs = Array.from({ length: 1200 }, (_, i) => JSON.stringify({ ...base, name: `上海积压事件${i}有限公司`, uscc: completeUscc(`91310115MC${String(i).padStart(6, '0')}`) }));
        const { outcomes } = await pushLines(t.db, docs, Date.now());
        const watchedKeyNo = outcomes[0]!.keyNo!;
        // The watch starts before the backlog: every unwatched event lies between it and the watched one.
        const { account } = await createAccount(t.db, secrets, { name: '积压监控', balance: 100, concurrencyLimit: 5, callbackUrl: 'http://127.0.0.1:9/hook', interfaces: 'all' }, Date.now());
        await t.db.insertInto('monitor_watches').values({ account_key: account.key, key_no: watchedKeyNo, since_event: await feedHead(t.db), added_at: new Date().toISOString() }).execute();
        await pushLines(t.db, docs.map((d) => d.replace('有限公司', '有限责任公司')), Date.now()); // 1,200 more unwatched… and one watched
        await appendRecord(t.db, watchedKeyNo, 'dishonest', { caseNo: '(2026)沪0115执积压1号', court: '上海市浦东新区人民法院', filedOn: '2026-05-01' }, Date.now());

        // A poll interval far beyond the test: only the round the dispatcher starts with runs.
        const dispatcher = startCallbackDispatcher({ db: t.db, secrets, allowPrivate: true, skipLocked: backend.name === 'postgres', pollMs: 3_600_000 });
        await dispatcher.settled();
        await dispatcher.close();
        const types = (await t.db.selectFrom('callback_deliveries').select('event_type').where('account_key', '=', account.key).execute()).map((r) => r.event_type);
        assert.ok(types.includes('record.added') && types.includes('company.updated'), `the watched company's events made deliveries in the first round: ${JSON.stringify(types)}`);
        const cursor = await t.db.selectFrom('feed_cursors').select('position').where('name', '=', 'callbacks').executeTakeFirstOrThrow();
        assert.equal(Number(cursor.position), await feedHead(t.db), 'the fan-out reached the feed\'s head');
      } finally {
        await t.cleanup();
      }
    });
  });
}
