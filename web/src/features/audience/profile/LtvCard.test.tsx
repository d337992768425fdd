import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LtvExplanation, ValueExplanation } from '../../../api/types';
import { renderWithApp } from '../../../test/render';
import { LtvCard } from './LtvCard';

// The worked example of docs/ltv.md as GET /api/subscribers/:id/value answers it (test/ltv.e2e-spec.ts).
const workedExample: LtvExplanation = {
  value: 154.3, currency: 'EUR', S: 50, C: 0.5, P: 1, t: 6.171804, tSource: 'model',
  historical: { value: 150, revenue: 150, margin: 1 }, observedMonths: 2, observedOrdersPerMonth: 1.5, orders: 3, revenue: 150,
  model: {
    name: 'BG/NBD (Fader, Hardie & Lee 2005)', x: 2, tx: 2, T: 3, pAlive: 0.6345, purchaseRate: 0.5, dropoutPerPurchase: 0.2, activeMonths: 9.7268, horizonMonths: 36,
    fit: { source: 'prior', r: 1, alpha: 3, a: 1, b: 2, customers: 3, customersWithOrders: 3, fittedAt: '2025-04-06T07:30:00.000Z', logLikelihood: null, reason: '3 customers with orders; a fit needs at least 30' },
    assumptions: [],
  },
  explanation: '',
};
const profileWith = (ltv: LtvExplanation) => ({ ltv }) as unknown as ValueExplanation;

describe('LtvCard', () => {
  it('shows the prediction beside the historical value, with P(alive), t and where t comes from', () => {
    renderWithApp(<LtvCard profile={profileWith(workedExample)} />);
    expect(screen.getByTestId('ltv').textContent).toContain('€154.30');
    expect(screen.getByText('predicted value still to come')).toBeTruthy();
    expect(screen.getByTestId('ltv-historical').textContent).toContain('Historical value (revenue × margin): €150.00 from 3 orders worth €150.00');
    expect(screen.getByTestId('ltv-t').textContent).toContain('6.17 model');
    expect(screen.getByTestId('ltv-palive').textContent).toContain('63%');
    expect(screen.getByTestId('ltv-sentence').textContent).toContain(
      'After 1 month without an order the chance they are still a customer is 63%. Customers like this order about 0.5 times a month and an active one stays about 9.7 more months (counting at most 36), so t = 0.635 × 9.7 = 6.17 months.',
    );
    expect(screen.getByTestId('ltv-fit').textContent).toContain('Starting assumptions r = 1, α = 3, a = 1, b = 2: the orders of 3 customers do not carry a fit yet');
  });

  it('says when t is the LTV_MONTHS setting, and when there is nothing to predict from', () => {
    const { unmount } = renderWithApp(<LtvCard profile={profileWith({ ...workedExample, value: 1800, C: 1.5, t: 24, tSource: 'setting' })} />);
    expect(screen.getByText('value over the set number of months')).toBeTruthy();
    expect(screen.getByTestId('ltv-sentence').textContent).toContain('t is fixed at 24 months by LTV_MONTHS; the model would give a 63% chance they are still a customer.');
    unmount();
    const none = { ...workedExample, value: 0, S: 0, C: 0, t: 0, orders: 0, revenue: 0, historical: { value: 0, revenue: 0, margin: 1 }, model: { ...workedExample.model, x: null, tx: null, T: null, pAlive: null } };
    renderWithApp(<LtvCard profile={profileWith(none)} />);
    expect(screen.getByText('No orders yet, so there is nothing to predict from.')).toBeTruthy();
  });
});
