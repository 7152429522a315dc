import net from 'node:net';

/** Validates and canonicalises one CIDR (`10.0.0.0/8`, `2001:db8::/32`, or a bare address). */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) throw new Error(`not an IP address or CIDR: "${text}"`);
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? String(max)) || prefix > max) throw new Error(`bad prefix length in "${text}" (0–${max})`);
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * Whether `ip` falls in one of `cidrs`; an empty list allows every address. IPv4-mapped IPv6
 * addresses (`::ffff:1.2.3.4`, what a dual-stack socket reports) are matched as IPv4.
 */
export function ipAllowed(ip: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  const version = net.isIP(address);
  if (version === 0) return false;
  const list = new net.BlockList();
  for (const c of cidrs) {
    const { address: a, prefix, family } = parseCidr(c);
    list.addSubnet(a, prefix, family);
  }
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
