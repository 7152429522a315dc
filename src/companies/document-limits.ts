/**
 * Limits a parsed document must keep so that every later reader can handle it: the report's
 * snapshot (structuredClone), canonical JSON and the renderers all walk documents recursively,
 * and a number JSON.parse turned into Infinity or a rounded integer would be printed as if it
 * were the figure the source gave. Checked once on import, so that nothing is stored that cannot
 * be served.
 */

/** Arrays and objects inside one another; real documents nest 4 levels, recursive readers manage thousands. */
export const MAX_DOCUMENT_DEPTH = 32;
/** Arrays, objects and scalars in one document; a synthetic document has ~300, the largest real ones a few thousand. */
export const MAX_DOCUMENT_VALUES = 200_000;

/**
 * The first value of `doc` that breaks a limit, as a reason naming where it is, or undefined.
 * Iterative (an explicit stack), so that a hostile document cannot overflow this check's own
 * stack; paths are only worked out for the value at fault (every document walks this, so the
 * common case builds no strings).
 */
export function documentLimitViolation(doc: unknown): string | undefined {
  const values: unknown[] = [doc];
  const depths: number[] = [0];
  let seen = 0;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (++seen > MAX_DOCUMENT_VALUES) return `document has more than ${MAX_DOCUMENT_VALUES} values`;
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) return describe(doc, (v) => v === value);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DOCUMENT_DEPTH) return describe(doc, (v) => v === value);
    if (Array.isArray(value)) {
      for (const v of value) {
        values.push(v);
        depths.push(depth + 1);
      }
    } else {
      for (const k in value) {
        values.push((value as Record<string, unknown>)[k]);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

/** The reason for the first value (depth-first, document order) `isCulprit` picks, with its JSON Pointer. */
function describe(doc: unknown, isCulprit: (v: unknown) => boolean): string {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: doc, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    const where = path || '(document)';
    if (typeof value === 'number' && isCulprit(value)) {
      return Number.isFinite(value)
        ? `${where} is a whole number beyond ±2^53 (${value.toExponential()}), which cannot be kept exactly`
        : `${where} is a number out of range (${String(value)} once parsed)`;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DOCUMENT_DEPTH) return `${where} nests deeper than ${MAX_DOCUMENT_DEPTH} levels`;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: `${path}/${entries[i]![0]}`, depth: depth + 1 });
  }
  return 'document breaks a limit';
}
