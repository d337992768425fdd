// drand "quicknet" (League of Entropy): a public random value every 3 seconds that
// nobody, including us, can know before its round's time. A contest names the round
// at commit, before entries close, so the operator cannot pick it once values are out.
export const DRAND_QUICKNET = {
  name: 'drand quicknet',
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  genesisTime: 1692803367,
  periodSeconds: 3,
} as const;

// Room between the end of entries and the beacon round, to freeze the entry list
// before the value the draw depends on is public.
export const FREEZE_WINDOW_MS = 60 * 60 * 1000;

export interface BeaconRound {
  source: string;
  chainHash: string;
  round: number;
  /** When the round's value is published; not knowable by anyone before. */
  at: Date;
  /** Where anyone reads the value ("randomness"). */
  url: string;
}

export function beaconRound(round: number): BeaconRound {
  const { name, chainHash, genesisTime, periodSeconds } = DRAND_QUICKNET;
  return {
    source: name,
    chainHash,
    round,
    at: new Date((genesisTime + (round - 1) * periodSeconds) * 1000),
    url: `https://api.drand.sh/${chainHash}/public/${round}`,
  };
}

/** The first round published at or after a moment. */
export function roundAtOrAfter(at: Date): number {
  const { genesisTime, periodSeconds } = DRAND_QUICKNET;
  return Math.max(1, Math.ceil((at.getTime() / 1000 - genesisTime) / periodSeconds) + 1);
}
