/**
 * The errors the client throws. Every one is a `ReportClientError` with `retryable`, which says
 * whether the client's own policy treats the failure as safe to repeat for that operation (see
 * README, "Retries"): e.g. HTTP 503 is retryable for GetReportInfo but not for CreateReport.
 *
 * The package ships an ESM and a CommonJS build; an application that loads both would otherwise
 * get two unrelated copies of each class. `instanceof` therefore checks a brand registered under
 * `Symbol.for`, which both copies share.
 */
const ERROR_KINDS = Symbol.for('@zhengxin/client:error-kinds');

/** A report operation, or a company-data interface by its `Controller/Action` path. */
export type ApiOperation = 'CreateReport' | 'GetReportInfo' | 'retrieve' | `${string}/${string}`;

export class ReportClientError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable;
    const kinds: string[] = [];
    for (let ctor: unknown = new.target; typeof ctor === 'function' && ctor !== Error; ctor = Object.getPrototypeOf(ctor)) {
      kinds.push((ctor as { name: string }).name);
    }
    Object.defineProperty(this, ERROR_KINDS, { value: Object.freeze(kinds), enumerable: false });
    this.name = new.target.name;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    const kinds = typeof value === 'object' && value !== null ? (value as Record<symbol, unknown>)[ERROR_KINDS] : undefined;
    return Array.isArray(kinds) && kinds.includes(this.name);
  }
}

/** The server answered, and the answer is an error: an envelope Status other than 200, or an HTTP error. */
export class ReportApiError extends ReportClientError {
  /** The envelope's Status (`'107'`, `'201'`, …), or null when the body was no envelope (a proxy's 502 page). */
  readonly status: string | null;
  readonly httpStatus: number;
  readonly requestId: string | null;
  /** Machine-readable reason from `X-Error-Reason` (`signature_mismatch`, `timespan_skew`, …); our server only. */
  readonly reason: string | null;
  readonly operation: ApiOperation;

  constructor(fields: {
    operation: ApiOperation;
    status: string | null;
    message: string;
    httpStatus: number;
    requestId: string | null;
    reason: string | null;
    retryable: boolean;
  }) {
    super(fields.message, { retryable: fields.retryable });
    this.operation = fields.operation;
    this.status = fields.status;
    this.httpStatus = fields.httpStatus;
    this.requestId = fields.requestId;
    this.reason = fields.reason;
  }
}

/**
 * No answer: the connection failed, was dropped, or the request timed out. `reachedServer` is false
 * only when the request provably never left (connection refused, name not resolved), which is
 * the one case where repeating CreateReport cannot charge twice.
 */
export class ReportNetworkError extends ReportClientError {
  readonly operation: ApiOperation;
  /** `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, `TIMEOUT`, … or `UNKNOWN`. */
  readonly code: string;
  readonly reachedServer: boolean | 'unknown';

  constructor(fields: { operation: ApiOperation; code: string; reachedServer: boolean | 'unknown'; message: string; retryable: boolean; cause?: unknown }) {
    super(fields.message, { retryable: fields.retryable, cause: fields.cause });
    this.operation = fields.operation;
    this.code = fields.code;
    this.reachedServer = fields.reachedServer;
  }
}

/** The report ended in ReportStatus `F` (failed for good; the charge is refunded). */
export class ReportFailedError extends ReportClientError {
  readonly orderNo: string;
  /** `FailReason` when the server sent one (our extension, `ext=1`). */
  readonly failReason: string | null;

  constructor(orderNo: string, failReason: string | null) {
    super(`report ${orderNo} failed${failReason ? `: ${failReason}` : ''} (the charge is refunded)`, { retryable: false });
    this.orderNo = orderNo;
    this.failReason = failReason;
  }
}

/** The report was asked for before it was ready (ReportStatus `P`). */
export class ReportNotReadyError extends ReportClientError {
  readonly orderNo: string;
  constructor(orderNo: string) {
    super(`report ${orderNo} is not ready yet (ReportStatus P); wait for it with waitForReport first`, { retryable: true });
    this.orderNo = orderNo;
  }
}

/** `waitForReport` gave up: the report was still `P` when its time ran out. */
export class ReportWaitTimeoutError extends ReportClientError {
  readonly orderNo: string;
  readonly waitedMs: number;
  constructor(orderNo: string, waitedMs: number) {
    super(`report ${orderNo} was still pending after ${Math.round(waitedMs / 1000)} s`, { retryable: true });
    this.orderNo = orderNo;
    this.waitedMs = waitedMs;
  }
}

/** The download could not be completed with the announced length (after resuming where possible). */
export class ReportDownloadError extends ReportClientError {
  readonly bytesReceived: number;
  readonly expectedBytes: number | null;
  constructor(message: string, fields: { bytesReceived: number; expectedBytes: number | null; retryable: boolean; cause?: unknown }) {
    super(message, { retryable: fields.retryable, cause: fields.cause });
    this.bytesReceived = fields.bytesReceived;
    this.expectedBytes = fields.expectedBytes;
  }
}
