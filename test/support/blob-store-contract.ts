import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { BlobStore } from '../../src/storage/blob-store.js';

/** A store under test plus how to dispose of it. */
export interface BlobStoreFixture {
  readonly store: BlobStore;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every BlobStore adapter promises (see src/storage/blob-store.ts), run once per
 * adapter: `describeBlobStoreContract('fs', () => …)`, `describeBlobStoreContract('s3', () => …)`.
 */
export function describeBlobStoreContract(adapterName: string, open: () => Promise<BlobStoreFixture>): void {
  describe(`BlobStore contract: ${adapterName}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    before(async () => {
      fixture = await open();
      store = fixture.store;
    });
    after(async () => { await fixture?.cleanup(); });

    const uniqueKey = (name: string) => `contract/${crypto.randomBytes(6).toString('hex')}/${name}`;
    const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) % 256);

    it('pings', async () => {
      await store.ping();
    });

    it('puts and stats a blob with size, quoted ETag and content type', async () => {
      const key = uniqueKey('report.pdf');
      const data = bytes(5000);
      const info = await store.put(key, data, 'application/pdf');
      assert.equal(info.size, 5000);
      assert.match(info.etag, /^"[^"]+"$/);
      assert.equal(info.contentType, 'application/pdf');
      assert.deepEqual(await store.stat(key), info);
    });

    it('reads the whole blob back byte for byte', async () => {
      const key = uniqueKey('whole.bin');
      const data = bytes(70_000);
      await store.put(key, data, 'application/octet-stream');
      assert.deepEqual(await collect(await store.read(key)), Buffer.from(data));
    });

    it('reads an inclusive byte range', async () => {
      const key = uniqueKey('range.bin');
      const data = bytes(1000);
      await store.put(key, data, 'application/octet-stream');
      assert.deepEqual(await collect(await store.read(key, { start: 10, end: 19 })), Buffer.from(data.subarray(10, 20)));
      assert.deepEqual(await collect(await store.read(key, { start: 999, end: 999 })), Buffer.from([data[999]!]));
      assert.deepEqual(await collect(await store.read(key, { start: 0, end: 0 })), Buffer.from([data[0]!]));
    });

    it('returns undefined from stat and rejects read for a missing key', async () => {
      const key = uniqueKey('missing.pdf');
      assert.equal(await store.stat(key), undefined);
      await assert.rejects(async () => collect(await store.read(key)));
    });

    it('treats a put of the same bytes under an existing key as a no-op with the same ETag', async () => {
      const key = uniqueKey('same.pdf');
      const data = bytes(300);
      const first = await store.put(key, data, 'application/pdf');
      const second = await store.put(key, data, 'application/pdf');
      assert.equal(second.etag, first.etag);
      assert.equal(second.size, 300);
    });

    it('gives different content different ETags', async () => {
      const a = await store.put(uniqueKey('a'), bytes(100), 'application/pdf');
      const b = await store.put(uniqueKey('b'), bytes(101), 'application/pdf');
      assert.notEqual(a.etag, b.etag);
    });

    it('never overwrites an existing key: a second put with other bytes answers with what is stored', async () => {
      const key = uniqueKey('immutable.pdf');
      const original = await store.put(key, bytes(10), 'application/pdf');
      const again = await store.put(key, bytes(11), 'application/pdf');
      assert.deepEqual(again, original);
      assert.deepEqual(await collect(await store.read(key)), Buffer.from(bytes(10)));
    });

    it('deletes, and deleting an absent key is not an error', async () => {
      const key = uniqueKey('gone.pdf');
      await store.put(key, bytes(10), 'application/pdf');
      await store.delete(key);
      assert.equal(await store.stat(key), undefined);
      await store.delete(key);
    });

    it('stores an empty blob', async () => {
      const key = uniqueKey('empty.txt');
      const info = await store.put(key, new Uint8Array(0), 'text/plain');
      assert.equal(info.size, 0);
      assert.equal((await collect(await store.read(key))).length, 0);
    });
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
