import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AccountNotFoundError, accountView, createAccount, findAccount, listAccounts, rotateSecret, updateAccount } from '../accounts/accounts.js';
import { ipAllowed } from '../accounts/ip-allow-list.js';
import { InputError, MAX_ORDER_LIST_LIMIT, parseAccountPatch, parseNewAccount, parseSettingsPatch } from '../accounts/account-input.js';
import { ledgerOfOrder, listLedger } from '../accounts/ledger.js';
import { ProductInputError } from '../accounts/products.js';
import { callbackDestinationProblem } from '../realtime/callback-destination.js';
import { ACCOUNT_KEY_PATTERN, type SecretBox } from '../accounts/secrets.js';
import { readSystemSettings, updateSystemSettings } from '../accounts/system-settings.js';
import type { Schema } from '../db/schema.js';
import type { Clock } from '../ops/clock.js';
import { decodeOrderCursor, encodeOrderCursor, listOrderPage, type OrderPageQuery } from '../orders/order-pages.js';
import { findOrder, ORDER_NO_PATTERN, type Order } from '../orders/orders.js';
import { rerenderedFrom, rerenderFailedOrder, rerenderOf, rerenderProblemText } from '../orders/rerender.js';
import { INTERFACE_REGISTRY } from '../protocol/catalogue.js';
import { MalformedBody } from '../protocol/body-parsers.js';
import { JsonBody } from '../protocol/params.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { BlobStore } from '../storage/blob-store.js';
import { challengeSignature, secretEquals, signatureMatches } from './challenge.js';
import { recordConsoleAction } from './console-audit.js';
import { cookieValue, SESSION_COOKIE, sessionCookie } from './cookies.js';
import { sendReportFile } from './download.js';
import { operatorOverview, usageByDay } from './overview.js';
import {
  closeCustomerSessions, closeSession, DEFAULT_SIGNIN_LIMIT, findSession, issueChallenge, noteSigninFailure, openSession,
  SESSION_TTL_MS, signinBlockedFor, takeChallenge, type ConsoleSession, type SigninLimit,
} from './sessions.js';
import { registerConsoleStatic, securityHeaders } from './static-files.js';
import { registerCompanyRoutes } from './company-routes.js';
import { registerRealtimeConsoleRoutes } from './realtime-routes.js';
import { createRenderPool, type ReportRenderer } from '../reports/render-service.js';

export interface ConsoleDeps {
  readonly db: Kysely<Schema>;
  readonly secrets: SecretBox;
  /** The operator's bearer token (ZHENGXIN_ADMIN_TOKEN); without one, operators cannot sign in. */
  readonly adminToken: string | undefined;
  readonly clock: Clock;
  readonly blobStore: BlobStore;
  readonly jobQueue: JobQueue;
  readonly signinLimit?: SigninLimit;
  /** ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1: then only operators set callback URLs. */
  readonly callbackAllowPrivate?: boolean;
  /** After a delivery was replayed (wakes an in-process callback dispatcher). */
  readonly onDeliveriesChanged?: () => void;
  /** Hurries a freshly committed job along (a re-render), as after an API order. */
  readonly onOrderCommitted?: () => void;
}

/** What a route of the console API declares: the audit action, and who may call it. */
export interface ConsoleRouteConfig {
  readonly action?: string;
  readonly role?: 'operator' | 'customer' | 'none';
}

/** A request's session, found by the onRequest hook. */
const sessions = new WeakMap<FastifyRequest, ConsoleSession>();
/** What the audit line of a request names besides the route's action. */
const noted = new WeakMap<FastifyRequest, { accountKey?: string | null; orderNo?: string | null; reason?: string; actor?: string }>();

class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/**
 * The web console (docs/console.md): the browser files under /console/ and its JSON API under
 * /console/api/. The API calls the same account, order and settings modules as /admin; it differs
 * in how the caller is known: a session cookie (HttpOnly, SameSite=Strict) opened by the operator's
 * admin token or by a customer's signed challenge, a CSRF token on every change, and every action
 * written to the audit log with who did it.
 */
export function registerConsoleRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const limit = deps.signinLimit ?? DEFAULT_SIGNIN_LIMIT;
  const now = () => deps.clock.now();
  registerConsoleStatic(app);

  void app.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config as ConsoleRouteConfig;
      const role = config.role ?? 'operator';
      if (role === 'none') return;
      const session = await findSession(deps.db, cookieValue(request.headers.cookie, SESSION_COOKIE), now());
      if (!session) throw new HttpError(401, 'not signed in (or the session expired)');
      if (session.role !== role) throw new HttpError(403, `this needs the ${role} role`);
      // A customer's console is held to the same IP allow-list as its API calls, on every request,
      // so narrowing the list also shuts sessions already open from other addresses.
      if (session.role === 'customer') await customerAddressAllowed(request, session.accountKey);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const presented = request.headers['x-csrf-token'];
        if (typeof presented !== 'string' || !secretEquals(presented, session.csrfToken)) throw new HttpError(403, 'missing or wrong CSRF token (X-CSRF-Token)');
      }
      sessions.set(request, session);
    });
    api.addHook('onSend', async (_request, reply, payload) => {
      // A route that set its own policy (the inline PDF preview, framed by the console) keeps it.
      if (!reply.hasHeader('Content-Security-Policy')) securityHeaders(reply);
      if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
      return payload;
    });
    // Every change, sign-in and download is audited, refused ones included.
    api.addHook('onResponse', async (request, reply) => {
      const config = request.routeOptions.config as ConsoleRouteConfig | undefined;
      const audited = config?.action && (request.method !== 'GET' || config.action.endsWith('.download'));
      if (!audited) return;
      const session = sessions.get(request);
      const note = noted.get(request) ?? {};
      const params = request.params as { key?: string; orderNo?: string } | undefined;
      await recordConsoleAction(deps.db, {
        requestId: request.id, at: new Date(now()).toISOString(), action: `console:${config.action}`, method: request.method, status: reply.statusCode,
        actor: note.actor ?? session?.actor ?? null,
        accountKey: note.accountKey !== undefined ? note.accountKey : (params?.key ?? session?.accountKey ?? null),
        orderNo: note.orderNo ?? params?.orderNo ?? null, reason: note.reason ?? null, ip: request.ip,
      }).catch((err: unknown) => request.log.error({ err }, 'console audit line not written'));
    });
    api.setErrorHandler((err, request, reply) => {
      const e = err as { statusCode?: number; message: string; headers?: Record<string, string> };
      const status = err instanceof InputError || err instanceof ProductInputError ? 400
        : err instanceof AccountNotFoundError ? 404
          : typeof e.statusCode === 'number' && e.statusCode < 500 ? e.statusCode
            : err instanceof Error && !(err as { code?: unknown }).code && !(err instanceof HttpError) ? 400 : 500;
      noted.set(request, { ...noted.get(request), reason: status === 500 ? 'internal error' : e.message });
      if (status === 500) {
        request.log.error({ err }, 'console request failed');
        return reply.code(500).send({ error: 'internal error', requestId: request.id });
      }
      for (const [k, v] of Object.entries(err instanceof HttpError ? err.headers : {})) reply.header(k, v);
      return reply.code(status).send({ error: e.message, ...(err instanceof InputError ? { field: err.field, reason: err.reason } : {}) });
    });

    const open = (cfg: ConsoleRouteConfig) => ({ config: cfg });
    const customerAddressAllowed = async (request: FastifyRequest, key: string | null): Promise<void> => {
      const account = key ? await findAccount(deps.db, key) : undefined;
      if (!account || !ipAllowed(request.ip, account.allowedIps)) throw new HttpError(403, `this address (${request.ip}) is not in the account's IP allow-list`);
    };
    const sessionOf = (request: FastifyRequest): ConsoleSession => sessions.get(request)!;
    const startSession = async (request: FastifyRequest, reply: FastifyReply, input: { role: 'operator' | 'customer'; accountKey: string | null; actor: string }) => {
      const { cookieValue: value, session } = await openSession(deps.db, input, now());
      noted.set(request, { ...noted.get(request), actor: session.actor, accountKey: session.accountKey });
      reply.header('Set-Cookie', sessionCookie(value, { maxAgeSeconds: SESSION_TTL_MS / 1000, secure: request.protocol === 'https' }));
      return { role: session.role, actor: session.actor, accountKey: session.accountKey, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    };
    /** Refuses while the address is over its failure budget; otherwise runs `attempt`, counting a failure. */
    const limited = async <T>(request: FastifyRequest, attempt: () => Promise<T | undefined>, failure: string): Promise<T> => {
      const wait = await signinBlockedFor(deps.db, request.ip, limit, now());
      if (wait > 0) throw new HttpError(429, `too many failed sign-ins from this address; try again in ${Math.ceil(wait / 1000)} s`, { 'Retry-After': String(Math.ceil(wait / 1000)) });
      const result = await attempt();
      if (result === undefined) {
        await noteSigninFailure(deps.db, request.ip, limit, now());
        throw new HttpError(401, failure);
      }
      return result;
    };

    api.get('/console/api/session', open({ role: 'none' }), async (request, reply) => {
      const session = await findSession(deps.db, cookieValue(request.headers.cookie, SESSION_COOKIE), now());
      if (!session) return reply.code(401).send({ error: 'not signed in' });
      return { role: session.role, actor: session.actor, accountKey: session.accountKey, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    });

    api.post('/console/api/operator/signin', open({ role: 'none', action: 'signin.operator' }), async (request, reply) => {
      const body = jsonBody(request);
      const token = typeof body.token === 'string' ? body.token : '';
      const name = operatorName(body.name);
      noted.set(request, { actor: `operator:${name}` });
      const expected = deps.adminToken;
      await limited(request, async () => (expected && secretEquals(token, expected) ? true : undefined), expected ? 'wrong admin token' : 'operators cannot sign in: the service has no ZHENGXIN_ADMIN_TOKEN');
      return startSession(request, reply, { role: 'operator', accountKey: null, actor: `operator:${name}` });
    });

    api.post('/console/api/customer/challenge', open({ role: 'none' }), async (request) => {
      const key = accountKeyOf(jsonBody(request).key);
      // A nonce is given for any well-formed key, so the answer does not tell which keys exist.
      return issueChallenge(deps.db, key, now());
    });

    api.post('/console/api/customer/signin', open({ role: 'none', action: 'signin.customer' }), async (request, reply) => {
      const body = jsonBody(request);
      const key = accountKeyOf(body.key);
      noted.set(request, { accountKey: key, actor: `customer:${key}` });
      const nonce = typeof body.nonce === 'string' ? body.nonce : '';
      const signature = typeof body.signature === 'string' ? body.signature : '';
      await limited(request, async () => {
        const fresh = await takeChallenge(deps.db, key, nonce, now());
        const account = fresh ? await findAccount(deps.db, key) : undefined;
        if (!account) return undefined;
        return signatureMatches(signature, challengeSignature(deps.secrets.open(key, account.secretEnc), key, nonce)) ? true : undefined;
      }, 'key, SecretKey or challenge not accepted');
      // Checked after the proof, so the answer tells an unproven caller nothing about the account.
      await customerAddressAllowed(request, key);
      return startSession(request, reply, { role: 'customer', accountKey: key, actor: `customer:${key}` });
    });

    api.post('/console/api/signout', open({ role: 'none', action: 'signout' }), async (request, reply) => {
      const value = cookieValue(request.headers.cookie, SESSION_COOKIE);
      const session = await findSession(deps.db, value, now());
      if (session && value) {
        const presented = request.headers['x-csrf-token'];
        if (typeof presented !== 'string' || !secretEquals(presented, session.csrfToken)) throw new HttpError(403, 'missing or wrong CSRF token (X-CSRF-Token)');
        noted.set(request, { actor: session.actor, accountKey: session.accountKey });
        await closeSession(deps.db, value);
      }
      reply.header('Set-Cookie', sessionCookie('', { maxAgeSeconds: 0, secure: request.protocol === 'https' }));
      return { signedOut: true };
    });

    // ---- operator: accounts ----
    api.get('/console/api/accounts', async (request) => {
      const q = String((request.query as { q?: unknown }).q ?? '').trim().toLowerCase();
      const all = await listAccounts(deps.db);
      const hits = q ? all.filter((a) => a.name.toLowerCase().includes(q) || a.key.startsWith(q)) : all;
      return { accounts: hits.map(accountView) };
    });
    /** A callback URL set here is refused at once when it points at a private address (delivery checks again). */
    const destinationAllowed = async (url: string | null | undefined) => {
      const problem = url ? await callbackDestinationProblem(url, { allowPrivate: deps.callbackAllowPrivate ?? false, revealAddress: true }) : undefined;
      if (problem) throw new InputError('callbackUrl', problem);
    };
    api.post('/console/api/accounts', open({ action: 'account.create' }), async (request, reply) => {
      const input = parseNewAccount(jsonBody(request), INTERFACE_REGISTRY);
      await destinationAllowed(input.callbackUrl);
      const { account, secretKey } = await createAccount(deps.db, deps.secrets, input, now(), INTERFACE_REGISTRY);
      noted.set(request, { accountKey: account.key });
      return reply.code(201).send({ key: account.key, secretKey, account: accountView(account) });
    });
    api.get('/console/api/accounts/:key', async (request, reply) => {
      const key = (request.params as { key: string }).key;
      const account = await findAccount(deps.db, key);
      if (!account) return reply.code(404).send({ error: 'no such account' });
      return { account: accountView(account), ledger: await listLedger(deps.db, key) };
    });
    api.patch('/console/api/accounts/:key', open({ action: 'account.update' }), async (request) => {
      const patch = parseAccountPatch(jsonBody(request), INTERFACE_REGISTRY);
      noted.set(request, { reason: `changed: ${Object.keys(patch).join(', ')}` });
      await destinationAllowed(patch.callbackUrl);
      const account = await updateAccount(deps.db, (request.params as { key: string }).key, patch, now(), INTERFACE_REGISTRY);
      return { account: accountView(account) };
    });
    api.post('/console/api/accounts/:key/rotate-secret', open({ action: 'account.rotate-secret' }), async (request) => {
      const key = (request.params as { key: string }).key;
      const secretKey = await rotateSecret(deps.db, deps.secrets, key, now());
      // The customer's console sessions were opened with the old SecretKey.
      await closeCustomerSessions(deps.db, key);
      return { key, secretKey };
    });
    /** What an account can buy: the interfaces, then the report types (`ReportType/N`, priced per format). */
    api.get('/console/api/interfaces', open({ role: 'operator' }), async () => ({
      interfaces: [
        ...INTERFACE_REGISTRY.declarations.map((d) => ({ name: d.name, billing: d.billing, summary: d.summary, quota: d.billing.per !== 'free' })),
        ...INTERFACE_REGISTRY.products.map((p) => ({ name: p.name, billing: { per: 'format', formats: p.formats, defaultPrice: p.defaultPrice }, summary: p.summary, quota: false })),
      ],
    }));

    // ---- operator: orders ----
    api.get('/console/api/orders', async (request) => {
      const page = await listOrderPage(deps.db, orderPageQuery(request.query, { allowAccount: true }));
      return { orders: page.orders.map(orderView), next: page.next ? encodeOrderCursor(page.next) : null };
    });
    api.get('/console/api/orders/:orderNo', async (request) => {
      const order = await orderOr404(deps.db, (request.params as { orderNo: string }).orderNo);
      return orderDetail(deps.db, order);
    });
    api.get('/console/api/orders/:orderNo/file', open({ action: 'order.download' }), async (request, reply) => {
      const order = await orderOr404(deps.db, (request.params as { orderNo: string }).orderNo);
      noted.set(request, { accountKey: order.accountKey });
      return sendReportFile(reply, { db: deps.db, blobStore: deps.blobStore, nowMs: now() }, order);
    });

    api.post('/console/api/orders/:orderNo/rerender', open({ action: 'order.rerender' }), async (request, reply) => {
      const body = jsonBody(request);
      if (typeof body.charge !== 'boolean') throw new InputError('charge', 'must be true (charge the failed order\'s price again) or false (free of charge)');
      const session = sessionOf(request);
      const result = await rerenderFailedOrder(deps.db, deps.jobQueue, { orderNo: (request.params as { orderNo: string }).orderNo, charge: body.charge, actor: session.actor, nowMs: now() });
      if (!result.ok) {
        const status = result.problem === 'not-found' ? 404 : 409;
        return reply.code(status).send({ error: rerenderProblemText(result), ...(result.problem === 'already' ? { orderNo: result.link.orderNo } : {}) });
      }
      noted.set(request, { accountKey: result.order.accountKey, reason: `re-rendered as ${result.order.orderNo}, charged ${result.link.charged}` });
      deps.onOrderCommitted?.();
      return reply.code(201).send({ order: orderView(result.order), rerender: result.link });
    });

    // ---- operator: system ----
    api.get('/console/api/settings', async () => ({
      settings: await readSystemSettings(deps.db),
      interfaces: INTERFACE_REGISTRY.declarations.map((d) => ({ name: d.name, summary: d.summary })),
    }));
    api.patch('/console/api/settings', open({ action: 'settings.update' }), async (request) => {
      const patch = parseSettingsPatch(jsonBody(request), INTERFACE_REGISTRY);
      noted.set(request, { reason: JSON.stringify(patch).slice(0, 500) });
      return { settings: await updateSystemSettings(deps.db, patch, INTERFACE_REGISTRY) };
    });
    api.get('/console/api/overview', async () => operatorOverview(deps.db, deps.jobQueue, now()));

    // ---- customer: its own account, orders and files only ----
    const customer = (cfg: ConsoleRouteConfig = {}) => ({ config: { ...cfg, role: 'customer' as const } });
    api.get('/console/api/me', customer(), async (request) => {
      const key = sessionOf(request).accountKey!;
      const account = await findAccount(deps.db, key);
      if (!account) throw new HttpError(404, 'the account no longer exists');
      return { account: accountView(account), ledger: await listLedger(deps.db, key, 50), usage: await usageByDay(deps.db, key, now()) };
    });
    api.get('/console/api/me/orders', customer(), async (request) => {
      const query = { ...orderPageQuery(request.query, { allowAccount: false }), accountKey: sessionOf(request).accountKey! };
      const page = await listOrderPage(deps.db, query);
      return { orders: page.orders.map(orderView), next: page.next ? encodeOrderCursor(page.next) : null };
    });
    api.get('/console/api/me/orders/:orderNo', customer(), async (request) => {
      const order = await ownOrderOr404(deps.db, request, sessionOf(request));
      return orderDetail(deps.db, order);
    });
    api.get('/console/api/me/orders/:orderNo/file', customer({ action: 'me.order.download' }), async (request, reply) => {
      const order = await ownOrderOr404(deps.db, request, sessionOf(request));
      return sendReportFile(reply, { db: deps.db, blobStore: deps.blobStore, nowMs: now() }, order);
    });
    api.post('/console/api/me/rotate-secret', customer({ action: 'me.rotate-secret' }), async (request) => {
      const key = sessionOf(request).accountKey!;
      return { key, secretKey: await rotateSecret(deps.db, deps.secrets, key, now()) };
    });

    // 企业 and 数据: previews render on one render thread, started on first use.
    let renderer: ReportRenderer | undefined;
    api.addHook('onClose', async () => { await renderer?.close(); });
    registerCompanyRoutes(api, {
      db: deps.db, clock: deps.clock, renderer: () => (renderer ??= createRenderPool({ threads: 1 })),
      note: (request, reason) => noted.set(request, { ...noted.get(request), reason }),
      actor: (request) => sessionOf(request).actor,
    });
    registerRealtimeConsoleRoutes(api, {
      db: deps.db, clock: deps.clock, callbackAllowPrivate: deps.callbackAllowPrivate ?? false,
      note: (request, reason) => noted.set(request, { ...noted.get(request), reason }),
      accountKeyOf: (request) => sessionOf(request).accountKey!,
      body: jsonBody,
      ...(deps.onDeliveriesChanged ? { onChange: deps.onDeliveriesChanged } : {}),
    });
    // Anything else under /console/api is the console's, never an interface path.
    api.all('/console/api/*', open({ role: 'none' }), async (_request, reply) => reply.code(404).send({ error: 'no such console API path' }));
  });
}

/** An order's public face in the console: never its retrieve code (a credential) or blob key. */
export function orderView(o: Order): Record<string, unknown> {
  return {
    orderNo: o.orderNo, accountKey: o.accountKey, keyNo: o.keyNo, companyName: o.companyName, creditCode: o.creditCode,
    format: o.format, state: o.state, price: o.price, createdAt: o.createdAt, finishedAt: o.finishedAt, expiresAt: o.expiresAt,
    fileSize: o.fileSize, failReason: o.failReason, hasFile: o.state === 'S' && o.blobKey !== null,
  };
}

async function orderDetail(db: Kysely<Schema>, order: Order) {
  const job = await db.selectFrom('report_jobs').select(['attempts', 'run_at', 'last_error']).where('order_no', '=', order.orderNo).executeTakeFirst();
  const repair = await db.selectFrom('report_repairs').selectAll().where('order_no', '=', order.orderNo).executeTakeFirst();
  const timeline: Array<{ state: string; at: string }> = [{ state: 'P', at: order.createdAt }];
  if (order.state !== 'P' && order.finishedAt) timeline.push({ state: order.state, at: order.finishedAt });
  return {
    order: orderView(order),
    timeline,
    // Attempts are known while the database queue holds the job; afterwards (or on BullMQ) they are not kept.
    job: job ? { attempts: Number(job.attempts), runAt: job.run_at, lastError: job.last_error } : null,
    ledger: await ledgerOfOrder(db, order.orderNo),
    repair: repair ? { foundAt: repair.found_at, reason: repair.reason, repairedAt: repair.repaired_at } : null,
    // A failed order's re-render, and the failed order a re-render replaces (same account by construction).
    rerenderedAs: (await rerenderOf(db, order.orderNo)) ?? null,
    rerenderOf: (await rerenderedFrom(db, order.orderNo)) ?? null,
  };
}

async function orderOr404(db: Kysely<Schema>, orderNo: string): Promise<Order> {
  const order = ORDER_NO_PATTERN.test(orderNo) ? await findOrder(db, orderNo) : undefined;
  if (!order) throw new HttpError(404, 'no such order');
  return order;
}

/** Another account's order answers exactly as a missing one does. */
async function ownOrderOr404(db: Kysely<Schema>, request: FastifyRequest, session: ConsoleSession): Promise<Order> {
  const orderNo = (request.params as { orderNo: string }).orderNo;
  const order = ORDER_NO_PATTERN.test(orderNo) ? await findOrder(db, orderNo) : undefined;
  if (!order || order.accountKey !== session.accountKey) throw new HttpError(404, 'no such order');
  return order;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `account`, `state`, `company`, `from`, `to` (Beijing dates), `cursor`, `limit` (1–1000, default 50). */
export function orderPageQuery(raw: unknown, options: { allowAccount: boolean }): OrderPageQuery {
  const q = (raw ?? {}) as Record<string, unknown>;
  const allowed = ['state', 'company', 'from', 'to', 'cursor', 'limit', ...(options.allowAccount ? ['account'] : [])];
  for (const k of Object.keys(q)) if (!allowed.includes(k)) throw new InputError(k, `unknown filter (allowed: ${allowed.join(', ')})`);
  const text = (k: string) => (typeof q[k] === 'string' && (q[k] as string).trim() !== '' ? (q[k] as string).trim() : undefined);
  const out: { -readonly [K in keyof OrderPageQuery]: OrderPageQuery[K] } = { limit: 50 };
  const account = text('account');
  if (account !== undefined) {
    if (!ACCOUNT_KEY_PATTERN.test(account)) throw new InputError('account', 'must be an account key (32 lowercase hex characters)');
    out.accountKey = account;
  }
  const state = text('state');
  if (state !== undefined) {
    if (state !== 'P' && state !== 'S' && state !== 'F') throw new InputError('state', `must be one of P, S, F, got ${JSON.stringify(state)}`);
    out.state = state;
  }
  const company = text('company');
  if (company !== undefined) {
    if (company.length > 200) throw new InputError('company', 'must be at most 200 characters');
    out.company = company;
  }
  for (const k of ['from', 'to'] as const) {
    const d = text(k);
    if (d === undefined) continue;
    if (!DATE.test(d) || !Number.isFinite(Date.parse(`${d}T00:00:00Z`))) throw new InputError(k, `must be a date YYYY-MM-DD, got ${JSON.stringify(d)}`);
    out[k] = d;
  }
  const cursor = text('cursor');
  if (cursor !== undefined) {
    const c = decodeOrderCursor(cursor);
    if (!c) throw new InputError('cursor', 'is not a cursor this list gave out');
    out.cursor = c;
  }
  const lim = text('limit');
  if (lim !== undefined) {
    const n = /^\d+$/.test(lim) ? Number(lim) : NaN;
    if (!(n >= 1 && n <= MAX_ORDER_LIST_LIMIT)) throw new InputError('limit', `must be a whole number from 1 to ${MAX_ORDER_LIST_LIMIT}, got ${JSON.stringify(lim)}`);
    out.limit = n;
  }
  return out;
}

function jsonBody(request: FastifyRequest): Record<string, unknown> {
  const raw = request.body;
  if (raw instanceof MalformedBody) throw new InputError('(body)', `not readable JSON: ${raw.reason}`);
  const value = raw instanceof JsonBody ? raw.members : raw;
  if (value === undefined) throw new InputError('(body)', 'send a JSON object with Content-Type: application/json');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('(body)', 'must be a JSON object');
  return value as Record<string, unknown>;
}

function accountKeyOf(value: unknown): string {
  if (typeof value !== 'string' || !ACCOUNT_KEY_PATTERN.test(value.trim())) throw new InputError('key', 'must be an account key (32 lowercase hex characters)');
  return value.trim();
}

/** The operator's name for the audit log: optional, short, printable. */
function operatorName(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  const name = typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 40) : '';
  return name || 'operator';
}
