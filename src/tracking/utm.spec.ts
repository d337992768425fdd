import { appendUtm } from './utm';

describe('appendUtm', () => {
  const utm = { source: 'valuemail', medium: 'email', campaign: 'Spring sale' };

  it('adds the parameters to a link without a query', () => {
    expect(appendUtm('https://shop.example/a', utm)).toBe(
      'https://shop.example/a?utm_source=valuemail&utm_medium=email&utm_campaign=Spring%20sale',
    );
  });

  it('keeps the existing query exactly and appends after it', () => {
    expect(appendUtm('https://shop.example/a?x=1&y=a%2Bb', { source: 'vm' })).toBe(
      'https://shop.example/a?x=1&y=a%2Bb&utm_source=vm',
    );
  });

  it('never clobbers a utm parameter the link already has', () => {
    expect(appendUtm('https://shop.example/a?utm_source=partner', utm)).toBe(
      'https://shop.example/a?utm_source=partner&utm_medium=email&utm_campaign=Spring%20sale',
    );
  });

  it('keeps the fragment last', () => {
    expect(appendUtm('https://shop.example/a?x=1#top', { medium: 'email' })).toBe(
      'https://shop.example/a?x=1&utm_medium=email#top',
    );
  });

  it('leaves the link alone without settings', () => {
    expect(appendUtm('https://shop.example/a?x=1', null)).toBe('https://shop.example/a?x=1');
    expect(appendUtm('https://shop.example/a?x=1', {})).toBe('https://shop.example/a?x=1');
  });
});
