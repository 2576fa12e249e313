import type { IsoDate } from '../time.ts';

/** One walk-forward step: search on `inSample`, then judge the chosen settings on the `outOfSample` sessions that follow. */
export interface Fold {
  index: number;
  inSample: IsoDate[];
  outOfSample: IsoDate[];
}

export interface FoldPlan {
  folds: number;
  /** In-sample sessions per fold; default: what is left after the out-of-sample windows, the folds' windows rolling by one out-of-sample window. */
  inSampleSessions?: number;
  /** Out-of-sample sessions per fold; default: the sessions shared evenly (with inSampleSessions given) or a quarter of a window of one in-sample and one out-of-sample span. */
  outOfSampleSessions?: number;
}

/**
 * Rolling walk-forward folds over trading sessions (oldest first): fold k searches sessions
 * [k*oos, k*oos + is) and is judged on the next `oos` sessions, so the out-of-sample windows tile the end of
 * the range without overlap and never precede their in-sample window. When the range does not divide
 * evenly, the oldest sessions are left out (the most recent ones matter most).
 */
export function walkForwardFolds(sessions: readonly IsoDate[], plan: FoldPlan): Fold[] {
  const n = sessions.length;
  const { folds } = plan;
  if (!Number.isInteger(folds) || folds < 1) throw new Error(`folds must be a whole number >= 1 (got ${folds})`);
  for (const w of ['inSampleSessions', 'outOfSampleSessions'] as const) {
    const v = plan[w];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`${w} must be a whole number >= 1 (got ${v})`);
  }
  // Default: in-sample three times as long as out-of-sample when both are free (a common 75/25 split).
  const oos = plan.outOfSampleSessions ?? (plan.inSampleSessions !== undefined ? Math.floor((n - plan.inSampleSessions) / folds) : Math.floor(n / (folds + 3)));
  const is = plan.inSampleSessions ?? n - folds * oos;
  if (oos < 1 || is < 1 || is + folds * oos > n) {
    throw new Error(`${n} session(s) cannot hold ${folds} fold(s) of ${Math.max(is, 1)} in-sample and ${Math.max(oos, 1)} out-of-sample session(s): widen --from/--to or ask for fewer folds`);
  }
  const start = n - (is + folds * oos);
  return Array.from({ length: folds }, (_, k) => {
    const at = start + k * oos;
    return { index: k, inSample: sessions.slice(at, at + is), outOfSample: sessions.slice(at + is, at + is + oos) };
  });
}
