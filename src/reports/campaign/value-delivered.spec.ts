import { dimensionValues, valueDelivered } from './value-delivered';

describe('valueDelivered', () => {
  it('sums strength × the kind weight per dimension, undecayed, and divides by delivered recipients', () => {
    // loyalty: economic 1, emotional 0.5. 3 opens (1) + 2 clicks (3) + 1 bonus (5) = 14 strength.
    const v = valueDelivered(
      { economic: 1, emotional: 0.5 },
      { open: 3, click: 2, bonus_collected: 1, delivered: 9, points_earned: 4 },
      4,
    );
    expect(v.dimensions).toEqual([
      { dimension: 'functional', total: 0, perDeliveredRecipient: 0 },
      { dimension: 'economic', total: 14, perDeliveredRecipient: 3.5 },
      { dimension: 'emotional', total: 7, perDeliveredRecipient: 1.75 },
      { dimension: 'symbolic', total: 0, perDeliveredRecipient: 0 },
    ]);
    expect(v.total).toBe(21);
    expect(v.perDeliveredRecipient).toBe(5.25);
    // Facts (delivered, points_earned) carry no strength and are not listed.
    expect(v.byEventType).toEqual([
      { type: 'open', events: 3, strength: 1, points: 3 },
      { type: 'click', events: 2, strength: 3, points: 6 },
      { type: 'bonus_collected', events: 1, strength: 5, points: 5 },
    ]);
  });

  it('answers zeros, not NaN, for a campaign nobody received', () => {
    const v = valueDelivered({ emotional: 1 }, { poll_answered: 1 }, 0);
    expect(v.total).toBe(5);
    expect(v.perDeliveredRecipient).toBe(0);
    expect(v.dimensions.every((d) => Number.isFinite(d.perDeliveredRecipient))).toBe(true);
  });

  it('maps one recipient’s strength onto the kind’s dimensions', () => {
    expect(dimensionValues({ emotional: 1, symbolic: 0.5 }, 6)).toEqual({
      functional: 0,
      economic: 0,
      emotional: 6,
      symbolic: 3,
    });
  });
});
