import { createHmac } from 'node:crypto';
import { parseIp } from '../webhooks/ip-classification';

export type IpMode = 'truncate' | 'hash' | 'none';

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** IPv4 to its /24, IPv6 to its /48; an IPv4-mapped IPv6 address counts as IPv4. */
export function truncateIp(ip: string): string | null {
  const parsed = parseIp(ip);
  if (!parsed) return null;
  const { bytes } = parsed;
  const mapped = parsed.family === 6 && MAPPED_PREFIX.every((b, i) => bytes[i] === b);
  if (parsed.family === 4 || mapped) return `${bytes.slice(-4, -1).join('.')}.0`;
  const groups = [0, 2, 4].map((i) => ((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return `${groups.join(':')}::`;
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
