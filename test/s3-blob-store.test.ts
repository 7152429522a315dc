import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createS3BlobStore } from '../src/storage/s3-blob-store.js';
import { describeBlobStoreContract } from './support/blob-store-contract.js';
import { startS3Server, type TestS3Server } from './support/s3.js';

let server: TestS3Server | undefined;
const ensureServer = async () => (server ??= await startS3Server());
after(async () => { await server?.close(); });

describeBlobStoreContract('s3 (s3rver)', async () => {
  const store = createS3BlobStore((await ensureServer()).options);
  return { store, async cleanup() { store.close(); } };
});

describeBlobStoreContract('s3 with a key prefix', async () => {
  const store = createS3BlobStore({ ...(await ensureServer()).options, keyPrefix: 'tenant-a/' });
  return { store, async cleanup() { store.close(); } };
});

describe('S3 adapter errors', () => {
  let s3: TestS3Server;
  before(async () => { s3 = await ensureServer(); });

  it('names the bucket when ping fails because the bucket does not exist', async () => {
    const store = createS3BlobStore({ ...s3.options, bucket: 'no-such-bucket' });
    try {
      await assert.rejects(store.ping(), /no-such-bucket/);
    } finally {
      store.close();
    }
  });

  it('names the key when a read misses', async () => {
    const store = createS3BlobStore(s3.options);
    try {
      await assert.rejects(store.read('nothing/here.pdf'), /s3:\/\/zhengxin-test\/nothing\/here\.pdf/);
    } finally {
      store.close();
    }
  });
});
