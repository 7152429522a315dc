import fs from 'node:fs';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tempDir } from './databases.js';
import type { S3BlobStoreOptions } from '../../src/storage/s3-blob-store.js';

/**
 * A throwaway S3-compatible server for tests: `s3rver`, an npm *test* server (in-process, files in a
 * temporary directory). It is not a production object store; deployments use MinIO, Ceph or a cloud.
 */
export interface TestS3Server {
  /** Options for `createS3BlobStore` pointing at this server's bucket. */
  readonly options: S3BlobStoreOptions;
  /** The same settings as environment variables, for child processes (`BLOB_STORE=s3` …). */
  readonly env: Record<string, string>;
  /** Stops answering (connections refused), keeping the stored objects: an outage of the store. */
  stop(): Promise<void>;
  /** Serves again on the same port with the same objects. */
  start(): Promise<void>;
  close(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: { closeAllConnections(): void };
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

// s3rver is CommonJS without type declarations.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

export const TEST_S3_BUCKET = 'zhengxin-test';

export async function startS3Server(): Promise<TestS3Server> {
  const directory = tempDir('zhengxin-s3-');
  const make = (port: number) => new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_S3_BUCKET }],
  });
  let server: S3rverInstance | undefined = make(0);
  const address = await server.run();
  const stop = async () => {
    if (!server) return;
    // Clients' keep-alive sockets would otherwise hold close() open until they time out.
    server.httpServer?.closeAllConnections();
    await server.close();
    server = undefined;
  };
  const endpoint = `http://127.0.0.1:${address.port}`;
  // s3rver accepts any credentials but checks signatures against its well-known test key pair.
  const options: S3BlobStoreOptions = {
    endpoint,
    bucket: TEST_S3_BUCKET,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  return {
    options,
    env: {
      BLOB_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: TEST_S3_BUCKET,
      S3_REGION: options.region,
      S3_ACCESS_KEY_ID: options.accessKeyId,
      S3_SECRET_ACCESS_KEY: options.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop,
    async start() {
      if (server) return;
      server = make(address.port);
      await server.run();
    },
    async close() {
      await stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** How many objects the test bucket holds (every page of the listing). */
export async function countS3Objects(s3: TestS3Server): Promise<number> {
  const client = new S3Client({
    endpoint: s3.options.endpoint,
    region: s3.options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.options.accessKeyId, secretAccessKey: s3.options.secretAccessKey },
  });
  let count = 0;
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: s3.options.bucket, ContinuationToken: token }));
      count += page.KeyCount ?? 0;
      token = page.NextContinuationToken;
    } while (token);
  } finally {
    client.destroy();
  }
  return count;
}
