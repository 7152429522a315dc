import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { Account } from './accounts.js';
import { randomHex } from './row-ids.js';

/** `auth`: failed authentications (107/115) → 106. `param`: parameter errors (202/213/215) → 108. */
export type FailureKind = 'auth' | 'param';

export interface LockoutRule {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

export interface LockoutPolicy {
  readonly auth: LockoutRule;
  readonly param: LockoutRule;
}

/** PROTOCOL.md "Defaults": 20 auth failures / 50 parameter errors in 5 minutes lock for 10 minutes. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  auth: { maxFailures: 20, windowMs: 5 * 60_000, lockMs: 10 * 60_000 },
  param: { maxFailures: 50, windowMs: 5 * 60_000, lockMs: 10 * 60_000 },
};

/** Which lockout, if any, is in force for the account now. */
export function activeLockout(account: Account, nowMs: number): '106' | '108' | undefined {
  const now = new Date(nowMs).toISOString();
  if (account.authLockedUntil && account.authLockedUntil > now) return '106';
  if (account.paramLockedUntil && account.paramLockedUntil > now) return '108';
  return undefined;
}

/**
 * Records one failure in the database (shared by every API process) and locks the key when the
 * window holds `maxFailures` of them. Events older than the window are pruned as we go, so the
 * table stays as small as the traffic of the last few minutes.
 */
export async function recordFailure(db: Kysely<Schema>, accountKey: string, kind: FailureKind, nowMs: number, policy: LockoutPolicy): Promise<boolean> {
  const rule = policy[kind];
  const now = new Date(nowMs).toISOString();
  const windowStart = new Date(nowMs - rule.windowMs).toISOString();
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('account_failures').where('account_key', '=', accountKey).where('kind', '=', kind).where('at', '<=', windowStart).execute();
    await trx.insertInto('account_failures').values({ id: randomHex(12), account_key: accountKey, kind, at: now }).execute();
    const { n } = await trx
      .selectFrom('account_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_key', '=', accountKey)
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow();
    if (Number(n) < rule.maxFailures) return false;
    const until = new Date(nowMs + rule.lockMs).toISOString();
    await trx
      .updateTable('accounts')
      .set(kind === 'auth' ? { auth_locked_until: until } : { param_locked_until: until })
      .where('key', '=', accountKey)
      .execute();
    // The lock is the punishment; counting starts afresh after it.
    await trx.deleteFrom('account_failures').where('account_key', '=', accountKey).where('kind', '=', kind).execute();
    return true;
  });
}
