import type { AnalysisStore } from '../analysis-store.port.ts';
import type { CycleStore } from '../cycle-store.port.ts';
import type { AnalysedNewsItem, NewsStore } from '../news-store.port.ts';
import type { ReportingReader } from '../reporting-reader.port.ts';
import type { TradingStateStore } from '../trading-state.port.ts';
import type { TradingStore } from '../trading-store.port.ts';
import { account, fill, intent, order, position, snapshot, T0 } from './trading-fixtures.ts';

/** Everything a reporting reader reads, writable, plus the reader. */
export interface ReportingWorld {
  reader: ReportingReader;
  store: TradingStore;
  state: TradingStateStore;
  analysis: AnalysisStore;
  news: NewsStore;
  cycles: CycleStore;
  close(): Promise<void>;
}

export const MIN = 60_000;

const news = (sourceId: string, headline: string, symbols: string[], version: number): AnalysedNewsItem => ({
  item: { source: 'sim', sourceId, version, publishedAt: T0 - 30 * MIN, receivedAt: version + 1000, headline, summary: '', url: null, symbols, contentHash: `${sourceId}-${version}` },
  analysis: { sentimentScore: 0.6, sentimentLabel: 'positive', catalystType: 'earnings', catalystBlocksLong: false, catalystWeight: 0.8, linkedSymbols: [], fingerprint: headline.toLowerCase(), evidence: { phrases: ['beats'] } },
});

/**
 * One session's records, written the same way into any world: two cycles, news (one item in two versions),
 * a candidate and its signal, a bracket entry in ACME closed by its stop leg, an open adopted BETA short,
 * an equity curve of five points and a halt.
 */
export async function seedSession(w: ReportingWorld): Promise<{ tradeId: number; newsId: number }> {
  const c1 = await w.cycles.start(1, T0 - 5 * MIN, 'sim', 'open');
  await w.cycles.finish(c1.id, 1, T0 - 4 * MIN, 'ok', { candidates: 1 });
  const c2 = await w.cycles.start(2, T0 + 10 * MIN, 'sim', 'open');
  await w.cycles.finish(c2.id, 2, T0 + 11 * MIN, 'failed', {});
  await w.news.ingest([news('n-1', 'Acme beats estimates', ['ACME'], T0 - 30 * MIN), news('n-2', 'Beta recalls product', ['BETA'], T0 - 20 * MIN)], [], T0 - 10 * MIN);
  await w.news.ingest([news('n-1', 'Acme beats estimates and raises its outlook', ['ACME'], T0 - 8 * MIN)], [], T0 - 7 * MIN);
  const [v2] = await w.news.versions('sim', 'n-1').then((v) => v.slice(-1));
  const features = { catalystScore: 0.7, catalystType: 'earnings', catalystAgeMinutes: 8, headline: 'Acme beats', relativeVolume: 3.1, gapPct: 0.02, price: 10, avgDollarVolume20d: 5e7, spreadBps: 4 };
  const [cand] = await w.analysis.saveCandidates(c1.id, T0 - 5 * MIN, [{ symbol: 'ACME', rank: 1, score: 0.8, direction: 'long', blocked: false, features, reasons: ['fresh earnings beat'], newsItemIds: [v2!.id], storyIds: [v2!.storyId] }]);
  const [sig] = await w.analysis.saveSignals([{ cycleId: c1.id, at: T0 - 5 * MIN, symbol: 'ACME', direction: 'long', score: 0.7, explanation: 'breakout', inputs: { plan: { entry: 10, stop: 9.5, target: 11, riskPerUnitUsd: 0.5 }, rsi: 61 }, candidateId: cand!.id }]);

  const [entry] = await w.store.saveIntents([intent('e1', { cycleId: c1.id, signalId: sig!.id, storyId: v2!.storyId, newsItemId: v2!.id, request: { clientOrderId: 'e1', symbol: 'ACME', side: 'buy', type: 'market', timeInForce: 'day', qty: 100, orderClass: 'bracket', takeProfit: { limitPrice: 11 }, stopLoss: { stopPrice: 9.5 } } })], null);
  await w.store.markSubmitting([entry!.id], T0, null);
  const tp = order('o-tp', 'e1-tp', { side: 'sell', type: 'limit', limitPrice: 11, timeInForce: 'gtc', status: 'held', createdAt: T0 + 1 });
  const sl = order('o-sl', 'e1-sl', { side: 'sell', type: 'stop', stopPrice: 9.5, timeInForce: 'gtc', status: 'held', createdAt: T0 + 2 });
  const parent = order('o-1', 'e1', { orderClass: 'bracket', status: 'filled', filledQty: 100, filledAvgPrice: 10, legs: [tp, sl] });
  await w.store.recordOutcome(entry!.id, { status: 'accepted', order: parent }, T0, null);
  const curve = [100_000, 100_050, 99_980, 99_950, 99_900];
  await w.store.applySnapshot(snapshot(T0 + MIN, { orders: [parent], fills: [fill('f-1', 'o-1', 100, 10, T0 + 30_000)], positions: [position('ACME', 'long', 100, 10)], account: account(curve[0]), fillCursor: { at: T0 + 30_000, id: 'f-1' } }), [], null);
  await w.store.applySnapshot(snapshot(T0 + 2 * MIN, { account: account(curve[1]), positions: [position('ACME', 'long', 100, 10)] }), [], null);
  const stopped = { ...sl, status: 'filled' as const, filledQty: 100, filledAvgPrice: 9.5, updatedAt: T0 + 3 * MIN };
  const closedTp = { ...tp, status: 'canceled' as const, updatedAt: T0 + 3 * MIN };
  await w.store.applySnapshot(snapshot(T0 + 4 * MIN, { orders: [{ ...parent, legs: [closedTp, stopped] }], fills: [fill('f-2', 'o-sl', 100, 9.5, T0 + 3 * MIN, { side: 'sell' })], positions: [position('BETA', 'short', 10, 20)], account: account(curve[2]) }), [], null);
  await w.store.applySnapshot(snapshot(T0 + 5 * MIN, { positions: [position('BETA', 'short', 10, 20)], account: account(curve[3]) }), [], null);
  await w.store.applySnapshot(snapshot(T0 + 6 * MIN, { positions: [position('BETA', 'short', 10, 20)], account: account(curve[4]) }), [], null);
  await w.store.saveIntents([intent('p1', { cycleId: c2.id, createdAt: T0 + 10 * MIN, storyId: null, request: { clientOrderId: 'p1', symbol: 'GAMMA', side: 'buy', type: 'market', timeInForce: 'day', qty: 1 } })], null);
  await w.state.save({ state: 'HALTED', cause: 'operator_halt', message: 'Operator halt: news feed looks wrong.', since: T0 + 7 * MIN, until: null, inputs: {} }, [{ state: 'HALTED', cause: 'operator_halt', message: 'Operator halt: news feed looks wrong.', since: T0 + 7 * MIN, until: null, inputs: {} }], 100_050, 'operator:ana', null);
  const [trade] = (await w.reader.trades({ symbol: 'ACME', limit: 1 })).trades as { id: number }[];
  return { tradeId: trade!.id, newsId: v2!.id };
}
