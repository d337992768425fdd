import type { LtvModelSettings, ScoreSettings } from '../../config/app-config';
import { ltvOf, MONTH_MS, ValueProfile } from '../profile/value-profile';
import { BgNbdFit, PurchaseHistory, remainingLifetime, RemainingLifetime } from './bg-nbd';

export interface LtvPrediction {
  /** LTV = S × C × P × t. */
  value: number;
  /** S: average order value. */
  S: number;
  /** C: orders per month: the model's expected rate (tSource 'model') or the observed one (tSource 'setting'). */
  C: number;
  /** P: the margin. */
  P: number;
  /** t: expected remaining months as a customer (model) or LTV_MONTHS (setting). */
  t: number;
  tSource: 'model' | 'setting';
  /** What the customer already brought in: revenue × margin. */
  historical: number;
  observedOrdersPerMonth: number;
  history: PurchaseHistory | null;
  lifetime: RemainingLifetime | null;
}

/** Frequency, recency and age in months, as BG/NBD reads a customer; null without orders. */
export function purchaseHistoryOf(orders: ValueProfile['orders'], now: number): PurchaseHistory | null {
  if (orders.count === 0 || orders.firstAt === null || orders.lastAt === null) return null;
  const tx = (orders.lastAt - orders.firstAt) / MONTH_MS;
  // An order dated after "now" (a shop's clock ahead of ours) makes the customer no younger than their last order.
  return { x: orders.count - 1, tx, T: Math.max(tx, (now - orders.firstAt) / MONTH_MS) };
}

/**
 * LTV = S × C × P × t at `now`. With LTV_MONTHS set, t is that setting and C
 * the observed rate (the stored LTV). Otherwise t is the BG/NBD estimate of the
 * months the customer has left and C the model's rate for them, so C × t is the
 * orders they are expected to place within the horizon.
 */
export function predictLtv(orders: ValueProfile['orders'], now: number, fit: BgNbdFit, settings: ScoreSettings, model: LtvModelSettings): LtvPrediction {
  const stored = ltvOf(orders, settings);
  const history = purchaseHistoryOf(orders, now);
  const lifetime = history && remainingLifetime(fit.params, history, model.horizonMonths);
  const base = { S: stored.averageOrderValue, P: settings.ltvMargin, historical: stored.revenue * settings.ltvMargin, observedOrdersPerMonth: stored.ordersPerMonth, history, lifetime };
  if (settings.ltvMonths > 0) return { ...base, value: stored.value, C: stored.ordersPerMonth, t: settings.ltvMonths, tSource: 'setting' };
  const C = lifetime?.purchaseRate ?? 0;
  const t = lifetime?.months ?? 0;
  return { ...base, value: base.S * C * base.P * t, C, t, tSource: 'model' };
}
