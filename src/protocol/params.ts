import type { Dtype } from './envelope.js';

/**
 * Request parameters: the query string, overridden by a form or JSON body (body wins on a clash,
 * PROTOCOL.md). Names match exactly first, then case-insensitively, because hand-written vendor
 * clients are not consistent about `keyNo` vs `keyno`.
 */
export class Params {
  private readonly exact = new Map<string, string>();
  private readonly folded = new Map<string, string>();

  constructor(...sources: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>) {
    for (const source of sources) {
      if (!source) continue;
      for (const [name, raw] of Object.entries(source)) {
        const value = scalar(raw);
        if (value === undefined) continue;
        this.exact.set(name, value);
        this.folded.set(name.toLowerCase(), value);
      }
    }
  }

  get(name: string): string | undefined {
    return this.exact.get(name) ?? this.folded.get(name.toLowerCase());
  }
}

/** Query strings may repeat a name (first one wins); JSON may carry numbers (`"reportFormat": 1`). */
function scalar(raw: unknown): string | undefined {
  if (Array.isArray(raw)) return scalar(raw[0]);
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/** The envelope to answer in, decided before any check so that errors use it too. */
export function requestedDtype(params: Params): Dtype {
  return params.get('dtype')?.trim().toLowerCase() === 'xml' ? 'xml' : 'json';
}

/** `dtype` is json (default) or xml; anything else is a parameter error (202). */
export function dtypeValid(params: Params): boolean {
  const d = params.get('dtype');
  return d === undefined || d === '' || ['json', 'xml'].includes(d.trim().toLowerCase());
}

/** `reportFormat`: `1` pdf (default), `2` word; anything else is a parameter error (202). */
export function parseReportFormat(params: Params): 'pdf' | 'word' | undefined {
  const f = params.get('reportFormat')?.trim();
  if (f === undefined || f === '' || f === '1') return 'pdf';
  if (f === '2') return 'word';
  return undefined;
}

export function extensionsRequested(params: Params): boolean {
  return params.get('ext')?.trim() === '1';
}
