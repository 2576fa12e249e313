// fast-check generators of whole risk contexts, configurations and intent batches (imported by tests only).
import fc from 'fast-check';
import type { Asset } from '../domain/market.ts';
import type { Position } from '../domain/orders.ts';
import type { SessionPhase } from '../domain/calendar/nyse-calendar.ts';
import type { RiskConfig } from './risk-config.ts';
import type { RiskContext, RiskOpenOrder, SymbolMarket, TradeIntent } from './risk-context.ts';
import type { TradingState } from './trading-state.ts';
import { account, cryptoAsset, equityAsset, NOW } from './risk-fixtures.test-support.ts';

export const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG', 'HHH', 'III', 'JJJ', 'BTC/USD', 'ETH/USD'] as const;
const NEWS = ['n1', 'n2', 'n3'] as const;
const isCrypto = (s: string) => s.includes('/');
// Rare cases one time in twenty, so most batches get far enough to exercise the limits.
const mostly = <T>(usual: T, rare: fc.Arbitrary<T>) => fc.oneof({ weight: 19, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: rare });
const usually = (usual: fc.Arbitrary<number>, rare: fc.Arbitrary<number>) => fc.oneof({ weight: 9, arbitrary: usual }, { weight: 1, arbitrary: rare });
// Spread evenly over [min, max]: fc.double crowds values near zero (it is uniform over representable doubles),
// which would make most books hostile and leave the limits unexercised.
const frac = (min: number, max: number) => fc.integer({ min: 0, max: 1_000_000 }).map((k) => min + ((max - min) * k) / 1_000_000);

const assetArb = (symbol: string): fc.Arbitrary<Asset> =>
  isCrypto(symbol)
    ? fc.record({ inc: fc.constantFrom(0.0001, 0.001, 0.01), min: fc.constantFrom(0.0001, 0.001, 0.1, 1) }).map(({ inc, min }) =>
        cryptoAsset(symbol, { minTradeIncrement: inc, minOrderSize: Math.max(inc, min) }),
      )
    : fc.record({ shortable: fc.boolean(), easyToBorrow: fc.boolean(), tradable: mostly(true, fc.constant(false)) }).map((f) => equityAsset(symbol, f));

const marketArb = (symbol: string): fc.Arbitrary<SymbolMarket> =>
  fc
    .record({
      price: isCrypto(symbol) ? frac(0.05, 80_000) : frac(0.5, 800),
      spreadBps: usually(frac(0, 15), frac(0, 150)),
      ageSeconds: usually(frac(0, 15), frac(0, 150)),
      hasQuote: mostly(true, fc.constant(false)),
      avgDailyVolume: frac(1_000, 50_000_000),
      dollarFactor: frac(0.5, 1.5),
      halted: mostly(false, fc.constant(true)),
    })
    .map((m) => {
      const half = (m.price * m.spreadBps) / 20_000;
      const quote = m.hasQuote ? { t: NOW - m.ageSeconds * 1000, bidPrice: m.price - half, bidSize: 1, askPrice: m.price + half, askSize: 1 } : null;
      return { quote, avgDailyVolume: m.avgDailyVolume, avgDailyDollarVolumeUsd: m.avgDailyVolume * m.price * m.dollarFactor, halted: m.halted };
    });

const positionArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('long' as const, 'short' as const),
  /** Position value as a share of equity. */
  valueFrac: frac(0.005, 0.3),
  price: frac(1, 500),
  plFrac: frac(-0.02, 0.02),
});

const openOrderArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  purpose: fc.constantFrom('entry' as const, 'exit' as const),
  /** Order value as a share of equity. */
  valueFrac: frac(0.005, 0.2),
  priceUsd: fc.option(frac(1, 500), { nil: null }),
  plannedRiskUsd: fc.option(frac(0, 500), { nil: undefined }),
});

/** Any plausible configuration around the defaults. */
export const configArb: fc.Arbitrary<RiskConfig> = fc.record({
  riskPerTradePct: frac(0.1, 2),
  stopAtrMultiple: frac(0.5, 4),
  minStopDistanceBps: frac(0, 100),
  maxOpenPositions: fc.integer({ min: 1, max: 6 }),
  maxPositionPct: frac(5, 50),
  maxGrossExposurePct: frac(20, 200),
  dailyLossLimitPct: frac(0.5, 5),
  maxDrawdownPct: frac(2, 20),
  maxTradesPerNews: fc.integer({ min: 1, max: 3 }),
  cooldownAfterExitMinutes: frac(0, 60),
  noEntryBeforeCloseMinutes: frac(0, 30),
  minPriceUsd: frac(1, 10),
  maxSpreadBps: frac(10, 100),
  minAvgDollarVolumeUsd: frac(100_000, 10_000_000),
  maxShareOfAvgVolumePct: frac(0.1, 5),
  maxQuoteAgeSeconds: frac(10, 120),
  haltNoTradeMinutes: frac(5, 30),
  allowShorts: fc.boolean(),
});

/** A whole context at NOW: account, book, open orders, exits, news counts, session, markets and assets. */
export const contextArb: fc.Arbitrary<RiskContext> = fc
  .record({
    equity: frac(5_000, 2_000_000),
    lastEquityFactor: frac(0.9, 1.1),
    bpFactor: frac(0, 4),
    cashFactor: frac(0, 1.2),
    shortingEnabled: fc.boolean(),
    blocked: mostly(false, fc.constant(true)),
    positions: fc.uniqueArray(positionArb, { maxLength: 4, selector: (p) => p.symbol }),
    openOrders: fc.array(openOrderArb, { maxLength: 3 }),
    realizedFrac: usually(frac(-0.005, 0.015), frac(-0.03, -0.005)),
    hwmFactor: usually(frac(1, 1.02), frac(1, 1.15)),
    recentExits: fc.array(fc.record({ symbol: fc.constantFrom(...SYMBOLS), minutesAgo: frac(0, 90) }), { maxLength: 2 }),
    newsCounts: fc.tuple(fc.nat(1), fc.nat(1), fc.nat(1)),
    phase: fc.oneof({ weight: 17, arbitrary: fc.constant<SessionPhase>('regular') }, { weight: 3, arbitrary: fc.constantFrom<SessionPhase>('pre', 'post', 'closed') }),
    minutesToClose: frac(0, 390),
    state: fc.oneof({ weight: 9, arbitrary: fc.constant<TradingState>('ACTIVE') }, { weight: 1, arbitrary: fc.constantFrom<TradingState>('REDUCING', 'HALTED') }),
    assets: fc.tuple(...SYMBOLS.map(assetArb)),
    markets: fc.tuple(...SYMBOLS.map(marketArb)),
  })
  .map((g) => {
    const positions: Position[] = g.positions.map((p) => {
      const qty = (g.equity * p.valueFrac) / p.price;
      const marketValue = (p.side === 'long' ? 1 : -1) * qty * p.price;
      return {
        symbol: p.symbol, assetClass: isCrypto(p.symbol) ? 'crypto' : 'us_equity', side: p.side, qty, qtyAvailable: qty, avgEntryPrice: p.price,
        currentPrice: p.price, lastdayPrice: p.price, marketValue, costBasis: marketValue, unrealizedPl: 0, unrealizedIntradayPl: Math.abs(marketValue) * p.plFrac,
      };
    });
    const openOrders: RiskOpenOrder[] = g.openOrders.map(({ valueFrac, ...o }, i) => ({
      clientOrderId: `oo-${i}`,
      ...o,
      remainingQty: (g.equity * valueFrac) / (o.priceUsd ?? g.markets[SYMBOLS.indexOf(o.symbol)]!.quote?.askPrice ?? 100),
    }));
    return {
      now: NOW,
      tradingStatus: { state: g.state, cause: g.state === 'ACTIVE' ? 'initial' : 'operator_halt', message: 'generated', since: NOW, until: null, inputs: {} },
      account: account({
        equity: g.equity, lastEquity: g.equity * g.lastEquityFactor, buyingPower: g.equity * g.bpFactor, cash: g.equity * g.cashFactor,
        shortingEnabled: g.shortingEnabled, tradingBlocked: g.blocked,
      }),
      positions,
      openOrders,
      realizedPnlTodayUsd: g.equity * g.realizedFrac,
      equityHighWaterMarkUsd: g.equity * g.hwmFactor,
      recentExits: g.recentExits.map((e) => ({ symbol: e.symbol, exitedAt: NOW - e.minutesAgo * 60_000 })),
      entriesPerNews: Object.fromEntries(NEWS.map((n, i) => [n, g.newsCounts[i]!])),
      session: { phase: g.phase, regularCloseAt: NOW + g.minutesToClose * 60_000 },
      markets: Object.fromEntries(SYMBOLS.map((s, i) => [s, g.markets[i]!])),
      assets: Object.fromEntries(SYMBOLS.map((s, i) => [s, g.assets[i]!])),
    } satisfies RiskContext;
  });

const rawEntry = fc.record({
  kind: fc.constant('entry' as const),
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.oneof({ weight: 3, arbitrary: fc.constant('long' as const) }, { weight: 1, arbitrary: fc.constant('short' as const) }),
  newsId: fc.option(fc.constantFrom(...NEWS), { nil: null, freq: 4 }),
  atrFrac: frac(0.0005, 0.08),
  limitOffset: fc.option(frac(-0.02, 0.02), { nil: null }),
});
const rawExit = fc.record({
  kind: fc.constant('exit' as const),
  symbol: fc.constantFrom(...SYMBOLS),
  qty: fc.oneof(fc.constant('all' as const), frac(0.01, 500)),
});

/** A batch of intents whose ATR and limit are set relative to the symbol's market price in `ctx`. */
export function intentsArb(ctx: RiskContext): fc.Arbitrary<TradeIntent[]> {
  return fc.array(fc.oneof({ weight: 3, arbitrary: rawEntry }, { weight: 1, arbitrary: rawExit }), { maxLength: 8 }).map((raw) =>
    raw.map((r, i): TradeIntent => {
      if (r.kind === 'exit') return { kind: 'exit', intentId: `i${i}`, symbol: r.symbol, qty: r.qty, exitReason: 'risk_reduce' };
      const q = ctx.markets[r.symbol]?.quote;
      const mid = q ? (q.bidPrice + q.askPrice) / 2 : 100;
      return {
        kind: 'entry', intentId: `i${i}`, symbol: r.symbol, side: r.side, strategy: 'prop', newsId: r.newsId, signalId: `s${i}`,
        atrUsd: mid * r.atrFrac, limitPriceUsd: r.limitOffset === null ? null : mid * (1 + r.limitOffset),
      };
    }),
  );
}

/**
 * The same books with every gate-level obstacle removed (active, unblocked, mid-session, fresh tight
 * quotes, no halts): the entries then reach sizing, where gross exposure, buying power and the loss
 * budgets have to hold the line.
 */
export const friendlyContextArb: fc.Arbitrary<RiskContext> = contextArb.map((ctx) => ({
  ...ctx,
  tradingStatus: { ...ctx.tradingStatus, state: 'ACTIVE', cause: 'initial' },
  account: { ...ctx.account, tradingBlocked: false, accountBlocked: false, shortingEnabled: true },
  session: { phase: 'regular', regularCloseAt: NOW + 4 * 3_600_000 },
  recentExits: [],
  markets: Object.fromEntries(
    Object.entries(ctx.markets).map(([symbol, m]) => {
      const mid = m.quote ? (m.quote.bidPrice + m.quote.askPrice) / 2 : isCrypto(symbol) ? 500 : 50;
      const quote = { t: NOW - 1_000, bidPrice: mid * 0.9999, bidSize: 1, askPrice: mid * 1.0001, askSize: 1 };
      return [symbol, { ...m, quote, halted: false, avgDailyDollarVolumeUsd: Math.max(m.avgDailyDollarVolumeUsd, 20_000_000) }];
    }),
  ),
  assets: Object.fromEntries(Object.entries(ctx.assets).map(([symbol, a]) => [symbol, { ...a, tradable: true }])),
}));
