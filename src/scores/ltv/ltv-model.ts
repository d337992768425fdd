import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { readMillis } from '../profile/profile-row';
import { LIVE_TABLES } from '../profile/profile-store';
import { DAY_MS } from '../value-model';
import { BgNbdFit, fitBgNbd, PurchaseHistory } from './bg-nbd';
import { purchaseHistoryOf } from './predictive-ltv';

export interface CurrentLtvFit extends BgNbdFit {
  /** The clock's time the customers' ages were measured at. */
  fittedAt: number;
  /** Customers with orders; the fit reads at most FIT_SAMPLE_LIMIT of them. */
  customersWithOrders: number;
}

// Past this many customers the fit reads an even spread of them (every k-th by id): the
// parameters describe the population and settle well before, and a fit stays around a second.
export const FIT_SAMPLE_LIMIT = 5_000;

/**
 * The BG/NBD population parameters, fitted on demand over every customer's
 * stored order aggregates. A fit depends on the orders and on "now" (each
 * customer's age), so it is kept while the orders are unchanged and the
 * clock's day is the same; the profiles themselves stay a function of the
 * event log alone (recompute = incremental).
 */
@Injectable()
export class LtvModel {
  private cached: { key: string; fit: CurrentLtvFit } | null = null;
  private running: { key: string; fit: Promise<CurrentLtvFit> } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<CurrentLtvFit> {
    const now = this.clock.now().getTime();
    const [state] = await this.dataSource.query(`SELECT COUNT(*) AS n, SUM(order_count) AS orders, MAX(last_event_id) AS last FROM ${LIVE_TABLES.profiles} WHERE order_count > 0`);
    const key = `${Math.floor(now / DAY_MS)}:${Number(state.n)}:${Number(state.orders ?? 0)}:${Number(state.last ?? 0)}`;
    if (this.cached?.key === key) return this.cached.fit;
    if (this.running?.key !== key) {
      const fit = this.fit(now).then((result) => {
        this.cached = { key, fit: result };
        return result;
      }).finally(() => {
        if (this.running?.fit === fit) this.running = null;
      });
      this.running = { key, fit };
    }
    return this.running.fit;
  }

  private async fit(now: number): Promise<CurrentLtvFit> {
    const rows: Array<{ order_count: unknown; first_order_at: unknown; last_order_at: unknown }> = await this.dataSource.query(
      `SELECT order_count, first_order_at, last_order_at FROM ${LIVE_TABLES.profiles} WHERE order_count > 0 ORDER BY subscriber_id`,
    );
    const stride = Math.max(1, Math.ceil(rows.length / FIT_SAMPLE_LIMIT));
    const customers: PurchaseHistory[] = [];
    for (let i = 0; i < rows.length; i += stride) {
      const row = rows[i];
      const history = purchaseHistoryOf({ count: Number(row.order_count), revenueCents: 0, firstAt: readMillis(row.first_order_at), lastAt: readMillis(row.last_order_at) }, now);
      if (history) customers.push(history);
    }
    return { ...fitBgNbd(customers, this.config.ltvModel.minCustomers), fittedAt: now, customersWithOrders: rows.length };
  }
}
