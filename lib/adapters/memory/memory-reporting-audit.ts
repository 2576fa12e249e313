import { fromJsonb } from './memory-json.ts';
import type { MemoryTradingTables, OrderRow } from './memory-trading-tables.ts';
import { analysisColumn, featuresColumn, type ReportingSourcesReader } from './memory-reporting-sources.ts';

const json = (text: string | null): unknown => (text === null ? null : fromJsonb(text));

/** The whole chain behind one trade, as postgres/reporting.repo.ts's tradeAudit gives it (null for an unknown trade). */
export async function tradeAuditOf(t: MemoryTradingTables, sources: ReportingSourcesReader, tradeId: number): Promise<unknown | null> {
  const trade = t.trades.get(tradeId);
  if (!trade) return null;
  const intentIds = [...new Set([trade.entryIntentId, trade.exitIntentId].filter((x): x is number => x !== null))];
  const entry = trade.entryIntentId === null ? undefined : t.intents.get(trade.entryIntentId);
  const exit = trade.exitIntentId === null ? undefined : t.intents.get(trade.exitIntentId);
  const signal = entry?.signalId ? await sources.signal(entry.signalId, entry.cycleId) : undefined;
  const candidate = signal?.candidateId ? await sources.candidate(signal.candidateId, signal.cycleId) : undefined;
  const newsIds = candidate ? candidate.newsItemIds : entry?.newsItemId ? [entry.newsItemId] : [];
  const news = await sources.newsItems(newsIds, trade.symbol);
  const orders: OrderRow[] = intentIds.flatMap((id) => t.ordersByIntent.get(id) ?? []).sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  const fills = trade.fillIds.flatMap((id) => {
    const f = t.fills.get(id);
    const o = f ? t.orders.get(f.orderId) : undefined;
    return f && o ? [{ f, o }] : [];
  }).sort((a, b) => a.f.at - b.f.at);
  return {
    trade: {
      id: trade.id, symbol: trade.symbol, side: trade.side, qty: trade.maxQty, entryAt: trade.entryAt, entryPrice: trade.entryPrice, exitAt: trade.exitAt,
      exitPrice: trade.exitPrice, pnlUsd: trade.pnlUsd, rMultiple: trade.rMultiple, exitReason: trade.exitReason, adopted: trade.adopted,
    },
    news: news.map((n) => ({
      id: n.id, storyId: n.storyId, source: n.source, sourceId: n.sourceId, version: n.version, headline: n.headline, publishedAt: n.publishedAt, receivedAt: n.receivedAt,
      sentiment: { score: n.analysis.sentimentScore, label: n.analysis.sentimentLabel }, catalyst: n.analysis.catalystType, analysis: analysisColumn(n),
    })),
    candidate: candidate ? { id: candidate.id, cycleId: candidate.cycleId, rank: candidate.rank, score: candidate.score, features: featuresColumn(candidate), reasons: candidate.reasons } : null,
    signal: signal ? { id: signal.id, direction: signal.direction, score: signal.score, explanation: signal.explanation, inputs: signal.inputs } : null,
    entry: entry
      ? { id: entry.id, clientOrderId: entry.clientOrderId, reason: entry.reason, request: json(entry.request), risk: json(entry.risk), plan: json(entry.plan), status: entry.status, outcome: json(entry.outcome) }
      : null,
    exit: exit ? { id: exit.id, clientOrderId: exit.clientOrderId, reason: exit.reason, exitReason: exit.exitReason, request: json(exit.request), status: exit.status } : null,
    orders: orders.map((o) => ({
      id: o.id, clientOrderId: o.clientOrderId, parentId: o.parentId, type: o.type, side: o.side, status: o.status, qty: o.qty, filledQty: o.filledQty,
      filledAvgPrice: o.filledAvgPrice, limitPrice: o.limitPrice, stopPrice: o.stopPrice,
    })),
    fills: fills.map(({ f, o }) => ({ id: f.id, at: f.at, side: f.side, qty: f.qty, price: f.price, orderType: o.type, leg: o.parentId ? (o.type === 'limit' ? 'take_profit' : 'stop_loss') : 'parent' })),
  };
}
