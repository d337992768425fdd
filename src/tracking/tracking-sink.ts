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

/** A GET of one of our public pages (poll answer, unsubscribe, gift...) from a mail link. */
export interface PageHit extends OpenHit {
  /** The path without its token: `p/9`, `u`, `s/0`. */
  link: string;
}

/**
 * Where genuine tracking hits go. Awaited before the answer is sent, so it must
 * be fast (no database) and it must not throw: a hit it cannot keep is logged.
 */
export interface TrackingSink {
  recordOpen(hit: OpenHit): void | Promise<void>;
  recordClick(hit: ClickHit): void | Promise<void>;
  recordPage(hit: PageHit): void | Promise<void>;
}

export const TRACKING_SINK = Symbol('TRACKING_SINK');
