import crypto from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { BlobDamagedError, type BlobInfo, type BlobStore, type ByteRange } from './blob-store.js';

/** Connection settings for any S3-compatible endpoint (AWS, MinIO, Ceph RGW, OSS/COS/OBS S3 gateways). */
export interface S3BlobStoreOptions {
  /** e.g. `https://minio.internal:9000`; absent means AWS's regional endpoint. */
  readonly endpoint?: string | undefined;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key`; MinIO and most self-hosted servers need it. */
  readonly forcePathStyle: boolean;
  /** Prepended to every key, so several deployments can share a bucket. */
  readonly keyPrefix?: string;
}

export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
}

/**
 * BlobStore on an S3-compatible object store. Immutability: a key that exists is kept as it is and
 * `put` answers with what is stored, as the disk adapter does, because a re-run of a report job
 * (after a crash) may render bytes that differ in a timestamp and must neither fail nor replace a
 * file a customer may already have downloaded. It is a HeadObject before the PutObject rather than
 * `If-None-Match: *`, which many S3-compatible servers still ignore; two racing writers of one key
 * are two runs of the same job, so whichever lands last is an equally valid rendering.
 */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore & { close(): void } {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // The SDK's default CRC32 checksums (aws-chunked uploads, x-amz-checksum-* headers) are not
    // understood by several S3-compatible servers; MD5 via ETag is what they all agree on.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  const bucket = options.bucket;
  const fullKey = (key: string) => `${options.keyPrefix ?? ''}${key}`;
  const describe = (key: string) => `s3://${bucket}/${fullKey(key)}`;

  async function stat(key: string): Promise<BlobInfo | undefined> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: fullKey(key) }));
      return {
        size: head.ContentLength ?? 0,
        etag: normaliseEtag(head.ETag, describe(key)),
        contentType: head.ContentType ?? 'application/octet-stream',
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw wrap(err, `stat ${describe(key)}`);
    }
  }

  return {
    stat,

    async put(key, data, contentType) {
      const existing = await stat(key);
      if (existing) return existing;
      const md5 = crypto.createHash('md5').update(data).digest();
      const expectedEtag = `"${md5.toString('hex')}"`;
      try {
        const result = await client.send(new PutObjectCommand({
          Bucket: bucket,
          Key: fullKey(key),
          Body: data,
          ContentType: contentType,
          ContentLength: data.byteLength,
          // The server verifies the bytes it received against this, so a truncated upload fails loudly.
          ContentMD5: md5.toString('base64'),
        }));
        return { size: data.byteLength, etag: normaliseEtag(result.ETag ?? expectedEtag, describe(key)), contentType };
      } catch (err) {
        throw wrap(err, `put ${describe(key)}`);
      }
    },

    async read(key, range?: ByteRange, expected?: BlobInfo) {
      if (range && (range.start < 0 || range.end < range.start)) {
        throw new RangeError(`invalid byte range ${range.start}-${range.end} for ${describe(key)}`);
      }
      try {
        const result = await client.send(new GetObjectCommand({
          Bucket: bucket,
          Key: fullKey(key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          // The object described by `stat` or nothing: a replaced object answers 412.
          IfMatch: expected?.etag,
        }));
        if (expected && !range && result.ContentLength !== undefined && result.ContentLength !== expected.size) {
          throw new BlobDamagedError(`${describe(key)} is ${result.ContentLength} bytes, ${expected.size} recorded`);
        }
        const body = result.Body;
        if (!body) throw new Error(`empty response body for ${describe(key)}`);
        // Node's runtime returns an IncomingMessage (a Readable); others return web streams.
        const stream = body instanceof Readable ? body : Readable.fromWeb((body as { transformToWebStream(): any }).transformToWebStream());
        // HTTP lets a server ignore or widen a Range and send more (s3rver answers `bytes=0-0` with
        // the whole object); when the returned span is not the one asked for, we cut it out here.
        if (range) {
          const served = parseContentRange(result.ContentRange);
          if (!served || served.start !== range.start || served.end !== range.end) {
            return stream.pipe(sliceBytes(range, served?.start ?? 0));
          }
        }
        return stream;
      } catch (err) {
        if (isNotFound(err)) throw new BlobNotFoundError(`no blob at ${describe(key)}`);
        if (err instanceof BlobDamagedError) throw err;
        if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) {
          throw new BlobDamagedError(`${describe(key)} changed since it was described (ETag ${expected?.etag ?? '?'} no longer matches)`);
        }
        throw wrap(err, `read ${describe(key)}`);
      }
    },

    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: fullKey(key) }));
      } catch (err) {
        if (isNotFound(err)) return;
        throw wrap(err, `delete ${describe(key)}`);
      }
    },

    async ping() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (err) {
        throw wrap(err, `bucket ${bucket} at ${options.endpoint ?? `AWS ${options.region}`} is not reachable`);
      }
    },

    close() {
      client.destroy();
    },
  };
}

function parseContentRange(header: string | undefined): ByteRange | undefined {
  const m = header ? /^bytes (\d+)-(\d+)\//.exec(header) : null;
  return m ? { start: Number(m[1]), end: Number(m[2]) } : undefined;
}

/** Passes through only bytes start..end (inclusive) of a stream whose first byte is at `streamStart`. */
function sliceBytes(range: ByteRange, streamStart: number): Transform {
  let offset = streamStart;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const chunkStart = offset;
      offset += chunk.length;
      const from = Math.max(range.start - chunkStart, 0);
      const to = Math.min(range.end + 1 - chunkStart, chunk.length);
      done(null, to > from ? chunk.subarray(from, to) : undefined);
    },
  });
}

function isNotFound(err: unknown): boolean {
  if (err instanceof S3ServiceException) {
    return err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound';
  }
  return false;
}

/** S3 ETags are quoted; some gateways drop the quotes. The port promises a quoted strong ETag. */
function normaliseEtag(etag: string | undefined, where: string): string {
  if (!etag) throw new Error(`${where}: the server returned no ETag`);
  const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '');
  return `"${bare}"`;
}

function wrap(err: unknown, what: string): Error {
  const detail = err instanceof S3ServiceException
    ? `${err.name} (HTTP ${err.$metadata.httpStatusCode ?? '?'})${err.message && err.message !== err.name ? `: ${err.message}` : ''}`
    : err instanceof Error ? err.message : String(err);
  return Object.assign(new Error(`S3 ${what} failed: ${detail}`, { cause: err }), { transient: isTransientS3Error(err) });
}

const TRANSIENT_S3_NAMES = new Set(['SlowDown', 'RequestTimeout', 'InternalError', 'ServiceUnavailable', 'RequestTimeTooSkewed', 'TimeoutError']);

/**
 * Worth retrying: the server did not answer (refused, reset, timed out: a restart or a network
 * blip), answered 5xx or 429, or said so by name. A 403 or a missing bucket is configuration and
 * fails at once.
 */
export function isTransientS3Error(err: unknown): boolean {
  if (err instanceof S3ServiceException) {
    const status = err.$metadata.httpStatusCode;
    return status === undefined || status >= 500 || status === 429 || TRANSIENT_S3_NAMES.has(err.name);
  }
  // Not a server answer at all: a socket error from the HTTP layer (ECONNREFUSED, ECONNRESET,
  // EPIPE, ETIMEDOUT, socket hang up) or the SDK's own timeout.
  return true;
}
