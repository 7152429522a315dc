import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { BULK_IMPORT_CACHE_KIB, BULK_IMPORT_CHECKPOINT_PAGES, useBulkImportSettings } from './sqlite-company-batch.js';

function withSqlite(fn: (sqlite: SqliteDatabase.Database) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-bulk-'));
  const sqlite = new SqliteDatabase(path.join(dir, 'x.db'));
  try {
    sqlite.pragma('journal_mode = WAL');
    fn(sqlite);
  } finally {
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('useBulkImportSettings', () => {
  it('raises the page cache and the checkpoint interval for the import, then restores both', () => {
    withSqlite((sqlite) => {
      const cache = sqlite.pragma('cache_size', { simple: true });
      const restore = useBulkImportSettings(sqlite);
      assert.equal(sqlite.pragma('cache_size', { simple: true }), -BULK_IMPORT_CACHE_KIB);
      assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), BULK_IMPORT_CHECKPOINT_PAGES);
      restore();
      assert.equal(sqlite.pragma('cache_size', { simple: true }), cache);
      assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 1000);
    });
  });

  it('leaves automatic checkpoints off when another thread does the checkpointing', () => {
    withSqlite((sqlite) => {
      sqlite.pragma('wal_autocheckpoint = 0');
      const restore = useBulkImportSettings(sqlite);
      assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 0);
      restore();
      assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 0);
    });
  });
});
