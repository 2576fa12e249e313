import type { EpochMs } from '../../../domain/time.ts';
import type { Asset } from '../../../domain/market.ts';
import type { OrderRequest, OrderSide } from '../../../domain/orders.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { invalid, type AlpacaRejection } from './alpaca-rejections.ts';
import { buyingPowerRule, positionRule, washTradeRule } from './account-rules.ts';
import { equityRatioRule, limitPriceAwayRule } from './account-protections.ts';
import type { Pricer } from './buying-power.ts';
import type { EngineContext } from './engine-context.ts';
import { trailingStopLevel } from './fill-model.ts';
import { timingFor, type OrderTiming } from './order-timing.ts';
import { validateOrderRequest, type ValidRequest } from './order-validation.ts';
import { nextId } from './sim-ids.ts';
import type { LegRole, SimOrder } from './sim-state.ts';

/** Alpaca turns buy stops into stop-limits with a protective limit 4 % (under $50) or 2.5 % above the stop. */
export function protectiveLimit(stop: number): number {
  const raw = stop * (stop < 50 ? 1.04 : 1.025);
  const scale = raw >= 1 ? 100 : 10_000;
  return Math.round(raw * scale) / scale;
}

/** What differs between the orders one request creates (the order, its exits). */
interface Shape {
  side: OrderSide;
  type: SimOrder['type'];
  status: SimOrder['status'];
  limitPrice: number | null;
  stopPrice: number | null;
  trailPrice: number | null;
  trailPercent: number | null;
  hwm: number | null;
  legRole: LegRole | null;
}

// Built as one literal with every field (no object spread): spreading then adding fields takes a slow path
// in V8 11 (Node 20), about 1.5 µs a time, which a replay that submits millions of orders would feel.
function newOrder(req: ValidRequest, asset: Asset, timing: OrderTiming, now: EpochMs, f: Shape, refPrice: number | null): SimOrder {
  const protect = f.type === 'stop' && f.side === 'buy' && asset.assetClass === 'us_equity' ? protectiveLimit(f.stopPrice!) : null;
  return {
    id: '',
    clientOrderId: '',
    symbol: asset.symbol,
    assetClass: asset.assetClass,
    side: f.side,
    type: f.type,
    timeInForce: req.timeInForce,
    orderClass: req.orderClass,
    status: f.status,
    qty: req.qty ?? null,
    notional: req.notional ?? null,
    filledQty: 0,
    filledValue: 0,
    filledAvgPrice: null,
    limitPrice: f.limitPrice,
    stopPrice: f.stopPrice,
    trailPrice: f.trailPrice,
    trailPercent: f.trailPercent,
    hwm: f.hwm,
    extendedHours: req.extendedHours,
    createdAt: now,
    updatedAt: now,
    submittedAt: now,
    filledAt: null,
    canceledAt: null,
    expiredAt: null,
    replacedAt: null,
    replacedBy: null,
    replaces: null,
    parentId: null,
    legRole: f.legRole,
    activeFrom: timing.activeFrom,
    deadline: timing.deadline,
    session: timing.session,
    auction: timing.auction,
    triggered: false,
    protectLimit: protect,
    refPrice,
    fees: 0,
  };
}

function exitShape(req: ValidRequest, role: LegRole, side: OrderSide, status: SimOrder['status']): Shape {
  if (role === 'take_profit') {
    return { side, type: 'limit', status, limitPrice: req.takeProfit!.limitPrice, stopPrice: null, trailPrice: null, trailPercent: null, hwm: null, legRole: role };
  }
  const sl = req.stopLoss!;
  const type = sl.limitPrice !== undefined ? 'stop_limit' : 'stop';
  return { side, type, status, limitPrice: sl.limitPrice ?? null, stopPrice: sl.stopPrice, trailPrice: null, trailPercent: null, hwm: null, legRole: role };
}

/** The orders a request creates: the order itself and, for bracket / oto / oco, its exits (not yet saved, no ids). */
function draftsOf(req: ValidRequest, asset: Asset, timing: OrderTiming, now: EpochMs, pricer: Pricer): SimOrder[] {
  const ref = (req.side === 'buy' ? pricer.ask(asset.symbol) : pricer.bid(asset.symbol)) ?? pricer.mark(asset.symbol);
  if (req.orderClass === 'oco') {
    const tp = exitShape(req, 'take_profit', req.side, timing.status);
    tp.legRole = null;
    return [newOrder(req, asset, timing, now, tp, ref), newOrder(req, asset, timing, now, exitShape(req, 'stop_loss', req.side, timing.status), ref)];
  }
  const hwm = req.type === 'trailing_stop' ? pricer.mark(asset.symbol) : null;
  const trail = { side: req.side, trailPrice: req.trailPrice ?? null, trailPercent: req.trailPercent ?? null };
  const entry = newOrder(req, asset, timing, now, {
    side: req.side,
    type: req.type,
    status: timing.status,
    limitPrice: req.limitPrice ?? null,
    stopPrice: hwm !== null ? trailingStopLevel(trail, hwm) : (req.stopPrice ?? null),
    trailPrice: trail.trailPrice,
    trailPercent: trail.trailPercent,
    hwm,
    legRole: null,
  }, ref);
  const exitSide: OrderSide = req.side === 'buy' ? 'sell' : 'buy';
  const orders = [entry];
  if (req.takeProfit) orders.push(newOrder(req, asset, timing, now, exitShape(req, 'take_profit', exitSide, 'held'), ref));
  if (req.stopLoss) orders.push(newOrder(req, asset, timing, now, exitShape(req, 'stop_loss', exitSide, 'held'), ref));
  return orders;
}

/**
 * Alpaca's admission of a new order at `now`: parameter checks, the session window of its time in force,
 * then the account checks (wash trade, position and shorting, buying power, in that order). On success
 * returns the orders to save (the order first, then its exits) with fresh ids; nothing is changed on refusal.
 */
export function admitOrder(
  ctx: EngineContext,
  req: OrderRequest,
  now: EpochMs,
  pricer: Pricer,
  replacing?: SimOrder,
): Result<SimOrder[], AlpacaRejection> {
  const asset = ctx.assets.get(req.symbol);
  const checked = validateOrderRequest(req, asset, asset ? pricer.mark(asset.symbol) : null);
  if (!checked.ok) return checked;
  const valid = checked.value;
  const timing = timingFor({ assetClass: asset!.assetClass, timeInForce: valid.timeInForce, extendedHours: valid.extendedHours }, now);
  if (!timing.ok) return fail(invalid(timing.reason));
  const orders = draftsOf(valid, asset!, timing.value, now, pricer);
  const main = orders[0]!;
  main.clientOrderId = valid.clientOrderId;
  const others: SimOrder[] = [];
  for (const x of ctx.session.open.values()) if (x.symbol === main.symbol && x.id !== replacing?.id && (replacing === undefined || x.parentId !== replacing.id)) others.push(x);
  // A replaced exit closes a position its bracket already accounts for: only its own parameters are checked again.
  const exit = replacing !== undefined && (replacing.legRole !== null || replacing.orderClass === 'oco');
  const problem = exit
    ? null
    : (washTradeRule(others, main) ??
      positionRule(ctx, others, main, asset!, pricer) ??
      limitPriceAwayRule(ctx, main, pricer) ??
      buyingPowerRule(ctx, main, replacing?.id) ??
      equityRatioRule(ctx, main, pricer));
  if (problem) return fail(problem);
  const state = ctx.session.state;
  for (const o of orders) {
    o.id = nextId(state);
    if (o !== main) {
      o.parentId = main.id;
      o.clientOrderId = o.id;
    }
  }
  if (main.clientOrderId === '') main.clientOrderId = main.id;
  return ok(orders);
}
