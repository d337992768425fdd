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

/**
 * The followed links of one message, by link, with their times sorted: a link
 * hammered thousands of times costs a binary search per question, not a scan.
 */
export class LinkHits {
  private readonly times = new Map<string, number[]>();
  private sorted = true;

  constructor(hits: Iterable<LinkHit> = []) {
    for (const hit of hits) this.add(hit);
  }

  add(hit: LinkHit): void {
    const list = this.times.get(hit.link);
    if (!list) this.times.set(hit.link, [hit.at]);
    else {
      if (hit.at < list[list.length - 1]) this.sorted = false;
      list.push(hit.at);
    }
  }

  /** Whether the hit at `at` is part of a burst among these hits (its own included). */
  isBurst(at: number, rule: BurstRule = DEFAULT_BURST_RULE): boolean {
    if (!this.sorted) {
      for (const list of this.times.values()) list.sort((x, y) => x - y);
      this.sorted = true;
    }
    return (
      this.distinctWithin(at, rule.tightWindowMs) >= 2 || this.distinctWithin(at, rule.windowMs) >= rule.distinctLinks
    );
  }

  private distinctWithin(at: number, windowMs: number): number {
    let links = 0;
    for (const list of this.times.values()) {
      // The first time not before at − window; the link counts when it is not after at + window.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] < at - windowMs) lo = mid + 1;
        else hi = mid;
      }
      if (lo < list.length && list[lo] <= at + windowMs) links++;
    }
    return links;
  }
}

/** Whether the hit at `at` is part of a burst among `hits` (all followed links of its message, itself included). */
export function isLinkBurst(hits: readonly LinkHit[], at: number, rule: BurstRule = DEFAULT_BURST_RULE): boolean {
  return new LinkHits(hits).isBurst(at, rule);
}
