import type { Bar } from '../market.ts';
import type { EpochMs } from '../time.ts';

const MINUTE = 60_000;

/** Horizons of an event study: minutes after entry, and 'close' (the regular close of the entry's session). */
export type Horizon = number | 'close';

export const DEFAULT_HORIZONS: readonly Horizon[] = [1, 5, 15, 60, 'close'];

/** The label of a horizon in tables and JSON ('1m', '60m', 'close'). */
export const horizonLabel = (h: Horizon) => (h === 'close' ? 'close' : `${h}m`);

export interface ForwardInput {
  /** One symbol's one-minute bars, oldest first. */
  bars: readonly Bar[];
  /** When the news was known (after latency): the entry is the first bar starting at or after it. */
  after: EpochMs;
  /** +1 trades with the news (long), −1 against (short). */
  direction: 1 | -1;
  /** Quoted spread at the entry, bps: half of it is paid on the way in and half on the way out. */
  spreadBps: number;
  /** The regular close that ends the 'close' horizon, for an entry at `t` (the first close after it). */
  closeAfter: (t: EpochMs) => EpochMs;
  horizons: readonly Horizon[];
  /** The index's one-minute bars (market adjustment), oldest first. */
  index?: readonly Bar[];
}

export interface ForwardReturns {
  entryT: EpochMs;
  /** What the entry paid: the entry bar's open plus (long) or minus (short) half the spread. */
  entryPrice: number;
  /** Net of the spread, in the trade's direction, per horizon label; null where the data does not reach. */
  returns: Record<string, number | null>;
  /** The index's return (mid, no spread) over the same span, times the direction; null without an index bar. */
  market: Record<string, number | null>;
  /** Maximum adverse and favourable excursion from the entry price, through the last horizon reached (fractions). */
  mae: number | null;
  mfe: number | null;
}

function firstAtOrAfter(bars: readonly Bar[], t: EpochMs): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last bar starting before `end` (−1 when none). */
const lastBefore = (bars: readonly Bar[], end: EpochMs) => firstAtOrAfter(bars, end) - 1;

function indexReturn(index: readonly Bar[] | undefined, from: EpochMs, end: EpochMs): number | null {
  if (!index?.length) return null;
  const i = firstAtOrAfter(index, from);
  const j = lastBefore(index, end);
  if (i >= index.length || j < i) return null;
  return index[j]!.c / index[i]!.o - 1;
}

/**
 * Forward returns of trading one event: enter at the first bar after `after` (its open, paying half the
 * spread), exit at each horizon at the last price printed before it (its bar's close, paying the other
 * half). A horizon is reached when the bars run on to its last minute; one-minute bars only.
 */
export function forwardReturns(input: ForwardInput): ForwardReturns | null {
  const { bars, direction } = input;
  const e = firstAtOrAfter(bars, input.after);
  if (e >= bars.length) return null;
  const entryBar = bars[e]!;
  const half = input.spreadBps / 20_000;
  const entryPrice = entryBar.o * (1 + direction * half);
  const lastT = bars[bars.length - 1]!.t;
  const returns: Record<string, number | null> = {};
  const market: Record<string, number | null> = {};
  let reachedEnd = -1;
  for (const h of input.horizons) {
    const end = h === 'close' ? input.closeAfter(entryBar.t) : entryBar.t + h * MINUTE;
    const key = horizonLabel(h);
    const j = lastBefore(bars, end);
    if (lastT < end - MINUTE || j < e) {
      returns[key] = null;
      market[key] = null;
      continue;
    }
    const exitPrice = bars[j]!.c * (1 - direction * half);
    returns[key] = direction * (exitPrice / entryPrice - 1);
    const idx = indexReturn(input.index, entryBar.t, end);
    market[key] = idx === null ? null : direction * idx;
    reachedEnd = Math.max(reachedEnd, j);
  }
  let mae: number | null = null;
  let mfe: number | null = null;
  if (reachedEnd >= e) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = e; k <= reachedEnd; k++) {
      lo = Math.min(lo, bars[k]!.l);
      hi = Math.max(hi, bars[k]!.h);
    }
    const best = direction === 1 ? hi : lo;
    const worst = direction === 1 ? lo : hi;
    mfe = direction * (best / entryPrice - 1);
    mae = direction * (worst / entryPrice - 1);
  }
  return { entryT: entryBar.t, entryPrice, returns, market, mae, mfe };
}
