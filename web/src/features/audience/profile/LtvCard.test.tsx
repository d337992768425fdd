import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ValueExplanation } from '../../../api/types';
import { renderWithApp } from '../../../test/render';
import { LtvCard } from './ValueCard';

// The worked example of docs/ltv.md at T = 3, as GET /api/subscribers/:id/value answers it.
const ltv: ValueExplanation['ltv'] = {
  value: 298.17,
  currency: 'EUR',
  formula: 'LTV = S × C × P × t',
  S: 50,
  C: 0.465627,
  P: 1,
  t: 12.807232,
  tSource: 'model',
  cSource: 'model',
  historicalValue: 150,
  storedValue: 150,
  observedMonths: 2,
  observedOrdersPerMonth: 1.5,
  orders: 3,
  revenue: 150,
  model: {
    name: 'BG/NBD',
    x: 2,
    tx: 2,
    T: 3,
    pAlive: 0.694421,
    activeMonths: 12.807232,
    expectedPurchases: 5.963388,
    horizonMonths: 36,
    params: { r: 0.243, alpha: 1.015129, a: 0.793, b: 2.426 },
    paramsSource: 'default',
    sampleSize: 1,
    fittedAt: '2026-04-01T00:00:00.000Z',
    note: '1 customer with orders, fewer than the 30 needed to fit',
    assumptions: ['While a customer, each buys at their own steady rate.'],
  },
  sentence: '',
  firstOrderAt: '2026-01-01T00:00:00.000Z',
  lastOrderAt: '2026-03-01T00:00:00.000Z',
  events: [],
};

describe('LTV card', () => {
  it('shows the prediction beside the history, with the model, its inputs and where its parameters come from', () => {
    renderWithApp(<LtvCard profile={{ ltv } as ValueExplanation} />);
    expect(screen.getByTestId('ltv').textContent).toMatch(/298[.,]17/);
    expect(screen.getByTestId('ltv-history').textContent).toMatch(/150[.,]00/);
    expect(screen.getByTestId('ltv-palive').textContent).toMatch(/69[.,]4%/);
    const model = screen.getByTestId('ltv-model').textContent ?? '';
    expect(model).toContain('x 2 repeat orders');
    expect(model).toContain('r 0.243');
    expect(model).toContain(
      'published CDNOW retail parameters: 1 customer with orders, fewer than the 30 needed to fit',
    );
    expect(model).toContain('we expect 6 more orders');
    expect(screen.getByText(/expected months still a customer/)).toBeTruthy();
  });

  it('says there is nothing to predict without orders', () => {
    renderWithApp(
      <LtvCard
        profile={
          {
            ltv: { ...ltv, value: 0, S: 0, C: 0, t: 0, orders: 0, revenue: 0, historicalValue: 0, model: null },
          } as ValueExplanation
        }
      />,
    );
    expect(screen.getByText('No orders yet: nothing to predict.')).toBeTruthy();
  });
});
