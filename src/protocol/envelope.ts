import { SUCCESS_MESSAGES, STATUS_MESSAGES, type ErrorStatus } from './status-codes.js';

export type Dtype = 'json' | 'xml';
export type InterfaceName = keyof typeof SUCCESS_MESSAGES;

/** Result fields in wire order; `null` renders as JSON null and an empty XML element. */
export type ResultFields = ReadonlyArray<readonly [name: string, value: string | null]>;

/**
 * Any result a company-data interface answers: objects (members in wire order), arrays, strings,
 * integers (`Paging`, `VerifyResult`), null.
 */
export type ResultValue = string | number | boolean | null | ResultObject | readonly ResultValue[];
export interface ResultObject {
  readonly [name: string]: ResultValue;
}

/** OPENAPI-SHAPES.md §2: integers. */
export interface Paging {
  readonly PageSize: number;
  readonly PageIndex: number;
  readonly TotalRecords: number;
}

/** The element each item of an array is written as in XML, given the array's own element name. */
export type XmlItemName = (arrayName: string) => string;

export interface Envelope {
  readonly status: string;
  readonly message: string;
  /** Report interfaces: fields in order; company-data interfaces: any value. */
  readonly result: ResultFields | ResultValue;
  /** Company-data envelope only (its presence selects that shape: Status, Message, OrderNumber, Paging, Result). */
  readonly orderNumber?: string;
  /** Company-data envelope: absent leaves `Paging` out, null writes `"Paging": null`. */
  readonly paging?: Paging | null;
  readonly xmlItemName?: XmlItemName;
}

export function successEnvelope(name: InterfaceName, result: ResultFields): Envelope {
  return { status: '200', message: SUCCESS_MESSAGES[name], result };
}

export function errorEnvelope(status: ErrorStatus): Envelope {
  return { status, message: STATUS_MESSAGES[status], result: null };
}

/** The report envelope (no OrderNumber) carries its result as fields in order. */
const fieldsOf = (e: Envelope): ResultFields | undefined => (e.orderNumber === undefined && Array.isArray(e.result) ? (e.result as ResultFields) : undefined);

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

export function renderEnvelope(envelope: Envelope, dtype: Dtype): { body: string; contentType: string } {
  return dtype === 'xml'
    ? { body: renderXml(envelope), contentType: XML_CONTENT_TYPE }
    : { body: renderJson(envelope), contentType: JSON_CONTENT_TYPE };
}

/** Key order is part of the contract (Status, Message, Result), so the object is built explicitly. */
export function renderJson(envelope: Envelope): string {
  const fields = fieldsOf(envelope);
  const result = fields ? Object.fromEntries(fields) : envelope.result;
  if (envelope.orderNumber === undefined) return JSON.stringify({ Status: envelope.status, Message: envelope.message, Result: result });
  return JSON.stringify({
    Status: envelope.status,
    Message: envelope.message,
    OrderNumber: envelope.orderNumber,
    ...(envelope.paging !== undefined ? { Paging: envelope.paging } : {}),
    Result: result,
  });
}

const XML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n';

export function renderXml(envelope: Envelope): string {
  let out = XML_HEAD + `<Status>${escapeXml(envelope.status)}</Status>\n<Message>${escapeXml(envelope.message)}</Message>\n`;
  if (envelope.orderNumber !== undefined) out += `<OrderNumber>${escapeXml(envelope.orderNumber)}</OrderNumber>\n`;
  if (envelope.paging !== undefined) out += xmlValue('Paging', envelope.paging, defaultItemName);
  const fields = fieldsOf(envelope);
  if (envelope.result === null) {
    out += '<Result></Result>\n';
  } else if (fields) {
    out += '<Result>\n';
    for (const [name, value] of fields) out += `<${name}>${value === null ? '' : escapeXml(value)}</${name}>\n`;
    out += '</Result>\n';
  } else {
    out += xmlValue('Result', envelope.result as ResultValue, envelope.xmlItemName ?? defaultItemName);
  }
  return out + '</YJServiceResult>';
}

/**
 * The element an array's items are written as, from the array's own name, in the way the vendor's
 * .NET XML serializer names list items (OPENAPI-SHAPES.md has no recorded XML list, so the names
 * are our inference [I], documented in docs/integration.md): a list of strings repeats `<string>`
 * (what XmlSerializer writes for List<string>); `…List` drops `List` (`TagList` → `Tag`); a plural
 * becomes its singular (`Partners` → `Partner`, `Branches` → `Branch`, `ChangeRecords` →
 * `ChangeRecord`); any other name is repeated as it is (`OriginalName`, `WebSite`). An interface
 * names its own top-level items (`Result`, a check's `Data`) through `xmlItemName`.
 */
export function vendorItemName(arrayName: string): string {
  if (arrayName.endsWith('List') && arrayName.length > 4) return arrayName.slice(0, -4);
  if (arrayName.endsWith('ies')) return `${arrayName.slice(0, -3)}y`;
  if (/(?:ch|sh|x|ss)es$/.test(arrayName)) return arrayName.slice(0, -2);
  if (arrayName.endsWith('s') && !arrayName.endsWith('ss')) return arrayName.slice(0, -1);
  return arrayName;
}

const defaultItemName: XmlItemName = vendorItemName;

/** One element per line, as the report envelope does; an array repeats its item element. */
function xmlValue(name: string, value: ResultValue | Paging, itemName: XmlItemName): string {
  if (value === null) return `<${name}></${name}>\n`;
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>\n`;
  let out = `<${name}>\n`;
  if (Array.isArray(value)) {
    const strings = value.length > 0 && (value as readonly ResultValue[]).every((v) => typeof v === 'string');
    const item = strings ? 'string' : xmlName(itemName(name));
    for (const v of value as readonly ResultValue[]) out += xmlValue(item, v, itemName);
  } else {
    for (const [k, v] of Object.entries(value)) out += xmlValue(xmlName(k), v as ResultValue, itemName);
  }
  return out + `</${name}>\n`;
}

/** Member names come from our declarations, but an element name must never carry markup. */
function xmlName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `_${clean}`;
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
