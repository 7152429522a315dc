import { type Compilable, type CompiledQuery, createQueryId, type Kysely, type QueryResult } from 'kysely';
import type { Schema } from './schema.js';

/**
 * A query built and compiled by Kysely once per dialect, then executed any number of times with
 * fresh parameters. Building and compiling a small query costs more CPU than SQLite spends running
 * it (measured ~12 µs of a ~36 µs point look-up), and the API's hot path runs the same few shapes
 * thousands of times a second.
 *
 * `build` is an ordinary Kysely query written against its arguments. It is called once per dialect
 * with stand-in values (unique marker strings); after compiling, each marker's position among the
 * bound parameters is remembered, and `execute` puts the real arguments there. The SQL stays
 * parameterised: arguments only ever travel as bound values. The arguments must therefore be
 * handed to the query as values as they are (`where('key', '=', key)`), never used in JavaScript
 * (`new Date(nowMs)`, `if (limit)`) or spliced into SQL text (`sql.raw`); compiling throws when a
 * marker is missing from the parameters or appears in the SQL text.
 */
export interface CompiledStatement<Args extends readonly unknown[], Row> {
  execute(db: Kysely<Schema>, ...args: Args): Promise<QueryResult<Row>>;
  /** The first row, or undefined. */
  first(db: Kysely<Schema>, ...args: Args): Promise<Row | undefined>;
}

interface Template {
  readonly compiled: CompiledQuery;
  /** For each bound parameter: the argument index it takes, or -1 for a constant of the query. */
  readonly slots: readonly number[];
}

const MARKER_PREFIX = '\u0000zhengxin-query-argument-';

export function compiledStatement<Args extends readonly unknown[], Row>(
  build: (db: Kysely<Schema>, ...args: Args) => Compilable<Row>,
  options: { arity?: number } = {},
): CompiledStatement<Args, Row> {
  const arity = options.arity ?? build.length - 1;
  if (!Number.isInteger(arity) || arity < 0) throw new RangeError(`compiledStatement: arity must be a whole number ≥ 0, got ${String(options.arity)}`);
  // One template per dialect adapter: a transaction shares its database's adapter, so it reuses
  // the database's template.
  const templates = new WeakMap<object, Template>();

  const template = (db: Kysely<Schema>): Template => {
    const adapter = db.getExecutor().adapter;
    let t = templates.get(adapter);
    if (!t) {
      t = compileTemplate(db, build, arity);
      templates.set(adapter, t);
    }
    return t;
  };

  const execute = (db: Kysely<Schema>, ...args: Args): Promise<QueryResult<Row>> => {
    let t: Template;
    try {
      t = template(db);
    } catch (err) {
      return Promise.reject(err);
    }
    const { compiled, slots } = t;
    const parameters = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      parameters[i] = slot < 0 ? compiled.parameters[i] : args[slot];
    }
    return db.executeQuery<Row>({ sql: compiled.sql, query: compiled.query, parameters, queryId: createQueryId() });
  };

  return {
    execute,
    async first(db, ...args) {
      return (await execute(db, ...args)).rows[0];
    },
  };
}

function compileTemplate<Args extends readonly unknown[], Row>(db: Kysely<Schema>, build: (db: Kysely<Schema>, ...args: Args) => Compilable<Row>, arity: number): Template {
  const markers = Array.from({ length: arity }, (_, i) => `${MARKER_PREFIX}${i}\u0000`);
  const compiled = build(db, ...(markers as unknown as Args)).compile();
  const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARKER_PREFIX) ? markers.indexOf(p) : -1));
  if (compiled.sql.includes(MARKER_PREFIX)) {
    throw new Error(`compiledStatement: an argument was spliced into the SQL text instead of bound as a value: ${compiled.sql.replaceAll('\u0000', '␀')}`);
  }
  for (let i = 0; i < arity; i++) {
    if (!slots.includes(i)) throw new Error(`compiledStatement: argument ${i + 1} of ${arity} does not reach the query as a bound value (used in JavaScript, or not at all): ${compiled.sql}`);
  }
  return { compiled, slots };
}
