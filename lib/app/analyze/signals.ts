import type { MarketData } from '../../ports/market-data.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { AnalysisStore, SignalRecord, StoredSignal } from '../../ports/analysis-store.port.ts';
import type { Detection, NewsContext, StrategyParams } from '../../strategy/decide/strategy-types.ts';
import { decide } from '../../strategy/decide/decide.ts';
import { recentMinuteColumns, type RecentBarsCache } from './recent-columns.ts';
import { technicalsAtLast, type SharedTechnicals } from './technicals.ts';
import { cachedTechnicalsAtLast, type TechnicalsCache } from './technicals-cache.ts';

export interface SignalsDeps {
  marketData: MarketData;
  analysis: AnalysisStore;
  clock: Clock;
  /** Recent bars shared with patterns/detect for the same instant (a stepped clock's backtest). */
  recentBars?: RecentBarsCache;
  /** Each symbol's indicator state from its previous scan, carried on over the new bars (one per function instance). */
  technicals?: TechnicalsCache;
  /** Indicators and regime shared across runs over one read-only history (optimiser trials of one worker). */
  sharedTechnicals?: SharedTechnicals;
}

/**
 * technical/signals for a batch: indicators and regime on the one-minute bars, the detections passed in,
 * and the candidate's news context, combined by the strategy into a scored, explained signal that is
 * stored with every input it used.
 */
export async function computeSignals(
  deps: SignalsDeps,
  cycleId: number,
  symbols: readonly string[],
  detections: Readonly<Record<string, readonly Detection[]>>,
  params: StrategyParams,
): Promise<StoredSignal[]> {
  const now = deps.clock.now();
  const [candidates, bars, assets] = await Promise.all([
    deps.analysis.candidatesOf(cycleId),
    recentMinuteColumns(deps.marketData, symbols, now, deps.recentBars),
    deps.analysis.assets({ symbols }),
  ]);
  const candidateOf = new Map(candidates.map((c) => [c.symbol, c]));
  const shortable = new Map(assets.map((a) => [a.symbol, a.shortable && a.easyToBorrow]));
  const records: SignalRecord[] = [];
  for (const symbol of symbols) {
    const recent = bars.get(symbol);
    const list = recent?.bars ?? [];
    const candidate = candidateOf.get(symbol);
    if (list.length === 0 || !candidate) {
      records.push({ cycleId, at: now, symbol, direction: 'none', score: 0, explanation: `No trade in ${symbol}: ${list.length === 0 ? 'no bars' : 'not a candidate of this cycle'}.`, inputs: {}, candidateId: candidate?.id ?? null });
      continue;
    }
    const cols = recent!.columns;
    const last = list.length - 1;
    const compute = () => (deps.technicals ? cachedTechnicalsAtLast(deps.technicals, symbol, cols) : technicalsAtLast(cols));
    const { indicators, regime } = deps.sharedTechnicals ? deps.sharedTechnicals(now, symbol, compute) : compute();
    const f = candidate.features;
    const news: NewsContext = {
      catalystScore: f.catalystScore,
      catalystType: f.catalystType,
      blocksLong: candidate.blocked && candidate.direction === 'long',
      newestAgeMinutes: f.catalystAgeMinutes,
      newsItemIds: candidate.newsItemIds,
      storyIds: candidate.storyIds,
      headline: f.headline,
    };
    const snapshot = { symbol, now, price: list[last]!.c, lastBarT: list[last]!.t, barCount: list.length, indicators, regime, detections: detections[symbol] ?? [], news, shortable: shortable.get(symbol) ?? false };
    const signal = decide(snapshot, params);
    records.push({
      cycleId,
      at: now,
      symbol,
      direction: signal.direction,
      score: signal.score,
      explanation: signal.explanation,
      inputs: { price: snapshot.price, lastBarT: snapshot.lastBarT, indicators, regime: { regime: regime.regime, inputs: regime.inputs, reasons: regime.reasons }, detections: snapshot.detections, news, components: signal.components, plan: signal.plan, params },
      candidateId: candidate.id,
    });
  }
  return deps.analysis.saveSignals(records);
}
