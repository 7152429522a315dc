import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envelopeFormatOf, parseEnvelope, parseJsonEnvelope } from '../src/envelope.js';
import { parseXmlEnvelope, unescapeXmlText } from '../src/xml-envelope.js';
import { xmlEnvelope } from './support/fault-server.js';

const PROTOCOL_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<Status>200</Status>
<Message>报告下单成功</Message>
<Result>
<OrderNo>96a229095bd04c0aad6b8b1e0c5f2a71</OrderNo>
</Result>
</YJServiceResult>`;

describe('XML envelope', () => {
  it('parses the example of PROTOCOL.md', () => {
    assert.deepEqual(parseXmlEnvelope(PROTOCOL_EXAMPLE), {
      status: '200',
      message: '报告下单成功',
      result: { OrderNo: '96a229095bd04c0aad6b8b1e0c5f2a71' },
    });
  });

  it('reads an empty Result as null and an empty field as null (pending ReportUrl)', () => {
    assert.equal(parseXmlEnvelope(xmlEnvelope('107', '【无效请求】被禁止的IP或者签名错误', null)).result, null);
    assert.equal(parseXmlEnvelope('<YJServiceResult><Status>201</Status><Message>x</Message><Result/></YJServiceResult>').result, null);
    const pending = parseXmlEnvelope(xmlEnvelope('200', '查询成功', { ReportStatus: 'P', ReportUrl: null }));
    assert.deepEqual(pending.result, { ReportStatus: 'P', ReportUrl: null });
    const selfClosing = parseXmlEnvelope('<YJServiceResult><Status>200</Status><Message/><Result><ReportStatus>P</ReportStatus><ReportUrl /></Result></YJServiceResult>');
    assert.deepEqual(selfClosing.result, { ReportStatus: 'P', ReportUrl: null });
  });

  it('unescapes entities, so names and URLs round-trip', () => {
    const name = '甲&乙<丙>"丁"\'戊\' (北京) 有限公司';
    const url = '/api/rpt/retrieve?code=ab&x=1';
    const parsed = parseXmlEnvelope(xmlEnvelope('200', '查询成功', { CompanyName: name, ReportUrl: url }));
    assert.deepEqual(parsed.result, { CompanyName: name, ReportUrl: url });
    assert.equal(unescapeXmlText('&#20013;&#x6587;&amp;&lt;'), '中文&<');
    assert.throws(() => unescapeXmlText('a & b'), /bare "&"/);
    assert.throws(() => unescapeXmlText('&nbsp;'), /unknown entity/);
    assert.throws(() => unescapeXmlText('&#0;'), /unknown entity/);
  });

  it('rejects anything outside the envelope shape, saying what', () => {
    const cases: Array<[string, RegExp]> = [
      ['<Other><Status>200</Status></Other>', /root is <Other>/],
      ['<YJServiceResult><Status>200</Status><Result/></YJServiceResult>', /exactly one <Message>/],
      ['<YJServiceResult><Status>200</Status><Status>201</Status><Message/><Result/></YJServiceResult>', /exactly one <Status>/],
      ['<YJServiceResult><Status>200</Status><Message/><Result/><Extra/></YJServiceResult>', /unexpected <Extra>/],
      ['<YJServiceResult><Status>200</Status><Message/><Result><A><B>1</B></A></Result></YJServiceResult>', /<A> in <Result> must hold text only/],
      ['<YJServiceResult><Status>200</Status><Message/><Result><A>1</A><A>2</A></Result></YJServiceResult>', /<A> appears twice/],
      ['<YJServiceResult><Status>200</Status><Message/><Result>text</Result></YJServiceResult>', /holds text instead of fields/],
      ['<YJServiceResult><Status>200</Status>oops<Message/><Result/></YJServiceResult>', /text mixed with elements/],
      ['<YJServiceResult><Status>200</Status><Message><![CDATA[x]]></Message><Result/></YJServiceResult>', /CDATA/],
      ['<YJServiceResult><!-- c --><Status>200</Status><Message/><Result/></YJServiceResult>', /comments/],
      ['<YJServiceResult><Status>200</Message></YJServiceResult>', /<\/Message> closes <Status>/],
      ['<YJServiceResult><Status>200</Status>', /unterminated element/],
      ['<YJServiceResult><Status>200</Status><Message/><Result/></YJServiceResult><x/>', /content after the root/],
      ['<YJServiceResult a="1"b="2"><Status>200</Status><Message/><Result/></YJServiceResult>', /whitespace before an attribute/],
    ];
    for (const [xml, message] of cases) assert.throws(() => parseXmlEnvelope(xml), message, xml);
  });
});

describe('JSON envelope', () => {
  it('parses success and error answers', () => {
    assert.deepEqual(parseJsonEnvelope('{"Status":"200","Message":"查询成功","Result":{"ReportStatus":"P","ReportUrl":null}}'), {
      status: '200',
      message: '查询成功',
      result: { ReportStatus: 'P', ReportUrl: null },
    });
    assert.deepEqual(parseJsonEnvelope('{"Status":"107","Message":"【无效请求】被禁止的IP或者签名错误","Result":null}').result, null);
    assert.equal(parseJsonEnvelope('{"Status":200,"Message":"x","Result":null}').status, '200');
  });

  it('rejects what is no envelope', () => {
    assert.throws(() => parseJsonEnvelope('<html>'), /not JSON/);
    assert.throws(() => parseJsonEnvelope('[]'), /not an object/);
    assert.throws(() => parseJsonEnvelope('{"Message":"x"}'), /Status missing/);
    assert.throws(() => parseJsonEnvelope('{"Status":"200","Result":{"a":{}}}'), /Result.a is not a scalar/);
  });

  it('picks the parser from the Content-Type, else from what was asked', () => {
    assert.equal(envelopeFormatOf('application/xml; charset=utf-8', 'json'), 'xml');
    assert.equal(envelopeFormatOf('application/json; charset=utf-8', 'xml'), 'json');
    assert.equal(envelopeFormatOf(null, 'xml'), 'xml');
    assert.equal(parseEnvelope(PROTOCOL_EXAMPLE, 'xml').status, '200');
  });
});
