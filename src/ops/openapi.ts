import { STATUS_MESSAGES, SUCCESS_MESSAGES } from '../protocol/status-codes.js';

/** OpenAPI 3.1 description of the wire API (built from the same registry the server answers from). */
export function openApiDocument(): Record<string, unknown> {
  const statusList = Object.entries(STATUS_MESSAGES).map(([code, msg]) => `- \`${code}\` ${msg}`).join('\n');
  const authParams = [
    { name: 'Token', in: 'header', required: true, schema: { type: 'string' }, description: 'upper(md5(key + Timespan + SecretKey)); compared case-insensitively' },
    { name: 'Timespan', in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9]+$' }, description: 'Unix time in seconds; ±300 s accepted by default' },
  ];
  const common = [
    { name: 'key', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
    { name: 'dtype', in: 'query', schema: { type: 'string', enum: ['json', 'xml'], default: 'json' } },
    { name: 'ext', in: 'query', schema: { type: 'string', enum: ['1'] }, description: 'Extension (ours): adds KeyNo, CompanyName, CreditCode, ReportFormat, CreatedAt, FinishedAt, ExpiresAt, FailReason' },
  ];
  const envelope = (result: Record<string, unknown>) => ({
    type: 'object',
    required: ['Status', 'Message', 'Result'],
    properties: {
      Status: { type: 'string', description: 'Wire status; 200 is success. Every other value is an error:\n' + statusList },
      Message: { type: 'string' },
      Result: { oneOf: [{ type: 'null' }, { type: 'object', properties: result }] },
    },
  });
  const responses = (result: Record<string, unknown>, success: string) => ({
    '200': {
      description: `Always HTTP 200; the outcome is in Status (success message: ${success}). Errors carry X-Error-Reason.`,
      headers: { 'X-Request-Id': { schema: { type: 'string' } }, 'X-Error-Reason': { schema: { type: 'string' } } },
      content: {
        'application/json': { schema: envelope(result) },
        'application/xml': { schema: { type: 'string', description: '<YJServiceResult> with Status, Message, Result (dtype=xml)' } },
      },
    },
  });
  const createOp = {
    summary: 'Order a credit report (charged on success)',
    parameters: [...authParams, ...common,
      { name: 'keyNo', in: 'query', required: true, schema: { type: 'string' }, description: 'Company name (current or former), USCC, registration number or KeyNo' },
      { name: 'reportFormat', in: 'query', schema: { type: 'string', enum: ['1', '2'], default: '1' }, description: '1 pdf, 2 word' }],
    responses: responses({ OrderNo: { type: 'string', pattern: '^[0-9a-f]{32}$' } }, SUCCESS_MESSAGES.CreateReport),
  };
  const infoOp = {
    summary: 'Status of an order and, when done, its download URL',
    parameters: [...authParams, ...common, { name: 'orderNo', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } }],
    responses: responses({ ReportStatus: { type: 'string', enum: ['P', 'S', 'F'] }, ReportUrl: { type: ['string', 'null'] } }, SUCCESS_MESSAGES.GetReportInfo),
  };
  const paths: Record<string, unknown> = {};
  for (const prefix of ['/api/yj/Report', '/Report']) {
    paths[`${prefix}/CreateReport`] = { get: createOp, post: { ...createOp, requestBody: formBody() } };
    paths[`${prefix}/GetReportInfo`] = { get: infoOp, post: { ...infoOp, requestBody: formBody() } };
  }
  const retrieve = {
    summary: 'Download a finished report (the code is the credential)',
    parameters: [{ name: 'code', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
      { name: 'Range', in: 'header', schema: { type: 'string' }, description: 'One byte range' }],
    responses: {
      '200': { description: 'The file (application/pdf or .docx)' },
      '206': { description: 'The requested byte range' },
      '304': { description: 'If-None-Match matched the ETag' },
      '404': { description: 'Unknown code (JSON envelope 201)' },
      '410': { description: 'Expired (JSON envelope 201)' },
      '416': { description: 'Range not satisfiable' },
    },
  };
  paths['/api/rpt/retrieve'] = { get: retrieve, head: retrieve };
  return {
    openapi: '3.1.0',
    info: { title: 'zhengxin report API', version: '1.3', description: 'Wire-compatible with the vendor 企业信用报告接口 v1.3. See /docs.' },
    paths,
  };
}

function formBody(): Record<string, unknown> {
  return {
    description: 'Parameters may also come in the body (body wins over the query string)',
    content: {
      'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } },
      'application/json': { schema: { type: 'object', additionalProperties: { type: ['string', 'number'] } } },
    },
  };
}
