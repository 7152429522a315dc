import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { fsBlobStore } from '../src/storage/fs-blob-store.js';
import { describeBlobStoreContract } from './support/blob-store-contract.js';
import { tempDir } from './support/databases.js';

describeBlobStoreContract('fs', async () => {
  const dir = tempDir('zhengxin-blobs-');
  return { store: fsBlobStore(dir), async cleanup() { fs.rmSync(dir, { recursive: true, force: true }); } };
});

describe('fs blob store as a shared directory (several processes, one mount)', () => {
  it('serves a file written through one instance from another instance over the same directory', async () => {
    const dir = tempDir('zhengxin-shared-');
    try {
      const writer = fsBlobStore(dir);
      const reader = fsBlobStore(dir);
      const written = await writer.put('2026/11/ORD-1.pdf', Buffer.from('%PDF-1.7 shared'), 'application/pdf');
      assert.deepEqual(await reader.stat('2026/11/ORD-1.pdf'), written);
      const chunks: Buffer[] = [];
      for await (const c of await reader.read('2026/11/ORD-1.pdf')) chunks.push(c as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), '%PDF-1.7 shared');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
