// A seeded random source (sfc32). The engine never calls Math.random: every choice that Kubernetes
// makes at random (name suffixes, UIDs, tie-breaks, jitter) comes from here, so a seed and a command
// sequence always give the same cluster. The state is four uint32 words and is part of a snapshot.

export type RandomState = [number, number, number, number];

/** Kubernetes' utilrand alphabet: no vowels (no words) and no confusable characters. */
export const KUBE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | RandomState = 1) {
    if (Array.isArray(seed)) {
      [this.a, this.b, this.c, this.d] = seed;
      return;
    }
    // splitmix32 spreads a small integer seed over the whole state.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  state(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }

  restoreState(s: RandomState): void {
    [this.a, this.b, this.c, this.d] = s;
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  string(length: number, alphabet = KUBE_ALPHABET): string {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  hex(length: number): string {
    return this.string(length, '0123456789abcdef');
  }

  /** An RFC 4122 version 4 UUID, as the apiserver gives every object. */
  uuid(): string {
    const w = (n: number) => n.toString(16).padStart(8, '0');
    const a = w(this.uint32());
    const b = w(((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0); // version 4
    const c = w(((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0); // variant 10xx
    const d = w(this.uint32());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}
