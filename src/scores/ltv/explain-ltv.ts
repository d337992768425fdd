import type { LtvModelSettings, ScoreSettings } from '../../config/app-config';
import { ltvOf, ValueProfile } from '../profile/value-profile';
import type { CurrentLtvFit } from './ltv-model';
import { LtvPrediction, predictLtv } from './predictive-ltv';

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const LTV_ASSUMPTIONS = [
  'While a customer is active they order at their own steady rate; rates differ from customer to customer (gamma-distributed).',
  'After each repeat order a customer may stop for good, with their own fixed chance (beta-distributed); nobody stops before a second order.',
  'Rates and chances to stop are independent of each other and of order value; S (the average order) stays as it was.',
  'Months are 365.25/12 days; t counts at most LTV_HORIZON_MONTHS months ahead and is not discounted.',
];

/** The LTV section of the explain view: prediction, history, the model's inputs and fitted parameters, and a sentence. */
export function explainLtv(p: ValueProfile, now: number, fit: CurrentLtvFit, settings: ScoreSettings, model: LtvModelSettings): Record<string, unknown> {
  const prediction = predictLtv(p.orders, now, fit, settings, model);
  const observed = ltvOf(p.orders, settings);
  const { history, lifetime } = prediction;
  return {
    value: round(prediction.value, 2),
    currency: settings.ltvCurrency,
    formula: 'LTV = S × C × P × t',
    S: round(prediction.S, 4),
    C: round(prediction.C, 6),
    P: prediction.P,
    t: round(prediction.t, 6),
    tSource: prediction.tSource,
    historical: { value: round(prediction.historical, 2), formula: 'revenue × P', revenue: round(observed.revenue, 2), margin: prediction.P },
    observedMonths: round(observed.observedMonths, 6),
    observedOrdersPerMonth: round(prediction.observedOrdersPerMonth, 6),
    orders: observed.orders,
    revenue: round(observed.revenue, 2),
    firstOrderAt: iso(p.orders.firstAt),
    lastOrderAt: iso(p.orders.lastAt),
    model: {
      name: 'BG/NBD (Fader, Hardie & Lee 2005)',
      x: history?.x ?? null,
      tx: history ? round(history.tx, 4) : null,
      T: history ? round(history.T, 4) : null,
      pAlive: lifetime ? round(lifetime.pAlive, 4) : null,
      purchaseRate: lifetime ? round(lifetime.purchaseRate, 6) : null,
      dropoutPerPurchase: lifetime ? round(lifetime.dropoutPerPurchase, 6) : null,
      activeMonths: lifetime ? round(lifetime.activeMonths, 4) : null,
      horizonMonths: model.horizonMonths,
      fit: {
        source: fit.source,
        r: round(fit.params.r, 4), alpha: round(fit.params.alpha, 4), a: round(fit.params.a, 4), b: round(fit.params.b, 4),
        customers: fit.customers,
        customersWithOrders: fit.customersWithOrders,
        fittedAt: iso(fit.fittedAt),
        logLikelihood: fit.logLikelihood === null ? null : round(fit.logLikelihood, 2),
        reason: fit.reason,
      },
      formulas: {
        pAlive: 'P(alive) = 1 / (1 + a / (b + x − 1) × ((α + T) / (α + tx))^(r + x)), 1 when x = 0',
        C: 'C = (r + x) / (α + T) orders a month',
        t: 't = P(alive) × (1 − e^(−μH)) / μ, μ = C × a / (a + b + x), H = horizonMonths',
      },
      assumptions: LTV_ASSUMPTIONS,
    },
    explanation: sentence(prediction, observed.orders, settings, model, fit),
  };
}

function sentence(q: LtvPrediction, orders: number, settings: ScoreSettings, model: LtvModelSettings, fit: CurrentLtvFit): string {
  if (orders === 0) return 'No orders yet, so there is nothing to predict from: LTV 0.';
  const money = (v: number) => `${v.toFixed(2)} ${settings.ltvCurrency}`;
  const margin = `${round(q.P * 100, 1)}%`;
  const history = `${plural(orders, 'order', 'orders')} so far bring ${money(q.historical)} after the ${margin} margin.`;
  const formula = `LTV = ${round(q.S, 2)} × ${round(q.C, 3)} × ${q.P} × ${round(q.t, 3)} = ${money(q.value)}.`;
  if (q.tSource === 'setting') return `${history} t is set to ${q.t} months (LTV_MONTHS) and C is the observed ${round(q.C, 3)} orders a month: ${formula}`;
  const { history: h, lifetime: l } = q;
  const silence = round(h!.T - h!.tx, 1);
  const alive = h!.x === 0
    ? 'With one order there is no sign yet of them stopping, so they count as a customer'
    : `After ${plural(silence, 'month', 'months')} without an order, the chance they are still a customer is ${Math.round(l!.pAlive * 100)}%`;
  const priors = fit.source === 'prior' ? ` The model uses its starting assumptions, not a fit (${fit.reason}).` : ` Fitted on ${plural(fit.customers, 'customer', 'customers')}.`;
  return `${history} ${alive}. `
    + `Customers like this order about ${round(q.C, 2)} times a month and an active one stays about ${round(l!.activeMonths, 1)} more months (counting at most ${model.horizonMonths}), `
    + `so t = ${round(l!.pAlive, 4)} × ${round(l!.activeMonths, 3)} = ${round(q.t, 3)} months: ${formula}${priors}`;
}
