import { mean, sampleVariance } from './moments.ts';

/**
 * The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein,
 * Lopez de Prado & Zhu, "The Probability of Backtest Overfitting", 2015). The performance matrix has one
 * row per period (a session's return) and one column per trial. Rows are cut into `partitions` contiguous
 * blocks of equal size (the last rows that do not fill a block are left out); every choice of half the
 * blocks is an in-sample set, the rest its out-of-sample complement. For each, the trial best in sample is
 * ranked out of sample; PBO is the share of splits where it ranks at or below the median (logit <= 0).
 */
export interface PboResult {
  pbo: number;
  /** One logit per split: ln(w / (1 - w)), w the best in-sample trial's out-of-sample relative rank. */
  logits: number[];
  splits: number;
  /** Rows used (a multiple of the partitions). */
  rowsUsed: number;
}

/** Sharpe ratio of a column's rows (per period); a flat column scores 0, a riskless gain or loss +/-Infinity. */
function score(values: readonly number[]): number {
  const m = mean(values);
  const sd = Math.sqrt(sampleVariance(values));
  if (sd > 0) return m / sd;
  return m === 0 ? 0 : m > 0 ? Infinity : -Infinity;
}

function* halves(n: number, k: number, from = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) {
    yield [...chosen];
    return;
  }
  for (let i = from; i <= n - (k - chosen.length); i++) {
    chosen.push(i);
    yield* halves(n, k, i + 1, chosen);
    chosen.pop();
  }
}

/** CSCV over `matrix` (rows: periods, columns: trials) with an even number of partitions; null when there are too few rows or trials to say anything. */
export function probabilityOfOverfitting(matrix: readonly (readonly number[])[], partitions: number): PboResult | null {
  if (!Number.isInteger(partitions) || partitions < 2 || partitions % 2 !== 0) throw new Error(`partitions must be an even whole number >= 2 (got ${partitions})`);
  const trials = matrix[0]?.length ?? 0;
  if (matrix.some((r) => r.length !== trials)) throw new Error('every row of the performance matrix needs one value per trial');
  const block = Math.floor(matrix.length / partitions);
  if (trials < 2 || block < 1) return null;
  const rows = matrix.slice(0, block * partitions);
  const column = (ids: readonly number[], j: number) => ids.flatMap((b) => rows.slice(b * block, (b + 1) * block).map((r) => r[j]!));
  const logits: number[] = [];
  for (const inBlocks of halves(partitions, partitions / 2)) {
    const outBlocks = Array.from({ length: partitions }, (_, b) => b).filter((b) => !inBlocks.includes(b));
    const inScores = Array.from({ length: trials }, (_, j) => score(column(inBlocks, j)));
    const outScores = Array.from({ length: trials }, (_, j) => score(column(outBlocks, j)));
    let best = 0;
    for (let j = 1; j < trials; j++) if (inScores[j]! > inScores[best]!) best = j;
    const below = outScores.filter((s) => s < outScores[best]!).length;
    const ties = outScores.filter((s) => s === outScores[best]!).length - 1;
    const rank = below + 1 + ties / 2;
    const w = rank / (trials + 1);
    logits.push(Math.log(w / (1 - w)));
  }
  return { pbo: logits.filter((l) => l <= 0).length / logits.length, logits, splits: logits.length, rowsUsed: rows.length };
}
