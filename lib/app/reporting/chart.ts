import type { MarketData } from '../../ports/market-data.port.ts';
import type { ReportingReader } from '../../ports/reporting-reader.port.ts';
import type { Timeframe } from '../../domain/market.ts';
import { computeIndicators, INDICATOR_NAMES } from '../../strategy/indicators/indicator-set.ts';
import { toColumns } from '../../strategy/indicators/bar-columns.ts';
import { valueAt } from '../../strategy/indicators/series.ts';
import { detectPatterns } from '../../strategy/patterns/detect-patterns.ts';

/** Bars with indicator overlays, entries and exits, candle patterns and news markers for one symbol. */
export async function chartData(
  deps: { marketData: MarketData; reader: ReportingReader },
  symbol: string,
  from: number,
  to: number,
  timeframe: Timeframe,
): Promise<Record<string, unknown>> {
  const [barsBySymbol, fills, news] = await Promise.all([
    deps.marketData.getBars({ symbols: [symbol], timeframe, start: from, end: to }),
    deps.reader.fills(symbol, from, to),
    deps.reader.news({ symbol, knownAt: to, limit: 200 }),
  ]);
  const bars = barsBySymbol.get(symbol) ?? [];
  const overlays: Record<string, (number | null)[]> = {};
  let patterns: { t: number; name: string; direction: string }[] = [];
  if (bars.length > 0) {
    const cols = toColumns(bars);
    const set = computeIndicators(cols);
    for (const name of INDICATOR_NAMES) overlays[name] = bars.map((_, i) => valueAt(set[name], i));
    patterns = detectPatterns(cols).map((h) => ({ t: h.t, name: h.pattern, direction: h.direction }));
  }
  const markers = (news as { publishedAt: number; headline: string; sentiment: { label: string; score: number }; catalyst: string | null; id: number }[])
    .filter((n) => n.publishedAt >= from && n.publishedAt <= to)
    .map((n) => ({ t: n.publishedAt, id: n.id, headline: n.headline, sentiment: n.sentiment, catalyst: n.catalyst }));
  return { symbol, timeframe, bars, overlays, trades: fills, patterns, news: markers };
}
