import type { Random } from '../../../shared/random.ts';
import type { Quote } from '../../../domain/market.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import type { AssetProfile } from './market-types.ts';
import type { SymbolDay } from './symbol-day.ts';

/**
 * The quote in force after row `row` of a symbol-day: the last trade sits at the mid (when the spread is an
 * odd number of ticks, half a tick under or over it, by a seeded draw), the spread is the symbol's typical
 * spread (three times wider outside the regular session), sizes scale with liquidity. Prices are whole
 * ticks, computed in the day's integer units so they print exactly.
 */
export function quoteFromRow(root: Random, profile: AssetProfile, day: SymbolDay, row: number): Quote {
  const crypto = profile.tier === 'crypto';
  const close = day.px[5 * row + 3]!;
  const tick = !crypto && close >= day.scale ? day.scale / 100 : 1;
  const regular = crypto || (row >= day.regularFrom && row < day.regularTo);
  const spreadUnits = (close * profile.spreadBps * (regular ? 1 : 3)) / 10_000;
  const ticks = Math.max(1, Math.round(spreadUnits / tick));
  const rng = root.fork(`quote:${profile.asset.symbol}:${day.start[row]}`);
  const below = ticks % 2 === 0 || rng.next() < 0.5 ? Math.floor(ticks / 2) : Math.ceil(ticks / 2);
  const bid = Math.max(tick, close - below * tick);
  const ask = bid + ticks * tick;
  const depth = Math.min(50, Math.max(1, profile.averageDailyVolume / 200_000));
  const size = () =>
    crypto
      ? Math.round(profile.averageTradeSize * (1 + rng.next() * 20) * 1e4) / 1e4
      : 100 * (1 + Math.floor(rng.next() * depth * (regular ? 1 : 0.2)));
  return { t: day.start[row]! + MINUTE_MS, bidPrice: bid / day.scale, bidSize: size(), askPrice: ask / day.scale, askSize: size() };
}
