import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from './evaluate.ts';
import type { EntryApproval, ExitApproval, RiskDecision } from './decisions.ts';
import type { EntryIntent, RiskContext, TradeIntent } from './risk-context.ts';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from './risk-config.ts';
import { decimalsOf } from '../domain/increments.ts';
import { configArb, contextArb, friendlyContextArb, intentsArb } from './evaluate-arbitraries.test-support.ts';

const RUNS = 400;
const within = (value: number, limit: number) => expect(value).toBeLessThanOrEqual(limit + 1e-7 * Math.max(1, Math.abs(limit)));
const scenario = fc.tuple(fc.oneof(contextArb, friendlyContextArb), fc.oneof(fc.constant(DEFAULT_RISK_CONFIG as RiskConfig), configArb)).chain(([ctx, config]) => intentsArb(ctx).map((intents) => ({ ctx, config, intents })));

/** Restates every limit independently of the engine and checks the approved set against it. */
function assertNoLimitBreached(intents: TradeIntent[], ctx: RiskContext, config: RiskConfig, decisions: RiskDecision[]): void {
  expect(decisions.map((d) => [d.intentId, d.kind])).toEqual(intents.map((i) => [i.intentId, i.kind]));
  for (const d of decisions) if (!d.approved) expect(d.message.length).toBeGreaterThan(0);
  const entries = decisions.filter((d): d is EntryApproval => d.approved && d.kind === 'entry');
  const exits = decisions.filter((d): d is ExitApproval => d.approved && d.kind === 'exit');
  const intentOf = (d: RiskDecision) => intents.find((i) => i.intentId === d.intentId) as EntryIntent;
  const { account: a, now } = ctx;
  const equity = a.equity;

  for (const x of exits) {
    const p = ctx.positions.find((q) => q.symbol === x.symbol)!;
    expect(x.orderSide).toBe(p.side === 'long' ? 'sell' : 'buy');
    const reserved = ctx.openOrders.filter((o) => o.symbol === x.symbol && o.purpose === 'exit').reduce((s, o) => s + o.remainingQty, 0);
    within(reserved + exits.filter((y) => y.symbol === x.symbol).reduce((s, y) => s + y.qty, 0), p.qty);
  }
  if (entries.length === 0) return;

  expect(ctx.tradingStatus.state).toBe('ACTIVE');
  expect(a.tradingBlocked || a.accountBlocked).toBe(false);
  const dailyLoss = Math.max(0, -(ctx.realizedPnlTodayUsd + ctx.positions.reduce((s, p) => s + p.unrealizedIntradayPl, 0)));
  const dailyLimit = ((a.lastEquity > 0 ? a.lastEquity : equity) * config.dailyLossLimitPct) / 100;
  const hwm = Math.max(ctx.equityHighWaterMarkUsd, equity);
  const held = new Set(ctx.positions.filter((p) => p.qty > 0).map((p) => p.symbol));
  const pendingOrders = ctx.openOrders.filter((o) => o.purpose === 'entry' && o.remainingQty > 0);
  const pending = new Set(pendingOrders.map((o) => o.symbol));
  const touch = (o: { side: string; symbol: string }) => (o.side === 'buy' ? ctx.markets[o.symbol]?.quote?.askPrice : ctx.markets[o.symbol]?.quote?.bidPrice);
  const pendingValue = pendingOrders.reduce((s, o) => s + o.remainingQty * (o.priceUsd ?? touch(o)!), 0);
  // What the book already risks (these books carry no stop orders): recorded plans, else a whole trade each.
  const tradeBudget = (equity * config.riskPerTradePct) / 100;
  const workingEntries = ctx.openOrders.filter((o) => o.purpose === 'entry' && (o.remainingQty > 0 || (o.remainingNotionalUsd ?? 0) > 0));
  const unstoppedPositions = ctx.positions.filter((p) => p.qty > 0 && !ctx.openOrders.some((o) => o.symbol === p.symbol && o.stopPriceUsd !== undefined));
  const pendingRisk = workingEntries.reduce((s, o) => s + (o.plannedRiskUsd ?? tradeBudget), 0) + unstoppedPositions.length * tradeBudget;
  const exitedInBatch = new Set(exits.map((x) => x.symbol));

  for (const e of entries) {
    const intent = intentOf(e);
    const asset = ctx.assets[e.symbol]!;
    const market = ctx.markets[e.symbol]!;
    const q = market.quote!;
    const crypto = asset.assetClass === 'crypto';
    // Session, halts, cooldown.
    if (!crypto) {
      expect(ctx.session.phase).toBe('regular');
      expect(ctx.session.regularCloseAt! - now).toBeGreaterThanOrEqual(config.noEntryBeforeCloseMinutes * 60_000);
    }
    expect(market.halted).toBe(false);
    expect(exitedInBatch.has(e.symbol)).toBe(false);
    for (const x of ctx.recentExits.filter((r) => r.symbol === e.symbol)) expect(now - x.exitedAt).toBeGreaterThanOrEqual(config.cooldownAfterExitMinutes * 60_000);
    // Market quality and shortability.
    expect(asset.tradable && asset.status === 'active').toBe(true);
    expect(now - q.t).toBeLessThanOrEqual(config.maxQuoteAgeSeconds * 1000);
    within(((q.askPrice - q.bidPrice) / ((q.askPrice + q.bidPrice) / 2)) * 10_000, config.maxSpreadBps);
    if (!crypto) expect(e.entryPriceUsd).toBeGreaterThanOrEqual(config.minPriceUsd);
    expect(market.avgDailyDollarVolumeUsd).toBeGreaterThanOrEqual(config.minAvgDollarVolumeUsd);
    if (e.side === 'short') expect(config.allowShorts && a.shortingEnabled && !crypto && asset.shortable && asset.easyToBorrow).toBe(true);
    // Size: on the step, at least the minimum, within risk per trade, position size and volume share.
    expect(e.qty).toBeGreaterThan(0);
    expect(e.qty).toBeGreaterThanOrEqual(asset.minOrderSize);
    if (crypto) expect(decimalsOf(e.qty)).toBeLessThanOrEqual(decimalsOf(asset.minTradeIncrement));
    else expect(Number.isInteger(e.qty)).toBe(true);
    expect(e.stopDistanceUsd).toBeGreaterThanOrEqual(intent.atrUsd * config.stopAtrMultiple * (1 - 1e-12));
    expect(e.riskUsd).toBeCloseTo(e.qty * e.stopDistanceUsd, 6);
    within(e.riskUsd, (equity * config.riskPerTradePct) / 100);
    expect(e.side === 'long' ? e.stopPriceUsd < e.entryPriceUsd : e.stopPriceUsd > e.entryPriceUsd).toBe(true);
    expect(e.stopPriceUsd).toBeGreaterThan(0);
    within(e.notionalUsd, (equity * config.maxPositionPct) / 100);
    within(e.qty, (market.avgDailyVolume * config.maxShareOfAvgVolumePct) / 100);
  }
  // One entry per symbol, none where a position or entry order already is.
  const symbols = entries.map((e) => e.symbol);
  expect(new Set(symbols).size).toBe(symbols.length);
  for (const s of symbols) expect(held.has(s) || pending.has(s)).toBe(false);
  // The whole set: position count, per-news count, gross exposure, buying power, loss budgets.
  expect(new Set([...held, ...pending, ...symbols]).size).toBeLessThanOrEqual(config.maxOpenPositions);
  const perNews = new Map<string, number>();
  for (const e of entries) {
    const newsId = intentOf(e).newsId;
    if (newsId !== null) perNews.set(newsId, (perNews.get(newsId) ?? 0) + 1);
  }
  for (const [newsId, count] of perNews) expect((ctx.entriesPerNews[newsId] ?? 0) + count).toBeLessThanOrEqual(config.maxTradesPerNews);
  const sum = (f: (e: EntryApproval) => number, of = entries) => of.reduce((s, e) => s + f(e), 0);
  within(ctx.positions.reduce((s, p) => s + Math.abs(p.marketValue), 0) + pendingValue + sum((e) => e.notionalUsd), (equity * config.maxGrossExposurePct) / 100);
  within(sum((e) => e.buyingPowerUsd), a.buyingPower - pendingHolds(ctx));
  const cryptoEntries = entries.filter((e) => ctx.assets[e.symbol]!.assetClass === 'crypto');
  within(sum((e) => e.buyingPowerUsd, cryptoEntries), ctx.nonMarginableBuyingPowerUsd ?? Math.min(a.buyingPower, a.cash));
  within(dailyLoss + pendingRisk + sum((e) => e.riskUsd), dailyLimit);
  within(hwm - equity + pendingRisk + sum((e) => e.riskUsd), (hwm * config.maxDrawdownPct) / 100);
}

function pendingHolds(ctx: RiskContext): number {
  return ctx.openOrders
    .filter((o) => o.purpose === 'entry' && o.remainingQty > 0)
    .reduce((s, o) => {
      const q = ctx.markets[o.symbol]?.quote;
      const price = o.priceUsd ?? (o.side === 'buy' ? q!.askPrice : q!.bidPrice);
      return s + o.remainingQty * (o.side === 'buy' ? price : Math.max(price, (q?.askPrice ?? 0) * 1.03));
    }, 0);
}

describe('evaluate: invariants over random books and batches', () => {
  it('no_approved_set_breaches_any_limit', () => {
    let approvedEntries = 0;
    fc.assert(
      fc.property(scenario, ({ ctx, config, intents }) => {
        const decisions = evaluate(intents, ctx, config);
        approvedEntries += decisions.filter((d) => d.approved && d.kind === 'entry').length;
        assertNoLimitBreached(intents, ctx, config, decisions);
      }),
      { numRuns: RUNS },
    );
    // The property must not hold vacuously: random books still approve entries regularly.
    expect(approvedEntries).toBeGreaterThan(RUNS / 8);
  });

  it('decisions_are_deterministic', () => {
    fc.assert(
      fc.property(scenario, ({ ctx, config, intents }) => {
        expect(evaluate(structuredClone(intents), structuredClone(ctx), { ...config })).toEqual(evaluate(intents, ctx, config));
      }),
      { numRuns: 200 },
    );
  });

  it('denied_intents_leave_the_other_decisions_unchanged', () => {
    fc.assert(
      fc.property(scenario, ({ ctx, config, intents }) => {
        const decisions = evaluate(intents, ctx, config);
        const kept = intents.filter((_, i) => decisions[i]!.approved);
        expect(evaluate(kept, ctx, config)).toEqual(decisions.filter((d) => d.approved));
      }),
      { numRuns: 200 },
    );
  });
});
