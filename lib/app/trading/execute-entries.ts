import type { Broker } from '../../ports/broker.port.ts';
import type { MarketData } from '../../ports/market-data.port.ts';
import type { AnalysisStore, StoredSignal } from '../../ports/analysis-store.port.ts';
import type { TradingStateStore } from '../../ports/trading-state.port.ts';
import type { AuditEntry, NewIntent, TradingStore } from '../../ports/trading-store.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { Notifier } from '../../ports/notifier.port.ts';
import type { Logger } from '../../platform/logger.ts';
import type { OrderRequest } from '../../domain/orders.ts';
import type { AssetClass } from '../../domain/market.ts';
import type { RiskConfig } from '../../risk/risk-config.ts';
import type { ExitRulesConfig } from '../../risk/exit-rules-config.ts';
import type { EntryIntent } from '../../risk/risk-context.ts';
import { evaluate } from '../../risk/evaluate.ts';
import { initialBracket } from '../../risk/exit-rules-bracket.ts';
import { clientOrderId, timeBucketStart } from '../../domain/client-order-id.ts';
import { roundOrderRequest } from '../../domain/increments.ts';
import { gatherRiskContext } from './risk-context.ts';
import { submitIntents } from './submit-intents.ts';

export interface ExecuteDeps {
  broker: Broker;
  marketData: MarketData;
  analysis: AnalysisStore;
  state: TradingStateStore;
  trading: TradingStore;
  clock: Clock;
  notifier: Notifier;
  log: Logger;
}

export interface ExecuteConfig {
  risk: RiskConfig;
  exits: ExitRulesConfig;
  strategy: string;
  /** The cycle's time bucket for client order ids: the same cycle run twice makes the same ids. */
  bucketMs: number;
}

export interface ExecuteReport {
  intents: number;
  sent: number;
  denied: number;
  byStatus: Record<string, number>;
  denials: { symbol: string; reason: string; message: string }[];
  /** Closes decided but left to the next ticks (Alpaca cancels asynchronously: the position's legs were still pending cancel). */
  deferred?: number;
}

const TERMINAL = new Set(['filled', 'canceled', 'expired', 'replaced', 'rejected']);
const planOf = (s: StoredSignal) => s.inputs.plan ?? null;
const storyOf = (s: StoredSignal) => s.inputs.news?.storyIds?.[0] ?? null;
const newsItemOf = (s: StoredSignal) => s.inputs.news?.newsItemIds?.[0] ?? null;

/**
 * trading/execute (entries): the cycle's signals through the risk gate; each approval becomes a bracket
 * (entry, stop loss at the strategy's stop, take profit at the configured R) rounded at the broker boundary
 * and sent exactly once; each denial is recorded in the audit log with its reason and inputs. With
 * `assetClass`, only that market's signals (the crypto cycle's entries leave the stock signals alone).
 */
export async function executeEntries(deps: ExecuteDeps, cycleId: number, fenceToken: number | null, config: ExecuteConfig, assetClass?: AssetClass): Promise<ExecuteReport> {
  const cycleSignals = await deps.analysis.signalsOf(cycleId);
  // Ids are bucketed on the cycle (when it analysed), not on when execute runs: a retried or late execute of
  // the same cycle makes the same ids, so the intent store sends each decision once.
  const cycleAt = cycleSignals.reduce((min, s) => Math.min(min, s.at), Number.POSITIVE_INFINITY);
  let signals = cycleSignals.filter((s) => s.direction !== 'none' && planOf(s));
  if (assetClass && signals.length) {
    // A cycle can hold both markets' signals (the crypto cycle runs after the stock one): act on one market's.
    const classOf = new Map((await deps.analysis.assets({ symbols: signals.map((s) => s.symbol) })).map((a) => [a.symbol, a.assetClass]));
    signals = signals.filter((s) => classOf.get(s.symbol) === assetClass);
  }
  if (signals.length === 0) return { intents: 0, sent: 0, denied: 0, byStatus: {}, denials: [] };
  const { ctx, orders } = await gatherRiskContext(deps, signals.map((s) => s.symbol), config.risk, fenceToken);
  const now = ctx.now;
  const intents: EntryIntent[] = signals.map((s) => ({
    kind: 'entry',
    intentId: String(s.id),
    symbol: s.symbol,
    side: s.direction === 'short' ? 'short' : 'long',
    strategy: config.strategy,
    newsId: storyOf(s) === null ? null : String(storyOf(s)),
    signalId: String(s.id),
    // The gate places the stop stopAtrMultiple × ATR away: hand it the strategy's own stop distance.
    atrUsd: planOf(s)!.riskPerUnitUsd / config.risk.stopAtrMultiple,
    limitPriceUsd: null,
  }));
  const decisions = evaluate(intents, ctx, config.risk);
  const audit: AuditEntry[] = [];
  const denials: ExecuteReport['denials'] = [];
  const toSend: NewIntent[] = [];
  const bucketStart = timeBucketStart(cycleAt, config.bucketMs);
  decisions.forEach((d, i) => {
    const signal = signals[i]!;
    if (!d.approved || d.kind !== 'entry') {
      const reason = d.approved ? 'not_an_entry' : d.reason;
      const message = d.approved ? 'unexpected exit decision for an entry' : d.message;
      denials.push({ symbol: signal.symbol, reason, message });
      audit.push({ at: now, actor: 'risk', action: 'risk.denied', subject: signal.symbol, reason: message, data: { signalId: signal.id, reason, checks: d.approved ? [] : d.checks, inputs: d.approved ? {} : d.inputs } });
      return;
    }
    const asset = ctx.assets[d.symbol];
    const bracket = initialBracket(d, config.exits);
    const cid = clientOrderId({ strategy: config.strategy, symbol: d.symbol, sourceId: storyOf(signal) === null ? `sig${signal.id}` : `st${storyOf(signal)}`, bucketStart, purpose: 'entry' });
    const crypto = asset?.assetClass === 'crypto';
    // A simple order that could trade against one of ours on the other side is refused as a potential wash
    // trade (brackets are exempt): do not send it, say why.
    const opposite = crypto ? orders.flatMap((o) => [o, ...o.legs]).find((o) => o.symbol === d.symbol && o.side !== d.orderSide && !TERMINAL.has(o.status)) : undefined;
    if (opposite) {
      const message = `an ${opposite.side} order of ours is open on ${d.symbol} (${opposite.type}, ${opposite.status}): the entry would be refused as a potential wash trade`;
      denials.push({ symbol: d.symbol, reason: 'wash_trade_risk', message });
      audit.push({ at: now, actor: 'execute', action: 'order.not_sent', subject: d.symbol, reason: message, data: { orderId: opposite.id } });
      return;
    }
    const request: OrderRequest = crypto
      ? { clientOrderId: cid, symbol: d.symbol, side: d.orderSide, type: 'market', timeInForce: 'gtc', qty: d.qty }
      : { clientOrderId: cid, symbol: d.symbol, side: d.orderSide, type: 'market', timeInForce: 'gtc', qty: d.qty, orderClass: 'bracket', takeProfit: { limitPrice: bracket.takeProfitUsd }, stopLoss: { stopPrice: bracket.stopLossUsd } };
    const rounded = asset ? roundOrderRequest(request, asset, d.side) : { ok: false as const, reason: { code: 'unknown_asset', message: `no asset record for ${d.symbol}` } };
    if (!rounded.ok) {
      denials.push({ symbol: d.symbol, reason: rounded.reason.code, message: rounded.reason.message });
      audit.push({ at: now, actor: 'execute', action: 'order.not_rounded', subject: d.symbol, reason: rounded.reason.message, data: { request } });
      return;
    }
    toSend.push({
      clientOrderId: cid,
      cycleId,
      createdAt: now,
      kind: 'entry',
      request: rounded.value,
      reason: `${bracket.message} ${signal.explanation}`,
      plan: { stopPrice: bracket.stopLossUsd, takeProfitPrice: bracket.takeProfitUsd, riskPerUnitUsd: d.stopDistanceUsd, timeExitAt: now + config.exits.maxHoldMinutes * 60_000 },
      signalId: signal.id,
      storyId: storyOf(signal),
      newsItemId: newsItemOf(signal),
      risk: { approval: { qty: d.qty, riskUsd: d.riskUsd, notionalUsd: d.notionalUsd, sizedBy: d.sizedBy, message: d.message }, checks: d.checks },
    });
  });
  if (audit.length) await deps.trading.appendAudit(audit, fenceToken);
  const report = await submitIntents({ broker: deps.broker, store: deps.trading, clock: deps.clock, log: deps.log }, toSend, fenceToken);
  for (const r of report.results.filter((x) => x.status === 'accepted')) {
    await deps.notifier.notify({ kind: 'fill', title: `Order sent: ${r.intent.request.side} ${r.intent.request.qty} ${r.intent.request.symbol}`, text: r.intent.reason, at: now });
  }
  return { intents: toSend.length, sent: report.sent, denied: denials.length, byStatus: report.byStatus as Record<string, number>, denials };
}
