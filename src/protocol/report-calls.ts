import crypto from 'node:crypto';
import { permissionOf, REPORT_FORMATS } from '../accounts/accounts.js';
import { reportTypePrice, reportTypeProduct } from '../accounts/report-type-products.js';
import { interfaceSwitchOf } from '../accounts/system-settings.js';
import { reportTypePlugin } from '../reports/types/index.js';
import { customerFailReason } from '../orders/fail-reasons.js';
import { createOrder, findIdempotentOrder, findOrder, ORDER_NO_PATTERN, type Order } from '../orders/orders.js';
import { callbackUrlProblem } from '../realtime/callback-url.js';
import { refuse } from './call-pipeline.js';
import type { ResultFields } from './envelope.js';
import type { InterfaceCall, InterfaceDeclaration, InterfaceDeps, InterfaceSuccess } from './interfaces.js';
import { extensionsRequested, parseReportFormat, parseReportType, type Params } from './params.js';
import { PARAMETER_ERROR_STATUSES } from './status-codes.js';

/** Where a finished report is fetched (PROTOCOL.md); `/rpt/retrieve` is served as its alias. */
export const RETRIEVE_URL_PATH = '/api/rpt/retrieve';

const DTYPE = { name: 'dtype', description: '`json` (default) or `xml`: the envelope of the answer.', example: 'json' } as const;
const EXT = { name: 'ext', description: 'Our extension: `1` adds KeyNo, CompanyName, CreditCode, ReportFormat, ReportType, CreatedAt, FinishedAt, ExpiresAt (and FailReason when F).' } as const;
const KEY = { name: 'key', required: true, description: 'The account key (32 lowercase hex characters).' } as const;

/** `CreateReport`: orders a report (charged on success). `ReportBase/CreateReport` is the open-API generation's path. */
export const CREATE_REPORT: InterfaceDeclaration = {
  name: 'CreateReport',
  paths: ['Report/CreateReport', 'ReportBase/CreateReport'],
  summary: 'Order a credit report for a company',
  parameters: [
    KEY,
    { name: 'keyNo', aliases: ['searchKey'], required: true, description: 'Company name (current or former), unified social credit code, registration number or KeyNo.', example: '上海测试科技有限公司' },
    { name: 'reportFormat', description: '`1` PDF (default), `2` Word, `3` JSON (our extension: the report as data, schema at /schemas/report.json).', example: '1' },
    {
      name: 'reportType',
      description: 'Our extension: `1` 企业信用报告 (default), `2` 企业信用决策报告, `3` 准入尽调报告, `4` 空壳扫描报告. Each is bought per account (214 when not, 111 when switched off); 218/219 when the type cannot be made for the company.',
      example: '1',
    },
    DTYPE,
    EXT,
    { name: 'requestId', description: 'Our extension: an idempotency key (as the `Idempotency-Key` header): within 24 h the same key returns the same OrderNo, charged once; the same key with other parameters answers 202 `idempotency_key_reused`.', example: 'loan-2026-000123' },
    { name: 'callbackUrl', description: 'Our extension: where this order\'s signed `report.finished` callback goes (instead of the account\'s callback URL); http(s) only.', example: 'https://bank.example/zhengxin/callback' },
  ],
  billing: { per: 'format', formats: REPORT_FORMATS, defaultPrice: 1 },
  envelope: { kind: 'report' },
  successMessage: '报告下单成功',
  placesOrders: true,
  resultSchema: { type: 'object', properties: { OrderNo: { type: 'string', pattern: '^[0-9a-f]{32}$' } } },
  handle: (call, deps) => createReport(call, deps),
};

/** `GetReportInfo`: where an order stands (never charged). `ReportBase/GetReportInfo` is the open-API generation's path. */
export const GET_REPORT_INFO: InterfaceDeclaration = {
  name: 'GetReportInfo',
  paths: ['Report/GetReportInfo', 'ReportBase/GetReportInfo'],
  summary: 'Poll an order: ReportStatus P, S or F, and ReportUrl when S',
  parameters: [
    KEY,
    { name: 'orderNo', required: true, description: 'The OrderNo CreateReport answered.', example: '96a229095bd04c0aad6b8b1e0c5f2a71' },
    DTYPE,
    EXT,
  ],
  billing: { per: 'free' },
  envelope: { kind: 'report' },
  successMessage: '查询成功',
  contextOrderNo: (params) => {
    const orderNo = requestedOrderNo(params);
    return orderNo !== undefined && ORDER_NO_PATTERN.test(orderNo) ? orderNo : undefined;
  },
  resultSchema: {
    type: 'object',
    properties: {
      ReportStatus: { type: 'string', enum: ['P', 'S', 'F'] },
      ReportUrl: { type: ['string', 'null'], description: '`/api/rpt/retrieve?code=…` when S; absolute (PUBLIC_BASE_URL + that path) when configured' },
    },
  },
  handle: (call, deps) => getReportInfo(call, deps),
};

export const REPORT_INTERFACES: readonly InterfaceDeclaration[] = [CREATE_REPORT, GET_REPORT_INFO];

function requestedOrderNo(params: Params): string | undefined {
  return params.get('orderNo')?.trim().toLowerCase();
}

const CREATE_ORDER_REFUSALS = {
  '112': 'balance_exhausted',
  '102': 'credit_line_exceeded',
  '109': 'system_daily_limit',
  '116': 'daily_quota',
  '122': 'concurrency_limit',
} as const;

export async function createReport(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess> {
  const { account } = call;
  const settings = call.context.settings;
  const keyNo = call.param('keyNo')!;
  const reportType = parseReportType(call.params);
  if (reportType === undefined) return refuse('202', 'report_type_invalid');
  // A type is a product of its own (bought, enabled, switched by the operator) sold through this interface.
  const product = reportTypeProduct(reportType);
  const operatorSwitch = interfaceSwitchOf(settings, product);
  if (operatorSwitch === 'deleted') refuse('113', 'report_type_deleted');
  if (operatorSwitch === 'disabled') refuse('114', 'report_type_disabled');
  const permission = permissionOf(account, product);
  if (!permission.bought) refuse('214', 'report_type_not_bought');
  if (!permission.enabled) refuse('111', 'report_type_not_enabled');
  // Announced on the wire (1–4) but not built into this service yet.
  if (!reportTypePlugin(reportType)) refuse('202', 'report_type_unavailable');
  const format = parseReportFormat(call.params);
  if (!format) return refuse('202', 'report_format_invalid');
  const callbackUrl = call.param('callbackUrl')?.trim() || undefined;
  if (callbackUrl !== undefined && callbackUrlProblem(callbackUrl)) refuse('202', 'callback_url_invalid');
  const idempotency = idempotencyOf(call, keyNo, format, callbackUrl, reportType);
  if (idempotency) {
    // A retry (the answer was lost): the same order, not charged again.
    const earlier = await findIdempotentOrder(deps.db, account.key, idempotency.key, call.nowMs);
    if (earlier) return idempotentAnswer(call, deps, earlier.orderNo, earlier.paramsHash === idempotency.paramsHash);
  }
  const resolution = await deps.directory.resolve(keyNo);
  if (!resolution.ok && PARAMETER_ERROR_STATUSES.has(resolution.status)) refuse(resolution.status, resolution.reason);
  if (!account.formats.includes(format)) refuse('223', 'report_format_not_in_package');

  const billing = call.declaration.billing;
  const price = reportTypePrice(account, reportType, format, billing.per === 'format' ? billing.defaultPrice : 1);
  if (account.billing === 'prepaid' && account.balance < price) refuse('112', 'balance_exhausted');
  if (account.billing === 'postpaid' && account.balance + account.creditLimit < price) refuse('102', 'credit_line_exceeded');

  if (!resolution.ok) return refuse(resolution.status, resolution.reason);
  // 218/219: the type's own rule on the company (after 201/208, before anything is charged).
  const typeRefusal = await deps.directory.refusalFor?.(resolution.company, reportType, call.nowMs);
  if (typeRefusal) return refuse(typeRefusal.status, typeRefusal.reason);
  const { systemDailyLimit } = settings;
  const interfaceQuota = Object.hasOwn(account.interfaceQuotas, CREATE_REPORT.name) ? account.interfaceQuotas[CREATE_REPORT.name]! : null;
  const limits = { systemDailyLimit, dailyQuota: account.dailyQuota, interfaceQuota, concurrencyLimit: account.concurrencyLimit };
  const created = await createOrder(deps.db, deps.jobQueue, { account, company: resolution.company, format, reportType, price, nowMs: call.nowMs, limits, callbackUrl, idempotency }, deps.transact);
  // A concurrent retry with the same idempotency key placed the order first.
  if (!created.ok && created.status === 'idempotent') return idempotentAnswer(call, deps, created.orderNo, created.sameParams);
  // Lost a race to a concurrent order of the same key (another process or connection): for the
  // last units of balance, or for the last place under a quota or the in-flight limit.
  if (!created.ok) return refuse(created.status, created.interfaceQuota ? 'interface_daily_quota' : CREATE_ORDER_REFUSALS[created.status]);
  const result: ResultFields = [['OrderNo', created.order.orderNo], ...(extensionsRequested(call.params) ? extensionFields(created.order) : [])];
  return { status: '200', result, orderNo: created.order.orderNo, created: true };
}

/** Idempotency-Key header or requestId parameter: 1–64 of A-Z a-z 0-9 . _ : - (else 202 idempotency_key_invalid). */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;

function idempotencyOf(call: InterfaceCall, keyNo: string, format: string, callbackUrl: string | undefined, reportType: number): { key: string; paramsHash: string } | undefined {
  const key = (call.idempotencyKey ?? call.param('requestId'))?.trim();
  if (key === undefined || key === '') return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) refuse('202', 'idempotency_key_invalid');
  const paramsHash = crypto.createHash('sha256').update(JSON.stringify([keyNo.trim(), format, callbackUrl ?? '', ...(reportType === 1 ? [] : [reportType])])).digest('hex');
  return { key, paramsHash };
}

async function idempotentAnswer(call: InterfaceCall, deps: InterfaceDeps, orderNo: string, sameParams: boolean): Promise<InterfaceSuccess> {
  if (!sameParams) refuse('202', 'idempotency_key_reused');
  const order = extensionsRequested(call.params) ? await findOrder(deps.db, orderNo) : undefined;
  const result: ResultFields = [['OrderNo', orderNo], ...(order ? extensionFields(order) : [])];
  return { status: '200', result, orderNo };
}

async function getReportInfo(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess> {
  const { account, context: { order } } = call;
  const orderNo = requestedOrderNo(call.params);
  if (!ORDER_NO_PATTERN.test(orderNo!)) refuse('202', 'order_no_malformed');
  // Read with the account (checkKey), joined on it: someone else's order is no order at all.
  if (!order || order.orderNo !== orderNo) return refuse('201', 'order_not_found');
  // ext=1 wants the whole order: read it, and answer from that one read so the fields agree.
  const full = extensionsRequested(call.params) ? await findOrder(deps.db, orderNo) : undefined;
  if (full && full.accountKey !== account.key) return refuse('201', 'order_not_found');
  const status = full ?? order;
  const result: ResultFields = [
    ['ReportStatus', status.state],
    ['ReportUrl', status.state === 'S' && status.retrieveCode ? `${deps.publicBaseUrl ?? ''}${RETRIEVE_URL_PATH}?code=${status.retrieveCode}` : null],
    ...(full ? extensionFields(full) : []),
  ];
  return { status: '200', result, orderNo: order.orderNo };
}

/** Our `ext=1` fields (PROTOCOL.md "Report lifecycle"); instants in ISO 8601 with an offset. */
function extensionFields(order: Order): ResultFields {
  const fields: Array<readonly [string, string | null]> = [
    ['KeyNo', order.keyNo],
    ['CompanyName', order.companyName],
    ['CreditCode', order.creditCode],
    ['ReportFormat', order.format],
    ['ReportType', String(order.reportType)],
    ['CreatedAt', order.createdAt],
    ['FinishedAt', order.finishedAt],
    ['ExpiresAt', order.expiresAt],
  ];
  if (order.state === 'F') fields.push(['FailReason', customerFailReason(order.failReason)]);
  return fields;
}
