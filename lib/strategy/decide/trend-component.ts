import type { SignalComponent, StrategySnapshot } from './strategy-types.ts';

/**
 * The indicators' vote, from the long side: price above the session VWAP, EMA10 above EMA20, a positive
 * MACD histogram, RSI in 50..80 (above 85 counts against: stretched), and the regime (trending up helps,
 * trending down hurts, volatile halves the vote).
 */
export function trendComponent(s: StrategySnapshot): SignalComponent {
  const i = s.indicators;
  const parts: string[] = [];
  let votes = 0;
  let n = 0;
  const vote = (ok: boolean | null, yes: string, no: string) => {
    if (ok === null) return;
    n++;
    votes += ok ? 1 : -1;
    parts.push(ok ? yes : no);
  };
  vote(i.vwap === null ? null : s.price > i.vwap, `above VWAP ${i.vwap?.toFixed(2)}`, `below VWAP ${i.vwap?.toFixed(2)}`);
  vote(i.ema10 === null || i.ema20 === null ? null : i.ema10 > i.ema20, 'EMA10 > EMA20', 'EMA10 < EMA20');
  vote(i.macdHistogram === null ? null : i.macdHistogram > 0, `MACD histogram +${i.macdHistogram?.toFixed(3)}`, `MACD histogram ${i.macdHistogram?.toFixed(3)}`);
  if (i.rsi14 !== null) {
    n++;
    const r = i.rsi14;
    const v = r > 85 ? -1 : r >= 50 && r <= 80 ? 1 : r > 80 ? 0.5 : -0.5;
    votes += v;
    parts.push(`RSI ${r.toFixed(0)}${r > 85 ? ' (stretched)' : ''}`);
  }
  let value = n ? votes / n : 0;
  const regime = s.regime.regime;
  if (regime === 'trending-up') value = Math.min(1, value + 0.25);
  if (regime === 'trending-down') value = Math.max(-1, value - 0.25);
  if (regime === 'volatile') value *= 0.5;
  parts.push(`regime ${regime}${s.regime.inputs.adx !== null ? ` (ADX ${s.regime.inputs.adx.toFixed(0)})` : ''}`);
  return { name: 'trend', value, why: parts.join(', ') };
}
