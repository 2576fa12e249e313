import type { Random } from '../../shared/random.ts';

/** What an event study reports of one sample of returns (fractions, not percent). */
export interface SampleSummary {
  n: number;
  mean: number | null;
  median: number | null;
  /** Sample standard deviation (n − 1). */
  sd: number | null;
  /** mean / (sd / √n): the one-sample t-statistic against zero; null under two values or with no spread. */
  t: number | null;
  /** Share of values above zero. */
  hitRate: number | null;
  /** Percentile bootstrap confidence interval of the mean (resampling the values with replacement). */
  ci: [number, number] | null;
}

/** Bootstrap settings: resamples and the two-sided confidence level. */
export interface BootstrapSettings {
  resamples: number;
  level: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapSettings = { resamples: 2000, level: 0.95 };

/** The q-quantile (0..1) of sorted values, linear between ranks (type 7, as numpy and R by default). */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Count, mean, median, standard deviation, t-statistic, hit rate and a seeded bootstrap CI of the mean. */
export function summarise(values: readonly number[], random: Random, bootstrap: BootstrapSettings = DEFAULT_BOOTSTRAP): SampleSummary {
  const n = values.length;
  if (n === 0) return { n, mean: null, median: null, sd: null, t: null, hitRate: null, ci: null };
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const sorted = [...values].sort((a, b) => a - b);
  const sd = n > 1 ? Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : null;
  const t = sd !== null && sd > 0 ? mean / (sd / Math.sqrt(n)) : null;
  const hitRate = values.filter((x) => x > 0).length / n;
  let ci: [number, number] | null = null;
  if (n > 1) {
    const means = new Float64Array(bootstrap.resamples);
    for (let b = 0; b < bootstrap.resamples; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += values[Math.floor(random.next() * n)]!;
      means[b] = s / n;
    }
    means.sort();
    const tail = (1 - bootstrap.level) / 2;
    ci = [quantile(Array.from(means), tail), quantile(Array.from(means), 1 - tail)];
  }
  return { n, mean, median: quantile(sorted, 0.5), sd, t, hitRate, ci };
}
