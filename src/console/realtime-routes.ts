import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findAccount, updateAccount } from '../accounts/accounts.js';
import { InputError } from '../accounts/account-input.js';
import type { Schema } from '../db/schema.js';
import { INTERFACE_REGISTRY } from '../protocol/catalogue.js';
import { callbackDestinationProblem } from '../realtime/callback-destination.js';
import { callbackUrlProblem } from '../realtime/callback-url.js';
import { listDeliveries, replayDelivery, type Delivery } from '../realtime/deliveries.js';
import { listWatches } from '../realtime/watches.js';

const STATES = ['pending', 'delivered', 'failed'];
const ACCOUNT = /^[0-9a-f]{32}$/;
const WATCH_PAGE = 100;

/** A delivery in the console: what was sent where, and how it went (the signed body stays out). */
export function deliveryView(d: Delivery, audience: 'operator' | 'customer'): Record<string, unknown> {
  return {
    id: d.id, accountKey: d.accountKey, url: d.url, eventType: d.eventType, state: d.state, attempts: d.attempts, nextAt: d.nextAt,
    lastStatus: d.lastStatus, createdAt: d.createdAt, deliveredAt: d.deliveredAt,
    // A customer learns that its URL pointed somewhere private, not which internal address its name resolved to.
    lastError: audience === 'operator' || d.lastError === null ? d.lastError : d.lastError.replace(/resolves to \S+, a private or loopback address.*$/, 'resolves to a private or loopback address'),
  };
}

/**
 * The console's 回调 and 监控 pages over issue 18's callbacks and watch lists: operators list
 * deliveries and replay one; a customer sees its own watch list and deliveries and sets its own
 * callback URL. Where a callback may go is checked at every delivery (src/realtime/ssrf.ts), so a
 * URL set here reaches no private address; while the operator allows private addresses
 * (ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1) only the operator sets callback URLs.
 */
export function registerRealtimeConsoleRoutes(api: FastifyInstance, deps: {
  db: Kysely<Schema>; clock: { now(): number }; callbackAllowPrivate: boolean;
  note: (request: FastifyRequest, reason: string) => void;
  accountKeyOf: (request: FastifyRequest) => string;
  /** The request's JSON object (the console's body check). */
  body: (request: FastifyRequest) => Record<string, unknown>;
  onChange?: () => void;
}): void {
  const filter = (raw: unknown) => {
    const q = (raw ?? {}) as Record<string, unknown>;
    const state = typeof q.state === 'string' && q.state !== '' ? q.state : undefined;
    if (state !== undefined && !STATES.includes(state)) throw new InputError('state', `must be one of ${STATES.join(', ')}`);
    const account = typeof q.account === 'string' && q.account.trim() !== '' ? q.account.trim() : undefined;
    if (account !== undefined && !ACCOUNT.test(account)) throw new InputError('account', 'must be an account key (32 lowercase hex characters)');
    return { ...(state ? { state } : {}), ...(account ? { accountKey: account } : {}) };
  };
  api.get('/console/api/deliveries', async (request) => ({
    deliveries: (await listDeliveries(deps.db, { ...filter(request.query), limit: 100 })).map((d) => deliveryView(d, 'operator')),
  }));
  api.post('/console/api/deliveries/:id/replay', { config: { action: 'delivery.replay' } }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const d = id.length <= 200 ? await replayDelivery(deps.db, id, deps.clock.now()) : undefined;
    if (!d) return reply.code(404).send({ error: 'no such delivery' });
    deps.note(request, `replayed delivery ${d.id} to ${d.url}`);
    deps.onChange?.();
    return { delivery: deliveryView(d, 'operator') };
  });

  const customer = { config: { role: 'customer' as const } };
  api.get('/console/api/me/watches', customer, async (request) => {
    const offset = Number((request.query as { offset?: string }).offset ?? 0);
    if (!(Number.isSafeInteger(offset) && offset >= 0)) throw new InputError('offset', 'must be a whole number ≥ 0');
    return { ...(await listWatches(deps.db, deps.accountKeyOf(request), offset, WATCH_PAGE)), offset, limit: WATCH_PAGE };
  });
  api.get('/console/api/me/deliveries', customer, async (request) => {
    const { state } = filter({ state: (request.query as { state?: unknown }).state });
    const account = await findAccount(deps.db, deps.accountKeyOf(request));
    return {
      callbackUrl: account?.callbackUrl ?? null,
      customerMaySetUrl: !deps.callbackAllowPrivate,
      deliveries: (await listDeliveries(deps.db, { accountKey: deps.accountKeyOf(request), ...(state ? { state } : {}), limit: 100 })).map((d) => deliveryView(d, 'customer')),
    };
  });
  api.patch('/console/api/me/callback-url', { config: { role: 'customer' as const, action: 'me.callback-url' } }, async (request, reply) => {
    if (deps.callbackAllowPrivate) return reply.code(403).send({ error: 'while callbacks may go to private addresses (ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1), only the operator sets callback URLs' });
    const raw = deps.body(request).callbackUrl;
    let url: string | null;
    if (raw === null || raw === '') url = null;
    else if (typeof raw === 'string') {
      const problem = callbackUrlProblem(raw.trim()) ?? await callbackDestinationProblem(raw.trim(), { allowPrivate: false, revealAddress: false });
      if (problem) throw new InputError('callbackUrl', problem);
      url = raw.trim();
    } else throw new InputError('callbackUrl', 'must be an http(s) URL, or null to remove it');
    deps.note(request, url === null ? 'callback URL removed' : `callback URL set to ${url}`);
    const account = await updateAccount(deps.db, deps.accountKeyOf(request), { callbackUrl: url }, deps.clock.now(), INTERFACE_REGISTRY);
    return { callbackUrl: account.callbackUrl };
  });
}
