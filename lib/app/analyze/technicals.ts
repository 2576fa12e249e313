import type { EpochMs } from '../../domain/time.ts';
import type { BarColumns } from '../../strategy/indicators/bar-columns.ts';
import { computeIndicators, latestIndicators, type IndicatorValues } from '../../strategy/indicators/indicator-set.ts';
import { classifyRegime, MINUTE_REGIME_THRESHOLDS, regimeInputsOf, type RegimeReading } from '../../strategy/regime.ts';

/** What technical/signals reads of a symbol's bars before scoring: the indicators and the regime at the last bar. */
export interface Technicals {
  indicators: IndicatorValues;
  regime: RegimeReading;
}

/** Technicals shared by runs over one read-only history: computed by `compute` the first time (at, symbol) is asked (lib/app/research/shared-technicals.ts). */
export type SharedTechnicals = ((at: EpochMs, symbol: string, compute: () => Technicals) => Technicals) & { size(): number };

/** The indicators and minute regime at the last of `columns` (at least one bar); no tuned parameter enters. */
export function technicalsAtLast(columns: BarColumns): Technicals {
  return technicalsOf(latestIndicators(computeIndicators(columns)), columns);
}

/** Technicals from the indicator values at the last of `columns`: the minute regime is judged from them. */
export function technicalsOf(indicators: IndicatorValues, columns: BarColumns): Technicals {
  const regime = classifyRegime(regimeInputsOf(indicators, columns.close[columns.length - 1] ?? null), MINUTE_REGIME_THRESHOLDS);
  return { indicators, regime };
}
