/**
 * The billing steps every charged data interface shares (company data, relations, monitoring):
 * the balance check before any look-up and the charge as the last step of a success.
 */
import { chargeCall } from '../accounts/call-charges.js';
import { callPrice, refuse } from './call-pipeline.js';
import type { InterfaceCall, InterfaceDeps, InterfaceSuccess } from './interfaces.js';

/** 112/102 before any look-up, when the balance could not pay for a success (PROTOCOL.md order of checks); returns the price. */
export function checkBalance(call: InterfaceCall): number {
  const price = callPrice(call.account, call.declaration);
  const { account } = call;
  if (account.billing === 'prepaid' && account.balance < price) refuse('112', 'balance_exhausted');
  if (account.billing === 'postpaid' && account.balance + account.creditLimit < price) refuse('102', 'credit_line_exceeded');
  return price;
}

/** The last step of a success: the charge (a concurrent call may have spent the balance meanwhile). */
export async function charged(call: InterfaceCall, deps: InterfaceDeps, price: number, success: InterfaceSuccess): Promise<InterfaceSuccess> {
  const charge = await chargeCall(deps.db, { accountKey: call.account.key, interfaceName: call.declaration.name, price, reference: call.orderNumber ?? call.requestId, nowMs: call.nowMs });
  if (!charge.ok) refuse(charge.status, charge.reason);
  return success;
}
