// The package must load both as ESM (`import`) and from CommonJS (`require`, Node 18 cannot
// require ESM), through its own `exports` map, and errors must be recognisable across the two.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const EXPORTS = ['ReportClient', 'ReportApiError', 'ReportClientError', 'ReportDownloadError', 'ReportFailedError', 'ReportNetworkError', 'ReportNotReadyError', 'ReportWaitTimeoutError', 'computeToken', 'parseEnvelope'];

describe('module formats', () => {
  it('imports as ESM by package name', async () => {
    const esm = (await import('@zhengxin/client')) as Record<string, unknown>;
    for (const name of EXPORTS) assert.equal(typeof esm[name], 'function', name);
  });

  it('requires as CommonJS by package name, from a real CommonJS module', () => {
    const script = `const c = require('@zhengxin/client'); process.stdout.write(JSON.stringify({ kind: typeof module, names: Object.keys(c), token: c.computeToken('k', '1', 's') }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: packageDir, encoding: 'utf8' })) as { kind: string; names: string[]; token: string };
    assert.equal(out.kind, 'object', 'ran as CommonJS');
    for (const name of EXPORTS) assert.ok(out.names.includes(name), name);
    assert.equal(out.token, createHash('md5').update('k1s').digest('hex').toUpperCase());
  });

  it('recognises an error from the CommonJS copy with instanceof of the ESM copy, and back', async () => {
    const esm = await import('@zhengxin/client');
    const cjs = createRequire(import.meta.url)('@zhengxin/client') as typeof esm;
    assert.notEqual(cjs.ReportClient, esm.ReportClient, 'two copies really are loaded');
    const fromCjs = new cjs.ReportApiError({ operation: 'GetReportInfo', status: '203', message: 'm', httpStatus: 200, requestId: null, reason: null, retryable: true });
    assert.ok(fromCjs instanceof esm.ReportApiError);
    assert.ok(fromCjs instanceof esm.ReportClientError);
    assert.ok(!(fromCjs instanceof esm.ReportNetworkError));
    const fromEsm = new esm.ReportFailedError('0'.repeat(32), null);
    assert.ok(fromEsm instanceof cjs.ReportFailedError && fromEsm instanceof cjs.ReportClientError);
    assert.ok(!(new Error('plain') instanceof esm.ReportClientError));
  });

  it('declares types for both conditions, Node 18+, no runtime dependencies, and the version it reports', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, any>;
    assert.equal(manifest.exports['.'].import.types, './dist/src/index.d.ts');
    assert.equal(manifest.exports['.'].require.types, './dist/cjs/index.d.ts');
    assert.equal(manifest.engines.node, '>=18');
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.bin['zhengxin-client'], 'bin/zhengxin-client.js');
    const { CLIENT_VERSION } = await import('@zhengxin/client');
    assert.equal(CLIENT_VERSION, manifest.version);
  });
});
