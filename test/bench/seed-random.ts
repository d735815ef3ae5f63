/**
 * Seeded randomness for the benchmark seed (test/bench/seed.ts): the same seed gives the same
 * numbers on every machine, so the same `--documents N` gives the same database.
 *
 * Every document draws from a stream of its own (`Random.forItem(seed, stream, index)`), so that
 * what one document gets never depends on how many numbers another one drew.
 */

/** splitmix32's finaliser: spreads a 32-bit value over all bits. */
function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** sfc32: a small, fast generator with 128 bits of state; plenty for synthetic data. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0, index = 0) {
    this.a = mix32(seed ^ 0x5bd1e995);
    this.b = mix32(stream ^ this.a);
    this.c = mix32(index ^ this.b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A generator of its own for item `index` of `stream` (a document, a municipality…). */
  static forItem(seed: number, stream: number, index: number): Random {
    return new Random(seed, stream, index);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** `digits` lowercase hexadecimal digits. */
  hex(digits: number): string {
    let out = "";
    while (out.length < digits) out += this.nextUint32().toString(16).padStart(8, "0");
    return out.slice(0, digits);
  }
}

/**
 * Draws indexes in proportion to their weights in constant time (Vose's alias method): what a
 * Zipf vocabulary of thousands of words or a skewed choice among 300 municipalities needs.
 */
export class WeightedChoice {
  private readonly probability: Float64Array;
  private readonly alias: Uint32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    if (n === 0) throw new Error("a weighted choice needs at least one weight");
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (!(total > 0)) throw new Error("weights must add up to more than zero");
    this.probability = new Float64Array(n);
    this.alias = new Uint32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.probability[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.probability[i] = 1;
  }

  /** An index, drawn with probability proportional to its weight. */
  draw(random: Random): number {
    const i = Math.floor(random.next() * this.probability.length);
    return random.next() < (this.probability[i] as number) ? i : (this.alias[i] as number);
  }
}

/** Weights 1/rank^exponent for ranks 1..n: the frequency profile of words in a language. */
export function zipfWeights(n: number, exponent: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, exponent));
}
