import path from 'node:path';
import { loadDecisionPolicy } from './reports/types/decision/policy-file.js';
import { DecisionPolicyError, type DecisionPolicy } from './reports/types/decision/policy.js';

/** Everything the service reads from its environment, parsed once and frozen. */
export interface Config {
  readonly dataDir: string;
  /** `postgres://…` selects PostgreSQL; absent selects the embedded SQLite file under dataDir. */
  readonly databaseUrl: string | undefined;
  /** `redis://…` selects the BullMQ job queue on Redis; absent selects the database queue. */
  readonly redisUrl: string | undefined;
  /** BullMQ queue name (`ZHENGXIN_QUEUE_NAME`), so several deployments can share one Redis; absent: the default. */
  readonly queueName: string | undefined;
  /** Where report files live: local disk under dataDir (default) or an S3-compatible bucket. */
  readonly blobStore: BlobStoreConfig;
  /**
   * The credit policy of the 企业信用决策报告, from `ZHENGXIN_DECISION_POLICY` (a JSON or YAML file),
   * else the shipped default; validated here so a bad file stops the service at start.
   */
  readonly decisionPolicy: DecisionPolicy;
}

export type BlobStoreConfig =
  | { readonly kind: 'fs' }
  | {
    readonly kind: 's3';
    readonly endpoint: string | undefined;
    readonly bucket: string;
    readonly region: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly forcePathStyle: boolean;
  };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.split(':')[0]}:…")`);
  }
  const redisUrl = nonEmpty(env.REDIS_URL);
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl.split(':')[0]}:…")`);
  }
  return Object.freeze({
    dataDir: path.resolve(nonEmpty(env.ZHENGXIN_DATA_DIR) ?? './data'),
    databaseUrl,
    redisUrl,
    queueName: nonEmpty(env.ZHENGXIN_QUEUE_NAME),
    blobStore: loadBlobStoreConfig(env),
    decisionPolicy: loadPolicy(nonEmpty(env.ZHENGXIN_DECISION_POLICY)),
  });
}

function loadBlobStoreConfig(env: Readonly<Record<string, string | undefined>>): BlobStoreConfig {
  const kind = nonEmpty(env.BLOB_STORE)?.toLowerCase() ?? 'fs';
  if (kind === 'fs') return Object.freeze({ kind: 'fs' });
  if (kind !== 's3') throw new ConfigError(`BLOB_STORE must be fs or s3 (got "${kind}")`);
  const required = (name: string) => {
    const v = nonEmpty(env[name]);
    if (!v) throw new ConfigError(`BLOB_STORE=s3 needs ${name}`);
    return v;
  };
  const endpoint = nonEmpty(env.S3_ENDPOINT);
  if (endpoint && !/^https?:\/\//.test(endpoint)) {
    throw new ConfigError(`S3_ENDPOINT must start with http:// or https:// (got "${endpoint}")`);
  }
  return Object.freeze({
    kind: 's3',
    endpoint,
    bucket: required('S3_BUCKET'),
    region: nonEmpty(env.S3_REGION) ?? 'us-east-1',
    accessKeyId: required('S3_ACCESS_KEY_ID'),
    secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
    // Self-hosted servers (MinIO, Ceph) rarely have wildcard DNS for virtual-hosted buckets.
    forcePathStyle: parseBoolean('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE, endpoint !== undefined),
  });
}

function loadPolicy(file: string | undefined): DecisionPolicy {
  try {
    return loadDecisionPolicy(file);
  } catch (error) {
    if (error instanceof DecisionPolicyError) throw new ConfigError(`ZHENGXIN_DECISION_POLICY: ${error.message}`);
    throw error;
  }
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  const t = nonEmpty(raw)?.toLowerCase();
  if (t === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}
