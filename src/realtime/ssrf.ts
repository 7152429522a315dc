/**
 * Where a callback may go (SSRF): the host's addresses are resolved at delivery time and every one
 * must be public, unless the operator set ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1. The connection then
 * goes to the address that was checked (not to a second resolution, which a hostile DNS server
 * could answer differently).
 */
import dns from 'node:dns/promises';
import net from 'node:net';

export class CallbackRefused extends Error {
  override name = 'CallbackRefused';
}

/** Loopback, private, link-local, CGNAT, unique-local, multicast, unspecified and documentation ranges. */
const BLOCKED = new net.BlockList();
for (const [a, p] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  BLOCKED.addSubnet(a, p, 'ipv4');
}
for (const [a, p] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) BLOCKED.addSubnet(a, p, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // IPv4-mapped (::ffff:a.b.c.d): judged as the IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped) return BLOCKED.check(mapped, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return BLOCKED.check(address, 'ipv4');
}

/** The address to connect to for `url`, checked; throws CallbackRefused naming why. */
export async function checkedAddress(url: URL, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CallbackRefused(`scheme ${url.protocol} is not http or https`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const found = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await dns.lookup(host, { all: true, verbatim: true });
  if (found.length === 0) throw new CallbackRefused(`${host} does not resolve`);
  if (!allowPrivate) {
    const bad = found.find((f) => isPrivateAddress(f.address));
    if (bad) throw new CallbackRefused(`${host} resolves to ${bad.address}, a private or loopback address (ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1 allows it)`);
  }
  return found[0]!;
}
