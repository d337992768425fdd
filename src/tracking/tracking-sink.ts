import type { LinkClaims } from '../links/link-token.service';

export interface OpenHit {
  claims: LinkClaims;
  ip: string;
  ua: string;
  at: Date;
  method: 'GET' | 'HEAD';
}

export interface ClickHit extends OpenHit {
  index: number;
  url: string;
}

/**
 * Where genuine tracking hits go. Awaited before the answer is sent, so it must
 * be fast (no database) and it must not throw: a hit it cannot keep is logged.
 */
export interface TrackingSink {
  recordOpen(hit: OpenHit): void | Promise<void>;
  recordClick(hit: ClickHit): void | Promise<void>;
}

export const TRACKING_SINK = Symbol('TRACKING_SINK');
