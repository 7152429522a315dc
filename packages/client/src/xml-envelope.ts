/**
 * A small strict parser for exactly the XML envelope of PROTOCOL.md (dtype=xml):
 *
 *   <?xml …?><YJServiceResult …><Status/><Message/><Result><Field>text</Field>…</Result></YJServiceResult>
 *
 * It is deliberately not a general XML parser: no DTDs, comments, CDATA, processing instructions
 * (other than the declaration) or mixed content. Anything else is rejected with an error that says
 * where, which is better than guessing at an answer that could mean "charged". Entity references
 * (the five predefined ones and numeric character references) are unescaped.
 */
import type { Envelope, ResultFields } from './envelope.js';

export class XmlEnvelopeError extends Error {
  override name = 'XmlEnvelopeError';
}

interface XmlElement {
  readonly name: string;
  readonly children: readonly XmlElement[];
  /** Character data of an element without child elements ('' when empty). */
  readonly text: string;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const WHITESPACE = /[ \t\r\n]*/y;
const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Cursor {
  pos = 0;
  constructor(readonly source: string) {}

  fail(what: string): never {
    throw new XmlEnvelopeError(`XML envelope: ${what} at offset ${this.pos}`);
  }
  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.source);
    this.pos = WHITESPACE.lastIndex;
  }
  startsWith(s: string): boolean {
    return this.source.startsWith(s, this.pos);
  }
  expect(s: string): void {
    if (!this.startsWith(s)) this.fail(`expected ${JSON.stringify(s)}`);
    this.pos += s.length;
  }
  name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.source);
    if (!m) this.fail('expected a name');
    this.pos = NAME.lastIndex;
    return m[0];
  }
}

export function unescapeXmlText(raw: string): string {
  return raw.replace(/&([^;&<]*);|&/g, (match: string, body: string | undefined) => {
    if (body === undefined) throw new XmlEnvelopeError(`XML envelope: bare "&" in text ${JSON.stringify(raw)}`);
    const named = PREDEFINED_ENTITIES[body];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric) {
      const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      if (codePoint <= 0x10ffff && codePoint > 0) return String.fromCodePoint(codePoint);
    }
    throw new XmlEnvelopeError(`XML envelope: unknown entity ${match}`);
  });
}

function parseAttributes(c: Cursor): void {
  // Attributes (the xmlns declarations) carry nothing we need; they are checked for syntax only.
  while (true) {
    const before = c.pos;
    c.skipWhitespace();
    if (c.startsWith('>') || c.startsWith('/>')) return;
    if (c.pos === before) c.fail('expected whitespace before an attribute');
    c.name();
    c.skipWhitespace();
    c.expect('=');
    c.skipWhitespace();
    const quote = c.source[c.pos];
    if (quote !== '"' && quote !== "'") c.fail('expected a quoted attribute value');
    const end = c.source.indexOf(quote, c.pos + 1);
    if (end < 0) c.fail('unterminated attribute value');
    if (c.source.slice(c.pos + 1, end).includes('<')) c.fail('"<" in an attribute value');
    c.pos = end + 1;
  }
}

function parseElement(c: Cursor, depth: number): XmlElement {
  if (depth > 3) c.fail('elements nested deeper than the envelope allows');
  c.expect('<');
  const name = c.name();
  parseAttributes(c);
  if (c.startsWith('/>')) {
    c.pos += 2;
    return { name, children: [], text: '' };
  }
  c.expect('>');
  const children: XmlElement[] = [];
  let text = '';
  while (true) {
    const lt = c.source.indexOf('<', c.pos);
    if (lt < 0) c.fail(`unterminated element <${name}>`);
    text += c.source.slice(c.pos, lt);
    c.pos = lt;
    if (c.startsWith('</')) break;
    if (c.startsWith('<!--') || c.startsWith('<![CDATA[') || c.startsWith('<!') || c.startsWith('<?')) {
      c.fail('comments, CDATA, declarations and processing instructions are not part of the envelope');
    }
    children.push(parseElement(c, depth + 1));
  }
  c.expect('</');
  const closing = c.name();
  if (closing !== name) c.fail(`</${closing}> closes <${name}>`);
  c.skipWhitespace();
  c.expect('>');
  if (children.length > 0) {
    if (text.trim() !== '') c.fail(`text mixed with elements inside <${name}>`);
    return { name, children, text: '' };
  }
  return { name, children, text: unescapeXmlText(text) };
}

export function parseXmlDocument(source: string): XmlElement {
  const c = new Cursor(source.startsWith('\uFEFF') ? source.slice(1) : source);
  c.skipWhitespace();
  if (c.startsWith('<?xml')) {
    const end = c.source.indexOf('?>', c.pos);
    if (end < 0) c.fail('unterminated XML declaration');
    c.pos = end + 2;
    c.skipWhitespace();
  }
  const root = parseElement(c, 0);
  c.skipWhitespace();
  if (c.pos !== c.source.length) c.fail('content after the root element');
  return root;
}

function onlyChild(parent: XmlElement, name: string): XmlElement {
  const found = parent.children.filter((child) => child.name === name);
  if (found.length !== 1) {
    throw new XmlEnvelopeError(`XML envelope: expected exactly one <${name}> in <${parent.name}>, found ${found.length}`);
  }
  return found[0]!;
}

export function parseXmlEnvelope(source: string): Envelope {
  const root = parseXmlDocument(source);
  if (root.name !== 'YJServiceResult') throw new XmlEnvelopeError(`XML envelope: root is <${root.name}>, expected <YJServiceResult>`);
  for (const child of root.children) {
    if (!['Status', 'Message', 'Result'].includes(child.name)) {
      throw new XmlEnvelopeError(`XML envelope: unexpected <${child.name}> in <YJServiceResult>`);
    }
  }
  const status = onlyChild(root, 'Status');
  const message = onlyChild(root, 'Message');
  const result = onlyChild(root, 'Result');
  for (const leaf of [status, message]) {
    if (leaf.children.length > 0) throw new XmlEnvelopeError(`XML envelope: <${leaf.name}> must hold text only`);
  }
  return { status: status.text.trim(), message: message.text, result: resultFields(result) };
}

function resultFields(result: XmlElement): ResultFields | null {
  // An error's <Result> is empty; whitespace alone (a pretty-printer's newline) is empty too.
  if (result.children.length === 0) {
    if (result.text.trim() !== '') throw new XmlEnvelopeError('XML envelope: <Result> holds text instead of fields');
    return null;
  }
  const fields: Record<string, string | null> = {};
  for (const field of result.children) {
    if (field.children.length > 0) throw new XmlEnvelopeError(`XML envelope: <${field.name}> in <Result> must hold text only`);
    if (Object.hasOwn(fields, field.name)) throw new XmlEnvelopeError(`XML envelope: <${field.name}> appears twice in <Result>`);
    // An empty element is the XML form of JSON's null (ReportUrl while the report is pending).
    fields[field.name] = field.text === '' ? null : field.text;
  }
  return fields;
}
