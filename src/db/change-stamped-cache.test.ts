import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { ChangeStampedCache, type ChangeWatch, sqliteChangeWatch } from './change-stamped-cache.js';

function fakeWatch(): ChangeWatch & { version: number; open: boolean } {
  const w = {
    version: 0,
    open: false,
    stamp: () => [w.version, 0] as const,
    inTransaction: () => w.open,
  };
  return w;
}

/** A load that counts its calls and answers `value`. */
function counted<V>(value: V): { load: () => Promise<V>; calls: () => number } {
  let n = 0;
  return { load: async () => { n++; return value; }, calls: () => n };
}

describe('ChangeStampedCache', () => {
  it('serves a kept value until the watch reports a change, then loads again', async () => {
    const watch = fakeWatch();
    const cache = new ChangeStampedCache<string>(watch);
    const a = counted('a');
    assert.equal(await cache.lookup('k', a.load), 'a');
    assert.equal(await cache.lookup('k', a.load), 'a');
    assert.equal(a.calls(), 1);
    watch.version++;
    const b = counted('b');
    assert.equal(await cache.lookup('k', b.load), 'b');
    assert.equal(b.calls(), 1);
  });

  it('keeps no undefined (absent rows are read again)', async () => {
    const cache = new ChangeStampedCache<string>(fakeWatch());
    const none = counted<string | undefined>(undefined);
    await cache.lookup('k', none.load);
    await cache.lookup('k', none.load);
    assert.equal(none.calls(), 2);
  });

  it('neither serves nor keeps while a transaction is open', async () => {
    const watch = fakeWatch();
    const cache = new ChangeStampedCache<string>(watch);
    await cache.lookup('k', counted('committed').load);
    watch.open = true;
    assert.equal(await cache.lookup('k', counted('uncommitted').load), 'uncommitted');
    assert.equal(await cache.lookup('j', counted('uncommitted').load), 'uncommitted');
    watch.open = false;
    const again = counted('committed');
    assert.equal(await cache.lookup('j', again.load), 'committed');
    assert.equal(again.calls(), 1);
  });

  it('drops a value loaded under a stamp that another look-up has since replaced', async () => {
    const watch = fakeWatch();
    const cache = new ChangeStampedCache<string>(watch);
    let release!: () => void;
    const slow = cache.lookup('k', () => new Promise((resolve) => { release = () => resolve('old'); }));
    watch.version++;
    assert.equal(await cache.lookup('other', counted('x').load), 'x');
    release();
    assert.equal(await slow, 'old');
    const fresh = counted('new');
    assert.equal(await cache.lookup('k', fresh.load), 'new');
    assert.equal(fresh.calls(), 1, 'the value read under the old stamp was not kept');
  });

  it('empties itself rather than grow past maxEntries', async () => {
    const cache = new ChangeStampedCache<number>(fakeWatch(), { maxEntries: 3 });
    for (let i = 0; i < 3; i++) await cache.lookup(String(i), async () => i);
    assert.equal(cache.size, 3);
    await cache.lookup('3', async () => 3);
    assert.equal(cache.size, 1);
  });
});

describe('sqliteChangeWatch (real SQLite, WAL)', () => {
  const open = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-change-watch-'));
    const file = path.join(dir, 'db.sqlite');
    const mine = new SqliteDatabase(file);
    mine.pragma('journal_mode = WAL');
    mine.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (\'a\', 1)');
    const other = new SqliteDatabase(file);
    return { mine, other, close: () => { mine.close(); other.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  };

  it('changes its stamp on a commit by another connection and on a write of its own, not on reads', () => {
    const { mine, other, close } = open();
    try {
      const watch = sqliteChangeWatch(mine);
      const s0 = watch.stamp();
      mine.prepare('SELECT v FROM t').all();
      other.prepare('SELECT v FROM t').all();
      assert.deepEqual(watch.stamp(), s0, 'reads change nothing');
      other.prepare('UPDATE t SET v = 2').run();
      const s1 = watch.stamp();
      assert.notDeepEqual(s1, s0, "another connection's commit");
      mine.prepare('UPDATE t SET v = 3').run();
      const s2 = watch.stamp();
      assert.notDeepEqual(s2, s1, 'an own write');
      mine.exec('BEGIN');
      mine.prepare('UPDATE t SET v = 4').run();
      assert.equal(watch.inTransaction(), true);
      mine.exec('ROLLBACK');
      assert.equal(watch.inTransaction(), false);
      assert.notDeepEqual(watch.stamp(), s2, 'an own write rolled back still counts');
    } finally {
      close();
    }
  });

  it('makes the cache read again after another connection commits', async () => {
    const { mine, other, close } = open();
    try {
      const cache = new ChangeStampedCache<number>(sqliteChangeWatch(mine));
      const read = async () => mine.prepare('SELECT v FROM t WHERE k = ?').pluck().get('a') as number;
      assert.equal(await cache.lookup('a', read), 1);
      other.prepare('UPDATE t SET v = 7').run();
      assert.equal(await cache.lookup('a', read), 7);
      assert.equal(await cache.lookup('a', async () => -1), 7, 'served from the cache while nothing changed');
    } finally {
      close();
    }
  });
});
