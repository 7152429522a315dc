import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { timeOrderedId } from '../accounts/row-ids.js';
import type { Schema } from '../db/schema.js';

/**
 * Console sessions, challenges and sign-in failures, kept in the database (migration 0080) so
 * that every API process of a deployment sees the same ones. The cookie carries a random value;
 * the table holds only its SHA-256, so reading the table opens no session.
 */
export type ConsoleRole = 'operator' | 'customer';

export interface ConsoleSession {
  readonly role: ConsoleRole;
  /** The customer's own account; null for an operator. */
  readonly accountKey: string | null;
  /** Who acts, as the audit log names them: `operator:NAME` or `customer:KEY`. */
  readonly actor: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export const SESSION_TTL_MS = 8 * 3_600_000;
export const CHALLENGE_TTL_MS = 2 * 60_000;

function hashOf(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/** Opens a session; returns the cookie value (shown to the browser only) and the session. */
export async function openSession(db: Kysely<Schema>, input: { role: ConsoleRole; accountKey: string | null; actor: string }, nowMs: number): Promise<{ cookieValue: string; session: ConsoleSession }> {
  const cookieValue = crypto.randomBytes(32).toString('base64url');
  const session: ConsoleSession = { ...input, csrfToken: crypto.randomBytes(24).toString('base64url'), expiresAt: new Date(nowMs + SESSION_TTL_MS).toISOString() };
  // Expired sessions of anyone go when someone signs in (cheap, and bounds the table).
  await db.deleteFrom('console_sessions').where('expires_at', '<', new Date(nowMs).toISOString()).execute();
  await db.insertInto('console_sessions').values({
    id_hash: hashOf(cookieValue), role: session.role, account_key: session.accountKey, actor: session.actor,
    csrf_token: session.csrfToken, created_at: new Date(nowMs).toISOString(), expires_at: session.expiresAt,
  }).execute();
  return { cookieValue, session };
}

export async function findSession(db: Kysely<Schema>, cookieValue: string | undefined, nowMs: number): Promise<ConsoleSession | undefined> {
  if (!cookieValue || cookieValue.length > 100) return undefined;
  const row = await db.selectFrom('console_sessions').selectAll().where('id_hash', '=', hashOf(cookieValue)).executeTakeFirst();
  if (!row || row.expires_at <= new Date(nowMs).toISOString()) return undefined;
  return { role: row.role as ConsoleRole, accountKey: row.account_key, actor: row.actor, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function closeSession(db: Kysely<Schema>, cookieValue: string): Promise<void> {
  await db.deleteFrom('console_sessions').where('id_hash', '=', hashOf(cookieValue)).execute();
}

/** Ends every session of a customer (after its SecretKey was rotated by the operator, say). */
export async function closeCustomerSessions(db: Kysely<Schema>, accountKey: string): Promise<void> {
  await db.deleteFrom('console_sessions').where('role', '=', 'customer').where('account_key', '=', accountKey).execute();
}

/** A one-time nonce for a customer's signed sign-in. */
export async function issueChallenge(db: Kysely<Schema>, accountKey: string, nowMs: number): Promise<{ nonce: string; expiresAt: string }> {
  const nonce = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(nowMs + CHALLENGE_TTL_MS).toISOString();
  await db.deleteFrom('console_challenges').where('expires_at', '<', new Date(nowMs).toISOString()).execute();
  await db.insertInto('console_challenges').values({ nonce, account_key: accountKey, expires_at: expiresAt }).execute();
  return { nonce, expiresAt };
}

/**
 * Takes the nonce (whatever the outcome it cannot be used again): true when it was issued for
 * this account and has not expired. Two processes taking it at once: only one delete counts.
 */
export async function takeChallenge(db: Kysely<Schema>, accountKey: string, nonce: string, nowMs: number): Promise<boolean> {
  if (nonce.length > 100) return false;
  const row = await db.selectFrom('console_challenges').selectAll().where('nonce', '=', nonce).executeTakeFirst();
  if (!row) return false;
  const res = await db.deleteFrom('console_challenges').where('nonce', '=', nonce).executeTakeFirst();
  return Number(res.numDeletedRows) === 1 && row.account_key === accountKey && row.expires_at > new Date(nowMs).toISOString();
}

export interface SigninLimit {
  /** Failed sign-ins from one address within `windowMs` before further attempts are refused. */
  readonly maxFailures: number;
  readonly windowMs: number;
}
export const DEFAULT_SIGNIN_LIMIT: SigninLimit = { maxFailures: 5, windowMs: 15 * 60_000 };

/** Milliseconds until `ip` may try again, or 0 when it may now. */
export async function signinBlockedFor(db: Kysely<Schema>, ip: string, limit: SigninLimit, nowMs: number): Promise<number> {
  const since = new Date(nowMs - limit.windowMs).toISOString();
  const rows = await db.selectFrom('console_signin_failures').select('at').where('ip', '=', ip).where('at', '>', since).orderBy('at', 'desc').limit(limit.maxFailures).execute();
  if (rows.length < limit.maxFailures) return 0;
  // Free again when the oldest of the last `maxFailures` leaves the window.
  return Math.max(1, Date.parse(rows[rows.length - 1]!.at) + limit.windowMs - nowMs);
}

export async function noteSigninFailure(db: Kysely<Schema>, ip: string, limit: SigninLimit, nowMs: number): Promise<void> {
  await db.deleteFrom('console_signin_failures').where('at', '<', new Date(nowMs - limit.windowMs).toISOString()).execute();
  await db.insertInto('console_signin_failures').values({ id: timeOrderedId(nowMs), ip, at: new Date(nowMs).toISOString() }).execute();
}
