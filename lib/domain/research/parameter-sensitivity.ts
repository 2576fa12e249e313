import type { ParameterPoint } from './parameter-sampling.ts';
import { objectiveScore, type Objective } from './objective.ts';
import type { TrialMetrics, TrialWindow } from './trial.ts';

/** A stored trial as sensitivity needs it: its settings, its window and its figures. */
export interface SensitivityTrial {
  point: ParameterPoint;
  window: TrialWindow;
  metrics: TrialMetrics;
}

/** The objective at one value of one setting, over the trials that used it. */
export interface SensitivityValue {
  value: number;
  /** Trials at this value; `scored` of them have a defined objective (a Sharpe ratio needs a moving curve). */
  trials: number;
  scored: number;
  meanScore: number | null;
  bestScore: number | null;
}

export interface ParameterSensitivity {
  name: string;
  values: SensitivityValue[];
}

/**
 * Parameter sensitivity: for each tuned setting, the objective per value, averaged over every trial run on
 * a whole in-sample window (`windows`; halving's shorter slices and the out-of-sample runs are left out, so
 * each mean compares like with like). A flat line says the setting hardly matters; a lone peak, that the
 * choice is fragile. Settings sorted by name, values ascending.
 */
export function parameterSensitivity(trials: readonly SensitivityTrial[], objective: Objective, windows: readonly TrialWindow[]): ParameterSensitivity[] {
  const whole = new Set(windows.map((w) => `${w.from}|${w.to}`));
  const byName = new Map<string, Map<number, (number | null)[]>>();
  for (const t of trials) {
    if (!whole.has(`${t.window.from}|${t.window.to}`)) continue;
    const score = objectiveScore(objective, t.metrics, 0);
    for (const [name, value] of Object.entries(t.point)) {
      const values = byName.get(name) ?? new Map<number, (number | null)[]>();
      values.set(value, [...(values.get(value) ?? []), score]);
      byName.set(name, values);
    }
  }
  return [...byName.keys()].sort().map((name) => ({
    name,
    values: [...byName.get(name)!.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([value, scores]) => {
        const defined = scores.filter((s): s is number => s !== null);
        return {
          value,
          trials: scores.length,
          scored: defined.length,
          meanScore: defined.length ? defined.reduce((s, x) => s + x, 0) / defined.length : null,
          bestScore: defined.length ? Math.max(...defined) : null,
        };
      }),
  }));
}
