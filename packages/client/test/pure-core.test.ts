// Unit tests of the pure parts: token, clock offset, backoff, failure classification, paths,
// file names. (They live in test/ rather than beside the code because the repository's test
// runner collects this package's tests from dist/test only.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockOffsetFromDateHeader, isSkewExplained } from '../src/clock.js';
import { filenameFromContentDisposition, safeFilename } from '../src/content-disposition.js';
import { parseContentRange } from '../src/download.js';
import { endpointUrl, normaliseBaseUrl, resolveReportUrl } from '../src/paths.js';
import { backoffDelayMs, isRetryableAnswer, isRetryableNetworkFailure, provablyNeverSent } from '../src/retry-policy.js';
import { authHeaders, computeToken, timespanAt } from '../src/token.js';

describe('token', () => {
  it('is upper(md5(key + Timespan + SecretKey))', () => {
    // Expected value computed independently with `echo -n … | md5sum`.
    const token = computeToken('0123456789abcdef0123456789abcdef', '1700000000', 'AbCdEfGhIjKlMnOpQrStUvWxYz012345');
    assert.equal(token, '3C77A8F85150740816E7C0847095B2FF');
  });

  it('applies the clock offset to the Timespan, in whole seconds', () => {
    assert.equal(timespanAt(1_700_000_000_999, 0), '1700000000');
    assert.equal(timespanAt(1_700_000_000_000, 3_600_000), '1700003600');
    assert.equal(timespanAt(1_700_000_000_000, -1), '1699999999');
  });

  it('sends Token and Timespan, never the SecretKey', () => {
    const headers = authHeaders('k', 'SECRET', '1');
    assert.deepEqual(Object.keys(headers).sort(), ['Timespan', 'Token']);
    assert.ok(!Object.values(headers).some((v) => v.includes('SECRET')));
  });
});

describe('clock offset from the Date header', () => {
  it('is the server time minus ours, allowing for the header truncating to seconds', () => {
    const local = Date.parse('2026-11-30T10:00:00.000Z');
    assert.equal(clockOffsetFromDateHeader('Mon, 30 Nov 2026 11:00:00 GMT', local), 3_600_500);
    assert.equal(clockOffsetFromDateHeader(null, local), null);
    assert.equal(clockOffsetFromDateHeader('not a date', local), null);
  });

  it('explains a 115 by skew only when the clocks disagree by seconds or the server says so', () => {
    assert.equal(isSkewExplained(null, 0, 3_600_000), true);
    assert.equal(isSkewExplained(null, 0, 800), false);
    assert.equal(isSkewExplained('timespan_skew', 0, 800), true);
    assert.equal(isSkewExplained('timespan_skew', 0, null), false);
    // Already corrected: the same offset again explains nothing new.
    assert.equal(isSkewExplained(null, 3_600_000, 3_600_400), false);
  });
});

describe('backoff', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it('stays within [0, min(cap, base·2^attempt)) (full jitter)', () => {
    assert.equal(backoffDelayMs(0, policy, () => 0), 0);
    assert.equal(backoffDelayMs(0, policy, () => 0.999999), 99);
    assert.equal(backoffDelayMs(3, policy, () => 0.5), 400);
    assert.equal(backoffDelayMs(4, policy, () => 0.999999), 999);
    assert.equal(backoffDelayMs(1_000, policy, () => 0.5), 500, 'capped, and no overflow for large attempts');
  });
});

describe('what may be retried', () => {
  it('retries transient answers and HTTP 5xx for reads only', () => {
    for (const status of ['199', '203', '122']) {
      assert.equal(isRetryableAnswer('GetReportInfo', status, 200), true, status);
      assert.equal(isRetryableAnswer('retrieve', status, 200), true, status);
      assert.equal(isRetryableAnswer('CreateReport', status, 200), false, status);
    }
    assert.equal(isRetryableAnswer('GetReportInfo', null, 502), true);
    assert.equal(isRetryableAnswer('CreateReport', null, 502), false);
    for (const status of ['101', '107', '115', '201', '202', '112']) assert.equal(isRetryableAnswer('GetReportInfo', status, 200), false, status);
  });

  it('treats only connect-phase failures as never sent', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const dns = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) });
    const everyAddressRefused = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ECONNREFUSED' })]),
    });
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    const mixed = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'UND_ERR_SOCKET' })]),
    });
    assert.equal(provablyNeverSent(refused), true);
    assert.equal(provablyNeverSent(dns), true);
    assert.equal(provablyNeverSent(everyAddressRefused), true);
    assert.equal(provablyNeverSent(reset), false);
    assert.equal(provablyNeverSent(mixed), false);
    assert.equal(provablyNeverSent(new Error('no code at all')), false);
    assert.equal(isRetryableNetworkFailure('CreateReport', true), true);
    assert.equal(isRetryableNetworkFailure('CreateReport', false), false);
    assert.equal(isRetryableNetworkFailure('GetReportInfo', false), true);
  });
});

describe('paths', () => {
  it('serves both path styles and keeps a base path prefix', () => {
    const base = normaliseBaseUrl('https://api.example.com');
    assert.equal(endpointUrl(base, 'pro', 'CreateReport').href, 'https://api.example.com/api/yj/Report/CreateReport');
    assert.equal(endpointUrl(base, 'open', 'GetReportInfo').href, 'https://api.example.com/Report/GetReportInfo');
    const prefixed = normaliseBaseUrl('https://gw.example.com/zhengxin');
    assert.equal(endpointUrl(prefixed, 'open', 'CreateReport').href, 'https://gw.example.com/zhengxin/Report/CreateReport');
  });

  it('resolves the relative ReportUrl against the host and leaves absolute ones alone', () => {
    const base = normaliseBaseUrl('https://api.example.com/');
    assert.equal(resolveReportUrl(base, '/api/rpt/retrieve?code=ab').href, 'https://api.example.com/api/rpt/retrieve?code=ab');
    assert.equal(resolveReportUrl(base, 'https://cdn.example.com/x.pdf').href, 'https://cdn.example.com/x.pdf');
  });

  it('rejects base URLs it cannot use, naming the problem', () => {
    assert.throws(() => normaliseBaseUrl('api.example.com'), /not an absolute URL/);
    assert.throws(() => normaliseBaseUrl('ftp://api.example.com'), /http or https/);
    assert.throws(() => normaliseBaseUrl('https://api.example.com/?x=1'), /query string/);
  });
});

describe('download headers', () => {
  it('prefers the RFC 5987 file name and falls back to the ASCII one', () => {
    const header = `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent('北京某某科技有限公司.pdf')}`;
    assert.equal(filenameFromContentDisposition(header), '北京某某科技有限公司.pdf');
    assert.equal(filenameFromContentDisposition('attachment; filename="a \\"b\\".pdf"'), 'a "b".pdf');
    assert.equal(filenameFromContentDisposition('attachment; filename=plain.pdf'), 'plain.pdf');
    assert.equal(filenameFromContentDisposition(null), null);
  });

  it('makes suggested names safe to write in the current directory', () => {
    assert.equal(safeFilename('../../etc/passwd'), 'passwd');
    assert.equal(safeFilename('..\\..\\evil.pdf'), 'evil.pdf');
    assert.equal(safeFilename('.hidden'), 'hidden');
    assert.equal(safeFilename('a\u0000b.pdf'), 'a_b.pdf');
    assert.equal(safeFilename('..'), null);
  });

  it('parses Content-Range', () => {
    assert.deepEqual(parseContentRange('bytes 100-199/200'), { start: 100, total: 200 });
    assert.deepEqual(parseContentRange('bytes 100-199/*'), { start: 100, total: null });
    assert.equal(parseContentRange('items 1-2/3'), null);
    assert.equal(parseContentRange(null), null);
  });
});
