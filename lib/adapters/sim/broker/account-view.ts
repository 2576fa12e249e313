import type { EpochMs } from '../../../domain/time.ts';
import type { Quote } from '../../../domain/market.ts';
import type { Account, Position } from '../../../domain/orders.ts';
import type { SimFeed } from '../sim-feed.ts';
import type { SimBrokerConfig } from './sim-broker-config.ts';
import type { EngineContext } from './engine-context.ts';
import { buyingPowerOf, valueAccount, type Pricer } from './buying-power.ts';
import { isTerminal, roundMoney, type AccountState, type SimOrder } from './sim-state.ts';

/** Prices from the feed's quotes in force at `t`, each symbol looked up once per call. */
export class FeedPricer implements Pricer {
  private readonly cache = new Map<string, Quote | null>();

  constructor(
    private readonly feed: SimFeed,
    private readonly t: EpochMs,
  ) {}

  private quote(symbol: string): Quote | null {
    let q = this.cache.get(symbol);
    if (q === undefined) {
      q = this.feed.quoteAt(symbol, this.t);
      this.cache.set(symbol, q);
    }
    return q;
  }

  mark(symbol: string): number | null {
    const q = this.quote(symbol);
    return q === null ? null : (q.bidPrice + q.askPrice) / 2;
  }

  ask(symbol: string): number | null {
    return this.quote(symbol)?.askPrice ?? null;
  }

  bid(symbol: string): number | null {
    return this.quote(symbol)?.bidPrice ?? null;
  }
}

/** The feed's prices at `t`. */
export function feedPricer(feed: SimFeed, t: EpochMs): Pricer {
  return new FeedPricer(feed, t);
}

/** The end-of-day snapshot Alpaca reports as last_equity (and keeps for the 4x buying power): taken at each regular close. */
export function snapshotClose(ctx: EngineContext, close: EpochMs): void {
  const state = ctx.session.state;
  const v = valueAccount(state);
  for (const symbol in state.positions) state.positions[symbol]!.lastdayPrice = state.positions[symbol]!.lastPrice;
  state.lastEquity = roundMoney(v.equity);
  state.lastMaintenanceMargin = roundMoney(v.maintenanceMargin);
  state.lastCloseAt = close;
}

/** The account as Alpaca's /v2/account reports it, positions valued at their last trade. */
export function accountView(state: AccountState, open: Iterable<SimOrder>, config: SimBrokerConfig): Account {
  const bp = buyingPowerOf(state, open, config);
  return {
    id: state.accountId,
    status: 'ACTIVE',
    currency: 'USD',
    cash: roundMoney(state.cash),
    equity: roundMoney(bp.equity),
    lastEquity: state.lastEquity,
    buyingPower: roundMoney(bp.buyingPower),
    longMarketValue: roundMoney(bp.longMarketValue),
    shortMarketValue: roundMoney(bp.shortMarketValue),
    initialMargin: roundMoney(bp.initialMargin),
    maintenanceMargin: roundMoney(bp.maintenanceMargin),
    multiplier: config.marginMultiplier,
    tradingBlocked: false,
    accountBlocked: false,
    shortingEnabled: config.shortingEnabled && config.marginMultiplier > 1,
  };
}

/** Quantity of `symbol` that open orders on the closing side already claim (a bracket's exits claim it once). */
export function heldForOrders(symbol: string, closingSide: 'buy' | 'sell', open: Iterable<SimOrder>): number {
  const byGroup = new Map<string, number>();
  for (const o of open) {
    // Held exits wait for their entry: they claim nothing of what is held now.
    if (o.symbol !== symbol || o.side !== closingSide || isTerminal(o.status) || o.status === 'held') continue;
    const group = o.orderClass === 'oco' ? (o.parentId ?? o.id) : o.legRole !== null ? o.parentId! : o.id;
    const left = o.qty === null ? 0 : Math.max(0, o.qty - o.filledQty);
    byGroup.set(group, Math.max(byGroup.get(group) ?? 0, left));
  }
  let total = 0;
  for (const v of byGroup.values()) total += v;
  return total;
}

/** Positions as Alpaca's /v2/positions reports them; a position opened since the last close takes its last-day price from `lastClose`. */
export function positionsView(state: AccountState, open: readonly SimOrder[], lastClose: Pricer): Position[] {
  return Object.values(state.positions)
    .sort((a, b) => (a.symbol < b.symbol ? -1 : 1))
    .map((p) => {
      const qty = Math.abs(p.qty);
      const currentPrice = p.lastPrice;
      const lastdayPrice = p.lastdayPrice ?? lastClose.mark(p.symbol) ?? p.avgEntryPrice;
      const sign = Math.sign(p.qty);
      const openedToday = p.openedAt > state.lastCloseAt;
      const intradayBase = openedToday ? p.avgEntryPrice : lastdayPrice;
      return {
        symbol: p.symbol,
        assetClass: p.assetClass,
        side: p.qty > 0 ? 'long' : 'short',
        qty,
        qtyAvailable: Math.max(0, qty - heldForOrders(p.symbol, p.qty > 0 ? 'sell' : 'buy', open)),
        avgEntryPrice: p.avgEntryPrice,
        currentPrice,
        lastdayPrice,
        marketValue: roundMoney(p.qty * currentPrice),
        costBasis: roundMoney(p.qty * p.avgEntryPrice),
        unrealizedPl: roundMoney(sign * qty * (currentPrice - p.avgEntryPrice)),
        unrealizedIntradayPl: roundMoney(sign * qty * (currentPrice - intradayBase)),
      } satisfies Position;
    });
}
