import type { Dtype } from './envelope.js';

/** A parsed JSON body: its members are values as sent (an array or boolean is no parameter value). */
export class JsonBody {
  constructor(
    readonly members: Readonly<Record<string, unknown>>,
    /** Top-level names the text gave more than once (JSON.parse keeps only the last). */
    readonly repeated: ReadonlySet<string> = new Set(),
  ) {}
}

/** Query strings and form bodies as parsed: a name sent more than once holds every value in order. */
export type FormSource = Readonly<Record<string, unknown>>;

/**
 * Request parameters: the query string, overridden by a form, multipart or JSON body (body wins
 * on a clash, PROTOCOL.md). Names match exactly first, then case-insensitively, because
 * hand-written vendor clients are not consistent about `keyNo` vs `keyno`.
 *
 * One value per name (docs/integration.md, "Parameters"): within one source, a name given twice
 * (case-insensitively) with different values, or a value that is not a string (a JSON array,
 * object or boolean; JSON numbers are taken as their text), makes the call a parameter error (202)
 * — reported by `invalid()`, which the parameter step of the check order asks. `get` still
 * answers the first value, so the key can be recognised (and the failure counted) first.
 */
/**
 * Parameters that may be a JSON array of strings in a JSON body (Report/CreateBatch's `keyNos`):
 * `list` answers the items as sent, `get` their comma-joined text.
 */
const LIST_PARAMETERS = new Set(['keynos']);

export class Params {
  private readonly lists = new Map<string, string[]>();
  private readonly exact = new Map<string, string>();
  private readonly folded = new Map<string, string>();
  private problem: { reason: 'parameter_repeated' | 'parameter_not_string'; name: string } | undefined;

  constructor(...sources: ReadonlyArray<FormSource | JsonBody | undefined>) {
    for (const source of sources) {
      if (!source) continue;
      const json = source instanceof JsonBody;
      const members = json ? source.members : source;
      const seen = new Map<string, string>();
      for (const [name, raw] of Object.entries(members)) {
        if (json && source.repeated.has(name)) this.flag('parameter_repeated', name);
        if (json && Array.isArray(raw) && LIST_PARAMETERS.has(name.toLowerCase())) {
          const items = raw.map(scalar);
          if (items.some((i) => i === undefined)) this.flag('parameter_not_string', name);
          else {
            this.lists.set(name.toLowerCase(), items as string[]);
            this.exact.set(name, items.join(','));
            this.folded.set(name.toLowerCase(), items.join(','));
          }
          continue;
        }
        const values = !json && Array.isArray(raw) ? raw : [raw];
        let value: string | undefined;
        for (const v of values) {
          const text = scalar(v);
          if (text === undefined) this.flag('parameter_not_string', name);
          else if (value === undefined) value = text;
          else if (text !== value) this.flag('parameter_repeated', name);
        }
        if (value === undefined) continue;
        const lower = name.toLowerCase();
        const before = seen.get(lower);
        if (before !== undefined) {
          if (before !== value) this.flag('parameter_repeated', name);
          continue;
        }
        seen.set(lower, value);
        this.exact.set(name, value);
        this.folded.set(lower, value);
      }
    }
  }

  private flag(reason: 'parameter_repeated' | 'parameter_not_string', name: string): void {
    this.problem ??= { reason, name };
  }

  /** A list parameter sent as a JSON array (see LIST_PARAMETERS), item by item. */
  list(name: string): readonly string[] | undefined {
    return this.lists.get(name.toLowerCase());
  }

  get(name: string): string | undefined {
    return this.exact.get(name) ?? this.folded.get(name.toLowerCase());
  }

  /** The first breach of "one string value per name", if any. */
  invalid(): { reason: 'parameter_repeated' | 'parameter_not_string'; name: string } | undefined {
    return this.problem;
  }
}

/** Strings as sent; JSON numbers as their text (`"reportFormat": 1`). Anything else is no value. */
function scalar(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
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

/** `reportFormat`: `1` pdf (default), `2` word, `3` json (our extension); anything else is a parameter error (202). */
export function parseReportFormat(params: Params): 'pdf' | 'word' | 'json' | undefined {
  const f = params.get('reportFormat')?.trim();
  if (f === undefined || f === '' || f === '1') return 'pdf';
  if (f === '2') return 'word';
  if (f === '3') return 'json';
  return undefined;
}

/** `reportType` (our extension): `1`–`4`, absent or blank = 1; anything else is a parameter error (202). */
export function parseReportType(params: Params): 1 | 2 | 3 | 4 | undefined {
  const t = params.get('reportType')?.trim();
  if (t === undefined || t === '') return 1;
  return t === '1' || t === '2' || t === '3' || t === '4' ? (Number(t) as 1 | 2 | 3 | 4) : undefined;
}

export function extensionsRequested(params: Params): boolean {
  return params.get('ext')?.trim() === '1';
}
