import { Injectable } from '@nestjs/common';
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

/** Where genuine tracking hits go. Called after the response is on its way; may be slow, must not throw into the request. */
export interface TrackingSink {
  recordOpen(hit: OpenHit): void | Promise<void>;
  recordClick(hit: ClickHit): void | Promise<void>;
}

export const TRACKING_SINK = Symbol('TRACKING_SINK');

/** Until the tracking module records events. */
@Injectable()
export class NoopTrackingSink implements TrackingSink {
  recordOpen(): void {}
  recordClick(): void {}
}
