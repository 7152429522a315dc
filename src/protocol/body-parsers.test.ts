import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedBody, parseFormBody, parseJsonBody, parseMultipartBody } from './body-parsers.js';
import { JsonBody, Params } from './params.js';

const GBK_SHANGHAI = Buffer.from([0xc9, 0xcf, 0xba, 0xa3]); // 上海 in GBK

describe('body parsers', () => {
  it('form bodies: UTF-8 by default, the declared charset honoured, repeats kept', () => {
    assert.deepEqual({ ...parseFormBody(Buffer.from('keyNo=%E4%B8%8A%E6%B5%B7+x&a=1&a=2&flag'), undefined) }, { keyNo: '上海 x', a: ['1', '2'], flag: '' });
    const gbk = Buffer.concat([Buffer.from('keyNo=%C9%CF%BA%A3&raw='), GBK_SHANGHAI]);
    assert.deepEqual({ ...parseFormBody(gbk, 'application/x-www-form-urlencoded; charset=GBK') }, { keyNo: '上海', raw: '上海' });
    assert.deepEqual({ ...parseFormBody(gbk, 'application/x-www-form-urlencoded;charset="gb18030"') }, { keyNo: '上海', raw: '上海' });
    assert.ok(parseFormBody(Buffer.from('a=%FF'), undefined) instanceof MalformedBody, 'not UTF-8');
    assert.ok(parseFormBody(Buffer.from('a=1'), 'application/x-www-form-urlencoded; charset=klingon') instanceof MalformedBody);
  });

  it('multipart bodies: fields by name, files ignored, charsets per part or _charset_', () => {
    const b = 'XyZ';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="key"\r\n\r\nabc\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="keyNo"\r\nContent-Type: text/plain; charset=GBK\r\n\r\n`), GBK_SHANGHAI, Buffer.from('\r\n'),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="doc"; filename="a.txt"\r\n\r\nignored\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="multi"\r\n\r\nline1\r\nline2\r\n--${b}--\r\n`),
    ]);
    assert.deepEqual({ ...parseMultipartBody(body, `multipart/form-data; boundary=${b}`) }, { key: 'abc', keyNo: '上海', multi: 'line1\r\nline2' });
    assert.deepEqual({ ...parseMultipartBody(body, `multipart/form-data; boundary="${b}"`) }, { key: 'abc', keyNo: '上海', multi: 'line1\r\nline2' });
    assert.ok(parseMultipartBody(body, 'multipart/form-data') instanceof MalformedBody);
    assert.ok(parseMultipartBody(body.subarray(0, 60), `multipart/form-data; boundary=${b}`) instanceof MalformedBody);
  });

  it('JSON bodies: objects only, depth bounded without recursion, repeated names noted', () => {
    const ok = parseJsonBody(Buffer.from('{"key":"k","keyNo":"上海","n":1,"s":"{[\\"]}"}'));
    assert.ok(ok instanceof JsonBody);
    assert.equal(new Params(ok).get('keyNo'), '上海');
    assert.equal(parseJsonBody(Buffer.from('  ')), undefined);
    assert.equal((parseJsonBody(Buffer.from('{"a":')) as MalformedBody).reason, 'body_malformed');
    assert.equal((parseJsonBody(Buffer.from('[1]')) as MalformedBody).reason, 'body_not_object');
    const deep = '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    assert.equal((parseJsonBody(Buffer.from(deep)) as MalformedBody).reason, 'body_too_deep');
    const twice = parseJsonBody(Buffer.from('{"keyNo":"a","x":{"keyNo":"c"},"keyNo":"b"}'));
    assert.deepEqual([...(twice as JsonBody).repeated], ['keyNo']);
    assert.equal(new Params(twice as JsonBody).invalid()?.reason, 'parameter_repeated');
  });
});
