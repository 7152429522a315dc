import { errorEnvelope, renderJson, renderXml, successEnvelope, type Envelope, type InterfaceName } from '../protocol/envelope.js';
import { INTERFACE_REGISTRY } from '../protocol/catalogue.js';
import type { InterfaceDeclaration } from '../protocol/interfaces.js';
import { STATUS_MESSAGES, SUCCESS_MESSAGES } from '../protocol/status-codes.js';

const JSON_TYPE = 'application/json';
const XML_TYPE = 'application/xml';
const PDF_TYPE = 'application/pdf';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The example values every example in the document uses (a demo company, a made-up order). */
const EXAMPLE = {
  key: '0123456789abcdef0123456789abcdef',
  keyNo: '上海测试科技有限公司',
  orderNo: '96a229095bd04c0aad6b8b1e0c5f2a71',
  code: '5f0c2e7d9a4b4c1e8d3f6a2b7c9e0d14',
} as const;

/**
 * OpenAPI 3.1 description of the wire API. Every operation has an `operationId` (unique across
 * prefixes and methods, so code generators get one method each), the signature as security
 * schemes, request and response examples rendered by the server's own envelope writers, and the
 * content types each response really has.
 */
export function openApiDocument(): Record<string, unknown> {
  const statusList = Object.entries(STATUS_MESSAGES).map(([code, msg]) => `- \`${code}\` ${msg}`).join('\n');
  const common = [
    { name: 'key', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' }, example: EXAMPLE.key, description: 'The account key (32 lowercase hex)' },
    { name: 'dtype', in: 'query', schema: { type: 'string', enum: ['json', 'xml'], default: 'json' }, description: 'Envelope format of the answer' },
    { name: 'ext', in: 'query', schema: { type: 'string', enum: ['1'] }, description: 'Extension (ours): adds KeyNo, CompanyName, CreditCode, ReportFormat, CreatedAt, FinishedAt, ExpiresAt, FailReason' },
  ];
  const envelope = (result: Record<string, unknown>) => ({
    type: 'object',
    required: ['Status', 'Message', 'Result'],
    properties: {
      Status: { type: 'string', description: 'Wire status; 200 is success. Every other value is an error:\n' + statusList },
      Message: { type: 'string', description: 'The vendor\'s text for the status, verbatim' },
      Result: { oneOf: [{ type: 'null' }, { type: 'object', properties: result }] },
    },
  });
  /** The same answer as JSON and as XML, for `examples` of both content types. */
  const examplesOf = (cases: Record<string, { summary: string; envelope: Envelope }>) => ({
    json: Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, { summary: c.summary, value: JSON.parse(renderJson(c.envelope)) as unknown }])),
    xml: Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, { summary: c.summary, value: renderXml(c.envelope) }])),
  });
  const responses = (name: InterfaceName, result: Record<string, unknown>, cases: Record<string, { summary: string; envelope: Envelope }>) => {
    const ex = examplesOf(cases);
    return {
      '200': {
        description: `Always HTTP 200; the outcome is in Status (success message: ${SUCCESS_MESSAGES[name]}). Errors carry X-Error-Reason.`,
        headers: {
          'X-Request-Id': { schema: { type: 'string' }, description: 'Quote it to the operator' },
          'X-Error-Reason': { schema: { type: 'string' }, description: 'Machine-readable reason of an error (signature_mismatch, timespan_skew, …)' },
        },
        content: {
          [JSON_TYPE]: { schema: envelope(result), examples: ex.json },
          [XML_TYPE]: { schema: { type: 'string', description: '<YJServiceResult> with Status, Message, Result (dtype=xml)' }, examples: ex.xml },
        },
      },
    };
  };
  const formBody = (example: Record<string, string>) => ({
    description: 'Parameters may also come in the body (body wins over the query string)',
    content: {
      'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } }, example },
      [JSON_TYPE]: { schema: { type: 'object', additionalProperties: { type: ['string', 'number'] } }, example },
    },
  });
  const signed = [{ Token: [], Timespan: [] }];

  const createOp = {
    summary: 'Order a credit report (charged on success)',
    tags: ['report'],
    security: signed,
    parameters: [...common,
      { name: 'keyNo', in: 'query', required: true, schema: { type: 'string' }, example: EXAMPLE.keyNo, description: `Company name (current or former), USCC, registration number or KeyNo.${aliasNote('CreateReport', 'keyNo')}` },
      { name: 'reportFormat', in: 'query', schema: { type: 'string', enum: ['1', '2', '3'], default: '1' }, description: '1 pdf, 2 word, 3 json (our extension: the report as data, JSON Schema at /schemas/report.json)' },
      {
        name: 'reportType', in: 'query', schema: { type: 'string', enum: ['1', '2', '3', '4'], default: '1' },
        description: 'Our extension: 1 企业信用报告, 2 企业信用决策报告, 3 准入尽调报告, 4 空壳扫描报告. Bought per account (214 not bought, 111 switched off), priced per format; 218 (shell scan) / 219 (due diligence) when the type cannot be made for the company; anything else 202 report_type_invalid.',
      }],
    responses: responses('CreateReport', { OrderNo: { type: 'string', pattern: '^[0-9a-f]{32}$' } }, {
      ordered: { summary: 'Ordered', envelope: successEnvelope('CreateReport', [['OrderNo', EXAMPLE.orderNo]]) },
      noCompany: { summary: 'No company matches keyNo', envelope: errorEnvelope('201') },
      typeNotBought: { summary: 'reportType not bought by this account', envelope: errorEnvelope('214') },
      shellScanRefused: { summary: 'reportType=4 for a 个体工商户, a branch or a 注销/吊销/撤销 company', envelope: errorEnvelope('218') },
      dueDiligenceRefused: { summary: 'reportType=3 for a 注销/吊销/撤销 company or one outside coverage (数据不足)', envelope: errorEnvelope('219') },
      badSignature: { summary: 'Wrong Token', envelope: errorEnvelope('107') },
    }),
  };
  const infoOp = {
    summary: 'Status of an order and, when done, its download URL',
    tags: ['report'],
    security: signed,
    parameters: [...common, { name: 'orderNo', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' }, example: EXAMPLE.orderNo }],
    responses: responses('GetReportInfo', { ReportStatus: { type: 'string', enum: ['P', 'S', 'F'] }, ReportUrl: { type: ['string', 'null'] } }, {
      pending: { summary: 'Still being generated: poll again later', envelope: successEnvelope('GetReportInfo', [['ReportStatus', 'P'], ['ReportUrl', null]]) },
      done: { summary: 'Done: download ReportUrl', envelope: successEnvelope('GetReportInfo', [['ReportStatus', 'S'], ['ReportUrl', `/api/rpt/retrieve?code=${EXAMPLE.code}`]]) },
      unknownOrder: { summary: 'Unknown order, or another key\'s', envelope: errorEnvelope('201') },
    }),
  };
  const createBody = formBody({ key: EXAMPLE.key, keyNo: EXAMPLE.keyNo, reportFormat: '1' });
  const infoBody = formBody({ key: EXAMPLE.key, orderNo: EXAMPLE.orderNo });

  const paths: Record<string, unknown> = {};
  for (const [prefix, style] of [['/api/yj/Report', ''], ['/Report', 'Open']] as const) {
    paths[`${prefix}/CreateReport`] = {
      get: { ...createOp, operationId: `createReport${style}ByGet` },
      post: { ...createOp, operationId: `createReport${style}`, requestBody: createBody },
    };
    paths[`${prefix}/GetReportInfo`] = {
      get: { ...infoOp, operationId: `getReportInfo${style}ByGet` },
      post: { ...infoOp, operationId: `getReportInfo${style}`, requestBody: infoBody },
    };
  }
  // Every further path of the interface registry: the report interfaces' aliases (ReportBase/…)
  // and every other declared interface, described from its declaration.
  type Operation = { summary: string } & Record<string, unknown>;
  const reportOps: Record<string, { op: Operation; body: ReturnType<typeof formBody> }> = {
    CreateReport: { op: createOp, body: createBody },
    GetReportInfo: { op: infoOp, body: infoBody },
  };
  for (const declaration of INTERFACE_REGISTRY.declarations) {
    const known = reportOps[declaration.name];
    const op = known?.op ?? declaredOperation(declaration, signed, statusList);
    const body = known?.body ?? formBody({});
    const methods = declaration.methods ?? ['GET', 'POST'];
    declaration.paths.forEach((path, i) => {
      const prefixes: ReadonlyArray<readonly [string, string]> = [['/api/yj/', ''], ['/', 'Open'], ...(declaration.alsoUnderApi ? [['/api/', 'Api'] as const] : [])];
      for (const [prefix, style] of prefixes) {
        if (paths[prefix + path]) continue;
        const id = path.split('/').map((part, j) => (j === 0 ? part[0]!.toLowerCase() + part.slice(1) : part)).join('') + style;
        const summary = i === 0 ? op.summary : `${op.summary} (alias of ${declaration.paths[0]})`;
        paths[prefix + path] = {
          ...(methods.includes('GET') ? { get: { ...op, summary, operationId: `${id}ByGet` } } : {}),
          ...(methods.includes('POST') ? { post: { ...op, summary, operationId: id, requestBody: body } } : {}),
        };
      }
    });
  }
  const notFoundBody = { [JSON_TYPE]: { schema: envelope({}), example: JSON.parse(renderJson(errorEnvelope('201'))) as unknown } };
  const file = { schema: { type: 'string', format: 'binary' } };
  const retrieve = {
    summary: 'Download a finished report (the code is the credential; no signature)',
    tags: ['report'],
    security: [],
    parameters: [{ name: 'code', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' }, example: EXAMPLE.code },
      { name: 'Range', in: 'header', schema: { type: 'string' }, description: 'One byte range', example: 'bytes=1024-' },
      { name: 'If-Range', in: 'header', schema: { type: 'string' }, description: 'The ETag of the part already received' },
      { name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
    responses: {
      '200': {
        description: 'The file, with Content-Disposition naming the company and the report date',
        headers: { 'Content-Disposition': { schema: { type: 'string' } }, ETag: { schema: { type: 'string' } }, 'Content-Length': { schema: { type: 'integer' } } },
        content: { [PDF_TYPE]: file, [DOCX_TYPE]: file, [JSON_TYPE]: { schema: { type: 'object', description: 'reportFormat=3: the report as data; its JSON Schema is served at /schemas/report.json' } } },
      },
      '206': { description: 'The requested byte range', content: { [PDF_TYPE]: file, [DOCX_TYPE]: file, [JSON_TYPE]: file } },
      '304': { description: 'If-None-Match matched the ETag' },
      '404': { description: 'Unknown code (JSON envelope 201)', content: notFoundBody },
      '410': { description: 'Expired (JSON envelope 201): order the report again', content: notFoundBody },
      '416': { description: 'Range not satisfiable' },
    },
  };
  paths['/api/rpt/retrieve'] = { get: { ...retrieve, operationId: 'retrieveReport' }, head: { ...retrieve, operationId: 'retrieveReportHead' } };
  const alias = { ...retrieve, summary: `${retrieve.summary} (alias of /api/rpt/retrieve, the vendor document's example form)` };
  paths['/rpt/retrieve'] = { get: { ...alias, operationId: 'retrieveReportOpen' }, head: { ...alias, operationId: 'retrieveReportOpenHead' } };
  return {
    openapi: '3.1.0',
    info: { title: 'zhengxin report API', version: '1.3', description: 'Wire-compatible with the vendor 企业信用报告接口 v1.3. Guide: /docs and /docs/integration.md.' },
    servers: [{ url: '/', description: 'The server this document is served from' }],
    tags: [{ name: 'report', description: 'Order a report, poll it, download it' }],
    security: signed,
    paths,
    components: {
      securitySchemes: {
        Token: { type: 'apiKey', in: 'header', name: 'Token', description: 'upper(md5(key + Timespan + SecretKey)), 32 hex digits; compared case-insensitively. The SecretKey itself is never sent.' },
        Timespan: { type: 'apiKey', in: 'header', name: 'Timespan', description: 'Unix time in seconds, the same value the Token was computed with; ±300 s of the server clock by default' },
      },
    },
  };
}

/** " Also accepted as `searchKey`." for a declared parameter with aliases (empty without). */
function aliasNote(name: string, parameter: string): string {
  const aliases = INTERFACE_REGISTRY.get(name)?.parameters.find((p) => p.name === parameter)?.aliases ?? [];
  return aliases.length ? ` Also accepted as ${aliases.map((a) => `\`${a}\``).join(', ')}.` : '';
}

/** An interface's operation from its declaration alone (parameters with aliases, the envelope it answers). */
function declaredOperation(declaration: InterfaceDeclaration, security: unknown, statusList: string): { summary: string } & Record<string, unknown> {
  const data = declaration.envelope.kind === 'data';
  const paged = declaration.envelope.kind === 'data' && declaration.envelope.paged;
  const schema = {
    type: 'object',
    required: data ? ['Status', 'Message', 'OrderNumber', 'Result'] : ['Status', 'Message', 'Result'],
    properties: {
      Status: { type: 'string', description: 'Wire status; 200 is success. Every other value is an error:\n' + statusList },
      Message: { type: 'string' },
      ...(data ? { OrderNumber: { type: 'string', description: 'Controller prefix + yyyyMMddHHmmss + 8 digits; on errors too' } } : {}),
      ...(paged ? { Paging: { description: 'Present on 200 (null for a risk check without records) and on errors (null); absent on 201', oneOf: [{ type: 'null' }, { type: 'object', properties: { PageSize: { type: 'integer' }, PageIndex: { type: 'integer' }, TotalRecords: { type: 'integer' } } }] } } : {}),
      Result: { oneOf: [{ type: 'null' }, declaration.resultSchema ?? {}] },
    },
  };
  return {
    summary: declaration.summary,
    tags: [data ? 'company data' : 'report'],
    security,
    parameters: [
      { name: 'dtype', in: 'query', schema: { type: 'string', enum: ['json', 'xml'], default: 'json' }, description: 'Envelope format of the answer' },
      ...declaration.parameters.filter((p) => p.name !== 'dtype').map((p) => ({
        name: p.name,
        in: 'query',
        ...(p.required ? { required: true } : {}),
        schema: { type: 'string' },
        description: p.description + (p.aliases?.length ? ` Also accepted as ${p.aliases.map((a) => `\`${a}\``).join(', ')}.` : ''),
        ...(p.example !== undefined ? { example: p.example } : {}),
      })),
    ],
    responses: {
      '200': {
        description: `Always HTTP 200; the outcome is in Status (success message: ${declaration.successMessage}). Errors carry X-Error-Reason.`,
        headers: { 'X-Request-Id': { schema: { type: 'string' } }, 'X-Error-Reason': { schema: { type: 'string' } } },
        content: {
          'application/json': { schema },
          'application/xml': { schema: { type: 'string', description: '<YJServiceResult> with the same members (dtype=xml)' } },
        },
      },
    },
  };
}
