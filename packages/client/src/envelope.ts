/**
 * The answer envelope (PROTOCOL.md, Envelope): `Status` (a string code), `Message` and `Result`,
 * as JSON or, with dtype=xml, as XML. Both parse into the same shape.
 */
import { parseXmlEnvelope } from './xml-envelope.js';

export type ResultFields = Readonly<Record<string, string | null>>;

export interface Envelope {
  readonly status: string;
  readonly message: string;
  /** The fields of `Result`, or null for an error (JSON `null`, XML empty element). */
  readonly result: ResultFields | null;
}

export type EnvelopeFormat = 'json' | 'xml';

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/** Picks the parser from the Content-Type, falling back to the format we asked for. */
export function envelopeFormatOf(contentType: string | null, requested: EnvelopeFormat): EnvelopeFormat {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml')) return 'xml';
  return requested;
}

export function parseEnvelope(body: string, format: EnvelopeFormat): Envelope {
  return format === 'xml' ? parseXmlEnvelope(body) : parseJsonEnvelope(body);
}

export function parseJsonEnvelope(body: string): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new EnvelopeError(`JSON envelope: not JSON: ${JSON.stringify(body.slice(0, 80))}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EnvelopeError('JSON envelope: not an object');
  }
  const { Status, Message, Result } = parsed as Record<string, unknown>;
  // The protocol sends Status as a string; some vendor deployments have sent numbers.
  if (typeof Status !== 'string' && typeof Status !== 'number') throw new EnvelopeError('JSON envelope: Status missing');
  if (Message !== undefined && Message !== null && typeof Message !== 'string') {
    throw new EnvelopeError('JSON envelope: Message is not a string');
  }
  return { status: String(Status), message: Message ?? '', result: jsonResultFields(Result) };
}

function jsonResultFields(result: unknown): ResultFields | null {
  if (result === null || result === undefined) return null;
  if (typeof result !== 'object' || Array.isArray(result)) throw new EnvelopeError('JSON envelope: Result is not an object');
  const fields: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(result)) {
    if (value === null || value === undefined) fields[name] = null;
    else if (typeof value === 'string') fields[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
    else throw new EnvelopeError(`JSON envelope: Result.${name} is not a scalar`);
  }
  return fields;
}
