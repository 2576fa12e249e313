import type { Random } from '../../shared/random.ts';

/**
 * What the samplers need of the declared parameter space (lib/config/parameter-space.ts, from issue 18
 * item 2): each tunable setting with its range and step. Kept this small on purpose so the real space
 * adapts to it in one function.
 */
export interface ParameterRange {
  name: string;
  min: number;
  max: number;
  step: number;
}

/** One set of values, by setting name. */
export type ParameterPoint = Record<string, number>;

const onGrid = (r: ParameterRange, k: number) => Number((r.min + k * r.step).toFixed(10));

/** The values a range allows, smallest first. */
export function gridOf(r: ParameterRange): number[] {
  if (!(r.step > 0) || !(r.max >= r.min)) throw new Error(`parameter ${r.name}: needs step > 0 and max >= min (got min ${r.min}, max ${r.max}, step ${r.step})`);
  return Array.from({ length: Math.floor((r.max - r.min) / r.step + 1e-9) + 1 }, (_, k) => onGrid(r, k));
}

/** A stable text key of a point (names sorted), for storage and de-duplication. */
export function pointKey(point: ParameterPoint): string {
  return JSON.stringify(Object.fromEntries(Object.keys(point).sort().map((k) => [k, point[k]])));
}

/** `count` points drawn uniformly from the grid, distinct while the grid has room (deterministic for the random source). */
export function randomPoints(space: readonly ParameterRange[], count: number, random: Random): ParameterPoint[] {
  const grids = space.map((r) => [r.name, gridOf(r)] as const);
  const size = grids.reduce((s, [, g]) => s * g.length, 1);
  const seen = new Set<string>();
  const out: ParameterPoint[] = [];
  while (out.length < count) {
    const p: ParameterPoint = Object.fromEntries(grids.map(([name, g]) => [name, random.pick(g)]));
    const key = pointKey(p);
    if (seen.has(key) && seen.size < size) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** One rung of successive halving: how many candidates run, on how many of the window's most recent sessions. */
export interface HalvingRung {
  candidates: number;
  sessions: number;
}

/**
 * Successive halving (Jamieson & Talwalkar 2016): every candidate runs on a short slice of the in-sample
 * window, the best 1/eta go on to a slice eta times longer, and so on until the survivors run on the whole
 * window. Spends the budget on promising settings; a setting that only pays off over long windows can be cut early.
 */
export function halvingRungs(candidates: number, windowSessions: number, eta = 3): HalvingRung[] {
  if (!Number.isInteger(candidates) || candidates < 1) throw new Error(`candidates must be a whole number >= 1 (got ${candidates})`);
  if (!(eta >= 2)) throw new Error(`eta must be >= 2 (got ${eta})`);
  const rungs = Math.max(1, Math.min(Math.ceil(Math.log(candidates) / Math.log(eta) - 1e-9), Math.floor(Math.log(windowSessions) / Math.log(eta)) + 1));
  return Array.from({ length: rungs }, (_, r) => ({
    candidates: Math.max(1, Math.floor(candidates / eta ** r)),
    sessions: Math.max(1, Math.ceil(windowSessions / eta ** (rungs - 1 - r))),
  }));
}
