import { DEFAULT_BURST_RULE, isLinkBurst, LinkHit } from './link-burst';

const at = (link: string, seconds: number): LinkHit => ({ link, at: seconds * 1000 });

describe('isLinkBurst', () => {
  it('a scanner opening all eleven NPS answers one per 1.5 s is a burst at every hit', () => {
    const hits = Array.from({ length: 11 }, (_, i) => at(`p/${i}`, i * 1.5));
    expect(hits.every((h) => isLinkBurst(hits, h.at))).toBe(true);
  });

  it('links opened all at once are a burst', () => {
    const hits = [at('l', 0), at('u', 0.2)];
    expect(isLinkBurst(hits, 0)).toBe(true);
  });

  it('a scanner pausing 3 s between three links is still a burst', () => {
    const hits = [at('r/0', 0), at('l', 3), at('u', 6)];
    expect(isLinkBurst(hits, 0)).toBe(true);
  });

  it('one answer, then a changed mind a minute later, is two people-paced acts', () => {
    const hits = [at('p/9', 0), at('p/7', 60)];
    expect(isLinkBurst(hits, 0)).toBe(false);
    expect(isLinkBurst(hits, 60_000)).toBe(false);
  });

  it('the same link twice (a double click) is not a burst', () => {
    const hits = [at('p/9', 0), at('p/9', 0.3), at('p/9', 1)];
    expect(isLinkBurst(hits, 0)).toBe(false);
  });

  it('two links five seconds apart are a person reading, three within the window are not', () => {
    expect(isLinkBurst([at('r/1', 0), at('r/2', 5)], 0)).toBe(false);
    expect(isLinkBurst([at('r/1', 0), at('r/2', 5), at('r/3', DEFAULT_BURST_RULE.windowMs / 1000)], 0)).toBe(true);
  });
});
