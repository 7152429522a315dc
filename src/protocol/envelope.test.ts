import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorEnvelope, escapeXml, renderJson, renderXml, successEnvelope } from './envelope.js';

describe('envelope', () => {
  it('renders the documented XML shape', () => {
    const xml = renderXml(successEnvelope('CreateReport', [['OrderNo', '96a229095bd04c0aad6b8b1e0c5f2a71']]));
    assert.equal(xml, [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
      '<Status>200</Status>',
      '<Message>报告下单成功</Message>',
      '<Result>',
      '<OrderNo>96a229095bd04c0aad6b8b1e0c5f2a71</OrderNo>',
      '</Result>',
      '</YJServiceResult>',
    ].join('\n'));
  });
  it('renders errors with an empty Result / null', () => {
    assert.match(renderXml(errorEnvelope('201')), /<Result><\/Result>/);
    assert.equal(renderJson(errorEnvelope('201')), '{"Status":"201","Message":"【有效请求】查询无结果","Result":null}');
  });
  it('renders null fields as JSON null and empty XML elements', () => {
    const e = successEnvelope('GetReportInfo', [['ReportStatus', 'P'], ['ReportUrl', null]]);
    assert.equal(renderJson(e), '{"Status":"200","Message":"查询成功","Result":{"ReportStatus":"P","ReportUrl":null}}');
    assert.match(renderXml(e), /<ReportUrl><\/ReportUrl>/);
  });
  it('escapes markup and drops characters XML 1.0 forbids', () => {
    assert.equal(escapeXml('A&B <c> "d" \'e\'\u0001\u0008\t\n\uFFFE\uD800x😀'), 'A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;\t\nx😀');
  });
});
