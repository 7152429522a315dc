/**
 * `ReportClient`: signs requests, retries only where it is safe, waits without hammering the
 * server, and streams report files to disk. Works against our service and, by base URL and path
 * style, against the vendor's.
 */
import { clockOffsetFromDateHeader, isSkewExplained } from './clock.js';
import {
  RISK_CHECKS, type CheckAnswer, type CompanyDetails, type DataAnswer, type DataPage, type DataPaging, type EquityThrough, type EquityThroughOptions, type FuzzySearchItem,
  type PageOptions, type PartnerItem, type RelationAnswer, type RelationOptions, type RelationPath, type RiskCheckName, type SearchItem, type SearchOptions,
} from './company-data.js';
import { downloadReportFile, type DownloadOptions, type DownloadResult } from './download.js';
import { envelopeFormatOf, parseEnvelope, type Envelope, type EnvelopeFormat, type ResultFields } from './envelope.js';
import { ReportApiError, ReportClientError, ReportFailedError, ReportNotReadyError, ReportWaitTimeoutError, type ApiOperation } from './errors.js';
import { RequestTimer, sleep, toNetworkError, type FetchFunction } from './http.js';
import { endpointUrl, normaliseBaseUrl, resolveReportUrl, type ApiEndpoint, type PathStyle } from './paths.js';
import { backoffDelayMs, isRetryableAnswer, type BackoffPolicy } from './retry-policy.js';
import { authHeaders, timespanAt } from './token.js';
import { CLIENT_VERSION } from './version.js';

/** `json` is our extension (`reportFormat=3`): the report as data, schema at `/schemas/report.json`. */
export type ReportFormat = 'pdf' | 'word' | 'json';
/**
 * Our extension (`reportType`): `credit` (1, 企业信用报告, the default), `decision` (2, 企业信用决策报告),
 * `due-diligence` (3, 准入尽调报告), `shell-scan` (4, 空壳扫描报告); the codes 1–4 as well.
 */
export type ReportType = 'credit' | 'decision' | 'due-diligence' | 'shell-scan' | 1 | 2 | 3 | 4;
export type ReportStatus = 'P' | 'S' | 'F';

export interface ReportClientOptions {
  /** The account's key (32 lowercase hex characters on our service). */
  readonly key: string;
  /** The SecretKey; only used to compute the Token, never sent. */
  readonly secretKey: string;
  /** e.g. `https://zhengxin.example.com`; a path prefix is kept. */
  readonly baseUrl: string;
  /** `pro`: `/api/yj/Report/…` (default); `open`: `/Report/…`. */
  readonly pathStyle?: PathStyle;
  /** Envelope to ask for; both parse to the same result. Default `json`. */
  readonly dtype?: EnvelopeFormat;
  /** Per request: the longest wait for an answer, and for a download the longest silence. Default 30 000. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt, for the failures that are safe to repeat. Default 3. */
  readonly retries?: number;
  /** Delay ceiling of the first retry, doubled per retry up to `retryMaxDelayMs`. Default 500 / 10 000. */
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Ask for our extension fields (`ext=1`: KeyNo, CompanyName, FailReason, …). Off for vendor servers. */
  readonly extendedFields?: boolean;
  /** A fetch implementation (a proxy agent, a test double). Default: the global fetch. */
  readonly fetch?: FetchFunction;
  /** Random source for jitter, in [0, 1). Default Math.random. */
  readonly random?: () => number;
}

export interface CreateReportInput {
  /** Company name, unified social credit code, registration number or KeyNo. */
  readonly keyNo: string;
  readonly format?: ReportFormat;
  /** Default `credit`: the parameter is then not sent (vendor servers know only that one). */
  readonly reportType?: ReportType;
  /** Sent as the `Idempotency-Key` header: a repeat within 24 h gets the same OrderNo, charged once. */
  readonly idempotencyKey?: string;
}

export interface MonitorEventsOptions extends CallOptions {
  /** The `Next` of the previous page (default: from the start). */
  readonly after?: string | number;
  readonly pageSize?: number;
}

export interface MonitorEvent {
  readonly EventId: number | string;
  readonly Type: string;
  readonly KeyNo: string;
  readonly At: string;
  readonly Data: unknown;
}

export interface MonitorEvents {
  readonly next: string;
  readonly events: readonly MonitorEvent[];
}

export interface CreateBatchOptions extends CallOptions {
  readonly format?: ReportFormat;
  readonly reportType?: ReportType;
}

export interface BatchItem {
  readonly KeyNo: string;
  readonly OrderNo: string | null;
  readonly Status: string;
  readonly Reason: string | null;
}

export interface BatchResult {
  readonly BatchNo: string;
  readonly Total: number;
  readonly Ordered: number;
  readonly Items: readonly BatchItem[];
}

export interface ReportInfo {
  readonly orderNo: string;
  readonly status: ReportStatus;
  /** Where to fetch the file when `S` (relative to the base URL, as the server sends it); else null. */
  readonly url: string | null;
  /** Every field of `Result` as received (with `extendedFields`, our extension fields too). */
  readonly fields: ResultFields;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface WaitProgress {
  readonly orderNo: string;
  readonly status: ReportStatus | null;
  readonly polls: number;
  readonly elapsedMs: number;
  /** The pause before the next poll. */
  readonly nextPollInMs: number;
  /** A transient failure of the last poll (the wait goes on). */
  readonly error?: ReportClientError;
}

export interface WaitOptions {
  /** Give up after this long (ReportWaitTimeoutError). Default 10 minutes. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: WaitProgress) => void;
  /** Backoff of the polls: ceiling of the first pause, and the cap. Default 1 000 / 15 000 ms. */
  readonly pollIntervalMs?: number;
  readonly maxPollIntervalMs?: number;
}

export interface OrderReportOptions extends Omit<WaitOptions, 'onProgress'> {
  readonly format?: ReportFormat;
  readonly reportType?: ReportType;
  readonly to: DownloadOptions['to'];
  readonly end?: boolean;
  readonly onOrdered?: (orderNo: string) => void;
  readonly onProgress?: (progress: WaitProgress) => void;
  readonly onDownloadProgress?: DownloadOptions['onProgress'];
}

export interface OrderReportResult extends DownloadResult {
  readonly orderNo: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;
const REPORT_FORMAT_CODES: Readonly<Record<ReportFormat, string>> = { pdf: '1', word: '2', json: '3' };
const REPORT_TYPE_CODES: Readonly<Record<string, string>> = { credit: '1', decision: '2', 'due-diligence': '3', 'shell-scan': '4', 1: '1', 2: '2', 3: '3', 4: '4' };

/** A report type by name or code to its wire code (`1`–`4`); anything else is refused with the accepted names. */
export function reportTypeCode(type: ReportType | string): string {
  const code = Object.hasOwn(REPORT_TYPE_CODES, String(type).trim().toLowerCase()) ? REPORT_TYPE_CODES[String(type).trim().toLowerCase()] : undefined;
  if (code === undefined) throw new TypeError(`reportType must be one of credit, decision, due-diligence, shell-scan (or 1–4), got ${JSON.stringify(type)}`);
  return code;
}
const ORDER_NO = /^[0-9a-f]{32}$/;

/** One API answer before interpretation; `date` and `receivedAtMs` feed the clock-skew fix. */
interface RawAnswer {
  readonly envelope: Envelope;
  readonly httpStatus: number;
  readonly requestId: string | null;
  readonly reason: string | null;
  readonly date: string | null;
  readonly receivedAtMs: number;
}

export class ReportClient {
  private readonly key: string;
  private readonly secretKey: string;
  private readonly base: URL;
  private readonly pathStyle: PathStyle;
  private readonly dtype: EnvelopeFormat;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoff: BackoffPolicy;
  private readonly extendedFields: boolean;
  private readonly fetchImpl: FetchFunction;
  private readonly random: () => number;
  private readonly userAgent = `zhengxin-client/${CLIENT_VERSION} node/${process.versions.node}`;
  /** Added to the local clock when computing Timespan; learnt from the server's Date after a 115. */
  private clockOffset = 0;

  constructor(options: ReportClientOptions) {
    if (!options || typeof options.key !== 'string' || options.key.trim() === '') throw new TypeError('ReportClient: key is required');
    if (typeof options.secretKey !== 'string' || options.secretKey.trim() === '') throw new TypeError('ReportClient: secretKey is required');
    this.key = options.key.trim();
    this.secretKey = options.secretKey.trim();
    this.base = normaliseBaseUrl(options.baseUrl);
    this.pathStyle = oneOf('pathStyle', options.pathStyle ?? 'pro', ['pro', 'open'] as const);
    this.dtype = oneOf('dtype', options.dtype ?? 'json', ['json', 'xml'] as const);
    this.timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.retries = nonNegativeInteger('retries', options.retries ?? DEFAULT_RETRIES);
    this.backoff = {
      baseDelayMs: nonNegativeInteger('retryBaseDelayMs', options.retryBaseDelayMs ?? 500),
      maxDelayMs: nonNegativeInteger('retryMaxDelayMs', options.retryMaxDelayMs ?? 10_000),
    };
    this.extendedFields = options.extendedFields ?? false;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') throw new TypeError('ReportClient: no fetch available (Node 18+ has a global fetch, or pass options.fetch)');
    this.fetchImpl = fetchImpl;
    this.random = options.random ?? Math.random;
  }

  /** The correction currently applied to the local clock (ms), learnt from a skewed 115. */
  get clockOffsetMs(): number {
    return this.clockOffset;
  }

  /**
   * Orders a report and returns its order number. Charged on success. Never repeated after the
   * request may have reached the server (see README, "Retries").
   */
  async createReport(input: CreateReportInput, options: CallOptions = {}): Promise<string> {
    const keyNo = typeof input?.keyNo === 'string' ? input.keyNo.trim() : '';
    if (keyNo === '') throw new TypeError('createReport: keyNo is required (a company name, credit code, registration number or KeyNo)');
    const format = oneOf('format', input.format ?? 'pdf', ['pdf', 'word', 'json'] as const);
    const reportType = input.reportType === undefined ? '1' : reportTypeCode(input.reportType);
    const idempotencyKey = input.idempotencyKey?.trim();
    if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{1,64}$/.test(idempotencyKey)) throw new TypeError('createReport: idempotencyKey must be 1-64 characters of A-Z a-z 0-9 . _ : -');
    // With a key the server answers a repeat with the same OrderNo and charges once.
    const extraHeaders: Record<string, string> = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
    const fields = await this.call('CreateReport', { keyNo, reportFormat: REPORT_FORMAT_CODES[format], ...(reportType === '1' ? {} : { reportType }) }, options.signal, extraHeaders);
    const orderNo = fields.OrderNo;
    if (!orderNo) throw this.malformed('CreateReport', 'the answer has no OrderNo');
    return orderNo;
  }

  /** Where an order is: `P` pending, `S` done (with `url`), `F` failed. */
  async getReportInfo(orderNo: string, options: CallOptions = {}): Promise<ReportInfo> {
    if (typeof orderNo !== 'string' || orderNo.trim() === '') throw new TypeError('getReportInfo: orderNo is required');
    const fields = await this.call('GetReportInfo', { orderNo: orderNo.trim() }, options.signal);
    const status = fields.ReportStatus;
    if (status !== 'P' && status !== 'S' && status !== 'F') {
      throw this.malformed('GetReportInfo', `unexpected ReportStatus ${JSON.stringify(status ?? null)}`);
    }
    const url = fields.ReportUrl ?? null;
    if (status === 'S' && !url) throw this.malformed('GetReportInfo', 'ReportStatus S without a ReportUrl');
    return { orderNo: orderNo.trim(), status, url: status === 'S' ? url : null, fields };
  }

  /**
   * Polls until the report is `S` (returns its info) or `F` (throws ReportFailedError). Pauses grow
   * exponentially with full jitter up to a cap, so thousands of waiting clients neither hammer the
   * server nor poll in lockstep. Transient failures of a poll do not end the wait.
   */
  async waitForReport(orderNo: string, options: WaitOptions = {}): Promise<ReportInfo> {
    const timeoutMs = nonNegativeInteger('timeoutMs', options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
    const policy: BackoffPolicy = {
      baseDelayMs: positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 1_000),
      maxDelayMs: positiveInteger('maxPollIntervalMs', options.maxPollIntervalMs ?? 15_000),
    };
    const { signal } = options;
    const startedAt = Date.now();
    for (let polls = 1; ; polls++) {
      signal?.throwIfAborted();
      let info: ReportInfo | null = null;
      let transient: ReportClientError | undefined;
      try {
        info = await this.getReportInfo(orderNo, { signal });
      } catch (error) {
        if (!(error instanceof ReportClientError) || !error.retryable) throw error;
        transient = error;
      }
      if (info?.status === 'S') return info;
      if (info?.status === 'F') throw new ReportFailedError(info.orderNo, info.fields.FailReason ?? null);
      const elapsedMs = Date.now() - startedAt;
      if (elapsedMs >= timeoutMs) {
        if (transient) throw transient;
        throw new ReportWaitTimeoutError(orderNo, elapsedMs);
      }
      const pauseMs = Math.min(backoffDelayMs(polls - 1, policy, this.random), timeoutMs - elapsedMs);
      options.onProgress?.({ orderNo, status: info?.status ?? null, polls, elapsedMs, nextPollInMs: pauseMs, ...(transient ? { error: transient } : {}) });
      await sleep(pauseMs, signal);
    }
  }

  /**
   * Streams a report file to a path or a writable stream. `urlOrOrderNo` is a ReportUrl (relative
   * or absolute) or an order number, which is looked up first and must be `S`.
   */
  async download(urlOrOrderNo: string, options: DownloadOptions): Promise<DownloadResult> {
    const url = await this.reportFileUrl(urlOrOrderNo, options.signal);
    return downloadReportFile(
      { fetch: this.fetchImpl, timeoutMs: this.timeoutMs, retries: this.retries, backoff: this.backoff, random: this.random, userAgent: this.userAgent },
      url,
      options,
    );
  }

  /** Create, wait and download in one call. */
  async orderReport(keyNo: string, options: OrderReportOptions): Promise<OrderReportResult> {
    const orderNo = await this.createReport({ keyNo, format: options.format ?? 'pdf', ...(options.reportType !== undefined ? { reportType: options.reportType } : {}) }, { signal: options.signal });
    options.onOrdered?.(orderNo);
    const info = await this.waitForReport(orderNo, options);
    const result = await this.download(info.url!, { to: options.to, signal: options.signal, onProgress: options.onDownloadProgress, end: options.end });
    return { ...result, orderNo };
  }

  private async reportFileUrl(urlOrOrderNo: string, signal: AbortSignal | undefined): Promise<URL> {
    if (typeof urlOrOrderNo !== 'string' || urlOrOrderNo.trim() === '') throw new TypeError('download: a ReportUrl or an order number is required');
    const target = urlOrOrderNo.trim();
    if (!ORDER_NO.test(target)) return resolveReportUrl(this.base, target);
    const info = await this.getReportInfo(target, { signal });
    if (info.status === 'P') throw new ReportNotReadyError(target);
    if (info.status === 'F') throw new ReportFailedError(target, info.fields.FailReason ?? null);
    return resolveReportUrl(this.base, info.url!);
  }

  /** One API call with the retry policy applied; returns the success Result's fields. */
  private async call(endpoint: ApiEndpoint, params: Record<string, string>, signal: AbortSignal | undefined, extraHeaders: Record<string, string> = {}): Promise<ResultFields> {
    let skewCorrected = false;
    for (let retry = 0; ; ) {
      let answer: RawAnswer;
      try {
        answer = await this.send(endpoint, params, signal, extraHeaders);
      } catch (error) {
        if (error instanceof ReportClientError && error.retryable && retry < this.retries) {
          await sleep(backoffDelayMs(retry++, this.backoff, this.random), signal);
          continue;
        }
        throw error;
      }
      const { envelope } = answer;
      if (envelope.status === '115' && !skewCorrected) {
        // Authentication is the first thing checked, so a 115 means nothing was created or
        // charged: one retry with the server's clock is safe even for CreateReport.
        const offset = clockOffsetFromDateHeader(answer.date, answer.receivedAtMs);
        if (offset !== null && isSkewExplained(answer.reason, this.clockOffset, offset)) {
          this.clockOffset = offset;
          skewCorrected = true;
          continue;
        }
      }
      if (answer.httpStatus === 200 && envelope.status === '200') {
        if (envelope.result === null) throw this.malformed(endpoint, 'Status 200 without a Result');
        return envelope.result;
      }
      const error = new ReportApiError({
        operation: endpoint,
        status: envelope.status,
        message: envelope.message || `Status ${envelope.status}`,
        httpStatus: answer.httpStatus,
        requestId: answer.requestId,
        reason: answer.reason,
        retryable: isRetryableAnswer(endpoint, envelope.status, answer.httpStatus),
      });
      if (error.retryable && retry < this.retries) {
        await sleep(backoffDelayMs(retry++, this.backoff, this.random), signal);
        continue;
      }
      throw error;
    }
  }

  /** One signed POST. Throws only for answers that are no envelope and for network failures. */
  private async send(endpoint: ApiEndpoint, params: Record<string, string>, signal: AbortSignal | undefined, extraHeaders: Record<string, string>): Promise<RawAnswer> {
    const body = new URLSearchParams({ key: this.key, ...params, dtype: this.dtype });
    if (this.extendedFields) body.set('ext', '1');
    const timespan = timespanAt(Date.now(), this.clockOffset);
    const timer = new RequestTimer(this.timeoutMs, signal);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(endpointUrl(this.base, this.pathStyle, endpoint), {
        method: 'POST',
        headers: {
          ...authHeaders(this.key, this.secretKey, timespan),
          'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
          Accept: this.dtype === 'xml' ? 'application/xml' : 'application/json',
          'User-Agent': this.userAgent,
          ...extraHeaders,
        },
        body: body.toString(),
        signal: timer.signal,
      });
      text = await response.text();
    } catch (error) {
      throw toNetworkError(endpoint, error, timer, signal);
    } finally {
      timer.dispose();
    }
    const receivedAtMs = Date.now();
    const requestId = response.headers.get('x-request-id');
    const reason = response.headers.get('x-error-reason');
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(text, envelopeFormatOf(response.headers.get('content-type'), this.dtype));
    } catch (error) {
      const detail = response.status === 200 ? `an unreadable answer (${(error as Error).message})` : `HTTP ${response.status} ${response.statusText}`.trim();
      throw new ReportApiError({
        operation: endpoint,
        status: null,
        message: `${endpoint}: ${detail}`,
        httpStatus: response.status,
        requestId,
        reason,
        retryable: isRetryableAnswer(endpoint, null, response.status),
      });
    }
    return { envelope, httpStatus: response.status, requestId, reason, date: response.headers.get('date'), receivedAtMs };
  }

  // -------------------------------------------------------------------------------------------
  // Company-data interfaces (JSON envelope; not retried: each success is charged)

  /** `FuzzySearch/GetList`: name fragment, former name, USCC, registration number or legal representative. */
  fuzzySearch(searchKey: string, options: PageOptions = {}): Promise<DataPage<FuzzySearchItem>> {
    return this.dataPage('FuzzySearch/GetList', { searchKey }, options);
  }

  /** `ECIV4/Search`. */
  search(keyword: string, options: SearchOptions = {}): Promise<DataPage<SearchItem>> {
    return this.dataPage('ECIV4/Search', { keyword, ...(options.type ? { type: options.type } : {}) }, options);
  }

  /** `ECIV4/SearchWide`. */
  searchWide(keyword: string, options: SearchOptions = {}): Promise<DataPage<SearchItem>> {
    return this.dataPage('ECIV4/SearchWide', { keyword, ...(options.type ? { type: options.type } : {}) }, options);
  }

  /** `ECIV4/GetBasicDetailsByName`; null when no company matches (201). */
  basicDetails(keyword: string, options: CallOptions = {}): Promise<CompanyDetails | null> {
    return this.dataObject('ECIV4/GetBasicDetailsByName', { keyword }, options);
  }

  /** `ECIV4/GetDetailsByName`; null when no company matches (201). */
  details(keyword: string, options: CallOptions = {}): Promise<CompanyDetails | null> {
    return this.dataObject('ECIV4/GetDetailsByName', { keyword }, options);
  }

  /** `ECIInfoVerify/GetInfo`; null when no company matches (201). */
  infoVerify(searchKey: string, options: CallOptions = {}): Promise<CompanyDetails | null> {
    return this.dataObject('ECIInfoVerify/GetInfo', { searchKey }, options);
  }

  /** `ECIPartner/GetList`; throws (203 `category_not_supplied`) when the source gave no shareholder list. */
  partners(searchKey: string, options: PageOptions = {}): Promise<DataPage<PartnerItem>> {
    return this.dataPage('ECIPartner/GetList', { searchKey }, options);
  }

  /**
   * A risk check by name (`shixinCheck`, …). 203 `category_not_supplied` (the source gave no such
   * records for the company) and 203 `company_not_in_store` throw: unknown is never "none".
   */
  async check<T = Readonly<Record<string, string>>>(name: RiskCheckName, searchKey: string, options: PageOptions = {}): Promise<CheckAnswer<T>> {
    const answer = await this.dataCall<{ VerifyResult: number; Data: T[] | null }>(RISK_CHECKS[name], { searchKey, ...pageParams(options) }, options.signal);
    if (answer === null) throw this.malformed(RISK_CHECKS[name], 'a risk check answered 201 for a known company');
    const { VerifyResult, Data } = answer.result;
    if (VerifyResult === 1 && Array.isArray(Data)) return { verifyResult: 1, data: Data, paging: answer.paging, orderNumber: answer.orderNumber };
    if (VerifyResult === 0 && Data === null) return { verifyResult: 0, data: null, paging: null, orderNumber: answer.orderNumber };
    throw this.malformed(RISK_CHECKS[name], `VerifyResult ${String(VerifyResult)} with Data ${JSON.stringify(Data)?.slice(0, 40)}`);
  }

  shixinCheck(searchKey: string, options: PageOptions = {}) { return this.check('shixinCheck', searchKey, options); }
  zhixingCheck(searchKey: string, options: PageOptions = {}) { return this.check('zhixingCheck', searchKey, options); }
  adminPenaltyCheck(searchKey: string, options: PageOptions = {}) { return this.check('adminPenaltyCheck', searchKey, options); }
  taxIllegalCheck(searchKey: string, options: PageOptions = {}) { return this.check('taxIllegalCheck', searchKey, options); }
  seriousIllegalCheck(searchKey: string, options: CallOptions = {}) { return this.check('seriousIllegalCheck', searchKey, options); }
  exceptionCheck(searchKey: string, options: CallOptions = {}) { return this.check('exceptionCheck', searchKey, options); }

  /**
   * `company/findRelation`: how two companies are connected, up to 10 paths, shortest first. No
   * path within maxDepth gives `paths: []`; a company the server does not hold (201
   * `company_unknown` / `target_company_unknown`) throws `ReportApiError`, as does 203
   * `relation_graph_unavailable`: neither is "not related".
   */
  async findRelation(keyNo: string, targetKeyNo: string, options: RelationOptions = {}): Promise<RelationAnswer> {
    const params = { keyNo, targetKeyNo, ...(options.maxDepth !== undefined ? { maxDepth: String(positiveInteger('maxDepth', options.maxDepth)) } : {}) };
    const answer = await this.dataCall<{ Paths: RelationPath[] }>('company/findRelation', params, options.signal, (reason) => reason === 'no_path');
    if (answer === null) return { orderNumber: '', paths: [] };
    if (!Array.isArray(answer.result?.Paths)) throw this.malformed('company/findRelation', 'Result.Paths is not an array');
    return { orderNumber: answer.orderNumber, paths: answer.result.Paths };
  }

  /**
   * `EquityThrough/GetEquityThrough`: the upstream equity penetration (up to 4 levels); null when
   * no company matches or its shareholder list is empty (201). 203 (`category_not_supplied`:
   * unknown shareholders) throws.
   */
  async equityThrough(keyWord: string, options: EquityThroughOptions = {}): Promise<EquityThrough | null> {
    const params = { keyWord, ...(options.level !== undefined ? { level: String(positiveInteger('level', options.level)) } : {}) };
    const answer = await this.dataCall<EquityThrough>('EquityThrough/GetEquityThrough', params, options.signal);
    return answer === null ? null : answer.result;
  }

  // -------------------------------------------------------------------------------------------
  // Monitoring and batches (issue 18)

  /** `Monitor/Add`: watch a company; `Added: false` when it was already watched (not charged). */
  async monitorAdd(keyNo: string, options: CallOptions = {}): Promise<Readonly<Record<string, unknown>>> {
    const answer = await this.dataCall<Record<string, unknown>>('Monitor/Add', { keyNo: required('keyNo', keyNo) }, options.signal, () => false);
    return answer!.result;
  }

  /** `Monitor/Remove`: false when the company was not watched (201). */
  async monitorRemove(keyNo: string, options: CallOptions = {}): Promise<boolean> {
    const answer = await this.dataCall<unknown>('Monitor/Remove', { keyNo: required('keyNo', keyNo) }, options.signal);
    return answer !== null;
  }

  /** `Monitor/List`: one page of the watch list (empty on 201). */
  monitorList(options: PageOptions = {}): Promise<DataPage<Readonly<Record<string, unknown>>>> {
    return this.dataPage('Monitor/List', {}, options);
  }

  /** `Monitor/Events`: events after `after`; pass `next` as `after` next time. */
  async monitorEvents(options: MonitorEventsOptions = {}): Promise<MonitorEvents> {
    const params = { ...(options.after !== undefined ? { after: String(options.after) } : {}), ...(options.pageSize !== undefined ? { pageSize: String(positiveInteger('pageSize', options.pageSize)) } : {}) };
    const answer = await this.dataCall<{ Next: unknown; Events: MonitorEvent[] }>('Monitor/Events', params, options.signal, () => false);
    const result = answer!.result;
    if (!Array.isArray(result?.Events)) throw this.malformed('Monitor/Events', 'Result.Events is not an array');
    return { next: String(result.Next ?? ''), events: result.Events };
  }

  /** `Report/CreateBatch`: one CreateReport per company; refused items carry their status. */
  async createBatch(keyNos: readonly string[], options: CreateBatchOptions = {}): Promise<BatchResult> {
    if (!Array.isArray(keyNos) || keyNos.length === 0) throw new TypeError('createBatch: keyNos is required (at least one company)');
    const format = oneOf('format', options.format ?? 'pdf', ['pdf', 'word', 'json'] as const);
    const reportType = options.reportType === undefined ? '1' : reportTypeCode(options.reportType);
    const params = { keyNos: keyNos.map((k) => required('keyNos item', k)).join(','), reportFormat: REPORT_FORMAT_CODES[format], ...(reportType === '1' ? {} : { reportType }) };
    const answer = await this.dataCall<BatchResult>('Report/CreateBatch', params, options.signal, () => false);
    if (!Array.isArray(answer!.result?.Items)) throw this.malformed('Report/CreateBatch', 'Result.Items is not an array');
    return answer!.result;
  }

  /** `Report/GetBatchInfo`: each item's ReportStatus and the counts. */
  async getBatchInfo(batchNo: string, options: CallOptions = {}): Promise<Readonly<Record<string, unknown>>> {
    const answer = await this.dataCall<Record<string, unknown>>('Report/GetBatchInfo', { batchNo: required('batchNo', batchNo) }, options.signal, () => false);
    return answer!.result;
  }

  private async dataPage<T>(path: `${string}/${string}`, params: Record<string, string>, options: PageOptions): Promise<DataPage<T>> {
    const answer = await this.dataCall<T[]>(path, { ...params, ...pageParams(options) }, options.signal);
    if (answer === null) return { orderNumber: '', items: [], total: 0, pageIndex: options.pageIndex ?? 1, pageSize: options.pageSize ?? 10 };
    if (!Array.isArray(answer.result)) throw this.malformed(path, 'Result is not an array');
    const paging = answer.paging;
    return { orderNumber: answer.orderNumber, items: answer.result, total: paging?.TotalRecords ?? answer.result.length, pageIndex: paging?.PageIndex ?? 1, pageSize: paging?.PageSize ?? answer.result.length };
  }

  private async dataObject(path: `${string}/${string}`, params: Record<string, string>, options: CallOptions): Promise<CompanyDetails | null> {
    const answer = await this.dataCall<CompanyDetails>(path, params, options.signal);
    return answer === null ? null : answer.result;
  }

  /** One signed POST of a company-data interface: the 200 answer, null for 201, else `ReportApiError`. */
  private async dataCall<T>(
    path: `${string}/${string}`,
    params: Record<string, string>,
    signal: AbortSignal | undefined,
    /** Which 201 reasons mean "nothing found" (null); the others throw. Default: every 201. */
    emptyOn201: (reason: string | null) => boolean = () => true,
  ): Promise<DataAnswer<T> | null> {
    const body = new URLSearchParams({ key: this.key, ...params, dtype: 'json' });
    const timespan = timespanAt(Date.now(), this.clockOffset);
    const timer = new RequestTimer(this.timeoutMs, signal);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(new URL((this.pathStyle === 'pro' ? 'api/yj/' : '') + path, this.base), {
        method: 'POST',
        headers: { ...authHeaders(this.key, this.secretKey, timespan), 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Accept: 'application/json', 'User-Agent': this.userAgent },
        body: body.toString(),
        signal: timer.signal,
      });
      text = await response.text();
    } catch (error) {
      throw toNetworkError(path, error, timer, signal);
    } finally {
      timer.dispose();
    }
    let parsed: { Status?: unknown; Message?: unknown; OrderNumber?: unknown; Paging?: unknown; Result?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw this.malformed(path, `an unreadable answer (HTTP ${response.status})`);
    }
    const status = String(parsed.Status);
    if (status === '200') return { orderNumber: String(parsed.OrderNumber ?? ''), paging: (parsed.Paging as DataPaging | null | undefined) ?? null, result: parsed.Result as T };
    if (status === '201' && emptyOn201(response.headers.get('x-error-reason'))) return null;
    throw new ReportApiError({
      operation: path,
      status,
      message: typeof parsed.Message === 'string' ? parsed.Message : `Status ${status}`,
      httpStatus: response.status,
      requestId: response.headers.get('x-request-id'),
      reason: response.headers.get('x-error-reason'),
      retryable: false,
    });
  }

  private malformed(operation: ApiOperation, what: string): ReportApiError {
    return new ReportApiError({ operation, status: null, message: `${operation}: ${what}`, httpStatus: 200, requestId: null, reason: null, retryable: false });
  }
}

function required(name: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} is required`);
  return value.trim();
}

function pageParams(options: PageOptions): Record<string, string> {
  return { ...(options.pageIndex !== undefined ? { pageIndex: String(options.pageIndex) } : {}), ...(options.pageSize !== undefined ? { pageSize: String(options.pageSize) } : {}) };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new TypeError(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
  return value as T;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer; got ${value}`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer; got ${value}`);
  return value;
}
