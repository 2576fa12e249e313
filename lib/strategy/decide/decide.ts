import { INDICATOR_WARMUP_BARS } from '../indicators/indicator-set.ts';
import { DEFAULT_STRATEGY, type Detection, type Signal, type SignalComponent, type StrategyParams, type StrategySnapshot } from './strategy-types.ts';
import { trendComponent } from './trend-component.ts';

/** Bars the strategy needs: every indicator warmed up (TA-Lib's lookbacks). */
export const STRATEGY_WARMUP_BARS = INDICATOR_WARMUP_BARS;

const SETUP_STRENGTH: Record<string, number> = {
  'gap-and-go': 1,
  'bull-flag': 1,
  'opening-range-breakout': 0.85,
  'premarket-high-break': 0.8,
  'day-high-break': 0.75,
  'vwap-reclaim': 0.7,
};

const isLong = (d: Detection) => d.direction === 'long' || d.direction === 'bullish';
const isShort = (d: Detection) => d.direction === 'short' || d.direction === 'bearish';
const fmt = (x: number) => x.toFixed(2);
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

function recent(s: StrategySnapshot, p: StrategyParams, kind: Detection['kind']): Detection[] {
  return s.detections.filter((d) => d.kind === kind && s.now - d.t <= p.detectionMaxAgeMinutes * 60_000 + 60_000).sort((a, b) => b.t - a.t);
}

function setupComponent(s: StrategySnapshot, p: StrategyParams, wantLong: boolean): { c: SignalComponent; best: Detection | null } {
  const setups = recent(s, p, 'setup').filter((d) => (wantLong ? isLong(d) : isShort(d)));
  const best = setups.sort((a, b) => (SETUP_STRENGTH[b.name] ?? 0.5) - (SETUP_STRENGTH[a.name] ?? 0.5))[0] ?? null;
  if (!best) return { c: { name: 'setup', value: 0, why: 'no day-trading setup on the last bars' }, best };
  const age = Math.round((s.now - best.t) / 60_000);
  const v = (SETUP_STRENGTH[best.name] ?? 0.5) * (wantLong ? 1 : -1);
  return { c: { name: 'setup', value: v, why: `${best.name} ${age} min ago` }, best };
}

function patternComponent(s: StrategySnapshot, p: StrategyParams): SignalComponent {
  const pats = recent(s, p, 'pattern');
  const bull = pats.filter(isLong).map((d) => d.name);
  const bear = pats.filter(isShort).map((d) => d.name);
  const value = clamp(0.5 * bull.length - 0.5 * bear.length, -1, 1);
  const why = pats.length ? [bull.length ? `bullish ${bull.join(', ')}` : '', bear.length ? `bearish ${bear.join(', ')}` : ''].filter(Boolean).join('; ') : 'no candle pattern on the last bars';
  return { name: 'pattern', value, why };
}

/** The stop: below the setup's own level when that is tighter than the ATR stop but not absurdly close. */
function stopFor(s: StrategySnapshot, p: StrategyParams, setup: Detection | null, long: boolean): { stop: number; basis: string } | null {
  const atr = s.indicators.atr14;
  if (atr === null || atr <= 0) return null;
  const atrStop = long ? s.price - p.stopAtr * atr : s.price + p.stopAtr * atr;
  const levelName = setup ? ['runLow', 'flagLow', 'rangeLow', 'vwap', 'premarketHigh', 'dayHigh'].find((k) => setup.levels[k] !== undefined) : undefined;
  if (setup && levelName) {
    const level = setup.levels[levelName]!;
    const dist = long ? s.price - level : level - s.price;
    if (dist >= 0.5 * atr && dist < p.stopAtr * atr) return { stop: level, basis: `${setup.name} ${levelName} ${fmt(level)}` };
  }
  return { stop: atrStop, basis: `${p.stopAtr} ATR (${fmt(atr)}) from ${fmt(s.price)}` };
}

/**
 * The strategy: combines the news context, the day-trading setups and candle patterns on the latest bars,
 * the indicators and the regime into a scored signal with a plain-language explanation. Pure and
 * deterministic; it needs STRATEGY_WARMUP_BARS bars. Longs need a positive catalyst that does not block
 * longs; shorts are optional and need a shortable asset.
 */
export function decide(s: StrategySnapshot, params: StrategyParams = DEFAULT_STRATEGY): Signal {
  const none = (why: string, components: SignalComponent[] = [], score = 0): Signal => ({
    symbol: s.symbol,
    direction: 'none',
    score,
    explanation: `No trade in ${s.symbol}: ${why}.`,
    components,
    plan: null,
    warmupBars: STRATEGY_WARMUP_BARS,
  });
  if (s.barCount < STRATEGY_WARMUP_BARS) return none(`only ${s.barCount} bars, the indicators need ${STRATEGY_WARMUP_BARS}`);
  const long = s.news.catalystScore >= 0;
  if (long && s.news.blocksLong) return none('offering or dilution news blocks new longs');
  if (!long && !(params.allowShorts && s.shortable)) return none(params.allowShorts ? 'negative catalyst but the asset is not shortable' : 'negative catalyst and shorts are off');
  const sign = long ? 1 : -1;
  const news: SignalComponent = {
    name: 'news',
    value: clamp(s.news.catalystScore, -1, 1),
    why: `${s.news.catalystType ?? 'news'} catalyst ${fmt(s.news.catalystScore)}, ${s.news.newestAgeMinutes} min old${s.news.headline ? `: "${s.news.headline}"` : ''}`,
  };
  const { c: setup, best } = setupComponent(s, params, long);
  const pattern = patternComponent(s, params);
  const trend = trendComponent(s);
  const components = [news, setup, pattern, trend];
  const w = params.weights;
  const score = clamp(sign * (w.news * news.value + w.setup * setup.value + w.pattern * pattern.value + w.trend * trend.value) / (w.news + w.setup + w.pattern + w.trend), 0, 1);
  const why = components.map((c) => `${c.name}: ${c.why}`).join('; ');
  if (params.requireSetup && !best) return none(`no setup confirms the catalyst (${why})`, components, score);
  if (score < params.minScore) return none(`score ${fmt(score)} below ${fmt(params.minScore)} (${why})`, components, score);
  const stop = stopFor(s, params, best, long);
  if (!stop) return none('ATR not available for a stop', components, score);
  const risk = Math.abs(s.price - stop.stop);
  const target = long ? s.price + params.rewardRisk * risk : s.price - params.rewardRisk * risk;
  return {
    symbol: s.symbol,
    direction: long ? 'long' : 'short',
    score,
    explanation:
      `${long ? 'Long' : 'Short'} ${s.symbol} at ${fmt(s.price)}: score ${fmt(score)} (min ${fmt(params.minScore)}). ${why}. ` +
      `Stop ${fmt(stop.stop)} (${stop.basis}), target ${fmt(target)} (${params.rewardRisk}R).`,
    components,
    plan: { entry: s.price, stop: stop.stop, target, riskPerUnitUsd: risk, stopBasis: stop.basis },
    warmupBars: STRATEGY_WARMUP_BARS,
  };
}
