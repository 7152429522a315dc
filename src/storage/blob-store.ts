import type { Readable } from 'node:stream';

/**
 * Where finished report files live. Adapters: local disk (embedded default) and S3-compatible.
 *
 * Deliberately not in the contract: listing, overwriting, metadata beyond size and ETag, and
 * multipart uploads. Report files are immutable once written, so `put` of an existing key with the
 * same bytes is a no-op and callers never update in place (a re-rendered report gets a new key).
 */
export interface BlobStore {
  /** Stores the bytes under `key` durably before resolving (fs: written, fsynced, renamed into place). */
  put(key: string, data: Uint8Array, contentType: string): Promise<BlobInfo>;
  /** Size and ETag, or undefined when the key does not exist. */
  stat(key: string): Promise<BlobInfo | undefined>;
  /**
   * Streams the bytes, or an inclusive byte range of them. Rejects when the key does not exist.
   * With `expected` (what `stat` said), the blob actually opened is checked against it before a
   * byte is sent: its size always, and for a whole read its content against the ETag; a mismatch
   * rejects with `BlobDamagedError`, so a caller never serves bytes other than the ones described.
   */
  read(key: string, range?: ByteRange, expected?: BlobInfo): Promise<Readable>;
  /** Removes the key (retention); absent keys are not an error. */
  delete(key: string): Promise<void>;
  /** Reachable and writable (for /readyz). */
  ping(): Promise<void>;
}

export interface BlobInfo {
  readonly size: number;
  /** Strong ETag value including its quotes, e.g. `"9b2c…"`. */
  readonly etag: string;
  readonly contentType: string;
}

/** Inclusive on both ends, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The stored blob is not what was written: its description is unreadable, or the bytes opened do
 * not match it (truncated, changed in place, replaced by a link). Never served; the report needs
 * rendering again.
 */
export class BlobDamagedError extends Error {
  override name = 'BlobDamagedError';
}

/**
 * Whether a blob store error is worth retrying (the store was unreachable or overloaded), as the
 * adapters mark it; an error without the mark (a full disk, a permission) is not.
 */
export function isTransientBlobError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { transient?: unknown }).transient === true;
}
