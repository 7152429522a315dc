import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

const S3_ENV = {
  BLOB_STORE: 's3',
  S3_ENDPOINT: 'http://minio.internal:9000',
  S3_BUCKET: 'reports',
  S3_ACCESS_KEY_ID: 'AKIA',
  S3_SECRET_ACCESS_KEY: 'secret',
};

describe('loadConfig: engine selection', () => {
  it('defaults to the embedded engines', () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.redisUrl, undefined);
    assert.deepEqual(config.blobStore, { kind: 'fs' });
  });

  it('selects Redis from REDIS_URL and rejects other schemes', () => {
    assert.equal(loadConfig({ REDIS_URL: 'redis://cache:6379/2' }).redisUrl, 'redis://cache:6379/2');
    assert.equal(loadConfig({ REDIS_URL: 'rediss://cache:6380' }).redisUrl, 'rediss://cache:6380');
    assert.throws(() => loadConfig({ REDIS_URL: 'http://cache:6379' }), /REDIS_URL must start with redis:\/\//);
  });

  it('selects S3 with path-style addressing by default when an endpoint is given', () => {
    assert.deepEqual(loadConfig(S3_ENV).blobStore, {
      kind: 's3',
      endpoint: 'http://minio.internal:9000',
      bucket: 'reports',
      region: 'us-east-1',
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    const aws = loadConfig({ ...S3_ENV, S3_ENDPOINT: '', S3_REGION: 'cn-north-1' }).blobStore;
    assert.equal(aws.kind === 's3' && aws.forcePathStyle, false);
    const virtualHosted = loadConfig({ ...S3_ENV, S3_FORCE_PATH_STYLE: 'false' }).blobStore;
    assert.equal(virtualHosted.kind === 's3' && virtualHosted.forcePathStyle, false);
  });

  it('names what is missing or wrong in the S3 settings', () => {
    assert.throws(() => loadConfig({ ...S3_ENV, S3_BUCKET: '' }), /BLOB_STORE=s3 needs S3_BUCKET/);
    assert.throws(() => loadConfig({ ...S3_ENV, S3_SECRET_ACCESS_KEY: undefined }), /needs S3_SECRET_ACCESS_KEY/);
    assert.throws(() => loadConfig({ ...S3_ENV, S3_ENDPOINT: 'minio:9000' }), /S3_ENDPOINT must start with http/);
    assert.throws(() => loadConfig({ ...S3_ENV, S3_FORCE_PATH_STYLE: 'maybe' }), /S3_FORCE_PATH_STYLE must be true or false/);
    assert.throws(() => loadConfig({ BLOB_STORE: 'gcs' }), (err: Error) => err instanceof ConfigError && /BLOB_STORE must be fs or s3/.test(err.message));
  });
});

describe('report data age', () => {
  it('ZHENGXIN_REPORT_STALE_DAYS sets the age past which reports warn (default 30)', async () => {
    const { loadApiConfig } = await import('./api-config.js');
    assert.equal(loadApiConfig({}).reportStaleAfterDays, 30);
    assert.equal(loadApiConfig({ ZHENGXIN_REPORT_STALE_DAYS: '7' }).reportStaleAfterDays, 7);
  });
});
