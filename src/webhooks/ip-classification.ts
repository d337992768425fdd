import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** An address as 4 or 16 bytes: one representation for parsing, ranges and IPv4 embedded in IPv6. */
export interface IpAddress {
  family: 4 | 6;
  bytes: number[];
}

export interface Cidr extends IpAddress {
  prefix: number;
}

export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'reserved';

export interface Classification {
  kind: AddressClass;
  /** Why it is not public, in words a marketer can act on; empty for public addresses. */
  reason: string;
}

/** What webhook targets may be: public addresses, plus private ones when the operator says so. */
export interface TargetPolicy {
  allowPrivate: boolean;
  allowedCidrs: readonly string[];
}

const REASONS: Record<Exclude<AddressClass, 'public'>, string> = {
  unspecified: 'the unspecified address (it means "this machine")',
  loopback: 'a loopback address (this machine)',
  private: 'an address on a private network',
  shared: 'an address in the carrier-grade NAT range 100.64.0.0/10 (a private network)',
  'link-local': 'a link-local address (used for cloud metadata services)',
  'unique-local': 'a unique-local IPv6 address (a private network)',
  multicast: 'a multicast address',
  reserved: 'a reserved address that is not reachable on the internet',
};

const V4_RANGES: Array<[string, Exclude<AddressClass, 'public'>]> = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];

const V6_RANGES: Array<[string, Exclude<AddressClass, 'public'>]> = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'],
  ['fc00::/7', 'unique-local'],
  ['ff00::/8', 'multicast'],
  ['100::/64', 'reserved'],
  ['2001:db8::/32', 'reserved'],
];

// IPv6 forms that carry an IPv4 address a packet can end up at: mapped
// (::ffff:a.b.c.d), the deprecated compatible form (::a.b.c.d), NAT64 and 6to4.
const EMBEDDING: Array<{ cidr: string; offset: number }> = [
  { cidr: '::ffff:0:0/96', offset: 12 },
  { cidr: '::/96', offset: 12 },
  { cidr: '64:ff9b::/96', offset: 12 },
  { cidr: '64:ff9b:1::/48', offset: 12 },
  { cidr: '2002::/16', offset: 2 },
];

// ipaddr.js reads any IPv6 with a dotted tail as IPv4-mapped (::10.0.0.1 becomes ::ffff:a00:1),
// so the tail is spelled as two hex groups first.
function dottedTailAsHex(text: string): string {
  const match = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (!match) return text;
  const [a, b, c, d] = ipaddr.IPv4.parse(match[2]).octets;
  return `${match[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** Parses an IPv4 or IPv6 literal (brackets and a zone id allowed); undefined for anything else. */
export function parseIp(raw: string): IpAddress | undefined {
  const text = raw
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  // node:net decides what is a literal (strict: no 0x7f.1 or octal forms); ipaddr.js gives its bytes.
  const family = isIP(text);
  if (family !== 4 && family !== 6) return undefined;
  return { family, bytes: ipaddr.parse(family === 6 ? dottedTailAsHex(text) : text).toByteArray() };
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.lastIndexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip) return undefined;
  const max = ip.family === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { ...ip, prefix: Number(prefixText) };
}

export function inCidr(ip: IpAddress, cidr: Cidr): boolean {
  if (ip.family !== cidr.family) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip.bytes[i] & mask) !== (cidr.bytes[i] & mask)) return false;
  }
  return true;
}

const compile = (ranges: Array<[string, Exclude<AddressClass, 'public'>]>) =>
  ranges.map(([text, kind]) => ({ cidr: parseCidr(text)!, kind }));
const V4 = compile(V4_RANGES);
const V6 = compile(V6_RANGES);
const EMBEDDED = EMBEDDING.map((e) => ({ cidr: parseCidr(e.cidr)!, offset: e.offset }));

/** The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4...), if any. */
export function embeddedV4(ip: IpAddress): IpAddress | undefined {
  if (ip.family !== 6) return undefined;
  // :: and ::1 are IPv6's own unspecified and loopback, not IPv4-compatible addresses.
  if (ip.bytes.slice(0, 15).every((b) => b === 0) && ip.bytes[15] <= 1) return undefined;
  const match = EMBEDDED.find((e) => inCidr(ip, e.cidr));
  return match && { family: 4, bytes: ip.bytes.slice(match.offset, match.offset + 4) };
}

export function classifyIp(ip: IpAddress): Classification {
  const inner = embeddedV4(ip);
  if (inner) {
    const own = classifyIp(inner);
    if (own.kind !== 'public') return own;
  }
  const hit = (ip.family === 4 ? V4 : V6).find((r) => inCidr(ip, r.cidr));
  return hit ? { kind: hit.kind, reason: REASONS[hit.kind] } : { kind: 'public', reason: '' };
}

/** Undefined when the policy lets a webhook connect to this address, else what it is ("a loopback address (this machine)"). */
export function refusalFor(address: string, policy: TargetPolicy): string | undefined {
  const ip = parseIp(address);
  if (!ip) return 'not an IP address';
  if (policy.allowPrivate) return undefined;
  const classification = classifyIp(ip);
  if (classification.kind === 'public') return undefined;
  const candidates = [ip, embeddedV4(ip)].filter((a): a is IpAddress => a !== undefined);
  const allowed = policy.allowedCidrs.map((c) => parseCidr(c)).filter((c): c is Cidr => c !== undefined);
  if (candidates.some((a) => allowed.some((c) => inCidr(a, c)))) return undefined;
  return classification.reason;
}
