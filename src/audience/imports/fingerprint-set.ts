/**
 * A set of 56-bit fingerprints in two typed arrays (open addressing): about
 * 16 bytes per entry instead of ~50 for a Set of heap numbers, so a
 * 1M-row import's duplicate check stays around 16–32 MB.
 */
export class FingerprintSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a fingerprint (hex, at least 14 digits); false when it was already there. */
  add(hex: string): boolean {
    // Bit 31 of `hi` marks a used slot, so the empty slot is 0.
    const h = (parseInt(hex.slice(0, 6), 16) | 0x80000000) >>> 0;
    const l = parseInt(hex.slice(6, 14), 16) >>> 0;
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    return this.insert(h, l);
  }

  private insert(h: number, l: number): boolean {
    const mask = this.hi.length - 1;
    for (let i = (l ^ Math.imul(h, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (this.hi[i] === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.count++;
        return true;
      }
      if (this.hi[i] === h && this.lo[i] === l) return false;
    }
  }

  private grow(): void {
    const [hi, lo] = [this.hi, this.lo];
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.count = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0) this.insert(hi[i], lo[i]);
  }
}
