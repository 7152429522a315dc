export { ReportClient, reportTypeCode } from './client.js';
export type {
  BatchItem,
  BatchResult,
  CallOptions,
  CreateBatchOptions,
  MonitorEvent,
  MonitorEvents,
  MonitorEventsOptions,
  CreateReportInput,
  OrderReportOptions,
  OrderReportResult,
  ReportClientOptions,
  ReportFormat,
  ReportInfo,
  ReportStatus,
  ReportType,
  WaitOptions,
  WaitProgress,
} from './client.js';
export type {
  CheckAnswer, CompanyDetails, DataAnswer, DataPage, DataPaging, EquityNode, EquityThrough, EquityThroughOptions, FuzzySearchItem, PageOptions, PartnerItem,
  RelationAnswer, RelationOptions, RelationPath, RiskCheckName, SearchItem, SearchOptions,
} from './company-data.js';
export { RISK_CHECKS } from './company-data.js';
export type { DownloadOptions, DownloadResult } from './download.js';
export {
  ReportApiError,
  ReportClientError,
  ReportDownloadError,
  ReportFailedError,
  ReportNetworkError,
  ReportNotReadyError,
  ReportWaitTimeoutError,
} from './errors.js';
export type { ApiOperation } from './errors.js';
export type { Envelope, EnvelopeFormat, ResultFields } from './envelope.js';
export { parseEnvelope } from './envelope.js';
export type { PathStyle } from './paths.js';
export { computeToken } from './token.js';
export { verifyCallback } from './callbacks.js';
export { CLIENT_VERSION } from './version.js';
