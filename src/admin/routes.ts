import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import {
  AccountNotFoundError, accountView, createAccount, findAccount, listAccounts, rotateSecret, updateAccount,
} from '../accounts/accounts.js';
import { InputError, parseAccountPatch, parseNewAccount, parseOrderListQuery, parseSettingsPatch } from '../accounts/account-input.js';
import { ProductInputError } from '../accounts/products.js';
import type { SecretBox } from '../accounts/secrets.js';
import { readSystemSettings, updateSystemSettings } from '../accounts/system-settings.js';
import type { Schema } from '../db/schema.js';
import type { Clock } from '../ops/clock.js';
import { findOrder, listOrders } from '../orders/orders.js';
import { rerenderFailedOrder, rerenderProblemText } from '../orders/rerender.js';
import type { JobQueue } from '../queue/job-queue.js';
import { INTERFACE_REGISTRY } from '../protocol/catalogue.js';
import { JsonBody } from '../protocol/params.js';
import { registerRealtimeAdminRoutes } from '../realtime/admin-routes.js';
import { FeedQueryError } from '../realtime/feed.js';
import { PushError } from '../realtime/push.js';
import { callbackDestinationProblem } from '../realtime/callback-destination.js';

/**
 * The operator API under /admin (the CLI's operations over HTTP, for the web console), behind
 * `Authorization: Bearer <ZHENGXIN_ADMIN_TOKEN>`. Without a configured token /admin does not exist.
 * Answers plain JSON, not the vendor envelope.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: {
  db: Kysely<Schema>; secrets: SecretBox; adminToken: string | undefined; clock: Clock; onChange?: () => void;
  /** For re-rendering a failed order: its job is queued like an API order's, then `onOrderCommitted` hurries it. */
  jobQueue?: JobQueue; onOrderCommitted?: () => void;
  /** ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1: callback URLs may point at private addresses. */
  callbackAllowPrivate?: boolean;
}): void {
  const token = deps.adminToken;
  if (!token) return;
  const expected = crypto.createHash('sha256').update(token).digest();

  void app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => {
      const auth = request.headers.authorization ?? '';
      const presented = /^Bearer\s+(.+)$/i.exec(auth)?.[1] ?? '';
      // Hashing both sides gives equal-length buffers, so the comparison is constant-time.
      const ok = crypto.timingSafeEqual(crypto.createHash('sha256').update(presented).digest(), expected);
      if (!ok) return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'missing or wrong admin bearer token' });
    });
    admin.setErrorHandler((err, request, reply) => {
      // Every input goes through the same schema as the CLI's (src/accounts/account-input.ts).
      if (err instanceof InputError) return reply.code(400).send({ error: err.message, field: err.field, reason: err.reason });
      if (err instanceof PushError) return reply.code(err.statusCode).send({ error: err.message, field: err.field, reason: err.reason });
      if (err instanceof FeedQueryError) return reply.code(400).send({ error: err.message, field: err.field, reason: err.reason });
      if (err instanceof AccountNotFoundError) return reply.code(404).send({ error: err.message });
      if (err instanceof ProductInputError) return reply.code(400).send({ error: err.message });
      const statusCode = (err as { statusCode?: number }).statusCode;
      if (statusCode && statusCode < 500) return reply.code(statusCode).send({ error: (err as Error).message });
      if (err instanceof Error && !(err as { code?: unknown }).code) return reply.code(400).send({ error: err.message });
      request.log.error({ err }, 'admin request failed');
      return reply.code(500).send({ error: 'internal error', requestId: request.id });
    });

    registerRealtimeAdminRoutes(admin, { db: deps.db, clock: deps.clock, ...(deps.onChange ? { onChange: deps.onChange } : {}) });
    admin.get('/admin/accounts', async () => ({ accounts: (await listAccounts(deps.db)).map(accountView) }));
    /** A callback URL set here is refused at once when it points at a private address (delivery checks again). */
    const destinationAllowed = async (url: string | null | undefined) => {
      const problem = url ? await callbackDestinationProblem(url, { allowPrivate: deps.callbackAllowPrivate ?? false, revealAddress: true }) : undefined;
      if (problem) throw new InputError('callbackUrl', problem);
    };
    admin.post('/admin/accounts', async (request, reply) => {
      const input = parseNewAccount(bodyOf(request.body), INTERFACE_REGISTRY);
      await destinationAllowed(input.callbackUrl);
      const { account, secretKey } = await createAccount(deps.db, deps.secrets, input, deps.clock.now(), INTERFACE_REGISTRY);
      return reply.code(201).send({ key: account.key, secretKey, account: accountView(account) });
    });
    admin.get('/admin/accounts/:key', async (request, reply) => {
      const account = await findAccount(deps.db, (request.params as { key: string }).key);
      return account ? { account: accountView(account) } : notFound(reply, 'no such account');
    });
    admin.patch('/admin/accounts/:key', async (request) => {
      const patch = parseAccountPatch(bodyOf(request.body), INTERFACE_REGISTRY);
      await destinationAllowed(patch.callbackUrl);
      const account = await updateAccount(deps.db, (request.params as { key: string }).key, patch, deps.clock.now(), INTERFACE_REGISTRY);
      return { account: accountView(account) };
    });
    admin.post('/admin/accounts/:key/rotate-secret', async (request) => {
      const key = (request.params as { key: string }).key;
      return { key, secretKey: await rotateSecret(deps.db, deps.secrets, key, deps.clock.now()) };
    });
    admin.get('/admin/orders', async (request) => {
      return { orders: await listOrders(deps.db, parseOrderListQuery(request.query)) };
    });
    admin.get('/admin/orders/:orderNo', async (request, reply) => {
      const order = await findOrder(deps.db, (request.params as { orderNo: string }).orderNo);
      return order ? { order } : notFound(reply, 'no such order');
    });
    /**
     * Re-renders a failed order as a new, linked order: `{ "charge": true|false, "by": "name" }`
     * (docs/console.md, 订单). `by` names the operator in the link (`admin:<by>`).
     */
    admin.post('/admin/orders/:orderNo/rerender', async (request, reply) => {
      const body = (bodyOf(request.body) ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body)) throw new InputError('(body)', 'must be a JSON object');
      if (typeof body.charge !== 'boolean') throw new InputError('charge', "must be true (charge the failed order's price again) or false (free of charge)");
      // eslint-disable-next-line no-control-regex
      if (body.by !== undefined && (typeof body.by !== 'string' || !/^[^\u0000-\u001f\u007f]{1,40}$/.test(body.by))) throw new InputError('by', 'must be a name of 1 to 40 printable characters');
      if (!deps.jobQueue) throw new Error('this process has no job queue to re-render with');
      const result = await rerenderFailedOrder(deps.db, deps.jobQueue, {
        orderNo: (request.params as { orderNo: string }).orderNo, charge: body.charge, actor: `admin:${typeof body.by === 'string' ? body.by : 'api'}`, nowMs: deps.clock.now(),
      });
      if (!result.ok) return reply.code(result.problem === 'not-found' ? 404 : 409).send({ error: rerenderProblemText(result), ...(result.problem === 'already' ? { orderNo: result.link.orderNo } : {}) });
      deps.onOrderCommitted?.();
      return reply.code(201).send({ order: result.order, rerender: result.link });
    });
    admin.get('/admin/settings', async () => ({ settings: await readSystemSettings(deps.db) }));
    /** The registered interfaces: what `interfaces` and `prices` of an account may name. */
    admin.get('/admin/interfaces', async () => ({
      interfaces: INTERFACE_REGISTRY.declarations.map((d) => ({ name: d.name, paths: d.paths, billing: d.billing, summary: d.summary })),
    }));
    admin.patch('/admin/settings', async (request) => ({ settings: await updateSystemSettings(deps.db, parseSettingsPatch(bodyOf(request.body), INTERFACE_REGISTRY), INTERFACE_REGISTRY) }));
  });
}

/** The app's JSON parser (shared with the API) hands over a depth-checked JsonBody. */
function bodyOf(raw: unknown): unknown {
  return raw instanceof JsonBody ? raw.members : raw;
}

function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).send({ error: message });
}
