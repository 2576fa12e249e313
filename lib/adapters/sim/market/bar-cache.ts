import type { IsoDate } from '../../../domain/time.ts';
import type { SymbolDay } from './symbol-day.ts';
import type { DayIndex } from './day-index.ts';

interface DateEntry {
  days: Map<number, SymbolDay | null>;
  bars: number;
  index: DayIndex | null;
}

/**
 * Generated symbol-days grouped by date, least recently used dates evicted first once more than
 * `maxBars` bars are held. Generation is deterministic, so an evicted day comes back identical.
 */
export class BarCache {
  private readonly dates = new Map<IsoDate, DateEntry>();
  private bars = 0;

  constructor(private readonly maxBars: number) {}

  private entry(date: IsoDate, create: boolean): DateEntry | undefined {
    const e = this.dates.get(date);
    if (e) {
      // Re-insert to mark the date as most recently used.
      this.dates.delete(date);
      this.dates.set(date, e);
      return e;
    }
    if (!create) return undefined;
    const fresh: DateEntry = { days: new Map(), bars: 0, index: null };
    this.dates.set(date, fresh);
    return fresh;
  }

  /** The cached day (null: known not to trade), or undefined when not generated yet. */
  get(date: IsoDate, symbolIndex: number): SymbolDay | null | undefined {
    return this.dates.get(date)?.days.get(symbolIndex);
  }

  /** Stores a generated day (null: the symbol does not trade that date). */
  put(date: IsoDate, symbolIndex: number, day: SymbolDay | null): void {
    const e = this.entry(date, true)!;
    e.days.set(symbolIndex, day);
    const n = day?.count ?? 0;
    e.bars += n;
    this.bars += n;
    this.evict(date);
  }

  /** The merged time index of a date, when built. */
  index(date: IsoDate): DayIndex | null {
    return this.entry(date, false)?.index ?? null;
  }

  /** Stores the merged time index of a date. */
  setIndex(date: IsoDate, index: DayIndex): void {
    const e = this.entry(date, true)!;
    e.index = index;
    e.bars += index.size;
    this.bars += index.size;
    this.evict(date);
  }

  /** Accounts `bars` more held for a date (objects built from its bars). */
  grow(date: IsoDate, bars: number): void {
    const e = this.entry(date, false);
    if (!e) return;
    e.bars += bars;
    this.bars += bars;
    this.evict(date);
  }

  private evict(keep: IsoDate): void {
    for (const [date, e] of this.dates) {
      if (this.bars <= this.maxBars) return;
      if (date === keep) continue;
      this.dates.delete(date);
      this.bars -= e.bars;
    }
  }

  /** How much is held: dates and bars (an index entry counts as a bar). */
  stats(): { dates: number; bars: number } {
    return { dates: this.dates.size, bars: this.bars };
  }
}
