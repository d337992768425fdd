import type { LtvModelSettings, ScoreSettings } from '../../config/app-config';
import { ltvOf, MONTH_MS, ValueProfile } from '../profile/value-profile';
import { BgNbdParams, expectedActiveMonths, expectedPurchases, pAlive, PurchaseHistory } from './bg-nbd';

// The predicted LTV of one customer at "now": S × C × P × t with t and C from
// the BG/NBD model of the whole population (or t from LTV_MONTHS). It depends
// on now and on the population, so it is computed when read, never stored.

/** The population parameters the prediction uses, and where they come from. */
export interface PopulationModel {
  params: BgNbdParams;
  source: 'fit' | 'default';
  /** Customers (subscribers with at least one order) the parameters were fitted on. */
  sampleSize: number;
  /** Customers with orders when the model was made (the sample may be a part of them). */
  customers: number;
  fittedAt: number;
  logLikelihood: number | null;
  /** Why the defaults are used, when they are. */
  note: string | null;
}

/** x repeat purchases, the last t_x months after the first, T months from the first order to now. */
export function purchaseHistoryOf(orders: ValueProfile['orders'], now: number): PurchaseHistory | null {
  if (orders.count === 0 || orders.firstAt === null || orders.lastAt === null) return null;
  const tx = (orders.lastAt - orders.firstAt) / MONTH_MS;
  // An order stamped after "now" (a clock behind the shop's) counts as just now.
  return { x: orders.count - 1, tx, T: Math.max(tx, (now - orders.firstAt) / MONTH_MS) };
}

export interface LtvPrediction {
  /** The LTV: S × C × P × t. */
  value: number;
  /** What the customer already brought: revenue × P. */
  historicalValue: number;
  /** The stored LTV segments and reports compare: S × C × P × t with the observed months, or LTV_MONTHS (see ltvOf). */
  storedValue: number;
  S: number;
  C: number;
  P: number;
  t: number;
  tSource: 'model' | 'setting';
  cSource: 'model' | 'observed';
  observedMonths: number;
  observedOrdersPerMonth: number;
  orders: number;
  revenue: number;
  model: {
    name: 'BG/NBD';
    x: number;
    tx: number;
    T: number;
    pAlive: number;
    /** Expected months still a customer within the horizon: P(alive) × ∫ survival. */
    activeMonths: number;
    expectedPurchases: number;
    horizonMonths: number;
    params: BgNbdParams;
    paramsSource: 'fit' | 'default';
    sampleSize: number;
    fittedAt: number;
    note: string | null;
  } | null;
}

export function predictLtv(
  orders: ValueProfile['orders'],
  now: number,
  population: PopulationModel,
  scores: ScoreSettings,
  settings: LtvModelSettings,
): LtvPrediction {
  const stored = ltvOf(orders, scores);
  const P = scores.ltvMargin;
  const base = {
    historicalValue: stored.revenue * P,
    storedValue: stored.value,
    S: stored.averageOrderValue,
    P,
    observedMonths: stored.observedMonths,
    observedOrdersPerMonth: stored.ordersPerMonth,
    orders: stored.orders,
    revenue: stored.revenue,
  };
  const history = purchaseHistoryOf(orders, now);
  if (!history)
    return {
      ...base,
      value: 0,
      C: 0,
      t: 0,
      tSource: scores.ltvMonths > 0 ? 'setting' : 'model',
      cSource: 'observed',
      model: null,
    };

  const horizon = settings.horizonMonths;
  const activeMonths = expectedActiveMonths(history, population.params, horizon);
  const purchases = expectedPurchases(history, population.params, horizon);
  const model = {
    name: 'BG/NBD' as const,
    ...history,
    pAlive: pAlive(history, population.params),
    activeMonths,
    expectedPurchases: purchases,
    horizonMonths: horizon,
    params: population.params,
    paramsSource: population.source,
    sampleSize: population.sampleSize,
    fittedAt: population.fittedAt,
    note: population.note,
  };
  if (scores.ltvMonths > 0) {
    // The explicit override: t is the setting, C the customer's observed rate (as stored).
    return {
      ...base,
      value: stored.value,
      C: stored.ordersPerMonth,
      t: scores.ltvMonths,
      tSource: 'setting',
      cSource: 'observed',
      model,
    };
  }
  // t = expected active months; C = expected purchases per active month, so S × C × t is S × the expected purchases.
  const C = activeMonths > 0 ? purchases / activeMonths : 0;
  return {
    ...base,
    value: stored.averageOrderValue * C * P * activeMonths,
    C,
    t: activeMonths,
    tSource: 'model',
    cSource: 'model',
    model,
  };
}

const money = (value: number, currency: string) => `${currency} ${value.toFixed(2)}`;
const months = (value: number) => `${value.toFixed(1)} month${value.toFixed(1) === '1.0' ? '' : 's'}`;

/** The prediction in one paragraph a marketer reads. */
export function ltvSentence(p: LtvPrediction, currency: string): string {
  if (!p.model) return 'No orders yet: nothing to predict. The LTV is 0 until the first order.';
  const m = p.model;
  const since = m.T - m.tx;
  const last = `${p.orders} order${p.orders === 1 ? '' : 's'} worth ${money(p.S, currency)} on average, the last ${months(since)} ago`;
  const chance = `${Math.round(m.pAlive * 1000) / 10}%`;
  const population =
    m.paramsSource === 'fit'
      ? `fitted on ${m.sampleSize} customers of this shop`
      : `with the published CDNOW retail parameters: ${m.note ?? 'too few customers to fit'}`;
  if (p.tSource === 'setting') {
    return (
      `${last}. LTV_MONTHS sets t to ${p.t} months, so LTV = ${money(p.S, currency)} × ${p.C.toFixed(2)} orders a month × margin ${p.P} × ${p.t} = ${money(p.value, currency)}. ` +
      `The model (BG/NBD ${population}) gives a ${chance} chance this customer is still buying.`
    );
  }
  return (
    `${last}. Customers with this pattern are still buying with a ${chance} chance; over the next ${m.horizonMonths} months ` +
    `we expect ${m.expectedPurchases.toFixed(1)} more orders over ${months(p.t)} as a customer (BG/NBD ${population}). ` +
    `Predicted LTV ${money(p.value, currency)}, beside ${money(p.historicalValue, currency)} already earned.`
  );
}
