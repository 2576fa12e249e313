import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import type { Asset, AssetClass, CalendarDay, MarketClock } from '../../../domain/market.ts';
import type { Account, Order, OrderPatch, OrderRequest, Position, SubmitOutcome } from '../../../domain/orders.ts';
import { calendarBetween, marketClockAt } from '../../../domain/calendar/nyse-calendar.ts';
import type { Broker, FillQuery, OrderQuery } from '../../../ports/broker.port.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import type { SimFeed } from '../sim-feed.ts';
import { accountView, feedPricer, positionsView } from './account-view.ts';
import { invalid, notFoundError, rejectionError, toRejectedOutcome } from './alpaca-rejections.ts';
import { AssetIndex, commit, type EngineContext } from './engine-context.ts';
import { advanceTo } from './matching-engine.ts';
import { admissionTime, arrivalOf } from './fill-model.ts';
import { SessionCursor } from './session-cursor.ts';
import { MemoryStateStore } from './memory-state-store.ts';
import { admitOrder } from './order-admission.ts';
import { cancelWithGroup } from './order-lifecycle.ts';
import { replaceOrder } from './order-replace.ts';
import { orderView } from './order-view.ts';
import { resolveSimBrokerConfig, type SimBrokerConfig } from './sim-broker-config.ts';
import { newAccountState } from './new-account.ts';
import { hasPositions, isTerminal, roundQty, type SimFill, type SimOrder } from './sim-state.ts';
import type { OrderKeys, SimBrokerStore } from './state-store.ts';

function viewsOf(orders: readonly SimOrder[], legsOf: ((parentId: string) => SimOrder[]) | null): Order[] {
  const out: Order[] = [];
  for (let i = 0; i < orders.length; i++) out.push(orderView(orders[i]!, legsOf));
  return out;
}

// Calls that name no order share one empty key set (a store only reads it).
const NO_KEYS: OrderKeys = Object.freeze({});

function accountOf(ctx: EngineContext): Account {
  return accountView(ctx.session.state, ctx.session.open.values(), ctx.config);
}

function positionsOf(ctx: EngineContext): Position[] {
  const { session, feed } = ctx;
  // No position (a quiet account's every tick): no copy of the open orders, no pricer.
  return hasPositions(session.state) ? positionsView(session.state, [...session.open.values()], feedPricer(feed, session.state.lastCloseAt)) : [];
}

/** What a simulated broker runs on. */
export interface SimBrokerOptions {
  feed: SimFeed;
  clock: Clock;
  /** Where the account lives; in memory when omitted. */
  store?: SimBrokerStore;
  config?: Partial<SimBrokerConfig>;
}

/** Fill pages in either direction (Alpaca's activities default to newest first; the port pages oldest first). */
export type SimFillQuery = FillQuery & { direction?: 'asc' | 'desc' };

/**
 * The simulated broker: Alpaca's order types, time in force, order classes, rejections and account
 * arithmetic over a SimFeed's one-minute bars. Every call loads the account from the store, matches the
 * bars that completed since the previous call, applies the request and saves, so any number of instances
 * (one per function invocation) on one store behave as one broker.
 */
export class SimBroker implements Broker {
  readonly config: SimBrokerConfig;
  private readonly store: SimBrokerStore;
  private assetIndex: AssetIndex | null = null;
  private readonly cursor = new SessionCursor();
  // Made once: every call hands the store the way to open the account.
  private readonly newAccount = () => newAccountState(this.config, this.options.clock.now());

  constructor(private readonly options: SimBrokerOptions) {
    this.config = resolveSimBrokerConfig(options.config);
    this.store = options.store ?? new MemoryStateStore();
  }

  private get assets(): AssetIndex {
    this.assetIndex ??= new AssetIndex(this.options.feed.assets());
    return this.assetIndex;
  }

  private call<T>(keys: OrderKeys, work: (ctx: EngineContext, now: EpochMs) => T | Promise<T>): Promise<T> {
    const { feed, clock } = this.options;
    return this.store.withAccount(
      keys,
      this.newAccount,
      (session) => {
        // Read inside the lock: a call that waited must not act before what the previous one processed.
        const now = Math.max(clock.now(), session.state.processedUntil);
        const ctx: EngineContext = { session, config: this.config, assets: this.assets, feed, book: null, nextEvent: Infinity, cursor: this.cursor };
        advanceTo(ctx, now);
        return work(ctx, now);
      },
    );
  }

  /** Account with equity, cash, market values and buying power after open-order holds. */
  getAccount(): Promise<Account> {
    return this.call(NO_KEYS, accountOf);
  }

  /** Realized P&L and fees so far (what a backtest report needs beyond the Broker port). */
  getLedger(): Promise<{ cash: number; realizedPl: number; feesPaid: number }> {
    return this.call({}, ({ session: { state } }) => ({ cash: state.cash, realizedPl: state.realizedPl, feesPaid: state.feesPaid }));
  }

  async getClock(): Promise<MarketClock> {
    return marketClockAt(this.options.clock.now());
  }

  async getCalendar(start: IsoDate, end: IsoDate): Promise<CalendarDay[]> {
    return calendarBetween(start, end);
  }

  async getAssets(filter: { assetClass?: AssetClass; status?: 'active' | 'inactive' } = {}): Promise<Asset[]> {
    return this.assets.all.filter((a) => (!filter.assetClass || a.assetClass === filter.assetClass) && (!filter.status || a.status === filter.status));
  }

  async getAsset(symbol: string): Promise<Asset | null> {
    return this.assets.get(symbol);
  }

  getPositions(): Promise<Position[]> {
    return this.call(NO_KEYS, positionsOf);
  }

  /** Submits once. A client order id used before (even by a canceled order) answers `duplicate` with that order. */
  submitOrder(request: OrderRequest): Promise<SubmitOutcome> {
    return this.call({ clientOrderIds: request.clientOrderId ? [request.clientOrderId] : [] }, (ctx, now): SubmitOutcome => {
      const existing = request.clientOrderId ? ctx.session.findByClientOrderId(request.clientOrderId) : undefined;
      if (existing) return { status: 'duplicate', order: orderView(existing, ctx.session.legsOf) };
      // The order reaches the venue `orderLatencyMs` (+ jitter) after the call; on one-minute bars it may fill from
      // the bar in which it arrives (that bar's open stands for the price at arrival), never one before the call.
      const admitted = admitOrder(ctx, request, admissionTime(now, arrivalOf(now, request.clientOrderId ?? '', this.config)), feedPricer(ctx.feed, now));
      if (!admitted.ok) return toRejectedOutcome(admitted.reason);
      for (const o of admitted.value) commit(ctx, o);
      return { status: 'accepted', order: orderView(admitted.value[0]!, ctx.session.legsOf) };
    });
  }

  getOrder(id: string): Promise<Order | null> {
    return this.call({ ids: [id] }, ({ session }) => {
      const o = session.find(id);
      return o ? orderView(o, session.legsOf) : null;
    });
  }

  getOrderByClientOrderId(clientOrderId: string): Promise<Order | null> {
    return this.call({ clientOrderIds: [clientOrderId] }, ({ session }) => {
      const o = session.findByClientOrderId(clientOrderId);
      return o ? orderView(o, session.legsOf) : null;
    });
  }

  /** Orders by status and creation time; `limit` defaults to 50 and is capped at 500 as at Alpaca. */
  listOrders(query: OrderQuery): Promise<Order[]> {
    const nested = query.nested ?? false;
    return this.call(NO_KEYS, ({ session }) => {
      const orders = session.listOrders({
        status: query.status,
        after: query.after,
        until: query.until,
        limit: Math.min(500, Math.max(1, query.limit ?? 50)),
        symbols: query.symbols,
        direction: query.direction ?? 'desc',
        nested,
      });
      const legsOf = nested ? session.legsOf : null;
      // A store in memory lists at once, so the call ends within itself; Postgres answers later.
      return orders instanceof Promise ? orders.then((list) => viewsOf(list, legsOf)) : viewsOf(orders, legsOf);
    });
  }

  /** Cancels an open order with the orders linked to it; 404 when unknown, 422 when it already ended. */
  cancelOrder(id: string): Promise<void> {
    return this.call({ ids: [id] }, (ctx, now) => {
      const o = ctx.session.find(id);
      if (!o) throw notFoundError('order not found');
      if (isTerminal(o.status) || o.status === 'pending_cancel') throw rejectionError(invalid(`order is already in "${o.status}" state`));
      cancelWithGroup(ctx, o, now);
    });
  }

  replaceOrder(id: string, patch: OrderPatch): Promise<Order> {
    const keys = { ids: [id], clientOrderIds: patch.clientOrderId ? [patch.clientOrderId] : [] };
    return this.call(keys, (ctx, now) => orderView(replaceOrder(ctx, id, patch, now, feedPricer(ctx.feed, now)), ctx.session.legsOf));
  }

  /** A market order for all (or `qty`, or `percentage` %) of a position; open orders are left alone, as at Alpaca. */
  closePosition(symbol: string, options: { qty?: number; percentage?: number } = {}): Promise<Order> {
    return this.call({}, (ctx, now) => {
      const asset = ctx.assets.get(symbol);
      const pos = asset ? ctx.session.state.positions[asset.symbol] : undefined;
      if (!asset || !pos) throw notFoundError(`position not found: ${symbol}`);
      const whole = asset.assetClass === 'us_equity' && !asset.fractionable;
      const share = options.percentage !== undefined ? (Math.abs(pos.qty) * options.percentage) / 100 : Math.abs(pos.qty);
      const qty = options.qty ?? (whole ? Math.floor(share + 1e-9) : roundQty(share));
      const request: OrderRequest = {
        clientOrderId: '',
        symbol: asset.symbol,
        side: pos.qty > 0 ? 'sell' : 'buy',
        type: 'market',
        timeInForce: asset.assetClass === 'crypto' ? 'gtc' : 'day',
        qty,
      };
      // The order reaches the venue `orderLatencyMs` (+ jitter) after the call; on one-minute bars it may fill from
      // the bar in which it arrives (that bar's open stands for the price at arrival), never one before the call.
      const admitted = admitOrder(ctx, request, admissionTime(now, arrivalOf(now, request.clientOrderId ?? '', this.config)), feedPricer(ctx.feed, now));
      if (!admitted.ok) throw rejectionError(admitted.reason);
      commit(ctx, admitted.value[0]!);
      return orderView(admitted.value[0]!, null);
    });
  }

  /** FILL activities, oldest first unless `direction: 'desc'`; pages of at most 100 as at Alpaca. */
  getFills(query: SimFillQuery): Promise<{ fills: SimFill[]; nextPageToken: string | null }> {
    return this.call(NO_KEYS, ({ session }) =>
      session.listFills({
        after: query.after,
        until: query.until,
        pageToken: query.pageToken,
        pageSize: Math.min(100, Math.max(1, query.pageSize ?? 100)),
        direction: query.direction ?? 'asc',
      }),
    );
  }
}
