/** A small seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }

  /** A weighted pick: [item, weight] pairs. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A count that is often small and sometimes large (log-uniform up to `max`), zero with probability `pZero`. */
  count(max: number, pZero = 0): number {
    if (this.chance(pZero)) return 0;
    return Math.floor(Math.exp(this.next() * Math.log(max + 1)));
  }

  /** Splits `total` into `parts` non-negative integers that add up to it. */
  split(total: number, parts: number): number[] {
    const cuts = Array.from({ length: parts - 1 }, () => this.int(0, total)).sort((a, b) => a - b);
    const out: number[] = [];
    let prev = 0;
    for (const c of cuts) {
      out.push(c - prev);
      prev = c;
    }
    out.push(total - prev);
    return out;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}
