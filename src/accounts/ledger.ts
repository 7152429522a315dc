import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

export interface LedgerEntry {
  readonly at: string;
  readonly kind: 'charge' | 'refund' | 'topup' | 'adjust';
  readonly amount: number;
  readonly orderNo: string | null;
  readonly interface: string | null;
}

/** An account's balance history, newest first (index account_ledger_key_at). */
export async function listLedger(db: Kysely<Schema>, accountKey: string, limit = 100): Promise<LedgerEntry[]> {
  const rows = await db.selectFrom('account_ledger').select(['at', 'kind', 'amount', 'order_no', 'interface'])
    .where('account_key', '=', accountKey).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ at: r.at, kind: r.kind as LedgerEntry['kind'], amount: Number(r.amount), orderNo: r.order_no, interface: r.interface }));
}

/** The ledger rows of one order (its charge, and its refund if it failed). */
export async function ledgerOfOrder(db: Kysely<Schema>, orderNo: string): Promise<LedgerEntry[]> {
  const rows = await db.selectFrom('account_ledger').select(['at', 'kind', 'amount', 'order_no', 'interface']).where('order_no', '=', orderNo).orderBy('at').execute();
  return rows.map((r) => ({ at: r.at, kind: r.kind as LedgerEntry['kind'], amount: Number(r.amount), orderNo: r.order_no, interface: r.interface }));
}
