import type { RevenueRow } from './campaign-figures.query';
import type { AttributedRevenue } from './campaign-report.types';

/** Conversions and purchases credited to a campaign, per currency (amounts are never added across currencies). */
export function attributedRevenue(rows: RevenueRow[]): AttributedRevenue {
  const currencies = new Map<string | null, AttributedRevenue['byCurrency'][number]>();
  for (const r of rows) {
    const c = currencies.get(r.currency) ?? {
      currency: r.currency,
      conversions: 0,
      conversionAmount: 0,
      purchases: 0,
      purchaseAmount: 0,
      total: 0,
    };
    if (r.type === 'conversion') {
      c.conversions += r.count;
      c.conversionAmount += r.amount;
    } else {
      c.purchases += r.count;
      c.purchaseAmount += r.amount;
    }
    c.total = Math.round((c.conversionAmount + c.purchaseAmount) * 100) / 100;
    currencies.set(r.currency, c);
  }
  const byCurrency = [...currencies.values()].sort((a, b) => b.total - a.total);
  return {
    conversions: byCurrency.reduce((a, c) => a + c.conversions, 0),
    purchases: byCurrency.reduce((a, c) => a + c.purchases, 0),
    byCurrency,
  };
}
