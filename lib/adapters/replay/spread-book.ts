import type { Bar } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { NewYorkDays } from './new-york-days.ts';
import { dailyOf, spreadOfDay, type DailyOhlc } from './spread-model.ts';
import { isColumns, type BarColumns } from '../sim/market/bar-rows.ts';

interface SymbolSpreads {
  crypto: boolean;
  /** The last days seen (trimmed to what the model reads) and how many were dropped before them. */
  days: DailyOhlc[];
  from: number[];
  bps: number[];
}

// The model reads the previous 60 days; trimming past this many keeps each symbol's list short.
const KEEP_DAYS = 61;

/**
 * The spread model of spread-model.ts fed a session at a time: each day's spread is computed when its bars
 * arrive, from the days before it, so a streamed replay quotes exactly what the whole replay quotes while
 * holding about 61 daily summaries per symbol.
 */
export class SpreadBook {
  private readonly symbols = new Map<string, SymbolSpreads>();
  private readonly nyDays = new NewYorkDays();

  /** Adds a symbol's next bars (time order, on days after every day added before). */
  add(symbol: string, bars: readonly Bar[] | BarColumns, crypto: boolean): void {
    if (!(isColumns(bars) ? bars.count : bars.length)) return;
    let s = this.symbols.get(symbol);
    if (!s) this.symbols.set(symbol, (s = { crypto, days: [], from: [], bps: [] }));
    for (const day of dailyOf(bars, this.nyDays)) {
      s.days.push(day);
      s.from.push(this.nyDays.midnight(day.date));
      s.bps.push(spreadOfDay(s.days, s.days.length - 1, s.crypto));
      if (s.days.length > 4 * KEEP_DAYS) s.days.splice(0, s.days.length - KEEP_DAYS);
    }
  }

  /** The spread in force at `t`, bps (`fallback` before the symbol's first day). */
  at(symbol: string, t: EpochMs, fallback: number): number {
    const s = this.symbols.get(symbol);
    if (!s) return fallback;
    let lo = 0;
    let hi = s.from.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.from[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? fallback : s.bps[lo - 1]!;
  }

  /** The spread of the symbol's latest day, bps (undefined before any). */
  last(symbol: string): number | undefined {
    return this.symbols.get(symbol)?.bps.at(-1);
  }

  /** True when the symbol has had bars. */
  has(symbol: string): boolean {
    return this.symbols.has(symbol);
  }
}
