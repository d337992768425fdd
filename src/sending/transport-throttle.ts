import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { FixedWindowLimiter, RateWindow } from '../common/rate-limit/fixed-window.limiter';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';

/** Per-transport send pacing across all workers: the configured rate limits (a transport that is down: TransportHealth). */
@Injectable()
export class TransportThrottle {
  constructor(
    private readonly limiter: FixedWindowLimiter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async acquire(transport: string): Promise<void> {
    const { ratePerSecond, ratePerHour } = this.config.sending;
    const windows: RateWindow[] = [];
    if (ratePerSecond) windows.push({ key: `smtp:${transport}:second`, limit: ratePerSecond, windowMs: 1000 });
    if (ratePerHour) windows.push({ key: `smtp:${transport}:hour`, limit: ratePerHour, windowMs: 3_600_000 });
    if (!windows.length) return;
    for (;;) {
      // Wall time, not the app's Clock: pacing is about real seconds on the wire, and a
      // Clock held still by a test would never let a full window end.
      const verdict = await this.limiter.take(windows, Date.now());
      if (verdict.allowed) return;
      await sleep(Math.min(60_000, Math.max(1, verdict.retryAfterMs)));
    }
  }
}
