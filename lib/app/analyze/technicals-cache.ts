import type { BarColumns } from '../../strategy/indicators/bar-columns.ts';
import { continuesColumns } from '../../strategy/indicators/bar-columns.ts';
import { advanceIndicators, indicatorState, stateIndicators, type IndicatorState } from '../../strategy/indicators/indicator-state.ts';
import { technicalsOf, type Technicals } from './technicals.ts';
import { setBounded } from '../../shared/bounded-map.ts';

/**
 * Per symbol, the bars technical/signals last analysed and the indicator state over them, so that the next scan,
 * whose bars are those plus the minutes since, computes the new bars only. One per function instance (built by
 * the runtime, like RecentBarsCache); beyond `capacity` symbols, the one kept longest goes.
 */
export interface TechnicalsCache {
  readonly bySymbol: Map<string, { columns: BarColumns; state: IndicatorState }>;
  readonly capacity: number;
  /** How many answers carried a kept state on, and how many started afresh (for tests and profiles). */
  readonly counts: { carried: number; fresh: number };
}

/** An empty cache for 2,000 symbols (takes no argument: the runtime's `once` builds it). */
export function technicalsCache(): TechnicalsCache {
  return boundedTechnicalsCache(2_000);
}

/** An empty cache for `capacity` symbols. */
export function boundedTechnicalsCache(capacity: number): TechnicalsCache {
  return { bySymbol: new Map(), capacity, counts: { carried: 0, fresh: 0 } };
}

/**
 * technicalsAtLast(columns), the same values to the last bit: the kept state is carried on when `columns` begins
 * with every bar it consumed, field for field (a revised, dropped or reordered bar starts afresh), since each
 * indicator's step is the one its whole-series form runs (lib/strategy/indicators/indicator-state.ts).
 */
export function cachedTechnicalsAtLast(cache: TechnicalsCache, symbol: string, columns: BarColumns): Technicals {
  let kept = cache.bySymbol.get(symbol);
  if (kept && continuesColumns(kept.columns, columns)) {
    cache.counts.carried++;
    kept.columns = columns;
  } else {
    cache.counts.fresh++;
    if (kept) cache.bySymbol.delete(symbol);
    kept = { columns, state: indicatorState() };
    setBounded(cache.bySymbol, symbol, kept, cache.capacity);
  }
  advanceIndicators(kept.state, columns);
  return technicalsOf(stateIndicators(kept.state, columns), columns);
}
