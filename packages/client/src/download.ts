/**
 * Streaming download of a report file with resumption. The body goes straight to the destination
 * (never whole in memory). When the connection drops mid-way, the next request asks only for the
 * missing bytes (`Range: bytes=N-`) and sends the ETag in `If-Range`, so a server whose file
 * changed answers with the whole new file instead of a patchwork. The received length must match
 * `Content-Length` (or the complete length of `Content-Range`) exactly.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { filenameFromContentDisposition } from './content-disposition.js';
import { parseEnvelope, envelopeFormatOf } from './envelope.js';
import { ReportApiError, ReportClientError, ReportDownloadError } from './errors.js';
import { RequestTimer, sleep, toNetworkError, type FetchFunction } from './http.js';
import { backoffDelayMs, isRetryableAnswer, type BackoffPolicy } from './retry-policy.js';

export interface DownloadOptions {
  /** A file path (written to a temporary file beside it, renamed when complete) or a writable stream. */
  readonly to: string | Writable;
  readonly signal?: AbortSignal;
  /** Called after every chunk with the bytes so far and the expected total when known. */
  readonly onProgress?: (bytesReceived: number, totalBytes: number | null) => void;
  /** Whether to end a writable destination when done (default true; false for stdout). */
  readonly end?: boolean;
}

export interface DownloadResult {
  readonly bytes: number;
  /** The final path when `to` was a path. */
  readonly path: string | null;
  readonly contentType: string | null;
  /** The name the server suggests (Content-Disposition), unsanitised. */
  readonly suggestedFilename: string | null;
  readonly etag: string | null;
  /** How many times the transfer continued with `Range` after a dropped connection. */
  readonly resumptions: number;
}

export interface DownloadDeps {
  readonly fetch: FetchFunction;
  readonly timeoutMs: number;
  /** Consecutive failures without progress tolerated before giving up. */
  readonly retries: number;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  readonly userAgent: string;
}

/** Where the bytes go. `rewind` starts over (a path can; a caller's stream cannot). */
interface Sink {
  write(chunk: Uint8Array): Promise<void>;
  readonly canRewind: boolean;
  rewind(): Promise<void>;
  finish(): Promise<void>;
  discard(): Promise<void>;
}

async function fileSink(finalPath: string): Promise<Sink> {
  // Same directory as the target, so the final rename is atomic and never crosses file systems.
  const tempPath = path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.${randomBytes(6).toString('hex')}.part`);
  const handle: FileHandle = await open(tempPath, 'wx');
  let offset = 0;
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await handle.close();
    }
  };
  return {
    canRewind: true,
    async write(chunk) {
      let done = 0;
      while (done < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, offset);
        done += bytesWritten;
        offset += bytesWritten;
      }
    },
    async rewind() {
      await handle.truncate(0);
      offset = 0;
    },
    async finish() {
      await handle.sync();
      await close();
      await rename(tempPath, finalPath);
    },
    async discard() {
      await close().catch(() => undefined);
      await unlink(tempPath).catch(() => undefined);
    },
  };
}

function streamSink(stream: Writable, end: boolean): Sink {
  return {
    canRewind: false,
    async write(chunk) {
      if (stream.destroyed) throw new Error('the destination stream was destroyed');
      // Respect back-pressure: a slow destination slows the download instead of filling memory.
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async rewind() {
      throw new Error('a stream destination cannot be rewound');
    },
    async finish() {
      if (!end) return;
      const finished = once(stream, 'finish');
      stream.end();
      await finished;
    },
    async discard() {
      // The caller owns the stream; leave it to them to decide what a partial write means.
    },
  };
}

interface ContentRange {
  readonly start: number;
  readonly total: number | null;
}

export function parseContentRange(header: string | null): ContentRange | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec((header ?? '').trim());
  if (!m) return null;
  return { start: Number(m[1]), total: m[3] === '*' ? null : Number(m[3]) };
}

/** If-Range needs a strong validator: a weak ETag (`W/"…"`) cannot guard a byte range. */
function strongEtag(header: string | null): string | null {
  return header && !header.startsWith('W/') ? header : null;
}

async function retrieveError(response: Response): Promise<ReportApiError> {
  // Unknown (404) and expired (410) codes carry the JSON envelope 201; other errors may not.
  const body = await response.text().catch(() => '');
  let status: string | null = null;
  let message = `retrieve answered HTTP ${response.status}`;
  try {
    const envelope = parseEnvelope(body, envelopeFormatOf(response.headers.get('content-type'), 'json'));
    status = envelope.status;
    message = `${message}: ${envelope.message}`;
  } catch {
    // Not an envelope (a proxy's error page): the HTTP status is all we know.
  }
  if (response.status === 410) message += ' (the report has expired; order it again)';
  return new ReportApiError({
    operation: 'retrieve',
    status,
    message,
    httpStatus: response.status,
    requestId: response.headers.get('x-request-id'),
    reason: response.headers.get('x-error-reason'),
    retryable: isRetryableAnswer('retrieve', status, response.status),
  });
}

export async function downloadReportFile(deps: DownloadDeps, url: URL, options: DownloadOptions): Promise<DownloadResult> {
  const { signal } = options;
  let sink: Sink;
  try {
    sink = typeof options.to === 'string' ? await fileSink(options.to) : streamSink(options.to, options.end ?? true);
  } catch (error) {
    throw new ReportDownloadError(`cannot write ${JSON.stringify(options.to)}: ${(error as Error).message}`, { bytesReceived: 0, expectedBytes: null, retryable: false, cause: error });
  }
  let received = 0;
  let total: number | null = null;
  let etag: string | null = null;
  let contentType: string | null = null;
  let suggestedFilename: string | null = null;
  let resumptions = 0;
  let failuresWithoutProgress = 0;

  try {
    while (true) {
      signal?.throwIfAborted();
      if (received > 0 && etag === null) {
        // Without a validator a range could splice two different files: start over, if we can.
        if (!sink.canRewind) {
          throw new ReportDownloadError('the connection dropped and the server sent no ETag, so the download cannot resume safely into a stream', {
            bytesReceived: received,
            expectedBytes: total,
            retryable: false,
          });
        }
        await sink.rewind();
        received = 0;
      }
      const resuming = received > 0;
      const headers: Record<string, string> = { 'User-Agent': deps.userAgent, 'Accept-Encoding': 'identity' };
      if (resuming) {
        headers.Range = `bytes=${received}-`;
        headers['If-Range'] = etag!;
      }
      const timer = new RequestTimer(deps.timeoutMs, signal);
      let progressed = false;
      try {
        let response: Response;
        try {
          response = await deps.fetch(url, { headers, signal: timer.signal });
        } catch (error) {
          throw toNetworkError('retrieve', error, timer, signal);
        }
        if (resuming && response.status === 206) {
          const range = parseContentRange(response.headers.get('content-range'));
          if (!range || range.start !== received || (range.total !== null && total !== null && range.total !== total)) {
            throw new ReportDownloadError(`resumed download answered an unexpected Content-Range ${JSON.stringify(response.headers.get('content-range'))} for bytes=${received}-`, {
              bytesReceived: received,
              expectedBytes: total,
              retryable: false,
            });
          }
          total = range.total ?? total;
          resumptions++;
        } else if (response.status === 200) {
          if (resuming) {
            // The ETag no longer matched (or ranges are unsupported): the whole file comes again.
            if (!sink.canRewind) {
              throw new ReportDownloadError('the server restarted the file from the beginning and a stream destination cannot be rewound', {
                bytesReceived: received,
                expectedBytes: total,
                retryable: false,
              });
            }
            await sink.rewind();
            received = 0;
          }
          const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
          const length = response.headers.get('content-length');
          // With a content coding, Content-Length counts encoded bytes: nothing to check against.
          total = length !== null && !encoded ? Number(length) : null;
          etag = encoded ? null : strongEtag(response.headers.get('etag'));
          contentType = response.headers.get('content-type');
          suggestedFilename = filenameFromContentDisposition(response.headers.get('content-disposition'));
        } else {
          throw await retrieveError(response);
        }
        if (!response.body) throw new ReportDownloadError('retrieve answered without a body', { bytesReceived: received, expectedBytes: total, retryable: true });

        try {
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            timer.restart();
            if (total !== null && received + chunk.length > total) {
              throw new ReportDownloadError(`the server sent more than the announced ${total} bytes`, { bytesReceived: received, expectedBytes: total, retryable: false });
            }
            await sink.write(chunk);
            received += chunk.length;
            progressed = true;
            options.onProgress?.(received, total);
          }
        } catch (error) {
          if (error instanceof ReportClientError) throw error;
          throw toNetworkError('retrieve', error, timer, signal);
        }
        if (total === null || received === total) break;
        throw new ReportDownloadError(`the connection closed after ${received} of ${total} bytes`, { bytesReceived: received, expectedBytes: total, retryable: true });
      } catch (error) {
        if (!(error instanceof ReportClientError) || !error.retryable) throw error;
        // Only failures that made no progress count against the budget: a flaky link that keeps
        // delivering bytes gets there, one that delivers nothing gives up.
        failuresWithoutProgress = progressed ? 0 : failuresWithoutProgress + 1;
        if (failuresWithoutProgress > deps.retries) throw error;
        await sleep(backoffDelayMs(failuresWithoutProgress, deps.backoff, deps.random), signal);
      } finally {
        timer.dispose();
      }
    }
    await sink.finish();
  } catch (error) {
    await sink.discard();
    if (error instanceof ReportClientError || signal?.aborted) throw error;
    throw new ReportDownloadError(`download failed after ${received} bytes: ${error instanceof Error ? error.message : String(error)}`, {
      bytesReceived: received,
      expectedBytes: total,
      retryable: false,
      cause: error,
    });
  }
  return {
    bytes: received,
    path: typeof options.to === 'string' ? options.to : null,
    contentType,
    suggestedFilename,
    etag,
    resumptions,
  };
}
