/**
 * Fuzz: the JSON and XML envelopes are well-formed for any text (company names arrive from
 * imports and customers), escape what must be escaped, and give back exactly what was put in
 * (XML: minus the characters XML 1.0 cannot carry at all).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fuzzRuns } from '../fuzz/runs.js';
import { renderJson, renderXml, type Envelope, type ResultFields } from './envelope.js';

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  // Markup, controls, lone surrogates and non-characters, densely.
  fc.array(fc.constantFrom('<', '>', '&', '"', "'", ']', '\u0000', '\u0008', '\u000b', '\u001f', '\t', '\n', '\r', '\ud800', '\udfff', '\ufffe', '\uffff', '\ud83d\ude00', '公'), { maxLength: 12 }).map((a) => a.join('')),
  fc.constant(']]></Name><x>&amp;'),
);
const fieldName = fc.stringMatching(/^[A-Z][A-Za-z]{0,15}$/);
const envelope: fc.Arbitrary<Envelope> = fc.record({
  status: fc.oneof(fc.constantFrom('200', '201', '203'), text),
  message: text,
  result: fc.option(fc.array(fc.tuple(fieldName, fc.option(text, { nil: null })), { maxLength: 6 }), { nil: null }),
});

// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/**
 * A strict reader for exactly the envelope's shape: the declaration and root, then elements whose
 * text holds no markup and only the five predefined entities. Throws on anything else.
 */
function readXmlEnvelope(xml: string): { status: string; message: string; result: Array<[string, string]> | null } {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n';
  assert.ok(xml.startsWith(head) && xml.endsWith('</YJServiceResult>'), 'root');
  const body = xml.slice(head.length, -'</YJServiceResult>'.length);
  const element = (s: string, at: number): { name: string; text: string; next: number } => {
    const m = /^<([A-Za-z]+)>([^<]*)<\/\1>\n/.exec(s.slice(at));
    assert.ok(m, `element at ${at}: ${JSON.stringify(s.slice(at, at + 40))}`);
    assert.equal(XML_FORBIDDEN.test(m[2]!), false, 'no character XML forbids');
    XML_FORBIDDEN.lastIndex = 0;
    const unescaped = m[2]!.replace(/&[a-z]*;?/g, (e) => {
      assert.ok(e in ENTITIES, `entity ${e}`);
      return ENTITIES[e]!;
    });
    assert.ok(!/[>"']/.test(m[2]!), 'markup characters escaped');
    return { name: m[1]!, text: unescaped, next: at + m[0].length };
  };
  const status = element(body, 0);
  const message = element(body, status.next);
  assert.deepEqual([status.name, message.name], ['Status', 'Message']);
  const rest = body.slice(message.next);
  if (rest === '<Result></Result>\n') return { status: status.text, message: message.text, result: null };
  assert.ok(rest.startsWith('<Result>\n') && rest.endsWith('</Result>\n'), 'Result');
  const inner = rest.slice('<Result>\n'.length, -'</Result>\n'.length);
  const result: Array<[string, string]> = [];
  for (let at = 0; at < inner.length;) {
    const e = element(inner, at);
    result.push([e.name, e.text]);
    at = e.next;
  }
  return { status: status.text, message: message.text, result };
}

const clean = (s: string | null) => (s ?? '').replace(XML_FORBIDDEN, '');

describe('envelope fuzz', () => {
  it(`JSON: parses back to exactly the envelope, keys in contract order (${fuzzRuns()} cases)`, () => {
    fc.assert(
      fc.property(envelope, (e) => {
        const parsed = JSON.parse(renderJson(e)) as Record<string, unknown>;
        assert.deepEqual(Object.keys(parsed), ['Status', 'Message', 'Result']);
        assert.equal(parsed.Status, e.status);
        assert.equal(parsed.Message, e.message);
        assert.deepEqual(parsed.Result, e.result === null ? null : Object.fromEntries(e.result as ResultFields));
      }),
      { numRuns: fuzzRuns() },
    );
  });

  it(`XML: well-formed, escaped, and the text round-trips minus what XML forbids (${fuzzRuns()} cases)`, () => {
    fc.assert(
      fc.property(envelope, (e) => {
        const read = readXmlEnvelope(renderXml(e));
        assert.equal(read.status, clean(e.status));
        assert.equal(read.message, clean(e.message));
        assert.deepEqual(read.result, e.result === null ? null : (e.result as ResultFields).map(([n, v]) => [n, clean(v)]));
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
