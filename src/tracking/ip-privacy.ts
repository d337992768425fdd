import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

export type IpMode = 'truncate' | 'hash' | 'none';

function expandIpv6(ip: string): number[] | undefined {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const left = part(head);
  const right = part(tail);
  // An embedded IPv4 tail (::ffff:1.2.3.4) is two groups.
  const last = right.length ? right : left;
  if (last.length && isIPv4(last[last.length - 1])) {
    const [a, b, c, d] = last.pop()!.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) =>
    parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** IPv4 to its /24, IPv6 to its /48; an IPv4-mapped IPv6 address counts as IPv4. */
export function truncateIp(ip: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? mapped[1] : ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0`;
  if (!isIPv6(ip)) return null;
  const groups = expandIpv6(ip);
  if (!groups) return null;
  return `${groups
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(':')}::`;
}

/** What the event log keeps of a source address, per TRACKING_IP_MODE. */
export function protectIp(ip: string, mode: IpMode, secret: string): string | null {
  if (!ip) return null;
  switch (mode) {
    case 'none':
      return null;
    case 'truncate':
      return truncateIp(ip);
    case 'hash':
      // Keyed, so the 2^32 IPv4 addresses cannot simply be enumerated back.
      return `h:${createHmac('sha256', secret).update(ip).digest('hex').slice(0, 32)}`;
  }
}
