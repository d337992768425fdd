import { createHash, createHmac } from 'node:crypto';

/** One line of the frozen entry list: weight = 1 + bonus entries. */
export interface SnapshotEntry {
  subscriberId: number;
  weight: number;
}

const TWO_48 = 2 ** 48;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Canonical text of a snapshot (ordered by subscriber id): what is hashed and stored. */
export function canonicalSnapshot(entries: SnapshotEntry[]): string {
  const ordered = [...entries].sort((a, b) => a.subscriberId - b.subscriberId);
  return JSON.stringify(ordered.map((e) => [e.subscriberId, e.weight]));
}

export function parseSnapshot(text: string): SnapshotEntry[] {
  return (JSON.parse(text) as Array<[number, number]>).map(([subscriberId, weight]) => ({ subscriberId, weight }));
}

/**
 * A deterministic stream of uniform integers: HMAC-SHA256(seed, snapshotHash:counter),
 * 48 bits per block, rejection-sampled so no value is favoured.
 */
class SeededStream {
  private counter = 0;

  constructor(
    private readonly seed: string,
    private readonly context: string,
  ) {}

  below(bound: number): number {
    const limit = Math.floor(TWO_48 / bound) * bound;
    for (;;) {
      const block = createHmac('sha256', this.seed).update(`${this.context}:${this.counter++}`).digest();
      const value = block.readUIntBE(0, 6);
      if (value < limit) return value % bound;
    }
  }
}

/**
 * The first `count` winners, weighted without replacement. Each pick removes
 * the winner, so draw(n + 1) starts with draw(n): a redraw after a
 * disqualification is just the next one in this order.
 */
export function drawWinners(seed: string, entries: SnapshotEntry[], count: number): number[] {
  const remaining = [...entries].sort((a, b) => a.subscriberId - b.subscriberId).filter((e) => e.weight > 0);
  const stream = new SeededStream(seed, sha256Hex(canonicalSnapshot(entries)));
  const winners: number[] = [];
  let total = remaining.reduce((sum, e) => sum + e.weight, 0);
  while (winners.length < count && remaining.length > 0) {
    let ticket = stream.below(total);
    let index = 0;
    while (ticket >= remaining[index].weight) {
      ticket -= remaining[index].weight;
      index++;
    }
    const [won] = remaining.splice(index, 1);
    total -= won.weight;
    winners.push(won.subscriberId);
  }
  return winners;
}
