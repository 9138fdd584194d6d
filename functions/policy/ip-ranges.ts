/**
 * Client addresses: what counts as one (Node's own `isIP`), deny ranges (Node's `BlockList`), and the
 * network a client is counted by. IPv6 hands a whole /64 (or more) to one subscriber, so keying IPv6 by
 * exact address would give one person 2^64 separate allowances.
 */
import { BlockList, isIP } from 'node:net';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
/** Longer than any address with brackets, zone and port: refused before it is parsed. */
const MAX_ADDRESS_LENGTH = 64;

/** An IPv4 address that arrived as IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is checked as IPv4. */
export function plainIp(ip: string): string {
  return ip.match(MAPPED_V4)?.[1] ?? ip;
}

/** The address itself (IPv4-mapped made plain, any IPv6 zone dropped), or undefined when it is not an IP address. */
export function validIp(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > MAX_ADDRESS_LENGTH) return undefined;
  const address = plainIp(raw.replace(/%[A-Za-z0-9_.-]{1,32}$/, ''));
  return isIP(address) === 0 ? undefined : address;
}

/**
 * An address as a proxy header writes it: bare, `a.b.c.d:port`, `[v6]` or `[v6]:port`, or (with
 * `portAlways`, as CloudFront-Viewer-Address does) an unbracketed IPv6 address with `:port` after it.
 * Undefined when what is left is not an IP address.
 */
export function addressFromHeader(entry: string, portAlways: boolean): string | undefined {
  const value = entry.trim();
  if (value.length > MAX_ADDRESS_LENGTH) return undefined;
  const bracketed = value.match(/^\[([^\]]+)\](?::\d{1,5})?$/);
  if (bracketed) return isIP(bracketed[1]!) === 6 ? validIp(bracketed[1]!) : undefined;
  const v4WithPort = value.match(/^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/);
  if (v4WithPort) return validIp(v4WithPort[1]!);
  // A bare IPv6 address can end in what looks like a port; only a header that always carries one says it is.
  if (portAlways && value.includes(':')) {
    const withoutPort = value.match(/^(.+):\d{1,5}$/)?.[1];
    return (withoutPort === undefined ? undefined : validIp(withoutPort)) ?? validIp(value);
  }
  return validIp(value);
}

/**
 * What limits and passes count a client by: an IPv4 address as itself, an IPv6 address by its first
 * `ipv6PrefixLength` bits (`2001:db8:0:1::/64`). Anything else ('unknown') is returned as it is.
 */
export function ipNetwork(ip: string, ipv6PrefixLength: number): string {
  if (isIP(ip) !== 6) return ip;
  const groups = ipv6Groups(ip);
  let bits = ipv6PrefixLength;
  const masked = groups.map((group) => {
    const keep = Math.max(0, Math.min(16, bits));
    bits -= 16;
    return keep === 0 ? 0 : group & (0xffff << (16 - keep)) & 0xffff;
  });
  return `${masked.map((g) => g.toString(16)).join(':')}/${ipv6PrefixLength}`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 part converted). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = text.match(/(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
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
