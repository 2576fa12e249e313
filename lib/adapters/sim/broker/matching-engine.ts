import type { EpochMs } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import type { Bar } from '../../../domain/market.ts';
import type { SymbolBar } from '../sim-feed.ts';
import { buildBook, commit, eventTimeOf, isWorking, openLegsOf, type EngineContext } from './engine-context.ts';
import { barCapacity, crossedPrice, executionInBar, feeOf, slippedPrice } from './fill-model.ts';
import { Conditions, stopsFirst } from './bar-conditions.ts';
import { endOrder, recordExecution } from './order-lifecycle.ts';
import { nextRegularSession } from './session-cursor.ts';
import { hasPositions, remainingQty, roundQty, type AccountState, type SimOrder } from './sim-state.ts';
import { snapshotClose } from './account-view.ts';

function scanNextEvent(ctx: EngineContext): number {
  let next = Number.POSITIVE_INFINITY;
  for (const o of ctx.session.open.values()) next = Math.min(next, eventTimeOf(o));
  return next;
}

/** Applies the order events due at or before `t`: accepted orders go live, orders past their deadline end. */
function applyOrderEvents(ctx: EngineContext, t: EpochMs): void {
  for (const o of [...ctx.session.open.values()]) {
    if (o.status === 'accepted' && o.activeFrom <= t) {
      o.status = 'new';
      o.updatedAt = o.activeFrom;
      commit(ctx, o);
    }
    if (isWorking(o) && o.deadline !== null && o.deadline <= t) {
      const ioc = o.timeInForce === 'ioc' || o.timeInForce === 'fok';
      // A pending cancel's deadline is the instant the cancel completes.
      endOrder(ctx, o, ioc || o.status === 'pending_cancel' ? 'canceled' : 'expired', Math.max(o.deadline, o.activeFrom));
    }
  }
  ctx.nextEvent = scanNextEvent(ctx);
}

/** Quantity step of an order: the crypto pair's increment, whole shares, or 1e-9 for fractional shares. */
function stepOf(ctx: EngineContext, o: SimOrder): number {
  if (o.assetClass === 'crypto') return ctx.assets.get(o.symbol)?.minTradeIncrement ?? 1e-9;
  return o.qty !== null && Number.isInteger(o.qty) ? 1 : 1e-9;
}

function roundPrice(o: SimOrder, price: number): number {
  const scale = o.assetClass === 'us_equity' ? 10_000 : 1e8;
  return Math.round(price * scale) / scale;
}

/**
 * Tries one working order against one bar. `entryBar`: the order is the stop of an entry that just filled in
 * this bar, live for the rest of it (its activation time, the next bar, does not hold it back).
 */
function matchOrder(ctx: EngineContext, conditions: Conditions, o: SimOrder, bar: Bar, entryBar = false): void {
  if ((bar.t < o.activeFrom && !entryBar) || (o.deadline !== null && bar.t >= o.deadline)) return;
  if (o.session !== 'any') {
    const phase = ctx.cursor.phaseAt(bar.t);
    if (o.session === 'regular' ? phase !== 'regular' : phase === 'closed') return;
  }
  const immediate = o.timeInForce === 'ioc' || o.timeInForce === 'fok';
  const market = conditions.at(o, bar);
  const { execution, changed } = executionInBar(o, bar, market);
  if (changed) commit(ctx, o);
  if (execution === null) {
    if (immediate) endOrder(ctx, o, 'canceled', bar.t);
    return;
  }
  const buy = o.side === 'buy';
  const crossed = execution.crosses ? crossedPrice(buy, execution.price, market) : execution.price;
  const step = stepOf(ctx, o);
  const capacity = barCapacity(bar.v, ctx.config, step);
  let qty: number;
  let price: number;
  if (o.qty === null) {
    const left = (o.notional ?? 0) - o.filledValue;
    qty = Math.min(capacity, Math.floor(left / execution.price / step) * step);
    price = roundPrice(o, slippedPrice(buy, execution, qty / bar.v, ctx.config, bar, crossed));
    qty = Math.min(qty, Math.floor(left / price / step) * step);
  } else {
    const remaining = remainingQty(o);
    if (o.timeInForce === 'fok' && capacity < remaining) return endOrder(ctx, o, 'canceled', bar.t);
    qty = Math.min(remaining, capacity);
    price = roundPrice(o, slippedPrice(buy, execution, qty / bar.v, ctx.config, bar, crossed));
  }
  qty = roundQty(qty);
  if (qty > 0) {
    const fee = feeOf(o.assetClass, o.side, qty, price, execution.maker, ctx.config);
    recordExecution(ctx, o, { qty, price, fee, at: bar.t, exitsFrom: bar.t + MINUTE_MS });
    if (o.status === 'filled' && o.legRole === null && (o.orderClass === 'bracket' || o.orderClass === 'oto')) stopsInEntryBar(ctx, conditions, o, bar);
  }
  if (immediate) endOrder(ctx, o, 'canceled', bar.t);
}

/**
 * The stop of an entry that filled in `bar` is live for the rest of that bar: the path inside the bar is
 * unknown, so whatever of the bar's range lies beyond the stop may have come after the fill. The take-profit
 * is not offered the entry bar (its high may have come before the fill).
 */
function stopsInEntryBar(ctx: EngineContext, conditions: Conditions, entry: SimOrder, bar: Bar): void {
  for (const leg of openLegsOf(ctx, entry.id)) if (leg.legRole === 'stop_loss' && isWorking(leg)) matchOrder(ctx, conditions, leg, bar, true);
}

/** One replay from `processedUntil` to a later instant: the bar loop with the day's close and order events interleaved. */
class Replay {
  private nextClose: EpochMs;
  private readonly conditions: Conditions;

  constructor(
    private readonly ctx: EngineContext,
    private readonly book: Map<string, SimOrder[]>,
    private readonly positions: AccountState['positions'],
    from: EpochMs,
  ) {
    this.nextClose = nextRegularSession(from).close;
    this.conditions = new Conditions(ctx);
  }

  /** Takes every close snapshot and applies every order event due at or before `t`, in time order. */
  settle(t: EpochMs): void {
    const ctx = this.ctx;
    while (Math.min(this.nextClose, ctx.nextEvent) <= t) {
      if (this.nextClose <= ctx.nextEvent) {
        snapshotClose(ctx, this.nextClose);
        this.nextClose = nextRegularSession(this.nextClose).close;
      } else {
        applyOrderEvents(ctx, ctx.nextEvent);
      }
    }
  }

  bar(symbol: string, bar: Bar): void {
    if (bar.t >= this.ctx.nextEvent || bar.t >= this.nextClose) this.settle(bar.t);
    const list = this.book.get(symbol);
    if (list !== undefined && list.length > 0) {
      if (list.length === 1) matchOrder(this.ctx, this.conditions, list[0]!, bar);
      else for (const o of stopsFirst(list)) if (isWorking(o)) matchOrder(this.ctx, this.conditions, o, bar);
    }
    const held = this.positions[symbol];
    if (held !== undefined) held.lastPrice = bar.c;
  }
}

const NO_BARS: readonly SymbolBar[] = Object.freeze([]);

/**
 * Advances the account to `to`: matches every bar whose minute ended since the last call against the
 * orders working at its start (an order never fills on the bar in progress when it arrived), applies
 * activations and deadlines in time order, and takes the end-of-day snapshot at each regular close.
 */
export function advanceTo(ctx: EngineContext, to: EpochMs): void {
  const state = ctx.session.state;
  const from = state.processedUntil;
  if (!(to > from)) return;
  if (ctx.session.open.size === 0 && !hasPositions(state)) {
    // No order and no position (a quiet account's every tick): only the closes passed change the account,
    // by their end-of-day snapshots, as the replay's settle() would take them; no book, no replay, no bar.
    for (let close = nextRegularSession(from).close; close <= to; close = nextRegularSession(close).close) snapshotClose(ctx, close);
    state.processedUntil = to;
    return;
  }
  const book = buildBook(ctx.session.open.values());
  ctx.book = book;
  ctx.nextEvent = scanNextEvent(ctx);
  const replay = new Replay(ctx, book, state.positions, from);
  try {
    // Only bars of symbols with working orders or positions change the account (any other bar only moves
    // time on, and settle() below catches up with time): a feed that can narrow the span hands out just those,
    // and with neither (a quiet account's every tick) no bar is read at all.
    const bars = book.size === 0 && !hasPositions(state) ? NO_BARS : ctx.feed.barsOfSymbolsBetween ? ctx.feed.barsOfSymbolsBetween(new Set([...book.keys(), ...Object.keys(state.positions)]), from, to) : ctx.feed.barsBetween(from, to);
    // Feeds that hand back an array are walked by index (a replay's hottest loop); any iterable works.
    if (Array.isArray(bars)) {
      const list = bars as readonly SymbolBar[];
      for (let i = 0; i < list.length; i++) replay.bar(list[i]!.symbol, list[i]!.bar);
    } else {
      for (const { symbol, bar } of bars) replay.bar(symbol, bar);
    }
    replay.settle(to);
  } finally {
    ctx.book = null;
  }
  state.processedUntil = to;
}
