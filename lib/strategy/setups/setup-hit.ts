import type { Bar } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { asColumns, type BarColumns } from '../indicators/bar-columns.ts';
import type { Series } from '../indicators/series.ts';
import { sessionVwap } from '../indicators/volume.ts';
import { aroundTheClockDays, tradingDays, type TradingDay } from './trading-days.ts';

/** The day-trading setups the bot recognises. */
export type SetupName =
  | 'opening-range-breakout'
  | 'premarket-high-break'
  | 'day-high-break'
  | 'bull-flag'
  | 'gap-and-go'
  | 'vwap-reclaim';

/** A run of bars that played one role in a setup (the opening range, the pole, ...); indexes inclusive. */
export interface SetupPart {
  role: string;
  from: number;
  to: number;
  fromT: EpochMs;
  toT: EpochMs;
}

/** One detected setup: the bar whose close confirmed it, the bars that formed it and its price levels. */
export interface SetupHit {
  setup: SetupName;
  direction: 'long' | 'short';
  /** The trigger bar: the setup is known at its close, not before. */
  index: number;
  t: EpochMs;
  parts: SetupPart[];
  /** Key levels in USD (volumes in shares, percentages in percent), named per setup. */
  levels: Record<string, number>;
}

/** What every setup detector reads: the bars as columns, their trading days and the session VWAP. */
export interface SetupInput {
  bars: BarColumns;
  days: readonly TradingDay[];
  vwap: Series;
  /** The trading day before days[0] when the days start after the bars do (gap-and-go's previous close). */
  previousDay?: TradingDay;
}

/**
 * Prepares setup input from bars (ascending, intraday); pass the session VWAP when it is already computed.
 * `aroundTheClock` (crypto) makes every New York day one midnight-to-midnight session instead of the NYSE's.
 */
export function setupInput(bars: readonly Bar[] | BarColumns, vwap?: Series, aroundTheClock = false): SetupInput {
  const columns = asColumns(bars);
  return { bars: columns, days: aroundTheClock ? aroundTheClockDays(columns.t) : tradingDays(columns.t), vwap: vwap ?? sessionVwap(columns) };
}

/** A part spanning bars `from`..`to` (inclusive). */
export function part(bars: BarColumns, role: string, from: number, to: number): SetupPart {
  return { role, from, to, fromT: bars.t[from]!, toT: bars.t[to]! };
}

/** Highest high of bars [from, to). */
export function highestHigh(bars: BarColumns, from: number, to: number): number {
  let h = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) if (bars.high[i]! > h) h = bars.high[i]!;
  return h;
}

/** Lowest low of bars [from, to). */
export function lowestLow(bars: BarColumns, from: number, to: number): number {
  let l = Number.POSITIVE_INFINITY;
  for (let i = from; i < to; i++) if (bars.low[i]! < l) l = bars.low[i]!;
  return l;
}

/** Total volume of bars [from, to). */
export function volumeSum(bars: BarColumns, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v += bars.volume[i]!;
  return v;
}
