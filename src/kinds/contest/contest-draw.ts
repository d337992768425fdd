import { createHash, createHmac } from 'node:crypto';

// The one implementation of the draw in src; docs/contest-draw.md specifies it and
// scripts/verify-draw.js re-implements it independently (a spec proves they agree).
export const DRAW_ALGORITHM = 'valuemail-draw/2';

/** One line of the frozen entry list: a pseudonymous entry id and its weight (1 + bonus entries). */
export interface DrawEntry {
  ref: string;
  weight: number;
}

export interface DrawInput {
  seed: string;
  entries: DrawEntry[];
  /** The public beacon value typed in at draw time, or null when the contest named no beacon. */
  beaconValue: string | null;
}

const TWO_48 = 2 ** 48;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const byRef = (a: DrawEntry, b: DrawEntry) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/** The canonical text of the entry list: [[ref, weight], ...] ordered by ref, compact JSON. Its sha256 is the entry digest. */
export function canonicalEntryList(entries: DrawEntry[]): string {
  return JSON.stringify([...entries].sort(byRef).map((e) => [e.ref, e.weight]));
}

export function entryDigest(entries: DrawEntry[]): string {
  return sha256Hex(canonicalEntryList(entries));
}

/** The key every random number comes from: fixed only once the seed, the frozen entries and the beacon are all known. */
export function drawKey(input: DrawInput): Buffer {
  return createHash('sha256')
    .update(`${DRAW_ALGORITHM}\n${input.seed}\n${entryDigest(input.entries)}\n${input.beaconValue ?? ''}`, 'utf8')
    .digest();
}

/** Uniform integers: block i = HMAC-SHA256(drawKey, "i"), its first 48 bits, rejection-sampled so no value is favoured. */
class DrawStream {
  private counter = 0;

  constructor(private readonly key: Buffer) {}

  below(bound: number): number {
    const limit = Math.floor(TWO_48 / bound) * bound;
    for (;;) {
      const value = createHmac('sha256', this.key).update(String(this.counter++), 'utf8').digest().readUIntBE(0, 6);
      if (value < limit) return value % bound;
    }
  }
}

/**
 * The first `count` entries in draw order, weighted, without replacement. Each
 * pick removes the winner, so order(n + 1) starts with order(n): a redraw after
 * a disqualification is the next one in this order.
 */
export function drawOrder(input: DrawInput, count: number): string[] {
  const remaining = [...input.entries].sort(byRef);
  const stream = new DrawStream(drawKey(input));
  const order: string[] = [];
  let total = remaining.reduce((sum, e) => sum + e.weight, 0);
  while (order.length < count && remaining.length > 0) {
    let ticket = stream.below(total);
    let index = 0;
    while (ticket >= remaining[index].weight) {
      ticket -= remaining[index].weight;
      index++;
    }
    const [won] = remaining.splice(index, 1);
    total -= won.weight;
    order.push(won.ref);
  }
  return order;
}

/** Beacon values are compared as lowercase hex, as drand publishes them. */
export function normaliseBeaconValue(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return /^[0-9a-f]{32,128}$/.test(value) ? value : null;
}
