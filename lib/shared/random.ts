/**
 * A seeded pseudo-random source (sfc32, seeded through splitmix32): the same seed gives the same sequence
 * on every machine, so simulations and backtests replay exactly. Never use Math.random in the core.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Advances the stream exactly as `n` calls of normal() would, without computing the values it skips. */
  skipNormals(n: number): void;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** An independent stream derived from this seed and a label (stable: does not consume this stream). */
  fork(label: string): Random;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(label: string): number {
  let h = 2166136261;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Creates a seeded random source. */
export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  // The state lives in typed arrays: 32-bit words and a double kept in closure variables are boxed on every
  // write (a heap allocation per draw, and draws are most of the synthetic market's work).
  const state = new Int32Array([init(), init(), init(), init()]);
  const spareValue = new Float64Array(1);
  let hasSpare = false;
  const next = () => {
    const a = state[0]!;
    const b = state[1]!;
    const c = state[2]!;
    const d = state[3]!;
    // sfc32 on 32-bit words: sums are exact in doubles before >>> 0 and the Int32Array stores wrap them.
    const t = (a + b + d) >>> 0;
    state[3] = d + 1;
    state[0] = b ^ (b >>> 9);
    state[1] = c + (c << 3);
    state[2] = ((c << 21) | (c >>> 11)) + t;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const self: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: () => {
      if (hasSpare) {
        hasSpare = false;
        return spareValue[0]!;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareValue[0] = r * Math.sin(2 * Math.PI * v);
      hasSpare = true;
      return r * Math.cos(2 * Math.PI * v);
    },
    skipNormals: (n) => {
      for (let k = 0; k < n; k++) {
        if (hasSpare) {
          hasSpare = false;
          continue;
        }
        // The last call of an odd run leaves the pair's second value as the spare: that one is computed.
        if (k === n - 1) {
          self.normal();
          return;
        }
        let u = 0;
        while (u === 0) u = next();
        next();
        k++;
      }
    },
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty array');
      return items[Math.floor(next() * items.length)]!;
    },
    fork: (label) => createRandom((seed ^ hashLabel(label)) >>> 0),
  };
  return self;
}
