/**
 * The real-time operator endpoints under /admin (behind the admin token, registered by
 * src/admin/routes.ts): data push, the change feed, callback deliveries.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { Clock } from '../ops/clock.js';
import { MAX_JSON_DEPTH, scanJson } from '../protocol/body-parsers.js';
import { JsonBody } from '../protocol/params.js';
import { findDelivery, listDeliveries, replayDelivery } from './deliveries.js';
import { FeedQueryError, parseFeedQuery, readFeed } from './feed.js';
import { appendRecord, pushBatch, pushDocument, PushError, type BatchItem } from './push.js';

/** A whole company document may be far larger than an API call's parameters. */
export const PUSH_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** A batch push's body (NDJSON or a JSON array): some 20,000 documents of a few KB; split larger feeds. */
export const BATCH_PUSH_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export interface RealtimeAdminDeps {
  readonly db: Kysely<Schema>;
  readonly clock: Clock;
  /** After an accepted push (wakes an in-process callback dispatcher). */
  readonly onChange?: () => void;
}

export function registerRealtimeAdminRoutes(admin: FastifyInstance, deps: RealtimeAdminDeps): void {
  admin.put('/admin/companies/:keyNo', { bodyLimit: PUSH_BODY_LIMIT_BYTES }, async (request, reply) => {
    const result = await pushDocument(deps.db, (request.params as { keyNo: string }).keyNo, documentOf(request.body), deps.clock.now());
    deps.onChange?.();
    return reply.code(result.status === 'imported' ? 201 : 200).send(result);
  });
  // The batch push reads its body itself (NDJSON, or a JSON array the app's JSON parser refuses as
  // not an object), so it lives in a scope with its own parsers; the admin token hook is inherited.
  void admin.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    for (const type of ['application/json', 'application/x-ndjson']) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: BATCH_PUSH_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    }
    scope.post('/admin/companies', { bodyLimit: BATCH_PUSH_BODY_LIMIT_BYTES }, async (request) => {
      const items = batchItemsOf(request.headers['content-type'], request.body);
      const results = await pushBatch(deps.db, items, deps.clock.now());
      deps.onChange?.();
      const count = (status: string) => results.filter((r) => r.status === status).length;
      return { imported: count('imported'), updated: count('updated'), unchanged: count('unchanged'), rejected: count('rejected'), results };
    });
  });
  admin.post('/admin/companies/:keyNo/records/:category', { bodyLimit: PUSH_BODY_LIMIT_BYTES }, async (request, reply) => {
    const { keyNo, category } = request.params as { keyNo: string; category: string };
    const result = await appendRecord(deps.db, keyNo, category, documentOf(request.body), deps.clock.now());
    deps.onChange?.();
    return reply.code(200).send(result);
  });
  admin.get('/admin/events', async (request) => {
    const { after, limit } = parseFeedQuery(request.query as Record<string, unknown>);
    return readFeed(deps.db, after, limit);
  });
  /** The callback log: newest first; `key` (an account), `state` (pending, delivered, failed), `limit`. */
  admin.get('/admin/deliveries', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const limit = q.limit === undefined ? undefined : Number(q.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) throw new FeedQueryError('limit', 'must be from 1 to 1000');
    if (q.state !== undefined && !['pending', 'delivered', 'failed'].includes(q.state)) throw new FeedQueryError('state', 'must be pending, delivered or failed');
    return { deliveries: await listDeliveries(deps.db, { ...(q.key ? { accountKey: q.key } : {}), ...(q.state ? { state: q.state } : {}), ...(limit ? { limit } : {}) }) };
  });
  admin.get('/admin/deliveries/:id', async (request, reply) => {
    const d = await findDelivery(deps.db, (request.params as { id: string }).id);
    return d ? { delivery: d } : reply.code(404).send({ error: 'no such delivery' });
  });
  /** Sends a delivery again (whatever its state), with a fresh 24 h of retries. */
  admin.post('/admin/deliveries/:id/replay', async (request, reply) => {
    const d = await replayDelivery(deps.db, (request.params as { id: string }).id, deps.clock.now());
    if (!d) return reply.code(404).send({ error: 'no such delivery' });
    deps.onChange?.();
    return { delivery: d };
  });
}

/** The app's JSON parser hands a JsonBody (or a MalformedBody, which no document is). */
function documentOf(raw: unknown): unknown {
  if (raw instanceof JsonBody) return raw.members;
  return raw === undefined ? null : raw;
}

/**
 * A batch push body as documents with their place: NDJSON (`application/x-ndjson`, one document
 * a line, blank lines skipped) or a JSON array (`application/json`). A body that cannot be read as
 * either is refused whole (nothing was written); a bad line is left to `pushBatch` to answer.
 */
export function batchItemsOf(contentType: string | undefined, body: unknown): BatchItem[] {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!Buffer.isBuffer(body) || (type !== 'application/json' && type !== 'application/x-ndjson')) {
    throw new PushError(400, 'Content-Type', 'send documents as application/x-ndjson (one a line) or application/json (an array)');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new PushError(400, '(body)', 'not UTF-8');
  }
  let items: BatchItem[];
  if (type === 'application/x-ndjson') {
    items = [];
    text.split('\n').forEach((raw, i) => {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() !== '') items.push({ line: i + 1, text: line });
    });
  } else {
    // The array adds one level to its documents' nesting; bounded before parsing, as the API's bodies.
    if (scanJson(text).tooDeep) throw new PushError(400, '(body)', `nested deeper than ${MAX_JSON_DEPTH} levels`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new PushError(400, '(body)', `malformed JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new PushError(400, '(body)', 'a JSON body must be an array of company documents');
    items = parsed.map((value, i) => ({ line: i + 1, value }));
  }
  if (items.length === 0) throw new PushError(400, '(body)', 'no documents');
  return items;
}
