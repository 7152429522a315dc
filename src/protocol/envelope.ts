import { SUCCESS_MESSAGES, STATUS_MESSAGES, type ErrorStatus } from './status-codes.js';

export type Dtype = 'json' | 'xml';
export type InterfaceName = keyof typeof SUCCESS_MESSAGES;

/** Result fields in wire order; `null` renders as JSON null and an empty XML element. */
export type ResultFields = ReadonlyArray<readonly [name: string, value: string | null]>;

export interface Envelope {
  readonly status: string;
  readonly message: string;
  readonly result: ResultFields | null;
}

export function successEnvelope(name: InterfaceName, result: ResultFields): Envelope {
  return { status: '200', message: SUCCESS_MESSAGES[name], result };
}

export function errorEnvelope(status: ErrorStatus): Envelope {
  return { status, message: STATUS_MESSAGES[status], result: null };
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

export function renderEnvelope(envelope: Envelope, dtype: Dtype): { body: string; contentType: string } {
  return dtype === 'xml'
    ? { body: renderXml(envelope), contentType: XML_CONTENT_TYPE }
    : { body: renderJson(envelope), contentType: JSON_CONTENT_TYPE };
}

/** Key order is part of the contract (Status, Message, Result), so the object is built explicitly. */
export function renderJson(envelope: Envelope): string {
  const result = envelope.result === null ? null : Object.fromEntries(envelope.result);
  return JSON.stringify({ Status: envelope.status, Message: envelope.message, Result: result });
}

const XML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n';

export function renderXml(envelope: Envelope): string {
  let out = XML_HEAD + `<Status>${escapeXml(envelope.status)}</Status>\n<Message>${escapeXml(envelope.message)}</Message>\n`;
  if (envelope.result === null) {
    out += '<Result></Result>\n';
  } else {
    out += '<Result>\n';
    for (const [name, value] of envelope.result) out += `<${name}>${value === null ? '' : escapeXml(value)}</${name}>\n`;
    out += '</Result>\n';
  }
  return out + '</YJServiceResult>';
}

/**
 * Characters XML 1.0 does not allow at all (C0 controls except tab/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF) cannot be escaped, only dropped.
 */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
