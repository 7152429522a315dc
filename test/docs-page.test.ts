// Issue 15 item 19: /docs links the integration guide (served beside it) and says, per status code,
// when it happens and what to do; /openapi.json is usable by code generators: operationId on every
// operation, servers, the signature as security schemes, examples that match their schemas, and
// the content types each response really has.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { STATUS_MESSAGES } from '../src/protocol/status-codes.js';
import { BACKENDS } from './support/databases.js';
import { startTestApi, type TestApi } from './support/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown; examples?: Record<string, { value: unknown }> }> }>;
};
type OpenApi = {
  servers?: Array<{ url: string }>;
  security?: unknown[];
  components?: { securitySchemes?: Record<string, { type: string; in: string; name: string }> };
  paths: Record<string, Record<string, Operation>>;
};

describe('/docs and /openapi.json', () => {
  let api: TestApi;
  before(async () => { api = await startTestApi(BACKENDS[0]!); });
  after(async () => { await api.close(); });

  it('/docs links the integration guide, served as the repository has it, and the examples', async () => {
    const page = (await api.app.inject({ method: 'GET', url: '/docs' })).body;
    assert.match(page, /<a href="\/docs\/integration.md">/);
    const guide = await api.app.inject({ method: 'GET', url: '/docs/integration.md' });
    assert.equal(guide.statusCode, 200);
    assert.match(String(guide.headers['content-type']), /^text\/markdown; charset=utf-8/);
    assert.equal(guide.body, fs.readFileSync(path.join(root, 'docs/integration.md'), 'utf8'));
    for (const file of ['report.sh', 'ReportExample.java', 'report_example.py']) {
      assert.match(page, new RegExp(`<a href="/docs/examples/${file}">`));
      const served = await api.app.inject({ method: 'GET', url: `/docs/examples/${file}` });
      assert.equal(served.body, fs.readFileSync(path.join(root, 'docs/examples', file), 'utf8'));
    }
  });

  it("/docs's status table says, for every code, when it happens and what to do", async () => {
    const page = (await api.app.inject({ method: 'GET', url: '/docs' })).body;
    assert.match(page, /<th>Status<\/th><th>Message<\/th><th>when<\/th><th>what to do<\/th>/);
    for (const code of Object.keys(STATUS_MESSAGES)) {
      const row = new RegExp(`<tr><td><code>${code}</code></td><td>[^<]+</td><td>(.+?)</td><td>(.+?)</td></tr>`).exec(page);
      assert.ok(row, `row for ${code}`);
      assert.ok(row[1]!.length > 10 && row[2]!.length > 5, `when and what to do for ${code}`);
    }
    assert.match(page, /<td><code>107<\/code><\/td><td>【无效请求】被禁止的IP或者签名错误<\/td><td>Token mismatch/);
  });

  it('/openapi.json: an operationId on every operation, unique; servers; the signature as security schemes', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApi;
    assert.ok(doc.servers && doc.servers.length > 0);
    const schemes = doc.components?.securitySchemes ?? {};
    assert.deepEqual(Object.values(schemes).map((s) => [s.type, s.in, s.name]).sort(), [['apiKey', 'header', 'Timespan'], ['apiKey', 'header', 'Token']]);
    const ids: string[] = [];
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        assert.ok(op.operationId, `${method} ${route} has an operationId`);
        ids.push(op.operationId);
        const security = op.security ?? doc.security;
        if (route.endsWith('/retrieve')) assert.deepEqual(security, [], 'retrieve needs no signature');
        else assert.deepEqual(security, [{ Token: [], Timespan: [] }], `${method} ${route} is signed`);
      }
    }
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.ok(ids.includes('createReport') && ids.includes('getReportInfo') && ids.includes('retrieveReport'));
  });

  it('/openapi.json: every response says its content types, and every JSON example matches its schema', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApi;
    const ajv = new Ajv({ strict: false });
    const create = doc.paths['/api/yj/Report/CreateReport']!.post!;
    assert.deepEqual(Object.keys(create.responses['200']!.content!).sort(), ['application/json', 'application/xml']);
    assert.ok(create.requestBody?.content['application/x-www-form-urlencoded']?.example);
    const retrieve = doc.paths['/api/rpt/retrieve']!.get!;
    assert.deepEqual(Object.keys(retrieve.responses['200']!.content!).sort(), ['application/json', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    assert.deepEqual((create.parameters?.find((p) => p.name === 'reportType') as { schema?: unknown } | undefined)?.schema, { type: 'string', enum: ['1', '2', '3', '4'], default: '1' });
    assert.ok(retrieve.responses['404']!.content!['application/json']);
    let checked = 0;
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) {
        for (const response of Object.values(op.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            const values = [...(media.example !== undefined ? [media.example] : []), ...Object.values(media.examples ?? {}).map((e) => e.value)];
            if (type === 'application/xml') for (const v of values) assert.match(String(v), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<YJServiceResult /);
            if (type !== 'application/json') continue;
            const validate = ajv.compile(media.schema as object);
            for (const v of values) {
              assert.ok(validate(v), `${JSON.stringify(v)}: ${ajv.errorsText(validate.errors)}`);
              checked++;
            }
          }
        }
      }
    }
    assert.ok(checked >= 10, `${checked} JSON examples checked`);
  });
});
