// Mail scanners ("URL detonation") open every link of a message, one after the
// other or all at once, in a browser that runs scripts. A person follows one
// link, and another only after reading a page. So several different links of
// one message close together are a machine, whatever each hit looks like.

/** One followed link of a message: a tracked redirect or one of our public pages. */
export interface LinkHit {
  /** Which link: `r/2` for redirect index 2, `p/9` for the poll answer 9, `u` for unsubscribe... */
  link: string;
  at: number;
}

export interface BurstRule {
  /** Different links within this distance of a hit... */
  windowMs: number;
  /** ...this many or more (the hit's own link included) make a burst. */
  distinctLinks: number;
  /** Two different links this close are already a burst: nobody reads a page that fast. */
  tightWindowMs: number;
}

export const DEFAULT_BURST_RULE: BurstRule = { windowMs: 8_000, distinctLinks: 3, tightWindowMs: 2_000 };

function distinctWithin(hits: readonly LinkHit[], at: number, windowMs: number): number {
  const links = new Set<string>();
  for (const h of hits) if (Math.abs(h.at - at) <= windowMs) links.add(h.link);
  return links.size;
}

/** Whether the hit at `at` is part of a burst among `hits` (all followed links of its message, itself included). */
export function isLinkBurst(hits: readonly LinkHit[], at: number, rule: BurstRule = DEFAULT_BURST_RULE): boolean {
  return distinctWithin(hits, at, rule.tightWindowMs) >= 2 || distinctWithin(hits, at, rule.windowMs) >= rule.distinctLinks;
}
