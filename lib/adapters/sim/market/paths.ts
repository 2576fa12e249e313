import type { Random } from '../../../shared/random.ts';

// GARCH(1,1) on unit-variance shocks: persistence 0.97 gives the clustering of busy and quiet stretches.
const GARCH_OMEGA = 0.03;
const GARCH_ALPHA = 0.09;
const GARCH_BETA = 0.88;

/**
 * Fills path points x[j0..j1] with a random walk from x0. Step j (point j to j+1) has standard deviation
 * sd[j], times sqrt(h) of a GARCH(1,1) variance with long-run mean 1 when `garch`; sd[j] is overwritten with
 * the step's effective deviation. When `x1` is given the walk is bent into a bridge that ends exactly at x1,
 * the correction spread in proportion to cumulative variance so quiet stretches stay quiet.
 */
export function fillPath(
  rng: Random,
  x: Float64Array,
  sd: Float64Array,
  j0: number,
  j1: number,
  x0: number,
  x1: number | null,
  garch: boolean,
  cumulativeVariance: Float64Array,
): void {
  let h = 1;
  let w = 0;
  let v = 0;
  x[j0] = 0;
  cumulativeVariance[j0] = 0;
  for (let j = j0; j < j1; j++) {
    const s = garch ? sd[j]! * Math.sqrt(h) : sd[j]!;
    const z = rng.normal();
    if (garch) h = GARCH_OMEGA + GARCH_ALPHA * h * z * z + GARCH_BETA * h;
    sd[j] = s;
    w += s * z;
    v += s * s;
    x[j + 1] = w;
    cumulativeVariance[j + 1] = v;
  }
  if (x1 === null || v === 0) {
    for (let j = j0; j <= j1; j++) x[j] = x0 + x[j]!;
    if (x1 !== null) x[j1] = x1;
    return;
  }
  const correction = x1 - x0 - w;
  for (let j = j0; j <= j1; j++) x[j] = x0 + x[j]! + (cumulativeVariance[j]! / v) * correction;
  x[j1] = x1;
}
