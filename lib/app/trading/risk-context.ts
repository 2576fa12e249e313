import type { Broker } from '../../ports/broker.port.ts';
import type { MarketData } from '../../ports/market-data.port.ts';
import type { AnalysisStore } from '../../ports/analysis-store.port.ts';
import type { TradingStateStore } from '../../ports/trading-state.port.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { Asset } from '../../domain/market.ts';
import type { Order, Position } from '../../domain/orders.ts';
import type { RiskConfig } from '../../risk/risk-config.ts';
import { sessionInfoAt, toRiskOpenOrders, type RiskContext, type SymbolMarket } from '../../risk/risk-context.ts';
import { riskReadings, type RiskReadings } from '../../risk/risk-readings.ts';
import { haltedBecause } from '../../risk/halt-detection.ts';
import { nextTradingStatus, type OperatorCommand, type TradingStatus } from '../../risk/trading-state.ts';
import { newYorkDate, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { listOpenOrders } from './open-orders.ts';

export interface RiskContextDeps {
  broker: Broker;
  marketData: MarketData;
  analysis: AnalysisStore;
  state: TradingStateStore;
  clock: Clock;
}

export interface GatheredContext {
  ctx: RiskContext;
  status: TradingStatus;
  readings: RiskReadings;
  orders: Order[];
  positions: Position[];
  transitions: TradingStatus[];
}

/**
 * Gathers everything the risk gate reads at one instant, in constant calls (four broker reads, one
 * quotes request, a few queries), and steps the trading state with the new readings (a daily-loss halt or
 * a drawdown takes effect here), saving any transition with its reason.
 */
export async function gatherRiskContext(deps: RiskContextDeps, symbols: readonly string[], config: RiskConfig, fenceToken: number | null, command?: OperatorCommand): Promise<GatheredContext> {
  const now = deps.clock.now();
  const [account, positions, orders, stored] = await Promise.all([
    deps.broker.getAccount(),
    deps.broker.getPositions(),
    listOpenOrders(deps.broker),
    deps.state.load(),
  ]);
  const all = [...new Set([...symbols, ...positions.map((p) => p.symbol)])];
  const [quotes, trades, stats, assetList, facts] = await Promise.all([
    all.length ? deps.marketData.getLatestQuotes(all) : Promise.resolve(new Map()),
    all.length ? deps.marketData.getLatestTrades(all) : Promise.resolve(new Map()),
    deps.analysis.stats(all),
    deps.analysis.assets({ symbols: all }),
    deps.state.riskFacts(newYorkTime(newYorkDate(now), '00:00'), now, config.cooldownAfterExitMinutes),
  ]);
  const readings = riskReadings(
    { account, positions, realizedPnlTodayUsd: facts.realizedPnlTodayUsd, equityHighWaterMarkUsd: stored.equityHighWaterUsd ?? account.equity },
    config,
  );
  const step = nextTradingStatus(stored.status, { now, readings, ...(command ? { command } : {}) });
  if (step.transitions.length || readings.highWaterMarkUsd !== stored.equityHighWaterUsd) {
    await deps.state.save(step.status, step.transitions, readings.highWaterMarkUsd, command ? `operator:${command.by}` : 'risk', fenceToken);
  }
  const assets: Record<string, Asset> = Object.fromEntries(assetList.map((a) => [a.symbol, a]));
  const session = sessionInfoAt(now);
  const windowMs = config.haltNoTradeMinutes * 60_000;
  const tradesAreLive = all.some((s) => assets[s]?.assetClass === 'us_equity' && now - (trades.get(s)?.t ?? Number.NEGATIVE_INFINITY) < windowMs);
  const markets: Record<string, SymbolMarket> = {};
  for (const s of all) {
    const st = stats.get(s);
    const asset = assets[s];
    const haltReason = asset ? haltedBecause({ asset, lastTradeAt: trades.get(s)?.t ?? null, now, session, noTradeMinutes: config.haltNoTradeMinutes, tradesAreLive }) : null;
    markets[s] = { quote: quotes.get(s) ?? null, avgDailyVolume: st?.avgVolume20d ?? 0, avgDailyDollarVolumeUsd: st?.avgDollarVolume20d ?? 0, halted: haltReason !== null, ...(haltReason ? { haltReason } : {}) };
  }
  const ctx: RiskContext = {
    now,
    tradingStatus: step.status,
    account,
    positions,
    openOrders: toRiskOpenOrders(orders, positions),
    realizedPnlTodayUsd: facts.realizedPnlTodayUsd,
    equityHighWaterMarkUsd: readings.highWaterMarkUsd,
    recentExits: facts.recentExits,
    entriesPerNews: facts.entriesPerStory,
    session,
    markets,
    assets,
  };
  return { ctx, status: step.status, readings, orders, positions, transitions: step.transitions };
}
