/** Client IP deny ranges (IPv4 and IPv6 CIDR), checked with Node's own BlockList. */
import { BlockList, isIP } from 'node:net';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** An IPv4 address that arrived as IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is checked as IPv4. */
export function plainIp(ip: string): string {
  return ip.match(MAPPED_V4)?.[1] ?? ip;
}

/** Ranges are checked when the config is parsed, so every entry here is valid. */
export function ipDenyList(cidrs: string[]): (ip: string) => boolean {
  if (cidrs.length === 0) return () => false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, prefix] = cidr.split('/') as [string, string | undefined];
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (ip) => {
    const address = plainIp(ip);
    const family = isIP(address);
    if (family === 0) return false;
    return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
