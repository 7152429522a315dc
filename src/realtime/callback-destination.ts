/**
 * A callback URL's destination, checked when an operator or customer sets it: a host that is, or
 * now resolves to, a private or loopback address is refused at once with a clear answer, instead of
 * failing every delivery later. Delivery checks again (src/realtime/ssrf.ts), since a name can be
 * re-pointed after it was accepted. A name that does not resolve now (or not within the lookup's
 * time) is accepted: it may resolve later, and delivery decides then.
 */
import dns from 'node:dns/promises';
import net from 'node:net';
import { isPrivateAddress } from './ssrf.js';

/** A host's addresses (the system resolver; tests pass their own). */
export type LookupAll = (host: string) => Promise<string[]>;

const systemLookup: LookupAll = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export interface DestinationCheck {
  /** ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1: nothing to refuse. */
  readonly allowPrivate: boolean;
  /** The operator is told which address; a customer only that it is private (it learns nothing of the internal network). */
  readonly revealAddress: boolean;
  readonly lookup?: LookupAll;
  readonly timeoutMs?: number;
}

/** Why `text` (a URL that passed callbackUrlProblem) may not be a callback destination, or undefined. */
export async function callbackDestinationProblem(text: string, check: DestinationCheck): Promise<string | undefined> {
  if (check.allowPrivate) return undefined;
  const host = new URL(text).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = await Promise.race([
        (check.lookup ?? systemLookup)(host),
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('lookup timed out')), check.timeoutMs ?? 2000); }),
      ]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
  const bad = addresses.find((a) => isPrivateAddress(a));
  if (bad === undefined) return undefined;
  const what = bad === host ? `${host} is a private or loopback address` : check.revealAddress ? `${host} resolves to ${bad}, a private or loopback address` : `${host} resolves to a private or loopback address`;
  return `${what}: callbacks go to public addresses only${check.revealAddress ? ' (ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1 allows it)' : ''}`;
}
